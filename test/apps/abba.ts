// Deadlocks on purpose (an ABBA lock order): t1 holds lock_a and waits for lock_b, t2 holds
// lock_b and waits for lock_a; `waiter` waits on a semaphore nobody gives and main joins t1.
// `wasmp run --timeout` ends it with a dump that names what each thread waits on, the mutexes'
// owners, and the cycle (test/cli.test.ts).
import {
  K_MUTEX_DEFINE,
  K_SEM_DEFINE,
  k_mutex_lock,
  k_sem_give,
  k_sem_take,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  printk,
  k_thread_start,
  K_FOREVER,
} from "wasmp";

const lock_a = K_MUTEX_DEFINE();
const lock_b = K_MUTEX_DEFINE();
const a_held = K_SEM_DEFINE(0, 1);
const b_held = K_SEM_DEFINE(0, 1);
const never = K_SEM_DEFINE(0, 1);

function t1_entry(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(lock_a, K_FOREVER);
  k_sem_give(a_held);
  k_sem_take(b_held, K_FOREVER); // t2 holds lock_b now
  k_mutex_lock(lock_b, K_FOREVER);
}

function t2_entry(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(lock_b, K_FOREVER);
  k_sem_give(b_held);
  k_sem_take(a_held, K_FOREVER); // t1 holds lock_a now
  k_mutex_lock(lock_a, K_FOREVER);
}

function waiter_entry(p1: usize, p2: usize, p3: usize): void {
  k_sem_take(never, K_FOREVER);
}

export function main(): i32 {
  const t1 = k_thread_create(4096, t1_entry, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t1, "t1");
  const t2 = k_thread_create(4096, t2_entry, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t2, "t2");
  const w = k_thread_create(4096, waiter_entry, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(w, "waiter");
  k_thread_start(t1);
  k_thread_start(t2);
  k_thread_start(w);
  printk("started\n");
  k_thread_join(t1, K_FOREVER);
  return 0;
}
