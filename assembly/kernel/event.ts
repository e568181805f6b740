// Event objects (kernel/events.c): 32 event bits; threads wait for any or all of a set.
// A waiter's wish is a small record {desired, wait_all, matched} on the kernel heap, found
// through its swap_data. All event objects share kernel().obj_lock.

import { k_event, SIZEOF_K_EVENT } from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_head, z_waitq_init, z_waitq_next } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import { ready_thread_locked, sched_lock, unpend_thread_no_timeout_locked, z_pend_curr, z_reschedule } from "./sched";
import { z_abort_timeout_locked } from "./timeout";
import { z_heap_alloc, z_heap_calloc, z_heap_free } from "./heap";

export function k_event_init(e: k_event): void {
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

// A waiter's record, in the heap, at its thread's swap_data (guest-only): the events it wants,
// whether it wants all of them, and the events that woke it.
// @ts-ignore: decorator
@inline const WAIT_DESIRED: usize = 0;
// @ts-ignore: decorator
@inline const WAIT_ALL: usize = 4;
// @ts-ignore: decorator
@inline const WAIT_MATCHED: usize = 8;
// @ts-ignore: decorator
@inline const SIZEOF_WAIT: usize = 12;

/** Sets e.events = (e.events & ~mask) | (events & mask) and wakes the waiters now satisfied. */
function event_update(e: k_event, events: u32, mask: u32): u32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const old = e.events;
  // Zephyr's k_event_post_internal returns the previous events under the mask only.
  const prev = old & mask;
  e.events = (old & ~mask) | (events & mask);
  const skey = k_spin_lock(sched_lock());
  let w = z_waitq_head(e.wait_q);
  while (w != null) {
    const t = w;
    w = z_waitq_next(e.wait_q, t);
    const rec = t.swap_data;
    const desired = load<u32>(rec, WAIT_DESIRED);
    const all = load<u32>(rec, WAIT_ALL) != 0;
    const match = e.events & desired;
    if (all ? match == desired : match != 0) {
      store<u32>(rec, match, WAIT_MATCHED);
      unpend_thread_no_timeout_locked(t);
      z_abort_timeout_locked(t.timeout);
      t.swap_retval = 0;
      ready_thread_locked(t);
    }
  }
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
  return prev;
}

/** ORs `events` in; returns the previous value of those events (the old events & `events`). */
export function k_event_post(e: k_event, events: u32): u32 {
  return event_update(e, events, events);
}
/** Replaces the events; returns all previous events. */
export function k_event_set(e: k_event, events: u32): u32 {
  return event_update(e, events, 0xffffffff);
}
/** Replaces the events under `mask`; returns the previous events under `mask`. */
export function k_event_set_masked(e: k_event, events: u32, mask: u32): u32 {
  return event_update(e, events, mask);
}
/** Clears `events`; returns their previous value (the old events & `events`). */
export function k_event_clear(e: k_event, events: u32): u32 {
  return event_update(e, 0, events);
}
export function k_event_test(e: k_event, events: u32): u32 {
  return e.events & events;
}

function event_wait(e: k_event, events: u32, reset: bool, timeout: k_timeout_t, all: bool): u32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  if (reset) e.events = 0;
  const match = e.events & events;
  if (all ? match == events : match != 0) {
    k_spin_unlock(lock, key);
    return match;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(lock, key);
    return 0;
  }
  const rec = z_heap_alloc(SIZEOF_WAIT);
  store<u32>(rec, events, WAIT_DESIRED);
  store<u32>(rec, all ? 1 : 0, WAIT_ALL);
  store<u32>(rec, 0, WAIT_MATCHED);
  current().swap_data = rec;
  const r = z_pend_curr(lock, key, e.wait_q, timeout);
  const got = r == 0 ? load<u32>(rec, WAIT_MATCHED) : 0;
  z_heap_free(rec);
  return got;
}

/** Waits for any of `events`; returns the matching events, or 0 on timeout. `reset` clears first. */
export function k_event_wait(e: k_event, events: u32, reset: bool, timeout: k_timeout_t): u32 {
  return event_wait(e, events, reset, timeout, false);
}

/** Waits for all of `events`; returns them, or 0 on timeout. */
export function k_event_wait_all(e: k_event, events: u32, reset: bool, timeout: k_timeout_t): u32 {
  return event_wait(e, events, reset, timeout, true);
}
