// Mirrors assembly/kernel/runq.ts: the run-queue dispatch (thread_runq, curr_cpu_runq,
// runq_add, runq_remove, runq_best) and the SIMPLE backend (z_priq_add,
// z_priq_simple_mask_best), dispatching on KernelMem.backend to the SCALABLE (priq_rb.ts) and
// MULTIQ (priq_mq.ts) mirrors, and with KernelMem.pinOnly to the per-CPU queues
// (_cpu.runq / runq_rb / runq_mq of CPU ctz(mask)).
//
// The SIMPLE run queue is z_kernel.runq, a circular doubly linked list threaded through
// k_thread.qnode, sorted by priority (numerically lower first) and FIFO among equal
// priorities: a thread goes in before the first thread of STRICTLY lower priority. A list head
// whose next is 0 is an empty, zero-initialised list (append initialises it).
// No locking here: the caller holds sched_lock, exactly as in the kernel.

import { _cpu, k_thread, z_kernel } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";
import {
  sys_dlist_append,
  sys_dlist_insert,
  sys_dlist_peek_head,
  sys_dlist_peek_next,
  sys_dlist_remove,
} from "./dlist.js";
import { thread_of_qnode } from "./kthread.js";
import { z_priq_rb_add, z_priq_rb_mask_best, z_priq_rb_remove } from "./priq_rb.js";
import { z_priq_mq_add, z_priq_mq_mask_best, z_priq_mq_remove } from "./priq_mq.js";

/** Address of z_kernel.runq. */
export function runq_head(m: KernelMem): number {
  return m.kernelBase + z_kernel.runq;
}

/** Inserts `t` before the first thread of strictly lower priority (sorted, FIFO among equals). */
export function z_priq_add(m: KernelMem, list: number, t: number): void {
  const i32 = m.i32;
  const prio = i32[(t + k_thread.prio) >> 2]!;
  let n = sys_dlist_peek_head(m, list);
  while (n !== 0) {
    // z_sched_prio_cmp(t, other) > 0  <=>  other.prio - t.prio > 0 (i32 subtraction, as in Wasm).
    if (((i32[(thread_of_qnode(n) + k_thread.prio) >> 2]! - prio) | 0) > 0) {
      sys_dlist_insert(m, n, t + k_thread.qnode);
      return;
    }
    n = sys_dlist_peek_next(m, list, n);
  }
  sys_dlist_append(m, list, t + k_thread.qnode);
}

/** Offset of the backend's queue inside z_kernel (global) or _cpu (PIN_ONLY). */
function queueOffset(m: KernelMem, pin: boolean): number {
  if (m.backend === "scalable") return pin ? _cpu.runq_rb : z_kernel.runq_rb;
  if (m.backend === "multiq") return pin ? _cpu.runq_mq : z_kernel.runq_mq;
  return pin ? _cpu.runq : z_kernel.runq;
}

/** thread_runq: the queue that holds `t` (PIN_ONLY: CPU ctz(cpu_mask)'s, CPU 0 for an empty mask). */
export function thread_runq(m: KernelMem, t: number): number {
  if (m.pinOnly) {
    const mask = m.u32[(t + k_thread.cpu_mask) >> 2]!;
    const c = mask === 0 ? 0 : 31 - Math.clz32(mask & -mask);
    return m.cpuAt(c) + queueOffset(m, true);
  }
  return m.kernelBase + queueOffset(m, false);
}

/** curr_cpu_runq: the queue this CPU (m.cpuId) picks from. */
export function curr_cpu_runq(m: KernelMem): number {
  return m.pinOnly ? m.cpuBase + queueOffset(m, true) : m.kernelBase + queueOffset(m, false);
}

/** runq_add (without the CONFIG_SPIN_VALIDATE idle-thread check). */
export function runq_add(m: KernelMem, t: number): void {
  const q = thread_runq(m, t);
  if (m.backend === "scalable") z_priq_rb_add(m, q, t);
  else if (m.backend === "multiq") z_priq_mq_add(m, q, t);
  else z_priq_add(m, q, t);
}

export function runq_remove(m: KernelMem, t: number): void {
  if (m.backend === "scalable") z_priq_rb_remove(m, thread_runq(m, t), t);
  else if (m.backend === "multiq") z_priq_mq_remove(m, thread_runq(m, t), t);
  else sys_dlist_remove(m, t + k_thread.qnode);
}

/** z_priq_simple_mask_best: the first thread of the sorted list whose cpu_mask has `bit`, or 0. */
export function z_priq_simple_mask_best(m: KernelMem, list: number, bit: number): number {
  const u32 = m.u32;
  let n = sys_dlist_peek_head(m, list);
  while (n !== 0) {
    const t = thread_of_qnode(n);
    if ((u32[(t + k_thread.cpu_mask) >> 2]! & bit) !== 0) return t;
    n = sys_dlist_peek_next(m, list, n);
  }
  return 0;
}

/** The best queued thread whose cpu_mask includes this CPU (m.cpuId), or 0. */
export function runq_best(m: KernelMem): number {
  const q = curr_cpu_runq(m);
  const bit = (1 << m.cpuId) >>> 0;
  if (m.backend === "scalable") return z_priq_rb_mask_best(m, q, bit);
  if (m.backend === "multiq") return z_priq_mq_mask_best(m, q, bit);
  return z_priq_simple_mask_best(m, q, bit);
}
