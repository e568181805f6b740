// Wait queues (kernel/include/wait_q.h, _wait_q_t): the threads pended on a kernel object, in
// priority order, FIFO among equals. Every kernel object reaches its waiters through these
// calls only, so the backend can change behind them (CONFIG_WAITQ_SIMPLE: the sorted dlist of
// runq.ts's z_priq_add). A zero-filled wait queue (K_*_DEFINE) is a valid empty one.
// Lock: sched_lock for every call except z_waitq_init (the object is not shared yet).

import { k_thread, sys_dnode } from "../generated/contract";
import { sys_dlist_init, sys_dlist_peek_head, sys_dlist_peek_next, sys_dlist_remove } from "./dlist";
import { thread_of_qnode } from "./kthread";
import { z_priq_add } from "./runq";

/** _wait_q_t: the wait-queue field of a kernel object (two words). */
export type _wait_q_t = sys_dnode;

// @ts-ignore: decorator
@inline export function z_waitq_init(wq: _wait_q_t): void {
  sys_dlist_init(wq);
}

/** Adds `t` after every waiter of higher or equal priority. */
// @ts-ignore: decorator
@inline export function z_waitq_add(wq: _wait_q_t, t: k_thread): void {
  z_priq_add(wq, t);
}

/** Removes `t`, which is pended on `wq`. */
// @ts-ignore: decorator
@inline export function z_waitq_remove(wq: _wait_q_t, t: k_thread): void {
  sys_dlist_remove(t.qnode);
}

/** The best waiter (z_waitq_head), or null. */
// @ts-ignore: decorator
@inline export function z_waitq_head(wq: _wait_q_t): k_thread | null {
  const n = sys_dlist_peek_head(wq);
  return n == 0 ? null : thread_of_qnode(n);
}

/** The waiter after `t` in priority order, or null: for walks that may remove `t` (take next first). */
// @ts-ignore: decorator
@inline export function z_waitq_next(wq: _wait_q_t, t: k_thread): k_thread | null {
  const n = sys_dlist_peek_next(wq, changetype<usize>(t.qnode));
  return n == 0 ? null : thread_of_qnode(n);
}
