// The soak of docs/api.md ("Memory"): every CPU runs the loop the docs show, which builds two
// strings per iteration, prints a template-literal line and frees the strings, for
// WASMP_SOAK_LINES lines in all (a build define: scripts/soak-printk.mjs passes it; 100,000
// without it). The kernel heap must hold the same bytes before and after; main prints the
// figures.
import {
  printk,
  arch_num_cpus,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_cpu_pin,
  k_tid_t,
  K_SEM_DEFINE,
  K_SEM_MAX_LIMIT,
  k_sem_give,
  k_sem_take,
  K_FOREVER,
  k_uptime_get,
  sys_memory_stats,
  SIZEOF_SYS_MEMORY_STATS,
  z_heap_runtime_stats_get,
  z_heap_runtime_stats_reset_max,
  wasmp_free,
} from "wasmp";

const LINES: i64 = isDefined(WASMP_SOAK_LINES) ? <i64>WASMP_SOAK_LINES : 100000;
const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 8));
const done = K_SEM_DEFINE(0, K_SEM_MAX_LIMIT);
const release = K_SEM_DEFINE(0, K_SEM_MAX_LIMIT);

function worker(p1: usize, p2: usize, p3: usize): void {
  const cpu = <i32>p1;
  const count = <i32>p2;
  const name = cpu == 0 ? "eth0" : "eth1";
  // The loop of docs/api.md, "Memory".
  for (let i = 0; i < count; i++) {
    const n = i.toString(); // a string
    const s = n.padStart(8, "0"); // another
    printk(`cpu ${cpu} pkt ${s} of ${name}\n`); // allocates nothing
    wasmp_free(s);
    wasmp_free(n);
  }
  k_sem_give(done);
  k_sem_take(release, K_FOREVER); // an ended thread's memory is freed: stay alive until measured
}

function allocated(): u32 {
  z_heap_runtime_stats_get(stats);
  return stats.allocated_bytes;
}

export function main(): i32 {
  const n = arch_num_cpus();
  const workers = new StaticArray<k_tid_t>(n);
  for (let c = 0; c < n; c++) {
    // CPU c prints its share; the first ones take the remainder.
    const share = <i32>(LINES / n + (<i64>c < LINES % n ? 1 : 0));
    const t = k_thread_create(8192, worker, <usize>c, <usize>share, 0, 1, 0, K_FOREVER);
    k_thread_cpu_pin(t, c);
    workers[c] = t;
  }
  const before = allocated();
  const free_before = stats.free_bytes;
  z_heap_runtime_stats_reset_max();
  const t0 = k_uptime_get();
  for (let c = 0; c < n; c++) k_thread_start(workers[c]);
  for (let c = 0; c < n; c++) k_sem_take(done, K_FOREVER);
  const ms = k_uptime_get() - t0;
  const after = allocated();
  const peak = stats.max_allocated_bytes;
  for (let c = 0; c < n; c++) k_sem_give(release);
  for (let c = 0; c < n; c++) k_thread_join(workers[c], K_FOREVER);
  printk(
    `soak lines=${LINES} cpus=${n} ms=${ms} heap_before=${before} heap_after=${after} heap_peak=${peak} heap_free=${free_before}\n`,
  );
  return after == before ? 0 : 1;
}
