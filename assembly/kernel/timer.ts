// Kernel timers (kernel/timer.c). The expiry runs in the timer interrupt: the timeout handler
// (called with sched_lock held) counts the expiry, re-arms a periodic timer and queues the
// timer on this CPU's list of expired timers. Once sys_clock_announce has released the lock
// (still in the interrupt) each queued timer's expiry function runs — unlocked, so that it
// may use the kernel API as ISRs do — and then the threads in k_timer_status_sync wake, in
// Zephyr's order.

import { k_timer, _timeout, SIZEOF_K_TIMER, K_TIMER_TIMEOUT } from "../generated/contract";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { CONFIG_SYS_CLOCK_TICKS_PER_SEC } from "./config";
import {
  K_FOREVER,
  K_NO_WAIT,
  k_timeout_t,
  z_abort_timeout_locked,
  z_add_timeout_locked,
  z_add_timeout_at_locked,
  z_timeout_remaining_locked,
  k_ticks_now,
} from "./timeout";
import { sched_lock, z_pend_curr_locked, z_reschedule, z_sched_wake_all_locked } from "./sched";
import { z_heap_calloc } from "./heap";
import { sys_dnode_is_linked } from "./dlist";

export type k_timer_expiry_t = (timer: k_timer) => void;
export type k_timer_stop_t = (timer: k_timer) => void;

/** Expired timers whose expiry function is due, on this CPU (a CPU-local register). */
let expired_head: usize = 0;

function z_timer_expiration_handler(to: _timeout): void {
  const t = changetype<k_timer>(changetype<usize>(to) - K_TIMER_TIMEOUT);
  // From the deadline that expired, not from now: the period must not drift by the latency of
  // the timer interrupt (Zephyr's z_timer_expiration_handler re-arms relative to the announce).
  if (t.period > 0) z_add_timeout_at_locked(t.timeout, z_timer_expiration_handler, to.deadline + t.period);
  t.status = t.status + 1;
  if (t.pending_expiry == 0) {
    t.pending_expiry = 1;
    t.next_expired = expired_head;
    expired_head = changetype<usize>(t);
  }
}

/** Runs the expiry functions queued by this CPU's timer interrupt. Interrupt context, no lock held. */
export function z_timer_run_expired(): void {
  while (expired_head != 0) {
    const key = k_spin_lock(sched_lock());
    const t = changetype<k_timer>(expired_head);
    expired_head = t.next_expired;
    t.pending_expiry = 0;
    const fn = t.expiry_fn;
    k_spin_unlock(sched_lock(), key);
    if (fn != 0) changetype<k_timer_expiry_t>(fn)(t);
    const key2 = k_spin_lock(sched_lock());
    z_sched_wake_all_locked(t.wait_q, 0);
    z_reschedule(sched_lock(), key2); // in an interrupt: only sends the IPIs
  }
}

export function k_timer_init(t: k_timer, expiry_fn: k_timer_expiry_t | null, stop_fn: k_timer_stop_t | null): void {
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
 * Starts `t`: first expiry after `duration`, then every `period` (K_NO_WAIT or K_FOREVER:
 * one shot). Restarting resets the status.
 */
export function k_timer_start(t: k_timer, duration: k_timeout_t, period: k_timeout_t): void {
  if (duration == K_FOREVER) return;
  const key = k_spin_lock(sched_lock());
  z_abort_timeout_locked(t.timeout);
  t.period = period == K_FOREVER || period == K_NO_WAIT ? 0 : period;
  t.status = 0;
  z_add_timeout_locked(t.timeout, z_timer_expiration_handler, duration);
  k_spin_unlock(sched_lock(), key);
}

/** Stops `t`; its stop function runs if it was running; k_timer_status_sync waiters return. */
export function k_timer_stop(t: k_timer): void {
  const key = k_spin_lock(sched_lock());
  const was_active = z_abort_timeout_locked(t.timeout) == 0;
  z_sched_wake_all_locked(t.wait_q, 0);
  const stop = t.stop_fn;
  z_reschedule(sched_lock(), key);
  if (was_active && stop != 0) changetype<k_timer_stop_t>(stop)(t);
}

/** Expiries since the last read (and resets the count). */
export function k_timer_status_get(t: k_timer): u32 {
  const key = k_spin_lock(sched_lock());
  const s = t.status;
  t.status = 0;
  k_spin_unlock(sched_lock(), key);
  return s;
}

/** Waits for the next expiry if none happened since the last read; returns and resets the count. */
export function k_timer_status_sync(t: k_timer): u32 {
  const key = k_spin_lock(sched_lock());
  if (t.status == 0 && sys_dnode_is_linked(t.timeout.node)) {
    z_pend_curr_locked(key, t.wait_q, K_FOREVER);
    return k_timer_status_get(t);
  }
  const s = t.status;
  t.status = 0;
  k_spin_unlock(sched_lock(), key);
  return s;
}

/** Ticks until the next expiry (0 if stopped). */
export function k_timer_remaining_ticks(t: k_timer): i64 {
  const key = k_spin_lock(sched_lock());
  const ticks = z_timeout_remaining_locked(t.timeout);
  k_spin_unlock(sched_lock(), key);
  return ticks;
}

/** The uptime in ticks at which the timer next expires (now if stopped), as z_timeout_expires. */
export function k_timer_expires_ticks(t: k_timer): i64 {
  const key = k_spin_lock(sched_lock());
  const at = k_ticks_now() + z_timeout_remaining_locked(t.timeout);
  k_spin_unlock(sched_lock(), key);
  return at;
}

/** Milliseconds until the next expiry (0 if stopped), rounded down as k_ticks_to_ms_floor32. */
export function k_timer_remaining_get(t: k_timer): u32 {
  return <u32>((k_timer_remaining_ticks(t) * 1000) / <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC);
}

export function k_timer_user_data_set(t: k_timer, data: usize): void {
  t.user_data = data;
}
export function k_timer_user_data_get(t: k_timer): usize {
  return t.user_data;
}
