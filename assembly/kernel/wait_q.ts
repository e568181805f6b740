// Wait queues (kernel/include/wait_q.h, _wait_q_t): the threads pended on a kernel object, in
// priority order, FIFO among equals. Every kernel object reaches its waiters through these
// calls only. The backend is chosen at build time (choice WAITQ_ALGORITHM, kernel/Kconfig):
// - CONFIG_WAITQ_SIMPLE (default): the sorted dlist of runq.ts's z_priq_add through
//   k_thread.qnode. O(1) wake, O(n) pend: n waiters cost O(n^2) to pend or time out.
// - CONFIG_WAITQ_SCALABLE: the red-black tree of priq_rb.ts (a _priq_rb: root and
//   next_order_key, the same two words as a dlist head) through k_thread.qnode_rb. O(log n)
//   pend, wake and removal. A thread is never in a run queue and a wait queue at once, so
//   sharing qnode_rb (and order_key) with CONFIG_SCHED_SCALABLE's run queue is safe, as
//   Zephyr's union of qnode_dlist and qnode_rb is.
// A zero-filled wait queue (K_*_DEFINE) is a valid empty one with either backend.
// Lock: sched_lock for every call except z_waitq_init (the object is not shared yet).

import { _priq_rb, k_thread, sys_dnode } from "../generated/contract";
import { CONFIG_WAITQ_SCALABLE } from "./config";
import { sys_dlist_init, sys_dlist_peek_head, sys_dlist_peek_next, sys_dlist_remove } from "./dlist";
import { thread_of_qnode } from "./kthread";
import { z_priq_add } from "./runq";
import { z_priq_rb_add, z_priq_rb_best, z_priq_rb_next, z_priq_rb_remove } from "./priq_rb";

/** _wait_q_t: the wait-queue field of a kernel object (two words; the schema types it sys_dnode). */
export type _wait_q_t = sys_dnode;

// @ts-ignore: decorator
@inline function rb(wq: _wait_q_t): _priq_rb {
  return changetype<_priq_rb>(wq);
}

// @ts-ignore: decorator
@inline export function z_waitq_init(wq: _wait_q_t): void {
  if (CONFIG_WAITQ_SCALABLE) {
    rb(wq).root = 0;
    rb(wq).next_order_key = 0;
  } else sys_dlist_init(wq);
}

/** Adds `t` after every waiter of higher or equal priority. */
// @ts-ignore: decorator
@inline export function z_waitq_add(wq: _wait_q_t, t: k_thread): void {
  if (CONFIG_WAITQ_SCALABLE) z_priq_rb_add(rb(wq), t);
  else z_priq_add(wq, t);
}

/** Removes `t`, which is pended on `wq`. */
// @ts-ignore: decorator
@inline export function z_waitq_remove(wq: _wait_q_t, t: k_thread): void {
  if (CONFIG_WAITQ_SCALABLE) z_priq_rb_remove(rb(wq), t);
  else sys_dlist_remove(t.qnode);
}

/** The best waiter (z_waitq_head), or null. */
// @ts-ignore: decorator
@inline export function z_waitq_head(wq: _wait_q_t): k_thread | null {
  if (CONFIG_WAITQ_SCALABLE) return z_priq_rb_best(rb(wq));
  const n = sys_dlist_peek_head(wq);
  return n == 0 ? null : thread_of_qnode(n);
}

/** The waiter after `t` in priority order, or null: for walks that may remove `t` (take next first). */
// @ts-ignore: decorator
@inline export function z_waitq_next(wq: _wait_q_t, t: k_thread): k_thread | null {
  if (CONFIG_WAITQ_SCALABLE) return z_priq_rb_next(t);
  const n = sys_dlist_peek_next(wq, changetype<usize>(t.qnode));
  return n == 0 ? null : thread_of_qnode(n);
}
