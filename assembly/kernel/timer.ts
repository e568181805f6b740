// Kernel timers (kernel/timer.c). The expiry runs in the timer interrupt: the timeout handler
// (called by sys_clock_announce with sched_lock held) counts the expiry, re-arms a periodic
// timer from the deadline that expired and marks the timer as this CPU's expired one; right
// after the handler, sys_clock_announce calls z_timer_expiry_locked, which runs the expiry
// function with the lock released (so that it may use the kernel API as ISRs do) and then
// wakes one k_timer_status_sync waiter, in Zephyr's order. Every expiry gets its own call, also
// when one interrupt handles several periods of a timer that ran late.

import { k_timer, _timeout, SIZEOF_K_TIMER, K_TIMER_TIMEOUT, WAIT_TIMER } from "../generated/contract";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import {
  K_FOREVER,
  K_NO_WAIT,
  k_timeout_t,
  z_abort_timeout_locked,
  z_add_timeout_locked,
  z_add_timeout_at_locked,
  z_is_inactive_timeout,
  z_timeout_expires_locked,
  z_timeout_remaining_locked,
} from "./timeout";
import { sched_lock, z_pend_curr_locked, z_reschedule, z_sched_wake_locked } from "./sched";
import { z_heap_calloc } from "./heap";
import { k_ticks_to_ms_floor32 } from "../generated/time_units";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/timer.ts:<line>`. */
// @ts-ignore: decorator
@inline const TIMER_TS = "kernel/timer.ts";

export type k_timer_expiry_t = (timer: k_timer) => void;
export type k_timer_stop_t = (timer: k_timer) => void;

/** The timer whose timeout handler just ran in this CPU's sys_clock_announce (a CPU-local register). */
let expired: usize = 0;

function z_timer_expiration_handler(to: _timeout): void {
  const t = changetype<k_timer>(changetype<usize>(to) - K_TIMER_TIMEOUT);
  // From the deadline that expired, not from now: the period must not drift by the latency of
  // the timer interrupt (Zephyr re-arms at K_TIMEOUT_ABS_TICKS(k_uptime_ticks() + period),
  // the uptime in a timeout handler being the tick of the timeout).
  if (t.period > 0) z_add_timeout_at_locked(t.timeout, z_timer_expiration_handler, to.deadline + t.period);
  t.status = t.status + 1;
  expired = changetype<usize>(t);
}

/**
 * Called by sys_clock_announce after each timeout handler, in the timer interrupt, with
 * sched_lock held by `key`: if the handler was a timer's, runs its expiry function with the
 * lock released, then readies the first k_timer_status_sync waiter. Returns the lock's key.
 */
export function z_timer_expiry_locked(key: k_spinlock_key_t): k_spinlock_key_t {
  if (expired == 0) return key;
  const t = changetype<k_timer>(expired);
  expired = 0;
  const fn = t.expiry_fn;
  if (fn != 0) {
    k_spin_unlock(sched_lock(), key);
    changetype<k_timer_expiry_t>(fn)(t);
    key = k_spin_lock(sched_lock());
  }
  z_sched_wake_locked(t.wait_q, 0);
  return key;
}

export function k_timer_init(t: k_timer, expiry_fn: k_timer_expiry_t | null, stop_fn: k_timer_stop_t | null): void {
  __ASSERT_OBJ(t, "k_timer_init", TIMER_TS, __LINE__);
  memory.fill(changetype<usize>(t), 0, SIZEOF_K_TIMER);
  z_waitq_init(t.wait_q);
  t.expiry_fn = expiry_fn != null ? <u32>changetype<usize>(expiry_fn) : 0;
  t.stop_fn = stop_fn != null ? <u32>changetype<usize>(stop_fn) : 0;
}

/** K_TIMER_DEFINE: a timer in static memory shared by every CPU (top level). */
// @ts-ignore: decorator
@inline export function K_TIMER_DEFINE(
  expiry_fn: k_timer_expiry_t | null,
  stop_fn: k_timer_stop_t | null,
): k_timer {
  const t = changetype<k_timer>(memory.data(SIZEOF_K_TIMER, 16));
  k_timer_init(t, expiry_fn, stop_fn);
  return t;
}

export function k_timer_alloc(expiry_fn: k_timer_expiry_t | null, stop_fn: k_timer_stop_t | null): k_timer {
  const t = changetype<k_timer>(z_heap_calloc(SIZEOF_K_TIMER));
  k_timer_init(t, expiry_fn, stop_fn);
  return t;
}

/**
 * Starts `t`: first expiry after `duration` (relative or absolute), then every `period` (ticks;
 * K_NO_WAIT or K_FOREVER: one shot). K_FOREVER as duration does nothing. Restarting resets the
 * status.
 */
export function k_timer_start(t: k_timer, duration: k_timeout_t, period: k_timeout_t): void {
  __ASSERT_OBJ(t, "k_timer_start", TIMER_TS, __LINE__);
  if (duration == K_FOREVER) return;
  const key = k_spin_lock(sched_lock());
  z_abort_timeout_locked(t.timeout);
  // A period is a relative timeout; K_NO_WAIT, K_FOREVER (and an absolute one) make a one shot.
  t.period = period == K_FOREVER || period == K_NO_WAIT || period < 0 ? 0 : period;
  t.status = 0;
  z_add_timeout_locked(t.timeout, z_timer_expiration_handler, duration);
  k_spin_unlock(sched_lock(), key);
}

/**
 * Stops `t`. If it was running, its stop function runs (in the caller's context) and the first
 * k_timer_status_sync waiter returns; stopping a stopped timer does nothing.
 */
export function k_timer_stop(t: k_timer): void {
  __ASSERT_OBJ(t, "k_timer_stop", TIMER_TS, __LINE__);
  let key = k_spin_lock(sched_lock());
  if (z_abort_timeout_locked(t.timeout) != 0) {
    k_spin_unlock(sched_lock(), key);
    return;
  }
  const stop = t.stop_fn;
  if (stop != 0) {
    k_spin_unlock(sched_lock(), key);
    changetype<k_timer_stop_t>(stop)(t);
    key = k_spin_lock(sched_lock());
  }
  if (z_sched_wake_locked(t.wait_q, 0)) z_reschedule(sched_lock(), key);
  else k_spin_unlock(sched_lock(), key);
}

/** Expiries since the last read (and resets the count). */
export function k_timer_status_get(t: k_timer): u32 {
  __ASSERT_OBJ(t, "k_timer_status_get", TIMER_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const s = t.status;
  t.status = 0;
  k_spin_unlock(sched_lock(), key);
  return s;
}

/**
 * Waits for the next expiry (or the timer's stop) if none happened since the last read and the
 * timer runs; returns the expiries since the last read and resets the count.
 */
export function k_timer_status_sync(t: k_timer): u32 {
  __ASSERT_OBJ(t, "k_timer_status_sync", TIMER_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  if (t.status == 0 && !z_is_inactive_timeout(t.timeout)) {
    z_pend_curr_locked(key, t.wait_q, K_FOREVER, WAIT_TIMER);
    return k_timer_status_get(t);
  }
  const s = t.status;
  t.status = 0;
  k_spin_unlock(sched_lock(), key);
  return s;
}

/** Ticks until the next expiry (0 if stopped). */
export function k_timer_remaining_ticks(t: k_timer): i64 {
  __ASSERT_OBJ(t, "k_timer_remaining_ticks", TIMER_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const ticks = z_timeout_remaining_locked(t.timeout);
  k_spin_unlock(sched_lock(), key);
  return ticks;
}

/** The uptime in ticks at which the timer next expires (now if stopped), as z_timeout_expires. */
export function k_timer_expires_ticks(t: k_timer): i64 {
  __ASSERT_OBJ(t, "k_timer_expires_ticks", TIMER_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const at = z_timeout_expires_locked(t.timeout);
  k_spin_unlock(sched_lock(), key);
  return at;
}

/** Milliseconds until the next expiry (0 if stopped), rounded down (k_ticks_to_ms_floor32). */
export function k_timer_remaining_get(t: k_timer): u32 {
  return k_ticks_to_ms_floor32(<u32>k_timer_remaining_ticks(t));
}

export function k_timer_user_data_set(t: k_timer, data: usize): void {
  __ASSERT_OBJ(t, "k_timer_user_data_set", TIMER_TS, __LINE__);
  t.user_data = data;
}
export function k_timer_user_data_get(t: k_timer): usize {
  __ASSERT_OBJ(t, "k_timer_user_data_get", TIMER_TS, __LINE__);
  return t.user_data;
}
