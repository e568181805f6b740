// Benchmark guest (benchmarks/ctxswitch.ts): two threads of equal priority k_yield to each other
// on one CPU; main times its loop with k_cycle_get_32() (nanoseconds). Every k_yield by main
// switches to the partner and the partner's k_yield switches back: 2 switches per iteration.
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_yield,
  k_cycle_get_32,
  k_current_get,
  k_thread_priority_get,
  K_FOREVER,
  K_NO_WAIT,
} from "wasmp";

const N = 20000;
const WARMUP = 1000;

function partner(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < N + WARMUP; i++) k_yield();
}

export function main(): i32 {
  const t = k_thread_create(4096, partner, 0, 0, 0, k_thread_priority_get(k_current_get()), 0, K_NO_WAIT);
  for (let i = 0; i < WARMUP; i++) k_yield();
  const t0 = k_cycle_get_32();
  for (let i = 0; i < N; i++) k_yield();
  const t1 = k_cycle_get_32();
  k_thread_join(t, K_FOREVER);
  printk("bench ctxswitch switches=" + (2 * N).toString() + " ns=" + (t1 - t0).toString() + "\n");
  return 0;
}
