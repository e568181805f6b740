// k_poll (kernel/poll.c), simplified: a poller checks its events and, if none is ready,
// pends on one kernel-wide poll wait queue; every change that can make an event ready
// (a signal raised, a semaphore given, a message or a queue item added) wakes all pollers,
// which re-check. Zephyr registers each event on its object and wakes only the pollers of
// the object that changed; the observable results are the same: k_poll returns once an
// event's condition holds, and on wake-up the state of every event whose condition holds
// then is recorded, as Zephyr records the events that arrive before the woken poller runs.
// Cancellation is an event, not a condition: k_queue_cancel_wait (z_poll_cancel_locked)
// marks K_POLL_STATE_CANCELLED on the first poller's event on that queue (pollers in
// priority order, as Zephyr's per-object list) and wakes it with -EINTR.
// Supported event types: K_POLL_TYPE_SIGNAL, K_POLL_TYPE_SEM_AVAILABLE,
// K_POLL_TYPE_DATA_AVAILABLE (= K_POLL_TYPE_FIFO_DATA_AVAILABLE: a k_queue, k_fifo or
// k_lifo), K_POLL_TYPE_MSGQ_DATA_AVAILABLE, K_POLL_TYPE_PIPE_DATA_AVAILABLE. As in Zephyr,
// k_poll never clears a state: the caller resets `state` to K_POLL_STATE_NOT_READY before
// polling again.
//
// Triggered work (k_work_poll_*, Zephyr's MODE_TRIGGERED poller): a k_work_poll waiting for
// its events is on one kernel-wide list; the same notification that wakes the pollers checks
// each one's events and submits it to its queue when one is ready (poll_result 0), as
// Zephyr's signal_triggered_work does from the object's event list. Its timeout submits it
// with -EAGAIN. All of it under sched_lock, which is also the work queues' lock (work.ts).
//
// A poller's events array is in its thread's swap_data while it pends on poll_wq (for
// z_poll_cancel_locked). Lock: sched_lock for the poll wait queue, the triggered list and the
// event states.

import {
  k_poll_signal,
  k_sem,
  k_msgq,
  k_pipe,
  k_queue,
  k_thread,
  k_work,
  k_work_q,
  k_work_poll,
  sys_dnode,
  _timeout,
  SIZEOF_K_POLL_SIGNAL,
  SIZEOF_K_WORK_POLL,
  K_WORK_POLL_NODE,
  K_WORK_POLL_TIMEOUT,
  EADDRINUSE,
  EAGAIN,
  EINPROGRESS,
  EINTR,
  EINVAL,
  WAIT_POLL,
} from "../generated/contract";
import {
  sys_dlist_append,
  sys_dlist_init,
  sys_dlist_peek_head,
  sys_dlist_peek_next,
  sys_dlist_remove,
  sys_dnode_is_linked,
} from "./dlist";
import { k_sys_work_q, k_work_handler_t, k_work_init, z_work_submit_to_queue_locked } from "./work";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import {
  K_FOREVER,
  K_NO_WAIT,
  k_timeout_t,
  z_abort_timeout_locked,
  z_add_timeout_locked,
  z_timeout_end,
  z_timeout_left,
} from "./timeout";
import { current } from "./kthread";
import { z_waitq_head, z_waitq_next } from "./wait_q";
import {
  ready_thread_locked,
  sched_lock,
  unpend_thread_no_timeout_locked,
  z_pend_curr_locked,
  z_reschedule,
  z_sched_wake_all_locked,
} from "./sched";

// Types and states are Zephyr's bits (include/zephyr/kernel.h: Z_POLL_TYPE_BIT(_POLL_TYPE_x),
// Z_POLL_STATE_BIT(_POLL_STATE_x), i.e. 1 << (x - 1)).
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_IGNORE: u32 = 0;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_SIGNAL: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_SEM_AVAILABLE: u32 = 1 << 1;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_DATA_AVAILABLE: u32 = 1 << 2;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_FIFO_DATA_AVAILABLE: u32 = K_POLL_TYPE_DATA_AVAILABLE;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_MSGQ_DATA_AVAILABLE: u32 = 1 << 3;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_PIPE_DATA_AVAILABLE: u32 = 1 << 4;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_NOT_READY: u32 = 0;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_SIGNALED: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_SEM_AVAILABLE: u32 = 1 << 1;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_DATA_AVAILABLE: u32 = 1 << 2;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_FIFO_DATA_AVAILABLE: u32 = K_POLL_STATE_DATA_AVAILABLE;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_CANCELLED: u32 = 1 << 3;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_MSGQ_DATA_AVAILABLE: u32 = 1 << 4;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_PIPE_DATA_AVAILABLE: u32 = 1 << 5;
// @ts-ignore: decorator
@inline export const K_POLL_MODE_NOTIFY_ONLY: u32 = 0;

