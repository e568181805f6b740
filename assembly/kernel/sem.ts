// Counting semaphores (kernel/sem.c). All semaphores share kernel().obj_lock, as Zephyr's
// sem.c shares one static lock.

import { k_sem, SIZEOF_K_SEM, EAGAIN, EBUSY, EINVAL, WAIT_SEM } from "../generated/contract";
import { arch_is_in_isr, kernel } from "../arch/cpu";
import { __ASSERT, __ASSERT_OBJ } from "./assert";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import {
  ready_thread_locked,
  sched_lock,
  z_pend_curr,
  z_reschedule,
  z_unpend_first_thread_locked,
  z_sched_wake_all_locked,
} from "./sched";
import { z_heap_calloc } from "./heap";
import { z_poll_notify_locked } from "./poll";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/sem.ts:<line>`. */
// @ts-ignore: decorator
@inline const SEM_TS = "kernel/sem.ts";

// @ts-ignore: decorator
@inline export const K_SEM_MAX_LIMIT: u32 = 0xffffffff;

/**
 * K_SEM_DEFINE: a semaphore in static memory, shared by every CPU. Use it only at top level:
 * `const sem = K_SEM_DEFINE(0, 1);` Each call site is its own object; its initial value is
 * written by every CPU's start function, all of which run before the kernel boots (Zephyr's
 * static initialisation).
 */
// @ts-ignore: decorator
@inline export function K_SEM_DEFINE(initial: u32, limit: u32): k_sem {
  const s = changetype<k_sem>(memory.data(SIZEOF_K_SEM, 16));
  s.count = initial;
  s.limit = limit;
  return s;
}

/** Initialises `sem`. Returns 0, or -EINVAL if limit is 0 or initial exceeds it. */
export function k_sem_init(sem: k_sem, initial: u32, limit: u32): i32 {
  __ASSERT_OBJ(sem, "k_sem_init", SEM_TS, __LINE__);
  if (limit == 0 || initial > limit) return -EINVAL;
  z_waitq_init(sem.wait_q);
  sem.count = initial;
  sem.limit = limit;
  return 0;
}

/** A new semaphore on the kernel heap (the analogue of a k_sem in a struct). */
export function k_sem_alloc(initial: u32, limit: u32): k_sem {
  const s = changetype<k_sem>(z_heap_calloc(SIZEOF_K_SEM));
  k_sem_init(s, initial, limit);
  return s;
}

/**
 * Takes `sem`. Returns 0; -EBUSY if unavailable with K_NO_WAIT; -EAGAIN if the timeout
 * expired; -EAGAIN for every waiter when the semaphore is reset.
 */
export function k_sem_take(sem: k_sem, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(sem, "k_sem_take", SEM_TS, __LINE__);
  __ASSERT(!arch_is_in_isr() || timeout == K_NO_WAIT, "k_sem_take: an ISR cannot wait");
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const c = sem.count;
  if (c > 0) {
    sem.count = c - 1;
    k_spin_unlock(lock, key);
    return 0;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(lock, key);
    return -EBUSY;
  }
  return z_pend_curr(lock, key, sem.wait_q, timeout, WAIT_SEM);
}

/** Gives `sem`: wakes the highest-priority waiter, or counts up to the limit. */
export function k_sem_give(sem: k_sem): void {
  __ASSERT_OBJ(sem, "k_sem_give", SEM_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  const t = z_unpend_first_thread_locked(sem.wait_q);
  if (t != null) {
    t.swap_retval = 0;
    ready_thread_locked(t);
  } else if (sem.count != sem.limit) {
    sem.count = sem.count + 1;
    z_poll_notify_locked();
  }
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
}

/** Sets the count to 0 and fails every waiter with -EAGAIN. */
export function k_sem_reset(sem: k_sem): void {
  __ASSERT_OBJ(sem, "k_sem_reset", SEM_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  z_sched_wake_all_locked(sem.wait_q, -EAGAIN);
  sem.count = 0;
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
}

export function k_sem_count_get(sem: k_sem): u32 {
  __ASSERT_OBJ(sem, "k_sem_count_get", SEM_TS, __LINE__);
  return sem.count;
}
