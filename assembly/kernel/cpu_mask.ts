// CPU affinity (kernel/cpu_mask.c): which CPUs a thread may run on. The run queue always
// honours masks (runq_best skips threads whose mask excludes the picking CPU; a mask of 0
// never runs). A mask may change only while the thread cannot run.

import { k_thread, EINVAL } from "../generated/layout";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { sched_lock, z_is_thread_ready } from "./sched";
import { _THREAD_STARTED } from "./sched";

function cpu_mask_mod(t: k_thread, enable: u32, disable: u32): i32 {
  const key = k_spin_lock(sched_lock());
  let ret = 0;
  // A thread that has not started yet is "prevented from running" too.
  if (!z_is_thread_ready(t) || (t.thread_state & _THREAD_STARTED) == 0) {
    t.cpu_mask = (t.cpu_mask | enable) & ~disable;
  } else {
    ret = -EINVAL;
  }
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/** Removes every CPU from `t`'s mask. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_mask_clear(t: k_thread): i32 { return cpu_mask_mod(t, 0, 0xffffffff); }
/** Lets `t` run on every CPU. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_mask_enable_all(t: k_thread): i32 { return cpu_mask_mod(t, 0xffffffff, 0); }
/** Adds `cpu` to `t`'s mask. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_mask_enable(t: k_thread, cpu: i32): i32 { return cpu_mask_mod(t, <u32>1 << <u32>cpu, 0); }
/** Removes `cpu` from `t`'s mask. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_mask_disable(t: k_thread, cpu: i32): i32 { return cpu_mask_mod(t, 0, <u32>1 << <u32>cpu); }
/** Makes `cpu` the only CPU `t` may run on. Returns 0, or -EINVAL while `t` is runnable. */
export function k_thread_cpu_pin(t: k_thread, cpu: i32): i32 { return cpu_mask_mod(t, <u32>1 << <u32>cpu, 0xffffffff & ~(<u32>1 << <u32>cpu)); }
