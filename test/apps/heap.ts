// Guest allocations from every CPU at once come from one shared heap: no two CPUs get the
// same block (a per-instance runtime heap would hand out the same addresses).
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
} from "wasmp";

const bad = ATOMIC_DEFINE();

function allocator(p1: usize, p2: usize, p3: usize): void {
  const mine = new Array<string>();
  for (let i = 0; i < 2000; i++) mine.push(`t${p1}-${i}`);
  const nums = new Array<i32>();
  for (let i = 0; i < 5000; i++) nums.push(<i32>p1 * 100000 + i);
  for (let i = 0; i < 2000; i++) if (mine[i] != `t${p1}-${i}`) atomic_inc(bad);
  for (let i = 0; i < 5000; i++) if (nums[i] != <i32>p1 * 100000 + i) atomic_inc(bad);
}

export function main(): i32 {
  const n = arch_num_cpus();
  const t = new StaticArray<k_tid_t>(n);
  for (let i = 0; i < n; i++) t[i] = k_thread_create(8192, allocator, <usize>i, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < n; i++) k_thread_join(t[i], K_FOREVER);
  printk(`heap corrupt=${load<i32>(bad)} cpu=${arch_curr_cpu_id()}\n`);
  return load<i32>(bad) == 0 ? 0 : 1;
}
