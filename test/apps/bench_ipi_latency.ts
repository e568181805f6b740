// Benchmark guest (benchmarks/ipi.ts): how long an IPI takes from being raised on CPU 0 to its
// handler running on CPU 1 (issue 11, goal 2). A measurer pinned to CPU 0 reads the cycle
// counter (host nanoseconds, one clock for every CPU), queues a k_ipi_work item for CPU 1 and
// signals the IPI; the item's function, run by CPU 1's IPI handler, reads the counter again.
// Phase "busy": CPU 1 runs a compute-bound thread (the compute suite's prime count, test/apps/
// lib/compute_suite.ts), which takes the interrupt at its next safepoint. Phase "idle": CPU 1
// has nothing to run and sleeps in cpu_idle until the IPI wakes it. A short busy wait of
// varying length separates the samples, so that they do not fall at one phase of the target's
// loop. One line per phase: bench ipi_<phase> n=<samples> p50=<ns> p99=<ns> max=<ns>
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_start,
  k_thread_cpu_pin,
  k_ipi_work,
  k_ipi_work_init,
  k_ipi_work_add,
  k_ipi_work_signal,
  k_ipi_work_wait,
  k_busy_wait,
  k_cycle_get_64,
  K_FOREVER,
  k_tid_t,
} from "wasmp";
import { primes } from "./lib/compute_suite";

const N = 2000;
const WARMUP = 200;
const TARGET_CPU = 1;
const work = changetype<k_ipi_work>(memory.data(512, 16));
const handled_at = memory.data(8, 8);
const stop = memory.data(4, 4);
const phase_busy = memory.data(4, 4);

function on_ipi(w: k_ipi_work): void {
  atomic.store<u64>(handled_at, k_cycle_get_64());
}

/** Shell sort (the samples are u64 nanoseconds). */
function sort(a: StaticArray<u64>): void {
  for (let gap = a.length >> 1; gap > 0; gap >>= 1) {
    for (let i = gap; i < a.length; i++) {
      const v = a[i];
      let j = i;
      while (j >= gap && a[j - gap] > v) {
        a[j] = a[j - gap];
        j -= gap;
      }
      a[j] = v;
    }
  }
}

function measurer(p1: usize, p2: usize, p3: usize): void {
  const lat = new StaticArray<u64>(N);
  for (let i = 0; i < N + WARMUP; i++) {
    const t0 = k_cycle_get_64();
    k_ipi_work_add(work, 1 << TARGET_CPU, on_ipi);
    k_ipi_work_signal();
    k_ipi_work_wait(work, K_FOREVER);
    if (i >= WARMUP) lat[i - WARMUP] = atomic.load<u64>(handled_at) - t0;
    k_busy_wait(20 + <u32>(i % 7) * 7);
  }
  sort(lat);
  const phase = atomic.load<u32>(phase_busy) != 0 ? "busy" : "idle";
  printk(`bench ipi_${phase} n=${N} p50=${lat[N / 2]} p99=${lat[(N * 99) / 100]} max=${lat[N - 1]}\n`);
}

function busy(p1: usize, p2: usize, p3: usize): void {
  while (atomic.load<u32>(stop) == 0) primes(20000);
}

function pinned(entry: (p1: usize, p2: usize, p3: usize) => void, cpu: i32, prio: i32): k_tid_t {
  const t = k_thread_create(8192, entry, 0, 0, 0, prio, 0, K_FOREVER);
  k_thread_cpu_pin(t, cpu);
  k_thread_start(t);
  return t;
}

export function main(): i32 {
  k_ipi_work_init(work);
  atomic.store<u32>(phase_busy, 0);
  k_thread_join(pinned(measurer, 0, 1), K_FOREVER);
  atomic.store<u32>(phase_busy, 1);
  const b = pinned(busy, TARGET_CPU, 10);
  k_thread_join(pinned(measurer, 0, 1), K_FOREVER);
  atomic.store<u32>(stop, 1);
  k_thread_join(b, K_FOREVER);
  return 0;
}
