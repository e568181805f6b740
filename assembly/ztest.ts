// A ztest-like harness (subsys/testsuite/ztest): suites with setup/before/after/teardown
// hooks, tests that each run in their own thread, zassert_* and a summary.
//
// Registration runs in every CPU's start function (top-level ZTEST_SUITE/ZTEST calls), so
// each CPU holds an equivalent registry; the runner walks it by index, which stays valid if
// the runner migrates. The verdict of the running test lives in static memory, shared.
// A failed assertion prints where it failed and ends the test's thread, as in Zephyr.

import { printk } from "./kernel/printk";
import {
  k_thread_abort,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  k_thread_start,
  k_tid_t,
  z_thread_exit,
} from "./kernel/thread";
import { K_FOREVER, k_uptime_get, k_uptime_get_32 } from "./kernel/timeout";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock, arch_is_in_isr, arch_num_cpus, kernel } from "./arch/cpu";
import { k_sem_give, k_sem_init, k_sem_take } from "./kernel/sem";
import { host_park } from "./arch/imports";
import { k_thread_cpu_pin } from "./kernel/cpu_mask";
import { CONFIG_SMP, CONFIG_ZTEST_CPU_HOLD_TIME_MS } from "./kernel/config";
import { k_sem, K_HIGHEST_THREAD_PRIO, MAX_CPUS, SIZEOF_K_SEM } from "./generated/contract";

export type ztest_setup_t = () => usize;
export type ztest_fixture_fn_t = (fixture: usize) => void;
export type ztest_fn_t = () => void;

// @ts-ignore: decorator
@inline const TC_PASS: i32 = 0;
// @ts-ignore: decorator
@inline const TC_FAIL: i32 = 1;
// @ts-ignore: decorator
@inline const TC_SKIP: i32 = 2;

/** Save area of a test's thread (Zephyr's CONFIG_ZTEST_STACK_SIZE), in bytes: room for a test body's frames. */
// @ts-ignore: decorator
@inline const ZTEST_STACK_SIZE: i32 = 16384;

/**
 * Verdict of the running test (offset 0, written by whichever thread ends the test, read by the
 * runner) and the test's thread (offset 4, 0 between tests).
 */
const verdict = memory.data(8, 4);
// @ts-ignore: decorator
@inline const TEST_THREAD: usize = 4;

export class ztest_unit_test {
  constructor(
    public name: string,
    public fn: ztest_fn_t | null,
    public fixture_fn: ztest_fixture_fn_t | null,
  ) {}
}

export class ztest_suite_node {
  tests: ztest_unit_test[] = new Array<ztest_unit_test>();
  constructor(
    public name: string,
    public setup: ztest_setup_t | null,
    public before: ztest_fixture_fn_t | null,
    public after: ztest_fixture_fn_t | null,
    public teardown: ztest_fixture_fn_t | null,
  ) {}
}

// Per-CPU registries: `new`, not an array literal (a top-level array literal is static data,
// one object shared by every CPU, and each CPU's start function would push into it).
const suites = new Array<ztest_suite_node>();

/** ZTEST_SUITE: registers a suite (call at top level). The predicate of Zephyr is not supported. */
export function ZTEST_SUITE(
  name: string,
  setup: ztest_setup_t | null = null,
  before: ztest_fixture_fn_t | null = null,
  after: ztest_fixture_fn_t | null = null,
  teardown: ztest_fixture_fn_t | null = null,
): ztest_suite_node {
  const s = new ztest_suite_node(name, setup, before, after, teardown);
  suites.push(s);
  return s;
}

/** ZTEST: registers a test of `suite` (call at top level). */
export function ZTEST(suite: ztest_suite_node, name: string, fn: ztest_fn_t): void {
  suite.tests.push(new ztest_unit_test(name, fn, null));
}

/** ZTEST_F: a test that receives the suite's fixture (what setup returned). */
export function ZTEST_F(suite: ztest_suite_node, name: string, fn: ztest_fixture_fn_t): void {
  suite.tests.push(new ztest_unit_test(name, null, fn));
}

