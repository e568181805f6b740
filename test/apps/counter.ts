// The counter test: THREADS threads each add 1 to a shared counter ITERATIONS times under a
// spinlock, then under a semaphore, then under a mutex. main() returns 0 when all three
// totals are exact, else a bitmask of the phases that came out wrong.
import {
  printk,
  k_thread_create,
  k_thread_join,
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
  arch_curr_cpu_id,
} from "wasmp";

const THREADS = 4;
const ITERATIONS = 100000;

const lock = K_SPINLOCK_DEFINE();
const sem = K_SEM_DEFINE(1, 1);
const mutex = K_MUTEX_DEFINE();
const counters = memory.data(16, 16);
const cpus = memory.data(4, 4);

function by_spinlock(p1: usize, p2: usize, p3: usize): void {
  atomic.or<u32>(cpus, 1 << arch_curr_cpu_id());
  for (let i = 0; i < ITERATIONS; i++) {
    const key = k_spin_lock(lock);
    store<u32>(counters, load<u32>(counters) + 1);
    k_spin_unlock(lock, key);
  }
}

function by_sem(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < ITERATIONS; i++) {
    k_sem_take(sem, K_FOREVER);
    store<u32>(counters + 4, load<u32>(counters + 4) + 1);
    k_sem_give(sem);
  }
}

function by_mutex(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < ITERATIONS; i++) {
    k_mutex_lock(mutex, K_FOREVER);
    store<u32>(counters + 8, load<u32>(counters + 8) + 1);
    k_mutex_unlock(mutex);
  }
}

function phase(entry: (p1: usize, p2: usize, p3: usize) => void): void {
  const t = new StaticArray<k_tid_t>(THREADS);
  for (let i = 0; i < THREADS; i++) t[i] = k_thread_create(4096, entry, 0, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < THREADS; i++) k_thread_join(t[i], K_FOREVER);
}

export function main(): i32 {
  phase(by_spinlock);
  phase(by_sem);
  phase(by_mutex);
  const want = <u32>(THREADS * ITERATIONS);
  printk(
    `spinlock=${load<u32>(counters)} sem=${load<u32>(counters + 4)} mutex=${load<u32>(counters + 8)} cpus=0x${load<u32>(cpus).toString(16)}\n`,
  );
  return (
    (load<u32>(counters) != want ? 1 : 0) |
    (load<u32>(counters + 4) != want ? 2 : 0) |
    (load<u32>(counters + 8) != want ? 4 : 0)
  );
}
