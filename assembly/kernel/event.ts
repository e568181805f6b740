// Event objects (kernel/events.c): 32 event bits; threads wait for any or all of a set, and
// the _safe waits consume the events that satisfied them. A waiter's wish is a k_event_waiter
// {desired, options, matched} on the kernel heap (Zephyr's z_event_wait_block on the waiter's
// stack), found through its swap_data. All event objects share kernel().obj_lock.

import {
  k_event,
  k_event_waiter,
  SIZEOF_K_EVENT,
  SIZEOF_K_EVENT_WAITER,
  K_EVENT_WAIT_ALL,
  K_EVENT_OPTION_RESET,
  K_EVENT_OPTION_CLEAR,
  WAIT_EVENT,
} from "../generated/contract";
import { arch_is_in_isr, kernel } from "../arch/cpu";
import { __ASSERT, __ASSERT_OBJ } from "./assert";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_head, z_waitq_init, z_waitq_next } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import { ready_thread_locked, sched_lock, unpend_thread_no_timeout_locked, z_pend_curr, z_reschedule } from "./sched";
import { z_abort_timeout_locked } from "./timeout";
import { z_heap_alloc, z_heap_calloc, z_heap_free } from "./heap";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/event.ts:<line>`. */
// @ts-ignore: decorator
@inline const EVENT_TS = "kernel/event.ts";

export function k_event_init(e: k_event): void {
  __ASSERT_OBJ(e, "k_event_init", EVENT_TS, __LINE__);
  z_waitq_init(e.wait_q);
  e.events = 0;
}

/** K_EVENT_DEFINE: a zeroed event object in static memory shared by every CPU (top level). */
// @ts-ignore: decorator
@inline export function K_EVENT_DEFINE(): k_event {
  return changetype<k_event>(memory.data(SIZEOF_K_EVENT, 16));
}

export function k_event_alloc(): k_event {
  const e = changetype<k_event>(z_heap_calloc(SIZEOF_K_EVENT));
  k_event_init(e);
  return e;
}

/**
 * are_wait_conditions_met: the events of `desired` present in `current` if they satisfy the
 * wait (any of them; all of them with K_EVENT_WAIT_ALL), else 0.
 */
function wait_conditions_met(desired: u32, current_events: u32, options: u32): u32 {
  const match = current_events & desired;
  if ((options & K_EVENT_WAIT_ALL) != 0 && match != desired) return 0;
  return match;
}

/**
 * k_event_post_internal: sets the events under `mask` to `events`, wakes every waiter that
 * the new events satisfy, then removes the events that _safe waiters consumed. Every waiter
 * is judged against the same posted events, as Zephyr's walk does: the consumed events are
 * cleared after the walk, not during it. Returns the previous events under `mask`.
 */
function event_update(e: k_event, events: u32, mask: u32): u32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const old = e.events;
  const prev = old & mask;
  const posted = (old & ~mask) | (events & mask);
  let clear: u32 = 0;
  const skey = k_spin_lock(sched_lock());
  let t = z_waitq_head(e.wait_q);
  while (t != null) {
    const next = z_waitq_next(e.wait_q, t);
    const w = changetype<k_event_waiter>(t.swap_data);
    const match = wait_conditions_met(w.desired, posted, w.options);
    if (match != 0) {
      w.matched = match;
      if ((w.options & K_EVENT_OPTION_CLEAR) != 0) clear |= match;
      unpend_thread_no_timeout_locked(t);
      z_abort_timeout_locked(t.timeout);
      t.swap_retval = 0;
      ready_thread_locked(t);
    }
    t = next;
  }
  k_spin_unlock(sched_lock(), skey);
  e.events = posted & ~clear;
  z_reschedule(lock, key);
  return prev;
}

/** ORs `events` in; returns the previous value of those events (the old events & `events`). */
export function k_event_post(e: k_event, events: u32): u32 {
  __ASSERT_OBJ(e, "k_event_post", EVENT_TS, __LINE__);
  return event_update(e, events, events);
}
/** Replaces the events; returns all previous events. */
export function k_event_set(e: k_event, events: u32): u32 {
  __ASSERT_OBJ(e, "k_event_set", EVENT_TS, __LINE__);
  return event_update(e, events, 0xffffffff);
}
/** Replaces the events under `mask`; returns the previous events under `mask`. */
export function k_event_set_masked(e: k_event, events: u32, mask: u32): u32 {
  __ASSERT_OBJ(e, "k_event_set_masked", EVENT_TS, __LINE__);
  return event_update(e, events, mask);
}
/** Clears `events`; returns their previous value (the old events & `events`). */
export function k_event_clear(e: k_event, events: u32): u32 {
  __ASSERT_OBJ(e, "k_event_clear", EVENT_TS, __LINE__);
  return event_update(e, 0, events);
}
/** The events of `events` that are set, read under the lock (Zephyr: k_event_wait with K_NO_WAIT). */
export function k_event_test(e: k_event, events: u32): u32 {
  __ASSERT_OBJ(e, "k_event_test", EVENT_TS, __LINE__);
  return event_wait(e, events, 0, K_NO_WAIT);
}

/** k_event_wait_internal: the four waits, told apart by K_EVENT_WAIT_ALL / K_EVENT_OPTION_* bits. */
function event_wait(e: k_event, events: u32, options: u32, timeout: k_timeout_t): u32 {
  __ASSERT(!arch_is_in_isr() || timeout == K_NO_WAIT, "k_event_wait: an ISR cannot wait");
  // Waiting for no events returns at once, before the reset (Zephyr checks first).
  if (events == 0) return 0;
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  if ((options & K_EVENT_OPTION_RESET) != 0) e.events = 0;
  const match = wait_conditions_met(events, e.events, options);
  if (match != 0) {
    if ((options & K_EVENT_OPTION_CLEAR) != 0) e.events = e.events & ~match;
    k_spin_unlock(lock, key);
    return match;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(lock, key);
    return 0;
  }
  // Allocated before pending, under obj_lock (the heap has its own lock, taken inside).
  const w = changetype<k_event_waiter>(z_heap_alloc(SIZEOF_K_EVENT_WAITER));
  if (changetype<usize>(w) == 0) {
    // No room for the wait record: nothing can wake this waiter, so it returns as if timed out.
    k_spin_unlock(lock, key);
    return 0;
  }
  w.desired = events;
  w.options = options;
  w.matched = 0;
  current().swap_data = changetype<usize>(w);
  const r = z_pend_curr(lock, key, e.wait_q, timeout, WAIT_EVENT);
  const got = r == 0 ? w.matched : 0;
  z_heap_free(changetype<usize>(w));
  return got;
}

/** Waits for any of `events`; returns the matching events, or 0 on timeout. `reset` clears first. */
export function k_event_wait(e: k_event, events: u32, reset: bool, timeout: k_timeout_t): u32 {
  __ASSERT_OBJ(e, "k_event_wait", EVENT_TS, __LINE__);
  return event_wait(e, events, reset ? K_EVENT_OPTION_RESET : 0, timeout);
}

/** Waits for all of `events`; returns them, or 0 on timeout. */
export function k_event_wait_all(e: k_event, events: u32, reset: bool, timeout: k_timeout_t): u32 {
  __ASSERT_OBJ(e, "k_event_wait_all", EVENT_TS, __LINE__);
  return event_wait(e, events, K_EVENT_WAIT_ALL | (reset ? K_EVENT_OPTION_RESET : 0), timeout);
}

/**
 * k_event_wait_safe: as k_event_wait, and the events returned are cleared from `e` atomically
 * with the wake-up, so no other waiter or later wait sees them.
 */
export function k_event_wait_safe(e: k_event, events: u32, reset: bool, timeout: k_timeout_t): u32 {
  __ASSERT_OBJ(e, "k_event_wait_safe", EVENT_TS, __LINE__);
  return event_wait(e, events, K_EVENT_OPTION_CLEAR | (reset ? K_EVENT_OPTION_RESET : 0), timeout);
}

/** k_event_wait_all_safe: as k_event_wait_all, clearing the events returned (see k_event_wait_safe). */
export function k_event_wait_all_safe(e: k_event, events: u32, reset: bool, timeout: k_timeout_t): u32 {
  __ASSERT_OBJ(e, "k_event_wait_all_safe", EVENT_TS, __LINE__);
  return event_wait(e, events, K_EVENT_WAIT_ALL | K_EVENT_OPTION_CLEAR | (reset ? K_EVENT_OPTION_RESET : 0), timeout);
}