/** struct k_poll_event: what to watch (type, obj) and what was found (state). */
export class k_poll_event {
  type: u32 = K_POLL_TYPE_IGNORE;
  mode: u32 = K_POLL_MODE_NOTIFY_ONLY;
  state: u32 = K_POLL_STATE_NOT_READY;
  obj: usize = 0;
  tag: u32 = 0;
}

export function k_poll_event_init(ev: k_poll_event, type: u32, mode: u32, obj: usize): void {
  ev.type = type;
  ev.mode = mode;
  ev.obj = obj;
  ev.state = K_POLL_STATE_NOT_READY;
}

/** K_POLL_EVENT_INITIALIZER: a new event watching `obj` (on the kernel heap). */
export function K_POLL_EVENT_INITIALIZER(type: u32, mode: u32, obj: usize): k_poll_event {
  const ev = new k_poll_event();
  k_poll_event_init(ev, type, mode, obj);
  return ev;
}

/** K_POLL_EVENT_STATIC_INITIALIZER: the same with a user tag. */
export function K_POLL_EVENT_STATIC_INITIALIZER(type: u32, mode: u32, obj: usize, tag: u32): k_poll_event {
  const ev = K_POLL_EVENT_INITIALIZER(type, mode, obj);
  ev.tag = tag;
  return ev;
}

/**
 * Wakes every poller so that it re-checks its events, and submits every triggered work whose
 * events are now ready. Lock: sched_lock.
 */
export function z_poll_notify_locked(): void {
  z_sched_wake_all_locked(kernel().poll_wq, 0);
  const list = triggered_list();
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    const next = sys_dlist_peek_next(list, n);
    const twork = changetype<k_work_poll>(n - K_WORK_POLL_NODE);
    if (check(changetype<k_poll_event[]>(twork.events)) > 0) signal_triggered_work_locked(twork);
    n = next;
  }
}

/**
 * z_handle_obj_poll_events(&queue->poll_events, K_POLL_STATE_CANCELLED): the first poller
 * (highest priority, then longest waiting) with a K_POLL_TYPE_DATA_AVAILABLE event on the
 * queue at `obj` gets K_POLL_STATE_CANCELLED on that event and returns -EINTR from k_poll.
 * Lock: sched_lock.
 */
export function z_poll_cancel_locked(obj: usize): void {
  const wq = kernel().poll_wq;
  let t = z_waitq_head(wq);
  while (t != null) {
    const th: k_thread = t;
    const events = changetype<k_poll_event[]>(th.swap_data);
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (ev.type == K_POLL_TYPE_DATA_AVAILABLE && ev.obj == obj) {
        ev.state |= K_POLL_STATE_CANCELLED;
        unpend_thread_no_timeout_locked(th);
        z_abort_timeout_locked(th.timeout);
        th.swap_retval = -EINTR;
        ready_thread_locked(th);
        return;
      }
    }
    t = z_waitq_next(wq, th);
  }
}

/** Records in each event's state whether its condition holds now; returns how many do. Lock: sched_lock. */
function check(events: k_poll_event[]): i32 {
  let ready = 0;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    let s = K_POLL_STATE_NOT_READY;
    if (ev.type == K_POLL_TYPE_SIGNAL) {
      if (atomic.load<u32>(ev.obj) != 0) s = K_POLL_STATE_SIGNALED;
    } else if (ev.type == K_POLL_TYPE_SEM_AVAILABLE) {
      if (changetype<k_sem>(ev.obj).count > 0) s = K_POLL_STATE_SEM_AVAILABLE;
    } else if (ev.type == K_POLL_TYPE_DATA_AVAILABLE) {
      if (changetype<k_queue>(ev.obj).head != 0) s = K_POLL_STATE_DATA_AVAILABLE;
    } else if (ev.type == K_POLL_TYPE_MSGQ_DATA_AVAILABLE) {
      if (changetype<k_msgq>(ev.obj).used_msgs > 0) s = K_POLL_STATE_MSGQ_DATA_AVAILABLE;
    } else if (ev.type == K_POLL_TYPE_PIPE_DATA_AVAILABLE) {
      // Zephyr: the pipe's ring buffer is not empty (bytes handed straight to a waiting
      // reader never are in it).
      if (changetype<k_pipe>(ev.obj).used > 0) s = K_POLL_STATE_PIPE_DATA_AVAILABLE;
    }
    if (s != K_POLL_STATE_NOT_READY) {
      ev.state |= s;
      ready++;
    }
  }
  return ready;
}

/**
 * Waits until at least one of `events` is ready; their `state` fields say which. Returns 0;
 * -EAGAIN if the timeout expired (or none was ready with K_NO_WAIT); -EINTR if a queue that
 * an event watches was cancelled (k_queue_cancel_wait; that event's state is
 * K_POLL_STATE_CANCELLED).
 */
