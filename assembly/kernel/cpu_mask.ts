// CPU affinity (kernel/cpu_mask.c): which CPUs a thread may run on. Every run-queue backend
// honours masks (runq_best skips threads whose mask excludes the picking CPU; a mask of 0
// never runs). A mask may change only while the thread cannot run.
//
// CONFIG_SCHED_CPU_MASK_PIN_ONLY: per-CPU run queues; a thread lives in the queue of the one
// CPU of its mask, so the mask is an immutable attribute while the thread can run. A change
// that would leave more than one CPU in the mask is refused with -EINVAL (Zephyr asserts:
// "PIN_ONLY requires exactly one CPU in mask"); an empty mask is allowed, as in Zephyr's
// tests (the thread then sits in CPU 0's queue and never runs). The default mask of a new
// thread under PIN_ONLY is CPU 0 (K_THREAD_DEFAULT_CPU_MASK in thread.ts, as Zephyr sets it in z_setup_new_thread).
//
// Lock: sched_lock protects k_thread.cpu_mask.

import { k_thread, EINVAL } from "../generated/contract";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { sched_lock } from "./sched";
import { z_is_thread_ready } from "./kthread";
import { CONFIG_SCHED_CPU_MASK_PIN_ONLY } from "./config";

function cpu_mask_mod(t: k_thread, enable: u32, disable: u32): i32 {
  const key = k_spin_lock(sched_lock());
  let ret = 0;
  // A thread that has not started yet is "prevented from running" too.
  if (!z_is_thread_ready(t) || t.started == 0) {
    let m = t.cpu_mask;
    m = (m | enable) & ~disable;
    if (CONFIG_SCHED_CPU_MASK_PIN_ONLY && popcnt(m) > 1)
      ret = -EINVAL; // exactly one CPU (or none)
    else t.cpu_mask = m;
  } else {
    ret = -EINVAL;
  }
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/** Removes every CPU from `t`'s mask. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_mask_clear(t: k_thread): i32 {
  return cpu_mask_mod(t, 0, 0xffffffff);
}
/** Lets `t` run on every CPU. Returns 0, or -EINVAL while `t` is runnable (and always under PIN_ONLY). */
export function k_thread_cpu_mask_enable_all(t: k_thread): i32 {
  return cpu_mask_mod(t, 0xffffffff, 0);
}
/** Adds `cpu` to `t`'s mask. Returns 0, or -EINVAL while `t` is runnable or (PIN_ONLY) if that makes two CPUs. */
export function k_thread_cpu_mask_enable(t: k_thread, cpu: i32): i32 {
  return cpu_mask_mod(t, (<u32>1) << (<u32>cpu), 0);
}
/** Removes `cpu` from `t`'s mask. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_mask_disable(t: k_thread, cpu: i32): i32 {
  return cpu_mask_mod(t, 0, (<u32>1) << (<u32>cpu));
}
/** Makes `cpu` the only CPU `t` may run on. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_pin(t: k_thread, cpu: i32): i32 {
  return cpu_mask_mod(t, (<u32>1) << (<u32>cpu), 0xffffffff & ~((<u32>1) << (<u32>cpu)));
}
