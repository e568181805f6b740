// Boot check: one busy thread per CPU; each waits until all have started, so they must be
// running on distinct CPUs at once, then records the CPU it runs on. Prints the mask.
import {
  printk,
  arch_num_cpus,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  ATOMIC_DEFINE,
  atomic_inc,
  atomic_get,
} from "wasmp";

const arrived = ATOMIC_DEFINE();
const seen = memory.data(4, 4);

function worker(p1: usize, p2: usize, p3: usize): void {
  atomic_inc(arrived);
  while (atomic_get(arrived) < arch_num_cpus()) {}
  atomic.or<u32>(seen, 1 << arch_curr_cpu_id());
}

export function main(): i32 {
  const n = arch_num_cpus();
  const t = new StaticArray<k_tid_t>(n);
  for (let i = 0; i < n; i++) t[i] = k_thread_create(4096, worker, 0, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < n; i++) k_thread_join(t[i], K_FOREVER);
  printk(`cpus=${n} mask=${load<u32>(seen)} main_cpu=${arch_curr_cpu_id()}\n`);
  return 0;
}
