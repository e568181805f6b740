// A thread prints two lines and fails an assertion (a K_ERR_KERNEL_OOPS); main, on another
// CPU or the same, joins it and prints after. The fatal report must come out once, with one
// reason, between the faulting thread's lines and main's (test/diagnostics.test.ts, cli.test.ts).
import { k_thread_create, k_thread_join, k_thread_name_set, k_thread_start, printk, K_FOREVER } from "wasmp";

function faulty(p1: usize, p2: usize, p3: usize): void {
  printk("faulty: line 1\n");
  printk("faulty: line 2\n");
  assert(p1 == 0, "the state is bad");
  printk("faulty: not reached\n");
}

export function main(): i32 {
  printk("main: start\n");
  const t = k_thread_create(4096, faulty, 1, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t, "faulty");
  k_thread_start(t);
  const rc = k_thread_join(t, K_FOREVER);
  printk(`main: after the fault (join ${rc})\n`);
  return 0;
}
