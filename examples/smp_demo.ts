// The default demo (npm start): threads on every CPU report where they run, counters
// protected by a spinlock, a semaphore and a mutex come out exact, and a thread migrates.

import {
  printk,
  arch_num_cpus,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  K_MUTEX_DEFINE,
  k_mutex_lock,
  k_mutex_unlock,
  k_msleep,
  ATOMIC_DEFINE,
  atomic_get,
  k_busy_wait,
} from "wasmp";

const ITERATIONS = 100000;

const lock = K_SPINLOCK_DEFINE();
const sem = K_SEM_DEFINE(1, 1);
const mutex = K_MUTEX_DEFINE();
// Shared counters: static memory is one copy for every CPU (a top-level `let` is per CPU).
const counters = memory.data(16, 16);
const cpus_seen = ATOMIC_DEFINE();

function count_spinlock(p1: usize, p2: usize, p3: usize): void {
  atomic.or<u32>(cpus_seen, 1 << arch_curr_cpu_id());
  printk(`worker ${p1} running on CPU ${arch_curr_cpu_id()}\n`);
  for (let i = 0; i < ITERATIONS; i++) {
    const key = k_spin_lock(lock);
    store<u32>(counters, load<u32>(counters) + 1);
    k_spin_unlock(lock, key);
  }
}

function count_sem(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < ITERATIONS; i++) {
    k_sem_take(sem, K_FOREVER);
    store<u32>(counters + 4, load<u32>(counters + 4) + 1);
    k_sem_give(sem);
  }
}

function count_mutex(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < ITERATIONS; i++) {
    k_mutex_lock(mutex, K_FOREVER);
    store<u32>(counters + 8, load<u32>(counters + 8) + 1);
    k_mutex_unlock(mutex);
  }
}

function run_phase(name: string, entry: (p1: usize, p2: usize, p3: usize) => void, n: i32, offset: usize): u32 {
  const threads = new Array<k_tid_t>();
  for (let i = 0; i < n; i++) threads.push(k_thread_create(4096, entry, <usize>i, 0, 0, 1, 0, K_NO_WAIT));
  for (let i = 0; i < n; i++) k_thread_join(threads[i], K_FOREVER);
  const total = load<u32>(counters + offset);
  printk(`${name}: ${n} threads x ${ITERATIONS} = ${total} (${total == <u32>(n * ITERATIONS) ? "exact" : "WRONG"})\n`);
  return total;
}

function wanderer(p1: usize, p2: usize, p3: usize): void {
  const first = arch_curr_cpu_id();
  let now = first;
  for (let i = 0; i < 200 && now == first; i++) {
    k_msleep(1);
    now = arch_curr_cpu_id();
  }
  printk(`wanderer: went to sleep on CPU ${first}, woke on CPU ${now}${now != first ? " (migrated)" : ""}\n`);
  store<u32>(counters + 12, now != first ? 1 : 0);
}

function busy(p1: usize, p2: usize, p3: usize): void {
  k_busy_wait(30000);
}

export function main(): i32 {
  const n = arch_num_cpus();
  printk(`wasmp SMP demo: ${n} CPUs, main on CPU ${arch_curr_cpu_id()}\n`);
  const a = run_phase("spinlock", count_spinlock, n, 0);
  printk(`threads ran on CPUs (mask) 0x${atomic_get(cpus_seen).toString(16)}\n`);
  const b = run_phase("semaphore", count_sem, n, 4);
  const c = run_phase("mutex", count_mutex, n, 8);
  // Keep every other CPU busy for a while so the sleeper is likely to wake elsewhere.
  const w = k_thread_create(4096, wanderer, 0, 0, 0, 0, 0, K_NO_WAIT);
  k_thread_name_set(w, "wanderer");
  const busies = new Array<k_tid_t>();
  for (let i = 0; i < n - 1; i++) busies.push(k_thread_create(4096, busy, 0, 0, 0, 2, 0, K_NO_WAIT));
  k_thread_join(w, K_FOREVER);
  for (let i = 0; i < busies.length; i++) k_thread_join(busies[i], K_FOREVER);
  const ok = a == <u32>(n * ITERATIONS) && b == <u32>(n * ITERATIONS) && c == <u32>(n * ITERATIONS);
  printk(ok ? "all counters exact\n" : "COUNTERS WRONG\n");
  return ok ? 0 : 1;
}
