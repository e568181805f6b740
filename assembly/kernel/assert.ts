// Kernel assertions (include/zephyr/sys/__assert.h, lib/os/assert.c; zassert.c since 2026).
//
// A failed kernel assertion prints Zephyr's report,
//
//   ASSERTION FAIL [<condition>] @ <file>:<line>
//   	<message>
//
// and then takes the post action: assert_post_action(file, line). Zephyr's default is
// k_panic(); an application overrides it by defining assert_post_action (zassert_post_action
// in Zephyr's 2026 tree). AssemblyScript has no weak symbols, so the application registers
// its hook instead, at top level (each CPU's start function runs the registration), as with
// k_sys_fatal_error_handler_set. The hook runs in the failing context (interrupts as the
// failing code left them, its spinlocks still held) and may unlock locks and end the test
// (ztest_test_pass); if it returns, the kernel goes on after the assertion, as Zephyr's does
// under CONFIG_ASSERT_TEST.
//
// <file>:<line> name wasmp's source of the check: the spinlock checks report
// "kernel/spinlock_validate.ts"; __ASSERT (below) reports no location.

import { K_ERR_KERNEL_PANIC } from "../generated/contract";
import { printk } from "./printk";
import { z_fatal_error } from "./fatal";
import { CONFIG_ASSERT } from "./config";

/** assert_post_action(file, line). */
export type assert_post_action_t = (file: string, line: u32) => void;

let post_action: usize = 0;

/** Registers the application's assert_post_action (call at top level). */
export function assert_post_action_set(fn: assert_post_action_t): void {
  post_action = changetype<usize>(fn);
}

/**
 * Reports a failed assertion and takes the post action. Without an application hook that is
 * Zephyr's default, k_panic(): a K_ERR_KERNEL_PANIC whose fatal report also carries `msg`
 * and, for a spinlock check, the lock (`lock`). Returns only if the application's hook does.
 */
export function z_assert_fail(cond: string, file: string, line: u32, msg: string, lock: usize = 0): void {
  if (file.length == 0) printk("ASSERTION FAIL\n");
  else if (cond.length == 0) printk(`ASSERTION FAIL @ ${file}:${line}\n`);
  else printk(`ASSERTION FAIL [${cond}] @ ${file}:${line}\n`);
  if (msg.length > 0) printk(`\t${msg}\n`);
  if (post_action != 0) {
    changetype<assert_post_action_t>(post_action)(file, line);
    return;
  }
  z_fatal_error(K_ERR_KERNEL_PANIC, msg, lock);
}

/**
 * The object check of a kernel API call (Zephyr's `__ASSERT(obj != NULL, ...)`): under
 * CONFIG_ASSERT, a NULL `obj` is a failed assertion whose report names the call,
 *
 *   ASSERTION FAIL [obj != NULL] @ <file>:<line>
 *   	<call>: NULL object
 *
 * then the post action (by default a kernel panic with that message). One compare in the
 * caller; nothing without CONFIG_ASSERT. `file` and `line` name the check (`__LINE__`).
 */
// @ts-ignore: decorator
@inline export function __ASSERT_OBJ<T>(obj: T, call: string, file: string, line: u32): void {
  if (CONFIG_ASSERT && changetype<usize>(obj) == 0) z_assert_obj_fail(call, file, line);
}

/** The cold half of __ASSERT_OBJ. */
export function z_assert_obj_fail(call: string, file: string, line: u32): void {
  z_assert_fail("obj != NULL", file, line, call + ": NULL object");
}

/**
 * __ASSERT: if CONFIG_ASSERT, a false condition is a failed assertion (z_assert_fail): the
 * report, then assert_post_action, by default a kernel panic with `msg`. AssemblyScript has no
 * stringified condition or caller location: the report names neither.
 */
// @ts-ignore: decorator
@inline export function __ASSERT(cond: bool, msg: string): void {
  if (CONFIG_ASSERT && !cond) z_assert_fail("", "", 0, msg);
}
