// Threads that end give their memory back: each CPU's spawner creates and joins ROUNDS threads
// one at a time (they used to keep 4,352 bytes each forever, and the default heap ran out
// after about 15,200). The heap in use after the churn is what it was before, plus at most
// the quarantine of joined control blocks (docs/api.md, "Memory").
import {
  printk,
  arch_num_cpus,
  k_thread_create,
  k_thread_join,
  k_thread_abort,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  sys_memory_stats,
  SIZEOF_SYS_MEMORY_STATS,
  SIZEOF_K_THREAD,
  THREAD_QUARANTINE,
  z_heap_runtime_stats_get,
  z_heap_runtime_stats_reset_max,
  k_uptime_get,
  ATOMIC_DEFINE,
  atomic_inc,
  atomic_get,
} from "wasmp";

/** Threads each CPU's spawner creates and joins: a build define (scripts/soak-threads.mjs), 20,000 without it. */
const ROUNDS: i32 = isDefined(WASMP_CHURN_ROUNDS) ? <i32>WASMP_CHURN_ROUNDS : 20000;
const ran = ATOMIC_DEFINE();
const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 8));

function worker(p1: usize, p2: usize, p3: usize): void {
  atomic_inc(ran);
}

function spawner(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < ROUNDS; i++) {
    const t = k_thread_create(4096, worker, 0, 0, 0, 2, 0, K_NO_WAIT);
    k_thread_join(t, K_FOREVER);
  }
}

function allocated(): u32 {
  z_heap_runtime_stats_get(stats);
  return stats.allocated_bytes;
}

export function main(): i32 {
  const n = arch_num_cpus();
  const spawners = new StaticArray<k_tid_t>(n);
  // A joined thread's handle still reads as dead while its block is in the quarantine (here
  // no other thread is joined meanwhile): aborting or joining it again does nothing.
  const old = k_thread_create(4096, worker, 0, 0, 0, 2, 0, K_NO_WAIT);
  k_thread_join(old, K_FOREVER);
  k_thread_abort(old);
  const stale_ok = k_thread_join(old, K_NO_WAIT) == 0;
  store<i32>(ran, 0);
  const before = allocated();
  z_heap_runtime_stats_reset_max();
  const t0 = k_uptime_get();
  for (let i = 0; i < n; i++) spawners[i] = k_thread_create(4096, spawner, 0, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < n; i++) k_thread_join(spawners[i], K_FOREVER);
  const ms = k_uptime_get() - t0;
  const after = allocated();
  const peak = stats.max_allocated_bytes;
  // The spawners' own control blocks are in the quarantine too; everything else is back.
  const bound = (<u32>THREAD_QUARANTINE + 1) * (<u32>SIZEOF_K_THREAD + 16);
  printk(`threads=${atomic_get(ran)} expected=${n * ROUNDS} stale_ok=${stale_ok ? 1 : 0}\n`);
  printk(`heap_growth_bounded=${after - before <= bound ? 1 : 0} growth=${after - before} bound=${bound}\n`);
  printk(`heap before=${before} after=${after} peak=${peak} ms=${ms}\n`);
  return 0;
}
