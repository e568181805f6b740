// Mutexes (kernel/mutex.c, the 2026 version): recursive, owned, with priority inheritance.
//
// Priority inheritance (Zephyr's Z_MUTEX_PI_ENABLED, CONFIG_PRIORITY_CEILING below the lowest
// priority, its default):
// - every thread keeps the list of mutexes it holds (k_thread.held_mutexes, linked through
//   k_mutex.held_node) and its priority from before any inheritance (k_thread.orig_prio, taken
//   when it goes from holding no mutex to holding one);
// - a thread that pends on a held mutex records it (k_thread.mutex_pended_on) and walks the
//   ownership chain: the owner, the owner of the mutex that owner pends on, and so on, at most
//   MUTEX_CHAIN_WALK_MAX_HOPS hops, raising each to the waiter's priority;
// - an unlock, or a waiter's timeout, recomputes the owner's priority from the best waiter of
//   every mutex it still holds, floored at its orig_prio.
// Zephyr's known limitations are kept: a timed-out waiter lowers only the immediate owner (a
// deeper owner in a chain stays raised until it unlocks), and does so in its own context after
// it resumes.
//
// CONFIG_MUTEX_DEADLOCK_DETECT: the chain walk of a K_FOREVER lock that comes back to the caller
// through owners that all wait forever is a deadlock, reported with __ASSERT.
//
// CONFIG_ASSERT also checks Zephyr's K_MUTEX_MAGIC sentinel (Zephyr PR 118165): locking or
// unlocking a mutex that was never initialised, and re-initialising a held one, are assertion
// failures. wasmp's "held" is "owned by a thread that is not dead": a thread that ends holding a
// mutex leaves it owned (as in Zephyr), and re-initialising such a mutex is allowed, which the
// Zephyr tests that reuse a mutex across test threads rely on.
//
// Lock: mutex_lock, one static lock for every mutex, as Zephyr's (the chain walk reads and
// writes mutexes and threads other than the one the call names), then sched_lock for wait
// queues and thread priorities. Zephyr's mutex.c is not SMP-specific; neither is this.

