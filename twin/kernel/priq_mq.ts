// Mirrors assembly/kernel/priq_mq.ts (CONFIG_SCHED_MULTIQ): one FIFO sys_dlist per priority
// (index prio - K_HIGHEST_THREAD_PRIO, K_NUM_THREAD_PRIO levels) threaded through k_thread.qnode, and a u32
// bitmap of the non-empty levels. Invariant: bit i set iff queues[i] is non-empty. Lock: the
// caller holds sched_lock, as in the kernel.

import {
  _priq_mq_queues_addr,
  _priq_mq,
  k_thread,
  K_HIGHEST_THREAD_PRIO,
  K_NUM_THREAD_PRIO,
} from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";
import { sys_dlist_append, sys_dlist_is_empty, sys_dlist_peek_head, sys_dlist_remove } from "./dlist.js";
import { thread_of_qnode } from "./kthread.js";
import { z_priq_simple_mask_best } from "./runq.js";

function mq_index(m: KernelMem, t: number): number {
  const i = m.i32[(t + k_thread.prio) >> 2]! - K_HIGHEST_THREAD_PRIO;
  if (i < 0 || i >= K_NUM_THREAD_PRIO) throw new Error(`MULTIQ: priority out of range`); // the kernel panics
  return i;
}

const queue = (pq: number, i: number): number => _priq_mq_queues_addr(pq, i);
const bm = (pq: number): number => (pq + _priq_mq.bitmask) >> 2;

export function z_priq_mq_add(m: KernelMem, pq: number, t: number): void {
  const i = mq_index(m, t);
  sys_dlist_append(m, queue(pq, i), t + k_thread.qnode);
  m.u32[bm(pq)] = (m.u32[bm(pq)]! | (1 << i)) >>> 0;
}

export function z_priq_mq_remove(m: KernelMem, pq: number, t: number): void {
  const i = mq_index(m, t);
  sys_dlist_remove(m, t + k_thread.qnode);
  if (sys_dlist_is_empty(m, queue(pq, i))) m.u32[bm(pq)] = (m.u32[bm(pq)]! & ~(1 << i)) >>> 0;
}

const ctz = (x: number): number => 31 - Math.clz32(x & -x);

export function z_priq_mq_best(m: KernelMem, pq: number): number {
  const b = m.u32[bm(pq)]!;
  if (b === 0) return 0;
  return thread_of_qnode(sys_dlist_peek_head(m, queue(pq, ctz(b))));
}

export function z_priq_mq_mask_best(m: KernelMem, pq: number, bit: number): number {
  let b = m.u32[bm(pq)]!;
  while (b !== 0) {
    const list = queue(pq, ctz(b));
    b = (b & (b - 1)) >>> 0;
    const t = z_priq_simple_mask_best(m, list, bit);
    if (t !== 0) return t;
  }
  return 0;
}
