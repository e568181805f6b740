// Priority inheritance: a low-priority owner runs at the priority of the highest waiter while
// it holds the mutex, and drops back when it unlocks.
import {
  printk,
  K_MUTEX_DEFINE,
  k_mutex_lock,
  k_mutex_unlock,
  k_thread_create,
  k_thread_join,
  k_thread_priority_get,
  k_current_get,
  K_FOREVER,
  K_NO_WAIT,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  k_msleep,
  k_thread_start,
  z_is_thread_pending,
  k_tid_t,
} from "wasmp";

const m = K_MUTEX_DEFINE();
const step = ATOMIC_DEFINE();
const prios = memory.data(12, 4);
const high_tid = memory.data(4, 4);

function low(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(m, K_FOREVER);
  store<i32>(prios, k_thread_priority_get(k_current_get()));
  atomic_set(step, 1);
  // The high thread sets step before it calls k_mutex_lock: wait until it really waits for m.
  while (atomic_get(step) != 2 || !z_is_thread_pending(changetype<k_tid_t>(<usize>load<u32>(high_tid)))) k_msleep(1);
  store<i32>(prios + 4, k_thread_priority_get(k_current_get()));
  k_mutex_unlock(m);
  store<i32>(prios + 8, k_thread_priority_get(k_current_get()));
}

function high(p1: usize, p2: usize, p3: usize): void {
  atomic_set(step, 2);
  k_mutex_lock(m, K_FOREVER);
  k_mutex_unlock(m);
}

export function main(): i32 {
  const l = k_thread_create(4096, low, 0, 0, 0, 10, 0, K_NO_WAIT);
  while (atomic_get(step) != 1) k_msleep(1);
  const h = k_thread_create(4096, high, 0, 0, 0, 2, 0, K_FOREVER);
  store<u32>(high_tid, <u32>changetype<usize>(h));
  k_thread_start(h);
  k_thread_join(h, K_FOREVER);
  k_thread_join(l, K_FOREVER);
  printk(`owner prio before=${load<i32>(prios)} while_waited=${load<i32>(prios + 4)} after=${load<i32>(prios + 8)}\n`);
  return 0;
}
