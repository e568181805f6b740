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
// k_lifo), K_POLL_TYPE_MSGQ_DATA_AVAILABLE. As in Zephyr, k_poll never clears a state: the
// caller resets `state` to K_POLL_STATE_NOT_READY before polling again.
//
// A poller's events array is in its thread's swap_data while it pends on poll_wq (for
// z_poll_cancel_locked). Lock: sched_lock for the poll wait queue and the event states.

import {
  k_poll_signal,
  k_sem,
  k_msgq,
  k_queue,
  k_thread,
  SIZEOF_K_POLL_SIGNAL,
  EAGAIN,
  EINTR,
} from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { K_NO_WAIT, K_FOREVER, k_timeout_t, k_ticks_now, z_abort_timeout_locked } from "./timeout";
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

/** Wakes every poller so that it re-checks its events. Lock: sched_lock. */
export function z_poll_notify_locked(): void {
  z_sched_wake_all_locked(kernel().poll_wq, 0);
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
  const deadline = timeout == K_FOREVER ? -1 : k_ticks_now() + timeout;
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
    let left: i64 = -1;
    if (deadline >= 0) {
      left = deadline - k_ticks_now();
      if (left <= 0) {
        k_spin_unlock(sched_lock(), key);
        return -EAGAIN;
      }
    }
    current().swap_data = changetype<usize>(events);
    if (z_pend_curr_locked(key, kernel().poll_wq, left) == -EINTR) {
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