export function k_poll(events: k_poll_event[], timeout: k_timeout_t): i32 {
  // The tick at which the wait ends (relative or absolute, K_TIMEOUT_ABS_*): every poller is
  // woken whenever any polled object changes, and going back to sleep must not shorten it.
  const forever = timeout == K_FOREVER;
  const end = forever || timeout == K_NO_WAIT ? 0 : z_timeout_end(timeout);
  while (true) {
    const key = k_spin_lock(sched_lock());
    if (check(events) > 0) {
      k_spin_unlock(sched_lock(), key);
      return 0;
    }
    if (timeout == K_NO_WAIT) {
      k_spin_unlock(sched_lock(), key);
      return -EAGAIN;
    }
    const left = forever ? K_FOREVER : z_timeout_left(end);
    if (left == K_NO_WAIT) {
      k_spin_unlock(sched_lock(), key);
      return -EAGAIN;
    }
    current().swap_data = changetype<usize>(events);
    if (z_pend_curr_locked(key, kernel().poll_wq, left, WAIT_POLL) == -EINTR) {
      const k2 = k_spin_lock(sched_lock());
      check(events);
      k_spin_unlock(sched_lock(), k2);
      return -EINTR;
    }
  }
}

export function k_poll_signal_init(sig: k_poll_signal): void {
  sig.signaled = 0;
  sig.result = 0;
}

/** Raises `sig` with `result`; pollers of it become ready. Returns 0. */
export function k_poll_signal_raise(sig: k_poll_signal, result: i32): i32 {
  const key = k_spin_lock(sched_lock());
  sig.result = result;
  atomic.store<u32>(changetype<usize>(sig), 1);
  z_poll_notify_locked();
  z_reschedule(sched_lock(), key);
  return 0;
}

export function k_poll_signal_reset(sig: k_poll_signal): void {
  atomic.store<u32>(changetype<usize>(sig), 0);
}

/** Reads the signal: stores signaled and result through the pointers (Zephyr's form). */
export function k_poll_signal_check(sig: k_poll_signal, signaled: usize, result: usize): void {
  store<u32>(signaled, sig.signaled);
  store<i32>(result, sig.result);
}

/** K_POLL_SIGNAL_DEFINE-like: a zeroed signal in static memory shared by every CPU (top level). */
// @ts-ignore: decorator
@inline export function K_POLL_SIGNAL_DEFINE(): k_poll_signal {
  return changetype<k_poll_signal>(memory.data(SIZEOF_K_POLL_SIGNAL, 4));
}

// --- triggered work (k_work_poll) --------------------------------------------------------

// z_poller.mode values (kernel/poll.c): MODE_POLL is a thread in k_poll, which wasmp keeps on
// poll_wq instead.
// @ts-ignore: decorator
@inline const MODE_NONE: u32 = 0;
// @ts-ignore: decorator
@inline const MODE_TRIGGERED: u32 = 2;

/** The triggered works waiting for an event (static memory: one list for every CPU). Lock: sched_lock. */
const triggered_head = changetype<sys_dnode>(memory.data(8, 8));

/** The list, initialised on first use (static memory starts zeroed). Lock: sched_lock. */
function triggered_list(): sys_dnode {
  if (triggered_head.next == 0) sys_dlist_init(triggered_head);
  return triggered_head;
}

/** Takes `twork` off the triggered list if it is on it. Lock: sched_lock. */
function unregister_locked(twork: k_work_poll): void {
  if (sys_dnode_is_linked(twork.node)) sys_dlist_remove(twork.node);
}

/** An event of `twork` is ready: submit it with 0 (signal_triggered_work). Lock: sched_lock. */
function signal_triggered_work_locked(twork: k_work_poll): void {
  unregister_locked(twork);
  if (twork.is_polling != 0 && twork.workq != 0) {
    z_abort_timeout_locked(twork.timeout);
    twork.poll_result = 0;
    z_work_submit_to_queue_locked(twork.work, changetype<k_work_q>(twork.workq));
  }
  twork.is_polling = 0;
}

/** The timeout expired before an event: submit it with -EAGAIN. Lock: sched_lock (timeout handlers). */
function triggered_work_expiration_handler(to: _timeout): void {
  const twork = changetype<k_work_poll>(changetype<usize>(to) - K_WORK_POLL_TIMEOUT);
  unregister_locked(twork);
  twork.is_polling = 0;
  twork.poll_result = -EAGAIN;
  if (twork.workq != 0) z_work_submit_to_queue_locked(twork.work, changetype<k_work_q>(twork.workq));
}

