// Work queues (kernel/work.c): items submitted to a queue run, in order, in that queue's
// thread. The system work queue runs at CONFIG_SYSTEM_WORKQUEUE_PRIORITY (-1, cooperative)
// and its thread starts with the first submission. Delayable items wait on a timeout first.
// Queue state and item flags are under sched_lock, so a delayable item's timeout handler
// (which runs with that lock held) can queue it directly.

import {
  k_work,
  k_work_q,
  _timeout,
  SIZEOF_K_WORK,
  SIZEOF_K_WORK_Q,
  K_WORK_NODE,
  K_WORK_TIMEOUT,
  K_WORK_Q_FLAGS,
  EBUSY,
} from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { sys_dlist_append, sys_dlist_init, sys_dlist_peek_head, sys_dlist_remove } from "./dlist";
import { z_waitq_init } from "./wait_q";
import { K_FOREVER, K_NO_WAIT, k_timeout_t, z_abort_timeout_locked, z_add_timeout_locked } from "./timeout";
import { sched_lock, z_pend_curr_locked, z_reschedule, z_sched_wake_all_locked, z_sched_wake_locked } from "./sched";
import { k_thread_create, k_thread_name_set, k_yield } from "./thread";
import { z_heap_calloc } from "./heap";

// k_work_busy_get() bits (include/zephyr/kernel.h)
// @ts-ignore: decorator
@inline export const K_WORK_RUNNING: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const K_WORK_CANCELING: u32 = 1 << 1;
// @ts-ignore: decorator
@inline export const K_WORK_QUEUED: u32 = 1 << 2;
// @ts-ignore: decorator
@inline export const K_WORK_DELAYED: u32 = 1 << 3;

export type k_work_handler_t = (work: k_work) => void;
/** A delayable item is a k_work whose timeout is used; the same type in wasmp. */
export type k_work_delayable = k_work;

// @ts-ignore: decorator
@inline const SYSTEM_WORKQUEUE_PRIORITY: i32 = -1;
// @ts-ignore: decorator
@inline const SYSTEM_WORKQUEUE_STACK_SIZE: i32 = 8192;

export function k_work_init(w: k_work, handler: k_work_handler_t): void {
  memory.fill(changetype<usize>(w), 0, SIZEOF_K_WORK);
  w.handler = <u32>changetype<usize>(handler);
}

export function k_work_init_delayable(w: k_work_delayable, handler: k_work_handler_t): void {
  k_work_init(w, handler);
}

/** K_WORK_DEFINE: an item in static memory shared by every CPU (top level). */
// @ts-ignore: decorator
@inline export function K_WORK_DEFINE(handler: k_work_handler_t): k_work {
  const w = changetype<k_work>(memory.data(SIZEOF_K_WORK, 16));
  k_work_init(w, handler);
  return w;
}
// @ts-ignore: decorator
@inline export function K_WORK_DELAYABLE_DEFINE(handler: k_work_handler_t): k_work_delayable {
  return K_WORK_DEFINE(handler);
}

/** Queues `w` on `q`. Lock: sched_lock. Returns Zephyr's codes: 1 queued, 2 queued while running, 0 already queued. */
function submit_locked(q: k_work_q, w: k_work): i32 {
  if ((w.flags & K_WORK_QUEUED) != 0) return 0;
  if ((w.flags & K_WORK_CANCELING) != 0) return -EBUSY;
  const running = (w.flags & K_WORK_RUNNING) != 0;
  w.flags |= K_WORK_QUEUED;
  w.queue = changetype<usize>(q);
  sys_dlist_append(q.pending, w.node);
  z_sched_wake_locked(q.notifyq, 0);
  return running ? 2 : 1;
}

function work_queue_main(p1: usize, p2: usize, p3: usize): void {
  const q = changetype<k_work_q>(p1);
  while (true) {
    const key = k_spin_lock(sched_lock());
    const n = sys_dlist_peek_head(q.pending);
    if (n == 0) {
      z_pend_curr_locked(key, q.notifyq, K_FOREVER);
      continue;
    }
    const w = changetype<k_work>(n - K_WORK_NODE);
    sys_dlist_remove(w.node);
    w.flags = (w.flags & ~K_WORK_QUEUED) | K_WORK_RUNNING;
    k_spin_unlock(sched_lock(), key);
    changetype<k_work_handler_t>(w.handler)(w);
    const key2 = k_spin_lock(sched_lock());
    w.flags &= ~(K_WORK_RUNNING | K_WORK_CANCELING);
    z_sched_wake_all_locked(q.drainq, 0); // k_work_flush / k_work_cancel_sync waiters re-check
    z_reschedule(sched_lock(), key2);
    k_yield(); // let other threads of equal priority run between items
  }
}

/** Starts `q`'s thread at `prio`. */
export function k_work_queue_start(q: k_work_q, stack_size: i32, prio: i32, name: string): void {
  sys_dlist_init(q.pending);
  z_waitq_init(q.notifyq);
  z_waitq_init(q.drainq);
  const t = k_thread_create(stack_size, work_queue_main, changetype<usize>(q), 0, 0, prio, 0, K_NO_WAIT);
  k_thread_name_set(t, name);
  q.thread = changetype<usize>(t);
}

/** A work queue object on the kernel heap (start it with k_work_queue_start). */
export function k_work_queue_alloc(): k_work_q {
  return changetype<k_work_q>(z_heap_calloc(SIZEOF_K_WORK_Q));
}