/**
 * Ends the running test with verdict `v`, from any thread or ISR, as Zephyr's test_finalize
 * does: the test's thread is aborted (the runner, joined on it, goes on), then the calling
 * thread ends too, unless it is an ISR, which returns.
 */
function test_finalize(v: i32): void {
  store<i32>(verdict, v);
  const test_thread = atomic.load<u32>(verdict, TEST_THREAD);
  const self = arch_curr_cpu().current;
  if (test_thread != 0 && test_thread != <u32>self) k_thread_abort(changetype<k_tid_t>(test_thread));
  if (arch_is_in_isr()) return;
  z_thread_exit();
}

/** Ends the running test as failed (from the test's thread, a helper thread or an ISR). */
export function ztest_test_fail(): void {
  test_finalize(TC_FAIL);
}

/** Ends the running test as skipped. */
export function ztest_test_skip(): void {
  printk(" SKIP\n");
  test_finalize(TC_SKIP);
}

/** Ends the running test as passed. */
export function ztest_test_pass(): void {
  test_finalize(TC_PASS);
}

function fail(what: string, msg: string): void {
  printk(`\n    Assertion failed: ${what}${msg.length > 0 ? ": " + msg : ""}\n`);
  ztest_test_fail();
}

export function zassert_true(cond: bool, msg: string = ""): void {
  if (!cond) fail("condition is false", msg);
}
export function zassert_false(cond: bool, msg: string = ""): void {
  if (cond) fail("condition is true", msg);
}
export function zassert_unreachable(msg: string = ""): void {
  fail("reached unreachable code", msg);
}

function show<T>(v: T): string {
  if (isInteger<T>() || isFloat<T>()) return v.toString();
  if (isString<T>()) return changetype<string>(v);
  return "0x" + changetype<usize>(v).toString(16);
}

export function zassert_equal<T>(a: T, b: T, msg: string = ""): void {
  if (a != b) fail(`${show<T>(a)} not equal to ${show<T>(b)}`, msg);
}
export function zassert_not_equal<T>(a: T, b: T, msg: string = ""): void {
  if (a == b) fail(`${show<T>(a)} equal to ${show<T>(b)}`, msg);
}
export function zassert_not_null(p: usize, msg: string = ""): void {
  if (p == 0) fail("pointer is NULL", msg);
}
export function zassert_is_null(p: usize, msg: string = ""): void {
  if (p != 0) fail("pointer is not NULL", msg);
}
/** zassert_ok: `ret` must be 0. */
export function zassert_ok(ret: i32, msg: string = ""): void {
  if (ret != 0) fail(`${ret} is not 0`, msg);
}
export function zassert_between_inclusive(v: i64, lo: i64, hi: i64, msg: string = ""): void {
  if (v < lo || v > hi) fail(`${v} not between ${lo} and ${hi}`, msg);
}

// The test thread's arguments: p1 = the unit test, p2 = the fixture.
/** The test's thread (Zephyr's test_cb): the suite's before hook, then the test. */
function run_one(p1: usize, p2: usize, p3: usize): void {
  const t = changetype<ztest_unit_test>(p1);
  const s = changetype<ztest_suite_node>(p3);
  if (s.before != null) s.before!(p2);
  if (t.fn != null) t.fn!();
  else if (t.fixture_fn != null) t.fixture_fn!(p2);
}

/** Thread priority of tests: CONFIG_ZTEST_THREAD_PRIORITY (cooperative by default). */
function ztest_thread_prio(): i32 {
  return kernel().ztest_thread_prio;
}

