// Mutexes (kernel/mutex.c): recursive, owned, with priority inheritance for the owner.
// All mutexes share kernel().obj_lock.

import { k_mutex, k_thread, SIZEOF_K_MUTEX, EBUSY, EINVAL, EPERM } from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_head, z_waitq_init } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import { ready_thread_locked, sched_lock, z_pend_curr, z_reschedule, z_unpend_first_thread_locked } from "./sched";
import { k_thread_priority_set } from "./thread";
import { z_heap_calloc } from "./heap";

/** K_MUTEX_DEFINE: a mutex in static memory shared by every CPU (one per call site). */
// @ts-ignore: decorator
@inline export function K_MUTEX_DEFINE(): k_mutex {
  return changetype<k_mutex>(memory.data(SIZEOF_K_MUTEX, 16));
}

export function k_mutex_init(m: k_mutex): i32 {
  z_waitq_init(m.wait_q);
  m.owner = 0;
  m.lock_count = 0;
  return 0;
}

/** A new mutex on the kernel heap. */
export function k_mutex_alloc(): k_mutex {
  const m = changetype<k_mutex>(z_heap_calloc(SIZEOF_K_MUTEX));
  k_mutex_init(m);
  return m;
}

/**
 * Locks `m` (recursively if the caller owns it). Returns 0; -EBUSY if held and K_NO_WAIT;
 * -EAGAIN on timeout. While a higher-priority thread waits, the owner inherits its priority.
 */
export function k_mutex_lock(m: k_mutex, timeout: k_timeout_t): i32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const cur = current();
  if (m.lock_count == 0 || m.owner == changetype<usize>(cur)) {
    if (m.lock_count == 0) m.owner_orig_prio = cur.prio;
    m.lock_count = m.lock_count + 1;
    m.owner = changetype<usize>(cur);
    k_spin_unlock(lock, key);
    return 0;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(lock, key);
    return -EBUSY;
  }
  const owner = changetype<k_thread>(m.owner);
  const raise = cur.prio < owner.prio;
  // Priority inheritance. Lock: obj_lock is held, so this cannot switch; it only requeues.
  if (raise) k_thread_priority_set(owner, cur.prio);
  const ret = z_pend_curr(lock, key, m.wait_q, timeout);
  if (ret != 0) {
    // Timed out: the owner's priority is what the remaining waiters need, whether or not this
    // waiter was the one that raised it (Zephyr recomputes it on every waiter timeout).
    const key2 = k_spin_lock(lock);
    if (m.owner != 0) {
      let target = m.owner_orig_prio;
      const w = z_waitq_head(m.wait_q);
      if (w != null && w.prio < target) target = w.prio;
      const o = changetype<k_thread>(m.owner);
      k_spin_unlock(lock, key2);
      if (o.prio != target) k_thread_priority_set(o, target);
    } else {
      k_spin_unlock(lock, key2);
    }
  }
  return ret;
}

/**
 * Unlocks `m`. Returns 0; -EINVAL if it is not locked; -EPERM if the caller does not own it.
 * The highest-priority waiter becomes the owner.
 */
export function k_mutex_unlock(m: k_mutex): i32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const cur = current();
  if (m.lock_count == 0) {
    k_spin_unlock(lock, key);
    return -EINVAL;
  }
  if (m.owner != changetype<usize>(cur)) {
    k_spin_unlock(lock, key);
    return -EPERM;
  }
  if (m.lock_count > 1) {
    m.lock_count = m.lock_count - 1;
    k_spin_unlock(lock, key);
    return 0;
  }
  const restore = m.owner_orig_prio;
  const skey = k_spin_lock(sched_lock());
  const t = z_unpend_first_thread_locked(m.wait_q);
  if (t != null) {
    m.owner = changetype<usize>(t);
    m.lock_count = 1;
    m.owner_orig_prio = t.prio;
    t.swap_retval = 0;
    ready_thread_locked(t);
  } else {
    m.owner = 0;
    m.lock_count = 0;
  }
  k_spin_unlock(sched_lock(), skey);
  if (cur.prio != restore) {
    k_spin_unlock(lock, key);
    k_thread_priority_set(cur, restore);
    return 0;
  }
  z_reschedule(lock, key);
  return 0;
}
