// Two compute-bound threads of equal priority pinned to CPU 0: with time slicing both make
// progress; without it the first one keeps the CPU. Prints both counters.
import { printk, k_thread_create, k_thread_cpu_pin, k_thread_start, k_thread_abort, k_msleep, K_FOREVER } from "wasmp";

const counts = memory.data(8, 4);

function spin(p1: usize, p2: usize, p3: usize): void {
  while (true) atomic.add<u32>(counts + (p1 << 2), 1);
}

export function main(): i32 {
  const a = k_thread_create(4096, spin, 0, 0, 0, 5, 0, K_FOREVER);
  const b = k_thread_create(4096, spin, 1, 0, 0, 5, 0, K_FOREVER);
  k_thread_cpu_pin(a, 0);
  k_thread_cpu_pin(b, 0);
  k_thread_start(a);
  k_thread_start(b);
  k_msleep(300);
  const ca = atomic.load<u32>(counts),
    cb = atomic.load<u32>(counts + 4);
  k_thread_abort(a);
  k_thread_abort(b);
  printk(`a=${ca > 0 ? "ran" : "starved"} b=${cb > 0 ? "ran" : "starved"}\n`);
  return 0;
}