/** The kernel's handler of every triggered work: release ownership, then run the caller's handler. */
function triggered_work_handler(work: k_work): void {
  const twork = changetype<k_work_poll>(changetype<usize>(work));
  if (twork.mode != MODE_NONE) {
    const key = k_spin_lock(sched_lock());
    unregister_locked(twork);
    k_spin_unlock(sched_lock(), key);
  }
  // Drop ownership first: the handler may submit it again.
  twork.workq = 0;
  changetype<k_work_handler_t>(twork.real_handler)(work);
}

/** Cancels a triggered work that waits for an event: 0, or -EINVAL if it does not wait. Lock: sched_lock. */
function triggered_work_cancel_locked(twork: k_work_poll): i32 {
  if (twork.is_polling != 0 && twork.mode != MODE_NONE) {
    z_abort_timeout_locked(twork.timeout);
    twork.mode = MODE_NONE;
    unregister_locked(twork);
    twork.workq = 0;
    return 0;
  }
  // Being registered, queued or running: there is nothing to cancel (as Zephyr).
  return -EINVAL;
}

/**
 * Initialises a triggered work item to run `handler` (k_work_poll_init). Unlike Zephyr, an
 * item still waiting for its events is first taken off the kernel's list, so that
 * initialising it again is safe.
 */
export function k_work_poll_init(work: k_work_poll, handler: k_work_handler_t): void {
  const key = k_spin_lock(sched_lock());
  unregister_locked(work);
  z_abort_timeout_locked(work.timeout);
  k_spin_unlock(sched_lock(), key);
  memory.fill(changetype<usize>(work), 0, SIZEOF_K_WORK_POLL);
  k_work_init(work.work, triggered_work_handler);
  work.real_handler = <u32>changetype<usize>(handler);
}

/**
 * Submits `work` to `work_q` once one of `events` is ready, or when `timeout` expires
 * (k_work_poll_submit_to_queue). Returns 0; -EINVAL if it is already queued or running on
 * `work_q` (it cannot be re-armed then), or no events; -EADDRINUSE if it is owned by another
 * queue. `poll_result` tells the handler 0 (an event) or -EAGAIN (the timeout, or K_NO_WAIT
 * and none ready); the events' `state` fields say which are ready.
 */
export function k_work_poll_submit_to_queue(
  work_q: k_work_q,
  work: k_work_poll,
  events: k_poll_event[],
  timeout: k_timeout_t,
): i32 {
  if (events.length == 0) return -EINVAL; // Zephyr asserts num_events > 0
  const key = k_spin_lock(sched_lock());
  if (work.workq != 0) {
    if (work.workq != changetype<usize>(work_q)) {
      k_spin_unlock(sched_lock(), key);
      return -EADDRINUSE;
    }
    const rc = triggered_work_cancel_locked(work);
    if (rc < 0) {
      k_spin_unlock(sched_lock(), key);
      return rc;
    }
  }
  work.is_polling = 1;
  work.workq = changetype<usize>(work_q);
  work.mode = MODE_NONE;
  work.events = changetype<usize>(events);
  work.poll_result = -EINPROGRESS;
  // Zephyr registers each event unless it is ready (then the state records it); here the
  // check and the registration are one step under sched_lock, so no event can slip between.
  const ready = check(events);
  if (ready == 0 && timeout != K_NO_WAIT) {
    if (timeout != K_FOREVER) z_add_timeout_locked(work.timeout, triggered_work_expiration_handler, timeout);
    work.mode = MODE_TRIGGERED;
    sys_dlist_append(triggered_list(), work.node);
    k_spin_unlock(sched_lock(), key);
    return 0;
  }
  // Ready at once, or K_NO_WAIT: run it now with the result.
  work.is_polling = 0;
  work.poll_result = ready > 0 ? 0 : -EAGAIN;
  if (z_work_submit_to_queue_locked(work.work, work_q) > 0) {
    z_reschedule(sched_lock(), key);
  } else {
    k_spin_unlock(sched_lock(), key);
  }
  return 0;
}

/** k_work_poll_submit: k_work_poll_submit_to_queue on the system work queue. */
export function k_work_poll_submit(work: k_work_poll, events: k_poll_event[], timeout: k_timeout_t): i32 {
  return k_work_poll_submit_to_queue(k_sys_work_q, work, events, timeout);
}

/**
 * Cancels `work` while it waits for its events (k_work_poll_cancel): 0; -EINVAL if `work` is
 * null, not submitted, or already triggered (queued or running).
 */
export function k_work_poll_cancel(work: k_work_poll | null): i32 {
  if (work == null || work.workq == 0) return -EINVAL;
  const key = k_spin_lock(sched_lock());
  const rc = triggered_work_cancel_locked(work);
  k_spin_unlock(sched_lock(), key);
  return rc;
}
