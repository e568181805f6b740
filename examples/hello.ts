import { printk, arch_curr_cpu_id, k_current_get, k_thread_name_get } from "wasmp";

export function main(): i32 {
  printk(`Hello from ${k_thread_name_get(k_current_get())} on CPU ${arch_curr_cpu_id()}\n`);
  return 7;
}
