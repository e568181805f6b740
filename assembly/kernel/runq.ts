// The run queue (kernel/include/run_q.h, and priority_q.h's CONFIG_SCHED_SIMPLE): which queue
// holds a thread, adding and removing it, and the best thread for this CPU. The backend is
// chosen at build time (SCHED_ALGORITHM, kernel/Kconfig): CONFIG_SCHED_SIMPLE (default: the
// sorted dlist z_kernel.runq, here), CONFIG_SCHED_SCALABLE (red-black tree, priq_rb.ts) or
// CONFIG_SCHED_MULTIQ (per-priority lists + bitmap, priq_mq.ts). Every backend keeps priority
// order and FIFO among equals, and runq_best is mask-aware (mask_best: the first thread in
// that order whose cpu_mask has this CPU). With CONFIG_SCHED_CPU_MASK_PIN_ONLY each CPU has
// its own queue (_cpu.runq / runq_rb / runq_mq) and a thread lives in the queue of the lowest
// CPU of its mask (CPU 0 for an empty mask). Wait queues are wait_q.ts's. What goes into the queue and when is the
// scheduler's (sched.ts). Lock: sched_lock for all of it.

import { k_thread, sys_dnode, _priq_rb, _priq_mq } from "../generated/contract";
import { arch_curr_cpu, cpu_at, cpu_id, kernel } from "../arch/cpu";
import {
  CONFIG_SPIN_VALIDATE,
  CONFIG_SCHED_SCALABLE,
  CONFIG_SCHED_MULTIQ,
  CONFIG_SCHED_CPU_MASK_PIN_ONLY,
} from "./config";
import {
  sys_dlist_append,
  sys_dlist_insert,
  sys_dlist_peek_head,
  sys_dlist_peek_next,
  sys_dlist_remove,
} from "./dlist";
import { z_priq_rb_add, z_priq_rb_remove, z_priq_rb_mask_best } from "./priq_rb";
import { z_priq_mq_add, z_priq_mq_remove, z_priq_mq_mask_best } from "./priq_mq";
import { thread_of_qnode, z_is_idle_thread_object, z_sched_prio_cmp } from "./kthread";
import { z_spin_validate_fail } from "./fatal";

/** The CPU whose queue holds `t` under PIN_ONLY: ctz(cpu_mask), 0 if the mask is empty. */
// @ts-ignore: decorator
@inline export function thread_runq_cpu(t: k_thread): i32 {
  const m = t.cpu_mask;
  return m == 0 ? 0 : <i32>ctz(m);
}

/** thread_runq: address of the backend queue that holds (or will hold) `t`. */
// @ts-ignore: decorator
@inline export function thread_runq(t: k_thread): usize {
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) {
    const c = cpu_at(thread_runq_cpu(t));
    if (CONFIG_SCHED_SCALABLE) return changetype<usize>(c.runq_rb);
    if (CONFIG_SCHED_MULTIQ) return changetype<usize>(c.runq_mq);
    return changetype<usize>(c.runq);
  }
  return global_runq();
}

/** curr_cpu_runq: the queue this CPU picks from. */
// @ts-ignore: decorator
@inline export function curr_cpu_runq(): usize {
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) {
    const c = arch_curr_cpu();
    if (CONFIG_SCHED_SCALABLE) return changetype<usize>(c.runq_rb);
    if (CONFIG_SCHED_MULTIQ) return changetype<usize>(c.runq_mq);
    return changetype<usize>(c.runq);
  }
  return global_runq();
}

// @ts-ignore: decorator
@inline export function global_runq(): usize {
  const k = kernel();
  if (CONFIG_SCHED_SCALABLE) return changetype<usize>(k.runq_rb);
  if (CONFIG_SCHED_MULTIQ) return changetype<usize>(k.runq_mq);
  return changetype<usize>(k.runq);
}

export function runq_add(t: k_thread): void {
  if (CONFIG_SPIN_VALIDATE && z_is_idle_thread_object(t))
    z_spin_validate_fail(kernel().sched_lock, "idle thread queued");
  const q = thread_runq(t);
  if (CONFIG_SCHED_SCALABLE) z_priq_rb_add(changetype<_priq_rb>(q), t);
  else if (CONFIG_SCHED_MULTIQ) z_priq_mq_add(changetype<_priq_mq>(q), t);
  else z_priq_add(changetype<sys_dnode>(q), t);
}

/** Takes `t` out of its run queue; under PIN_ONLY its mask must not have changed since runq_add. */
export function runq_remove(t: k_thread): void {
  if (CONFIG_SCHED_SCALABLE) z_priq_rb_remove(changetype<_priq_rb>(thread_runq(t)), t);
  else if (CONFIG_SCHED_MULTIQ) z_priq_mq_remove(changetype<_priq_mq>(thread_runq(t)), t);
  else sys_dlist_remove(t.qnode);
}

/** Inserts before the first thread of strictly lower priority (sorted, FIFO among equals). */
export function z_priq_add(list: sys_dnode, t: k_thread): void {
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    if (z_sched_prio_cmp(t, thread_of_qnode(n)) > 0) {
      sys_dlist_insert(changetype<sys_dnode>(n), t.qnode);
      return;
    }
    n = sys_dlist_peek_next(list, n);
  }
  sys_dlist_append(list, t.qnode);
}

/**
 * z_priq_simple_mask_best: the first thread of the list whose cpu_mask has `bit` (also MULTIQ's
 * per-level scan).
 */
export function z_priq_simple_mask_best(list: sys_dnode, bit: u32): k_thread | null {
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    const t = thread_of_qnode(n);
    if ((t.cpu_mask & bit) != 0) return t;
    n = sys_dlist_peek_next(list, n);
  }
  return null;
}

/** The best queued thread whose cpu_mask includes this CPU, or null. */
export function runq_best(): k_thread | null {
  const q = curr_cpu_runq();
  const bit: u32 = 1 << (<u32>cpu_id);
  if (CONFIG_SCHED_SCALABLE) return z_priq_rb_mask_best(changetype<_priq_rb>(q), bit);
  if (CONFIG_SCHED_MULTIQ) return z_priq_mq_mask_best(changetype<_priq_mq>(q), bit);
  return z_priq_simple_mask_best(changetype<sys_dnode>(q), bit);
}
