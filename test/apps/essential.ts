// A K_ESSENTIAL thread that returns halts the machine (a kernel panic).
import { printk, k_thread_create, k_thread_join, K_ESSENTIAL, K_FOREVER, K_NO_WAIT } from "wasmp";
function essential(p1: usize, p2: usize, p3: usize): void {}
export function main(): i32 {
  const t = k_thread_create(4096, essential, 0, 0, 0, 1, K_ESSENTIAL, K_NO_WAIT);
  k_thread_join(t, K_FOREVER);
  printk("not reached\n");
  return 0;
}