/** The system work queue, started by the first submission to it. */
function sys_work_q(): k_work_q {
  const q = kernel().sys_work_q;
  // 0 = not started, 1 = starting, 2 = running (the first submitter starts the thread).
  if (atomic.load<u32>(changetype<usize>(q), K_WORK_Q_FLAGS) != 2) {
    if (atomic.cmpxchg<u32>(changetype<usize>(q), 0, 1, K_WORK_Q_FLAGS) == 0) {
      k_work_queue_start(q, SYSTEM_WORKQUEUE_STACK_SIZE, SYSTEM_WORKQUEUE_PRIORITY, "sysworkq");
      atomic.store<u32>(changetype<usize>(q), 2, K_WORK_Q_FLAGS);
    } else {
      while (atomic.load<u32>(changetype<usize>(q), K_WORK_Q_FLAGS) != 2) {}
    }
  }
  return q;
}

/** Submits `w` to `q`. Returns 1 (queued), 2 (queued, was running), 0 (already queued), -EBUSY (being cancelled). */
export function k_work_submit_to_queue(q: k_work_q, w: k_work): i32 {
  const key = k_spin_lock(sched_lock());
  const r = submit_locked(q, w);
  z_reschedule(sched_lock(), key);
  return r;
}

/** Submits `w` to the system work queue (see k_work_submit_to_queue). */
export function k_work_submit(w: k_work): i32 {
  return k_work_submit_to_queue(sys_work_q(), w);
}

/** K_WORK_* bits describing what `w` is doing. */
export function k_work_busy_get(w: k_work): u32 {
  return w.flags;
}
export function k_work_is_pending(w: k_work): bool {
  return (w.flags & (K_WORK_QUEUED | K_WORK_RUNNING | K_WORK_DELAYED)) != 0;
}

/** Waits until `w` is neither queued nor running. Returns true if it had to wait. */
export function k_work_flush(w: k_work): bool {
  let waited = false;
  while (true) {
    const key = k_spin_lock(sched_lock());
    if ((w.flags & (K_WORK_QUEUED | K_WORK_RUNNING)) == 0 || w.queue == 0) {
      k_spin_unlock(sched_lock(), key);
      return waited;
    }
    waited = true;
    z_pend_curr_locked(key, changetype<k_work_q>(w.queue).drainq, K_FOREVER);
  }
}

/** Takes `w` off its queue if it has not started. Returns the busy bits left (RUNNING if it runs). */
export function k_work_cancel(w: k_work): u32 {
  const key = k_spin_lock(sched_lock());
  if ((w.flags & K_WORK_QUEUED) != 0) {
    sys_dlist_remove(w.node);
    w.flags &= ~K_WORK_QUEUED;
  }
  if ((w.flags & K_WORK_DELAYED) != 0) {
    z_abort_timeout_locked(w.timeout);
    w.flags &= ~K_WORK_DELAYED;
  }
  const left = w.flags;
  k_spin_unlock(sched_lock(), key);
  return left;
}

/** k_work_cancel, then waits for a running handler to finish. Returns true if it was busy. */
export function k_work_cancel_sync(w: k_work): bool {
  const busy = k_work_cancel(w) != 0;
  k_work_flush(w);
  return busy;
}

function delayed_work_timeout(to: _timeout): void {
  const w = changetype<k_work>(changetype<usize>(to) - K_WORK_TIMEOUT);
  w.flags &= ~K_WORK_DELAYED;
  submit_locked(changetype<k_work_q>(w.queue), w);
}

function schedule_locked(q: k_work_q, w: k_work_delayable, delay: k_timeout_t): i32 {
  if (delay == K_NO_WAIT) return submit_locked(q, w);
  w.queue = changetype<usize>(q);
  w.flags |= K_WORK_DELAYED;
  z_add_timeout_locked(w.timeout, delayed_work_timeout, delay);
  return 1;
}

/** Schedules `w` on `q` after `delay` unless it is already scheduled or queued (then 0). */
export function k_work_schedule_for_queue(q: k_work_q, w: k_work_delayable, delay: k_timeout_t): i32 {
  const key = k_spin_lock(sched_lock());
  let r = 0;
  if ((w.flags & (K_WORK_DELAYED | K_WORK_QUEUED)) == 0) r = schedule_locked(q, w, delay);
  z_reschedule(sched_lock(), key);
  return r;
}

export function k_work_schedule(w: k_work_delayable, delay: k_timeout_t): i32 {
  return k_work_schedule_for_queue(sys_work_q(), w, delay);
}

/** Like k_work_schedule, but a pending delay is restarted with the new one. */
export function k_work_reschedule_for_queue(q: k_work_q, w: k_work_delayable, delay: k_timeout_t): i32 {
  const key = k_spin_lock(sched_lock());
  if ((w.flags & K_WORK_DELAYED) != 0) {
    z_abort_timeout_locked(w.timeout);
    w.flags &= ~K_WORK_DELAYED;
  }
  let r = 0;
  if ((w.flags & K_WORK_QUEUED) == 0) r = schedule_locked(q, w, delay);
  z_reschedule(sched_lock(), key);
  return r;
}

export function k_work_reschedule(w: k_work_delayable, delay: k_timeout_t): i32 {
  return k_work_reschedule_for_queue(sys_work_q(), w, delay);
}

export function k_work_cancel_delayable(w: k_work_delayable): u32 {
  return k_work_cancel(w);
}
export function k_work_delayable_is_pending(w: k_work_delayable): bool {
  return k_work_is_pending(w);
}
