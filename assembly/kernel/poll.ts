// k_poll (kernel/poll.c), simplified: a poller checks its events and, if none is ready,
// pends on one kernel-wide poll wait queue; every change that can make an event ready
// (a signal raised, a semaphore given, a message queued) wakes all pollers, which re-check.
// Supported event types: K_POLL_TYPE_SIGNAL, K_POLL_TYPE_SEM_AVAILABLE,
// K_POLL_TYPE_MSGQ_DATA_AVAILABLE. Zephyr wakes only the pollers of the object that
// changed; the observable results are the same.

import { k_poll_signal, k_sem, k_msgq, SIZEOF_K_POLL_SIGNAL, EAGAIN } from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { K_NO_WAIT, k_timeout_t, sys_timepoint_calc, sys_timepoint_timeout } from "./timeout";
import { sched_lock, z_pend_curr_locked, z_reschedule, z_sched_wake_all_locked } from "./sched";

// @ts-ignore: decorator
@inline export const K_POLL_TYPE_IGNORE: u32 = 0;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_SIGNAL: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_SEM_AVAILABLE: u32 = 1 << 1;
// @ts-ignore: decorator
@inline export const K_POLL_TYPE_MSGQ_DATA_AVAILABLE: u32 = 1 << 4;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_NOT_READY: u32 = 0;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_SIGNALED: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const K_POLL_STATE_SEM_AVAILABLE: u32 = 1 << 1;
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

/** Wakes every poller so that it re-checks its events. Lock: sched_lock. */
export function z_poll_notify_locked(): void {
  z_sched_wake_all_locked(kernel().poll_wq, 0);
}

function check(events: k_poll_event[]): i32 {
  let ready = 0;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.type == K_POLL_TYPE_SIGNAL && atomic.load<u32>(ev.obj) != 0) ev.state |= K_POLL_STATE_SIGNALED;
    else if (ev.type == K_POLL_TYPE_SEM_AVAILABLE && changetype<k_sem>(ev.obj).count > 0)
      ev.state |= K_POLL_STATE_SEM_AVAILABLE;
    else if (ev.type == K_POLL_TYPE_MSGQ_DATA_AVAILABLE && changetype<k_msgq>(ev.obj).used_msgs > 0)
      ev.state |= K_POLL_STATE_MSGQ_DATA_AVAILABLE;
    if (ev.state != K_POLL_STATE_NOT_READY) ready++;
  }
  return ready;
}

/**
 * Waits until at least one of `events` is ready; their `state` fields say which. Returns 0;
 * -EAGAIN if the timeout expired (or none was ready with K_NO_WAIT).
 */
export function k_poll(events: k_poll_event[], timeout: k_timeout_t): i32 {
  for (let i = 0; i < events.length; i++) events[i].state = K_POLL_STATE_NOT_READY;
  const end = sys_timepoint_calc(timeout); // relative or absolute (K_TIMEOUT_ABS_*)
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
    const left = sys_timepoint_timeout(end);
    if (left == K_NO_WAIT) {
      k_spin_unlock(sched_lock(), key);
      return -EAGAIN;
    }
    z_pend_curr_locked(key, kernel().poll_wq, left);
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