/** Runs every registered suite; prints Zephyr's report and the summary. Returns the failures. */
export function ztest_run_all(): i32 {
  let passed = 0,
    failed = 0,
    skipped = 0;
  // A local, not a top-level array: top-level objects are one per CPU, and the runner may
  // print its summary on another CPU than the one it ran a suite on.
  const suite_lines = new Array<string>();
  for (let si = 0; si < suites.length; si++) {
    const s = suites[si];
    let s_pass = 0,
      s_fail = 0,
      s_skip = 0;
    const s_start = k_uptime_get();
    printk(`Running TESTSUITE ${s.name}\n===================================================================\n`);
    const fixture: usize = s.setup != null ? s.setup!() : 0;
    for (let ti = 0; ti < s.tests.length; ti++) {
      const t = suites[si].tests[ti];
      printk(`START - ${t.name}\n`);
      store<i32>(verdict, TC_PASS);
      const start = k_uptime_get();
      const th = k_thread_create(
        ZTEST_STACK_SIZE,
        run_one,
        changetype<usize>(t),
        fixture,
        changetype<usize>(s),
        ztest_thread_prio(),
        0,
        K_FOREVER,
      );
      k_thread_name_set(th, t.name);
      atomic.store<u32>(verdict, <u32>changetype<usize>(th), TEST_THREAD);
      k_thread_start(th);
      k_thread_join(th, K_FOREVER);
      atomic.store<u32>(verdict, 0, TEST_THREAD);
      if (s.after != null) s.after!(fixture);
      const v = load<i32>(verdict);
      const secs = fmt_secs(k_uptime_get() - start);
      if (v == TC_PASS) {
        s_pass++;
        printk(` PASS - ${t.name} in ${secs} seconds\n`);
      } else if (v == TC_SKIP) {
        s_skip++;
        printk(` SKIP - ${t.name} in ${secs} seconds\n`);
      } else {
        s_fail++;
        printk(` FAIL - ${t.name} in ${secs} seconds\n`);
      }
      printk("===================================================================\n");
    }
    if (s.teardown != null) s.teardown!(fixture);
    printk(`TESTSUITE ${s.name} ${s_fail == 0 ? "succeeded" : "failed"}\n`);
    suite_lines.push(
      `SUITE ${s_fail == 0 ? "PASS" : "FAIL"} - ${pct(s_pass, s_pass + s_fail + s_skip)}% [${s.name}]: pass = ${s_pass}, fail = ${s_fail}, skip = ${s_skip}, total = ${s_pass + s_fail + s_skip} duration = ${fmt_secs(k_uptime_get() - s_start)} seconds\n`,
    );
    passed += s_pass;
    failed += s_fail;
    skipped += s_skip;
  }
  printk("\n------ TESTSUITE SUMMARY START ------\n\n");
  for (let i = 0; i < suite_lines.length; i++) printk(suite_lines[i]);
  printk("\n------ TESTSUITE SUMMARY END ------\n\n");
  printk("===================================================================\n");
  printk(failed == 0 ? "PROJECT EXECUTION SUCCESSFUL\n" : "PROJECT EXECUTION FAILED\n");
  printk(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  return failed;
}

function fmt_secs(ms: i64): string {
  const s = ms / 1000,
    r = ms % 1000;
  return `${s}.${r < 10 ? "00" : r < 100 ? "0" : ""}${r}`;
}

function pct(a: i32, total: i32): string {
  if (total == 0) return "100.00";
  const x = (<i64>a * 10000) / <i64>total;
  const frac = x % 100;
  return `${x / 100}.${frac < 10 ? "0" : ""}${frac}`;
}

// --- 1cpu tests: ztest_simple_1cpu_before / ztest_simple_1cpu_after ---------------------------
// Zephyr's z_test_1cpu_start/stop (subsys/testsuite/ztest/src/ztest.c): before each test of a
// "_1cpu" suite, one cooperative thread of the highest priority per other CPU locks that
// CPU's interrupts and spins until the test ends, so the test runs as on one CPU. wasmp's
// hold threads wait on the host (host_park, 1 ms at a time) where Zephyr's spin in
// k_busy_wait(1000): the guest sees the same (the CPU does nothing with interrupts locked)
// and the host cores stay free for the CPU that runs the test.

/** CPUHOLD_STACK_SZ (512 + CONFIG_TEST_EXTRA_STACK_SIZE; raised to the minimum save area). */
// @ts-ignore: decorator
@inline const CPUHOLD_STACK_SZ: i32 = 512;

// Shared (static) state: cpuhold_active at offset 0, then the hold threads (MAX_CPUS - 1).
const cpuhold = memory.data(4 + MAX_CPUS * 4, 4);
// @ts-ignore: decorator
@inline const CPUHOLD_THREADS: usize = 4;
const cpuhold_sem = changetype<k_sem>(memory.data(SIZEOF_K_SEM, 16));

function cpu_hold(p1: usize, p2: usize, p3: usize): void {
  const key = arch_irq_lock();
  const start_ms = k_uptime_get_32();
  k_sem_give(cpuhold_sem);
  // Spin until told to exit (k_busy_wait(1000) in Zephyr).
  while (atomic.load<u32>(cpuhold) != 0) host_park(cpuhold, 1, 1);
  // Holding the CPU via spinning is expensive, and abusing this for long-running test cases
  // tends to overload the CI system.
  const dt = k_uptime_get_32() - start_ms;
  zassert_true(dt < CONFIG_ZTEST_CPU_HOLD_TIME_MS, `1cpu test took too long (${dt} ms)`);
  arch_irq_unlock(key);
}

/** z_test_1cpu_start: holds every CPU but CPU 0 (returns once each hold thread spins). */
export function z_test_1cpu_start(): void {
  if (!CONFIG_SMP) return;
  const num_cpus = arch_num_cpus();
  atomic.store<u32>(cpuhold, 1);
  k_sem_init(cpuhold_sem, 0, 999);
  // Spawn N-1 threads to "hold" the other CPUs, waiting for each to signal us that it's
  // locked and spinning.
  for (let i = 0; i < num_cpus - 1; i++) {
    // Pinned to CPU i + 1, so that the test runs on CPU 0, as Zephyr's current ztest makes sure
    // of (thread_apis' test_thread_cpu_mask, which disables CPU 0, depends on it).
    const t = k_thread_create(CPUHOLD_STACK_SZ, cpu_hold, 0, 0, 0, K_HIGHEST_THREAD_PRIO, 0, K_FOREVER);
    k_thread_name_set(t, `cpuhold${i < 10 ? "0" : ""}${i}`);
    k_thread_cpu_pin(t, i + 1);
    k_thread_start(t);
    store<u32>(cpuhold + CPUHOLD_THREADS + ((<usize>i) << 2), <u32>changetype<usize>(t));
    k_sem_take(cpuhold_sem, K_FOREVER);
  }
}

/** z_test_1cpu_stop: releases the held CPUs. */
export function z_test_1cpu_stop(): void {
  if (!CONFIG_SMP) return;
  const num_cpus = arch_num_cpus();
  atomic.store<u32>(cpuhold, 0);
  atomic.notify(cpuhold, <u32>num_cpus);
  for (let i = 0; i < num_cpus - 1; i++) {
    k_thread_abort(changetype<k_tid_t>(load<u32>(cpuhold + CPUHOLD_THREADS + ((<usize>i) << 2))));
  }
}

/** The `before` hook of a "_1cpu" suite: ZTEST_SUITE(name, setup, ztest_simple_1cpu_before, ...). */
export function ztest_simple_1cpu_before(fixture: usize): void {
  z_test_1cpu_start();
}

/** The `after` hook of a "_1cpu" suite. */
export function ztest_simple_1cpu_after(fixture: usize): void {
  z_test_1cpu_stop();
}

// --- zexpect ---------------------------------------------------------------------------------

/**
 * zexpect_equal: like zassert_equal, but a failure only marks the running test as failed and
 * the test goes on (Zephyr's zexpect_*); the test is reported FAIL when it ends.
 */
export function zexpect_equal<T>(a: T, b: T, msg: string = ""): void {
  if (a != b) {
    const what = `${show<T>(a)} not equal to ${show<T>(b)}`;
    printk(`\n    Expectation failed: ${what}${msg.length > 0 ? ": " + msg : ""}\n`);
    store<i32>(verdict, TC_FAIL);
  }
}

/** zassert_str_equal: the strings `a` and `b` are equal. */
export function zassert_str_equal(a: string, b: string, msg: string = ""): void {
  if (a != b) fail(`"${a}" not equal to "${b}"`, msg);
}

/** zassert_mem_equal: the `size` bytes at `a` and at `b` are equal. */
export function zassert_mem_equal(a: usize, b: usize, size: usize, msg: string = ""): void {
  if (memory.compare(a, b, size) != 0) fail(`${size} bytes at 0x${a.toString(16)} and 0x${b.toString(16)} differ`, msg);
}
