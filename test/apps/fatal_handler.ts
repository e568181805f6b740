// A registered k_sys_fatal_error_handler sees the reason of each fault; when it returns the
// faulting thread is aborted — even a K_ERR_KERNEL_PANIC of a non-essential thread — and the
// machine goes on.
import {
  printk,
  k_sys_fatal_error_handler_set,
  k_thread_create,
  k_thread_join,
  k_oops,
  k_panic,
  K_FOREVER,
  K_NO_WAIT,
  K_ERR_KERNEL_OOPS,
  K_ERR_KERNEL_PANIC,
  K_ERR_CPU_EXCEPTION,
} from "wasmp";

const seen = memory.data(12, 4);

function handler(reason: u32, esf: usize): void {
  if (reason == <u32>K_ERR_KERNEL_OOPS) atomic.add<u32>(seen, 1, 0);
  if (reason == <u32>K_ERR_KERNEL_PANIC) atomic.add<u32>(seen, 1, 4);
  if (reason == <u32>K_ERR_CPU_EXCEPTION) atomic.add<u32>(seen, 1, 8);
}
k_sys_fatal_error_handler_set(handler);

function oopser(p1: usize, p2: usize, p3: usize): void {
  k_oops();
  printk("not reached\n");
}
function panicker(p1: usize, p2: usize, p3: usize): void {
  k_panic();
  printk("not reached\n");
}
function trapper(p1: usize, p2: usize, p3: usize): void {
  unreachable();
}

export function main(): i32 {
  k_thread_join(k_thread_create(4096, oopser, 0, 0, 0, 1, 0, K_NO_WAIT), K_FOREVER);
  k_thread_join(k_thread_create(4096, panicker, 0, 0, 0, 1, 0, K_NO_WAIT), K_FOREVER);
  k_thread_join(k_thread_create(4096, trapper, 0, 0, 0, 1, 0, K_NO_WAIT), K_FOREVER);
  printk(`handler saw oops=${load<u32>(seen)} panic=${load<u32>(seen + 4)} exception=${load<u32>(seen + 8)}\n`);
  return 0;
}
