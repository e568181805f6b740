// CONFIG_SCHED_MULTIQ run queue (kernel/include/priority_q.h, z_priq_mq_*): one FIFO
// sys_dlist per priority level, indexed by prio - K_HIGHEST_THREAD_PRIO, and a bitmap of the
// non-empty levels; best = head of the level of the lowest set bit (count trailing zeros).
// 16 cooperative + 15 preemptible + idle = 32 levels: one u32 word (Zephyr's bitmask[]).
//
// Invariants, under sched_lock (callers hold it): bit i of bitmask is set iff queues[i] is
// non-empty; a thread is linked (k_thread.qnode) into the list of the priority it had when it
// was added (priority changes go through remove + add, as in k_thread_priority_set).

import { _priq_mq, k_thread, sys_dnode, K_HIGHEST_THREAD_PRIO, K_NUM_THREAD_PRIO } from "../generated/contract";
import { sys_dlist_append, sys_dlist_is_empty, sys_dlist_peek_head, sys_dlist_remove } from "./dlist";
import { __ASSERT } from "./assert";
import { thread_of_qnode } from "./kthread";
import { z_priq_simple_mask_best } from "./runq";

// @ts-ignore: decorator
@inline function mq_index(t: k_thread): i32 {
  const i = t.prio - K_HIGHEST_THREAD_PRIO;
  __ASSERT(<u32>i < <u32>K_NUM_THREAD_PRIO, "MULTIQ: priority out of range");
  return i & (K_NUM_THREAD_PRIO - 1);
}

/** z_priq_mq_add: append to the thread's level, mark the level non-empty. */
export function z_priq_mq_add(pq: _priq_mq, t: k_thread): void {
  const i = mq_index(t);
  sys_dlist_append(pq.queues_at(i), t.qnode);
  pq.bitmask = pq.bitmask | ((<u32>1) << (<u32>i));
}

/** z_priq_mq_remove: unlink; clear the level's bit if it is now empty. */
export function z_priq_mq_remove(pq: _priq_mq, t: k_thread): void {
  const i = mq_index(t);
  sys_dlist_remove(t.qnode);
  if (sys_dlist_is_empty(pq.queues_at(i))) pq.bitmask = pq.bitmask & ~((<u32>1) << (<u32>i));
}

/** z_priq_mq_best: head of the highest non-empty level, or null. */
export function z_priq_mq_best(pq: _priq_mq): k_thread | null {
  const m = pq.bitmask;
  if (m == 0) return null;
  return thread_of_qnode(sys_dlist_peek_head(pq.queues_at(<i32>ctz(m))));
}

/** z_priq_mq_mask_best: levels in bitmap order, each scanned for the first thread allowed on `bit`. */
export function z_priq_mq_mask_best(pq: _priq_mq, bit: u32): k_thread | null {
  let m = pq.bitmask;
  while (m != 0) {
    const list: sys_dnode = pq.queues_at(<i32>ctz(m));
    m &= m - 1;
    const t = z_priq_simple_mask_best(list, bit);
    if (t != null) return t;
  }
  return null;
}
