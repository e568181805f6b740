// Condition variables (kernel/condvar.c): a wait queue that k_condvar_wait enters after
// releasing a mutex, and leaves re-locking it.
//
// Lock: condvar_lock, one static lock for every condition variable, as Zephyr's. k_condvar_wait
// unlocks the mutex while holding it (mutex_lock nests inside condvar_lock; the key masks
// interrupts, so that unlock cannot switch), then pends: a signal between the unlock and the
// pend is not lost, since signallers take condvar_lock too.

import {
  k_condvar,
  k_mutex,
  k_spinlock,
  SIZEOF_K_CONDVAR,
  SIZEOF_K_SPINLOCK,
  EAGAIN,
  WAIT_CONDVAR,
} from "../generated/contract";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { K_FOREVER, K_NO_WAIT, k_timeout_t } from "./timeout";
import { sched_lock, z_pend_curr, z_reschedule, z_sched_wake_locked } from "./sched";
import { k_mutex_lock, k_mutex_unlock } from "./mutex";
import { z_heap_calloc } from "./heap";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/condvar.ts:<line>`. */
// @ts-ignore: decorator
@inline const CONDVAR_TS = "kernel/condvar.ts";

/** Zephyr's `static struct k_spinlock condvar_lock`: static memory, one lock for every CPU. */
const condvar_lock = changetype<k_spinlock>(memory.data(SIZEOF_K_SPINLOCK, 16));

/**
 * K_CONDVAR_DEFINE: a condition variable in static memory shared by every CPU (one per call
 * site; top level only: every CPU's start function writes its initializer before the kernel
 * boots).
 */
// @ts-ignore: decorator
@inline export function K_CONDVAR_DEFINE(): k_condvar {
  const c = changetype<k_condvar>(memory.data(SIZEOF_K_CONDVAR, 16));
  z_waitq_init(c.wait_q);
  return c;
}

/** Initialises `c`. Returns 0. */
export function k_condvar_init(c: k_condvar): i32 {
  __ASSERT_OBJ(c, "k_condvar_init", CONDVAR_TS, __LINE__);
  z_waitq_init(c.wait_q);
  return 0;
}

/** A new condition variable on the kernel heap (the analogue of one in a struct or on the stack). */
export function k_condvar_alloc(): k_condvar {
  const c = changetype<k_condvar>(z_heap_calloc(SIZEOF_K_CONDVAR));
  k_condvar_init(c);
  return c;
}

/** Wakes the highest-priority waiter (FIFO among equals), if any. Returns 0. ISR-safe. */
export function k_condvar_signal(c: k_condvar): i32 {
  __ASSERT_OBJ(c, "k_condvar_signal", CONDVAR_TS, __LINE__);
  const key = k_spin_lock(condvar_lock);
  const skey = k_spin_lock(sched_lock());
  const woken = z_sched_wake_locked(c.wait_q, 0);
  k_spin_unlock(sched_lock(), skey);
  if (woken) z_reschedule(condvar_lock, key);
  else k_spin_unlock(condvar_lock, key);
  return 0;
}

/** Wakes every waiter. Returns how many were woken. ISR-safe. */
export function k_condvar_broadcast(c: k_condvar): i32 {
  __ASSERT_OBJ(c, "k_condvar_broadcast", CONDVAR_TS, __LINE__);
  const key = k_spin_lock(condvar_lock);
  const skey = k_spin_lock(sched_lock());
  let woken = 0;
  while (z_sched_wake_locked(c.wait_q, 0)) woken++;
  k_spin_unlock(sched_lock(), skey);
  if (woken == 0) k_spin_unlock(condvar_lock, key);
  else z_reschedule(condvar_lock, key);
  return woken;
}

/**
 * Releases `m` (one k_mutex_unlock: a recursively locked mutex stays held, as in Zephyr), waits
 * for a signal or `timeout`, then re-locks `m` (K_FOREVER), on timeout too. Returns 0 if
 * signalled, -EAGAIN on timeout. K_NO_WAIT returns -EAGAIN at once without touching `m`.
 */
export function k_condvar_wait(c: k_condvar, m: k_mutex, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(c, "k_condvar_wait", CONDVAR_TS, __LINE__);
  __ASSERT_OBJ(m, "k_condvar_wait", CONDVAR_TS, __LINE__);
  // POSIX: the mutex is still held when the call returns, so K_NO_WAIT leaves it alone.
  if (timeout == K_NO_WAIT) return -EAGAIN;
  const key = k_spin_lock(condvar_lock);
  k_mutex_unlock(m);
  const ret = z_pend_curr(condvar_lock, key, c.wait_q, timeout, WAIT_CONDVAR);
  // Always re-acquired before returning, even on timeout (pthread_cond_timedwait).
  k_mutex_lock(m, K_FOREVER);
  return ret;
}