import {
  k_mutex,
  k_spinlock,
  k_thread,
  SIZEOF_K_MUTEX,
  SIZEOF_K_SPINLOCK,
  K_MUTEX_MAGIC,
  K_LOWEST_THREAD_PRIO,
  EBUSY,
  EINVAL,
  EPERM,
  EAGAIN,
  _THREAD_DEAD,
  WAIT_MUTEX,
} from "../generated/contract";
import { arch_is_in_isr } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_head, z_waitq_init } from "./wait_q";
import { K_FOREVER, K_NO_WAIT, k_timeout_t } from "./timeout";
import { current, z_is_thread_pending } from "./kthread";
import { ready_thread_locked, sched_lock, z_pend_curr, z_reschedule, z_unpend_first_thread_locked } from "./sched";
import { k_thread_priority_set } from "./thread";
import { z_heap_calloc } from "./heap";
import { sys_dnode_is_linked } from "./dlist";
import { __ASSERT, __ASSERT_OBJ } from "./assert";
import { CONFIG_MUTEX_DEADLOCK_DETECT } from "./config";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/mutex.ts:<line>`. */
// @ts-ignore: decorator
@inline const MUTEX_TS = "kernel/mutex.ts";

/** Zephyr's `static struct k_spinlock mutex_lock`: static memory, one lock for every CPU. */
const mutex_lock = changetype<k_spinlock>(memory.data(SIZEOF_K_SPINLOCK, 16));

/**
 * Upper bound on the hops of the ownership-chain walk (a bound on the work done under
 * mutex_lock, not on chain length: equal-priority threads may form longer chains).
 */
// @ts-ignore: decorator
@inline const MUTEX_CHAIN_WALK_MAX_HOPS: i32 = 16;

/**
 * CONFIG_PRIORITY_CEILING: inheritance never raises a thread above this priority. Zephyr's
 * default (-127, no ceiling); not configurable in wasmp.
 */
// @ts-ignore: decorator
@inline const CONFIG_PRIORITY_CEILING: i32 = -127;

/** Z_MUTEX_PI_ENABLED: priority inheritance is compiled in. */
// @ts-ignore: decorator
@inline const Z_MUTEX_PI_ENABLED: bool = CONFIG_PRIORITY_CEILING < K_LOWEST_THREAD_PRIO;

// @ts-ignore: decorator
@inline function z_is_prio_higher(prio: i32, test_prio: i32): bool {
  return prio < test_prio;
}

// @ts-ignore: decorator
@inline function z_get_new_prio_with_ceiling(prio: i32): i32 {
  return prio >= CONFIG_PRIORITY_CEILING ? prio : CONFIG_PRIORITY_CEILING;
}

function new_prio_for_inheritance(target: i32, limit: i32): i32 {
  return z_get_new_prio_with_ceiling(z_is_prio_higher(target, limit) ? target : limit);
}

/**
 * Sets the owner of `m` to `new_prio` (z_thread_prio_set: requeued, or moved in the wait queue
 * it pends on). Returns true if it changed. Lock: mutex_lock; this cannot switch (the key masks
 * interrupts), the caller's z_reschedule or z_pend_curr is the scheduling point.
 */
function adjust_owner_prio(m: k_mutex, new_prio: i32): bool {
  const owner = changetype<k_thread>(m.owner);
  if (owner.prio == new_prio) return false;
  k_thread_priority_set(owner, new_prio);
  return true;
}

// --- the held_mutexes list (a sys_slist through k_mutex.held_node) ---------------------------

function held_append(t: k_thread, m: k_mutex): void {
  m.held_node = 0;
  let p = t.held_mutexes;
  if (p == 0) {
    t.held_mutexes = changetype<usize>(m);
    return;
  }
  while (changetype<k_mutex>(p).held_node != 0) p = changetype<k_mutex>(p).held_node;
  changetype<k_mutex>(p).held_node = changetype<usize>(m);
}

function held_remove(t: k_thread, m: k_mutex): void {
  let p = t.held_mutexes;
  if (p == changetype<usize>(m)) {
    t.held_mutexes = m.held_node;
  } else {
    while (p != 0 && changetype<k_mutex>(p).held_node != changetype<usize>(m)) p = changetype<k_mutex>(p).held_node;
    if (p == 0) return;
    changetype<k_mutex>(p).held_node = m.held_node;
  }
  m.held_node = 0;
}

/**
 * The best priority among the first waiters of every mutex `t` holds, floored at `floor_prio`.
 * Lock: mutex_lock (takes sched_lock for the wait queues).
 */
function held_mutexes_highest_waiter_prio(t: k_thread, floor_prio: i32): i32 {
  let prio = floor_prio;
  const key = k_spin_lock(sched_lock());
  for (let p = t.held_mutexes; p != 0; p = changetype<k_mutex>(p).held_node) {
    const w = z_waitq_head(changetype<k_mutex>(p).wait_q);
    if (w != null) {
      const wprio = z_get_new_prio_with_ceiling(w.prio);
      if (z_is_prio_higher(wprio, prio)) prio = wprio;
    }
  }
  k_spin_unlock(sched_lock(), key);
  return prio;
}

/** Held: owned by a thread that has not ended (see the header). */
function is_held(m: k_mutex): bool {
  return m.owner != 0 && (changetype<k_thread>(m.owner).thread_state & _THREAD_DEAD) == 0;
}

// --- the API ---------------------------------------------------------------------------------

/**
 * K_MUTEX_DEFINE: a mutex in static memory shared by every CPU (one per call site; top level
 * only: every CPU's start function writes its initializer before the kernel boots).
 */
// @ts-ignore: decorator
@inline export function K_MUTEX_DEFINE(): k_mutex {
  const m = changetype<k_mutex>(memory.data(SIZEOF_K_MUTEX, 16));
  z_waitq_init(m.wait_q);
  m.sentinel = K_MUTEX_MAGIC;
  return m;
}

/** Initialises `m`. Returns 0. Re-initialising a held mutex is an assertion failure. */
export function k_mutex_init(m: k_mutex): i32 {
  __ASSERT_OBJ(m, "k_mutex_init", MUTEX_TS, __LINE__);
  __ASSERT(m.sentinel != K_MUTEX_MAGIC || !is_held(m), "re-init of a held mutex");
  m.owner = 0;
  m.lock_count = 0;
  z_waitq_init(m.wait_q);
  m.held_node = 0;
  m.sentinel = K_MUTEX_MAGIC;
  return 0;
}

/** A new mutex on the kernel heap (the analogue of a k_mutex in a struct or on the stack). */
export function k_mutex_alloc(): k_mutex {
  const m = changetype<k_mutex>(z_heap_calloc(SIZEOF_K_MUTEX));
  k_mutex_init(m);
  return m;
}

/**
 * Locks `m` (recursively if the caller owns it). Returns 0; -EBUSY if it is held and `timeout`
 * is K_NO_WAIT; -EAGAIN if the timeout expired. While the caller waits, the owners along the
 * ownership chain inherit its priority. Not from an ISR.
 */
export function k_mutex_lock(m: k_mutex, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(m, "k_mutex_lock", MUTEX_TS, __LINE__);
  __ASSERT(!arch_is_in_isr(), "mutexes cannot be used inside ISRs");
  __ASSERT(m.sentinel == K_MUTEX_MAGIC, "k_mutex locked before initialized");
  let key = k_spin_lock(mutex_lock);
  const cur = current();
  if (m.lock_count == 0 || m.owner == changetype<usize>(cur)) {
    m.lock_count = m.lock_count + 1;
    m.owner = changetype<usize>(cur);
    // Into the held list on the first acquisition only; the true pre-inheritance priority is
    // taken when the thread goes from holding nothing to holding this one.
    if (Z_MUTEX_PI_ENABLED && m.lock_count == 1) {
      if (cur.held_mutexes == 0) cur.orig_prio = cur.prio;
      held_append(cur, m);
    }
    k_spin_unlock(mutex_lock, key);
    return 0;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(mutex_lock, key);
    return -EBUSY;
  }
  let resched = false;
  if (Z_MUTEX_PI_ENABLED) {
    cur.mutex_pended_on = changetype<usize>(m);
    // Walk the ownership chain, raising each owner to the waiter's priority.
    const boost_prio = new_prio_for_inheritance(cur.prio, changetype<k_thread>(m.owner).prio);
    let chain_mutex = m;
    let chain_owner = changetype<k_thread>(m.owner);
    let hops = 0;
    let all_forever = timeout == K_FOREVER;
    while (chain_owner != null) {
      if (CONFIG_MUTEX_DEADLOCK_DETECT) {
        // A deadlock only if the caller and every owner visited so far wait forever (a finite
        // timeout anywhere in the cycle ends it with -EAGAIN). z_is_thread_pending() guards
        // against a stale mutex_pended_on of an owner that timed out and has not cleared it.
        all_forever = all_forever && !sys_dnode_is_linked(chain_owner.timeout.node);
        const next = chain_owner.mutex_pended_on;
        if (
          all_forever &&
          next != 0 &&
          z_is_thread_pending(chain_owner) &&
          changetype<k_mutex>(next).owner == changetype<usize>(cur)
        ) {
          __ASSERT(false, "mutex deadlock: the thread would wait forever on a mutex whose owner waits on it");
          break;
        }
      }
      if (z_is_prio_higher(boost_prio, chain_owner.prio))
        resched = adjust_owner_prio(chain_mutex, boost_prio) || resched;
      // Stop at an owner that does not pend (its mutex_pended_on may be stale).
      if (chain_owner.mutex_pended_on == 0 || !z_is_thread_pending(chain_owner)) break;
      chain_mutex = changetype<k_mutex>(chain_owner.mutex_pended_on);
      // The cap also ends a cycle that does not pass through `m`.
      hops++;
      if (chain_mutex == m || hops >= MUTEX_CHAIN_WALK_MAX_HOPS) break;
      chain_owner = changetype<k_thread>(chain_mutex.owner);
    }
  }
  const got_mutex = z_pend_curr(mutex_lock, key, m.wait_q, timeout, WAIT_MUTEX);
  if (!Z_MUTEX_PI_ENABLED) return got_mutex;
  if (got_mutex == 0) {
    // Granted: the unlocker made us the owner and cleared mutex_pended_on under mutex_lock.
    cur.mutex_pended_on = 0;
    return 0;
  }
  // Timed out. Cleared under mutex_lock, so that no chain walk sees the stale pointer.
  key = k_spin_lock(mutex_lock);
  cur.mutex_pended_on = 0;
  // The mutex may have been unlocked since: then there is no owner to lower. Otherwise the
  // owner's priority is what the waiters of all the mutexes it still holds need.
  if (m.owner != 0) {
    const owner = changetype<k_thread>(m.owner);
    resched = adjust_owner_prio(m, held_mutexes_highest_waiter_prio(owner, owner.orig_prio)) || resched;
  }
  if (resched) z_reschedule(mutex_lock, key);
  else k_spin_unlock(mutex_lock, key);
  return -EAGAIN;
}

/**
 * Unlocks `m`. Returns 0; -EINVAL if it has no owner; -EPERM if the caller does not own it.
 * The last unlock hands the mutex to the highest-priority waiter (FIFO among equals) and
 * recomputes the caller's priority from the mutexes it still holds. Not from an ISR.
 */
export function k_mutex_unlock(m: k_mutex): i32 {
  __ASSERT_OBJ(m, "k_mutex_unlock", MUTEX_TS, __LINE__);
  __ASSERT(!arch_is_in_isr(), "mutexes cannot be used inside ISRs");
  __ASSERT(m.sentinel == K_MUTEX_MAGIC, "k_mutex unlocked before initialized");
  const cur = current();
  if (m.owner == 0) return -EINVAL;
  if (m.owner != changetype<usize>(cur)) return -EPERM;
  // Only the owner changes lock_count while it owns the mutex, so no lock is needed here.
  __ASSERT(m.lock_count > 0, "owned mutex with lock_count 0");
  if (m.lock_count > 1) {
    m.lock_count = m.lock_count - 1;
    return 0;
  }
  const key = k_spin_lock(mutex_lock);
  let resched = false;
  if (Z_MUTEX_PI_ENABLED) {
    held_remove(cur, m);
    // If the caller was raised, its priority is what the waiters of its other mutexes need.
    if (cur.prio != cur.orig_prio) {
      resched = adjust_owner_prio(m, held_mutexes_highest_waiter_prio(cur, cur.orig_prio));
    }
  }
  // Pick the new owner and complete its wake-up under sched_lock, so that a racing timeout
  // cannot see it half done: it either times out first or is the owner.
  const skey = k_spin_lock(sched_lock());
  const t = z_unpend_first_thread_locked(m.wait_q);
  m.owner = changetype<usize>(t);
  if (t != null) {
    // The new owner has the best priority of the waiters (the wait queue is ordered): no
    // adjustment. lock_count stays 1.
    if (Z_MUTEX_PI_ENABLED) {
      if (t.held_mutexes == 0) t.orig_prio = t.prio;
      held_append(t, m);
      t.mutex_pended_on = 0;
    }
    t.swap_retval = 0;
    ready_thread_locked(t);
  } else {
    m.lock_count = 0;
  }
  k_spin_unlock(sched_lock(), skey);
  // Zephyr reschedules only for a new owner; wasmp also does when the caller's priority dropped,
  // so that a thread it no longer outranks runs at once rather than at the next tick.
  if (t != null || resched) z_reschedule(mutex_lock, key);
  else k_spin_unlock(mutex_lock, key);
  return 0;
}

// --- sys_mutex (include/zephyr/sys/mutex.h without CONFIG_USERSPACE: a k_mutex) --------------

/** struct sys_mutex: without userspace, Zephyr's is a wrapper of one k_mutex; here it is one. */
export type sys_mutex = k_mutex;

/** SYS_MUTEX_DEFINE: a sys_mutex in static memory (top level only, as K_MUTEX_DEFINE). */
// @ts-ignore: decorator
@inline export function SYS_MUTEX_DEFINE(): sys_mutex {
  const m = changetype<k_mutex>(memory.data(SIZEOF_K_MUTEX, 16));
  z_waitq_init(m.wait_q);
  m.sentinel = K_MUTEX_MAGIC;
  return m;
}

export function sys_mutex_init(m: sys_mutex): void {
  k_mutex_init(m);
}

/** A new sys_mutex on the kernel heap. */
export function sys_mutex_alloc(): sys_mutex {
  return k_mutex_alloc();
}

/** k_mutex_lock: 0, -EBUSY (K_NO_WAIT) or -EAGAIN (timeout). */
export function sys_mutex_lock(m: sys_mutex, timeout: k_timeout_t): i32 {
  return k_mutex_lock(m, timeout);
}

/** k_mutex_unlock: 0, -EINVAL (not locked) or -EPERM (not the owner). */
export function sys_mutex_unlock(m: sys_mutex): i32 {
  return k_mutex_unlock(m);
}
