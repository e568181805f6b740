// Benchmark guest (benchmarks/waitq.ts): N threads of one priority pend on one semaphore, then
// N gives wake them one by one, for N = 1,000, 5,000, 20,000. On one CPU main runs below the
// waiters, so each k_thread_start runs the new thread at once and it pends; each give runs the
// woken thread to its end. Equal priorities are the sorted list's worst case: every pend walks
// to the end of the queue (FIFO among equals). Times are k_cycle_get_64 (nanoseconds).
import {
  printk,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_priority_set,
  k_current_get,
  k_sem_alloc,
  k_sem_give,
  k_sem_take,
  k_sem,
  k_cycle_get_64,
  k_tid_t,
  K_FOREVER,
} from "wasmp";

const sem_slot = memory.data(4, 4);

function waiter(p1: usize, p2: usize, p3: usize): void {
  k_sem_take(changetype<k_sem>(<usize>atomic.load<u32>(sem_slot)), K_FOREVER);
}

export function main(): i32 {
  k_thread_priority_set(k_current_get(), 10);
  const sizes: StaticArray<i32> = [1000, 5000, 20000];
  for (let s = 0; s < sizes.length; s++) {
    const n = sizes[s];
    const sem = k_sem_alloc(0, 0xffffffff);
    atomic.store<u32>(sem_slot, <u32>changetype<usize>(sem));
    const ts = new StaticArray<k_tid_t>(n);
    for (let i = 0; i < n; i++) ts[i] = k_thread_create(1024, waiter, 0, 0, 0, 5, 0, K_FOREVER);
    const t0 = k_cycle_get_64();
    for (let i = 0; i < n; i++) k_thread_start(ts[i]);
    const t1 = k_cycle_get_64();
    for (let i = 0; i < n; i++) k_sem_give(sem);
    const t2 = k_cycle_get_64();
    for (let i = 0; i < n; i++) k_thread_join(ts[i], K_FOREVER);
    printk(
      "bench waitq n=" +
        n.toString() +
        " pend_ns=" +
        ((t1 - t0) / <u64>n).toString() +
        " wake_ns=" +
        ((t2 - t1) / <u64>n).toString() +
        "\n",
    );
  }
  return 0;
}
