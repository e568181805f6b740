// A thread whose frames do not fit its save area when it is switched out dies of a
// stack-check failure (K_ERR_STACK_CHK_FAIL); the rest goes on.
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  k_msleep,
  k_thread_start,
  K_FOREVER,
  K_NO_WAIT,
} from "wasmp";

function deep(n: i32): i32 {
  if (n == 0) {
    k_msleep(1);
    return 0;
  }
  return deep(n - 1) + 1;
}

function greedy(p1: usize, p2: usize, p3: usize): void {
  deep(<i32>p1);
}

export function main(): i32 {
  const t = k_thread_create(1024, greedy, 2000, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t, "greedy");
  k_thread_start(t);
  const r = k_thread_join(t, K_FOREVER);
  const ok = k_thread_create(65536, greedy, 10, 0, 0, 1, 0, K_NO_WAIT);
  const r2 = k_thread_join(ok, K_FOREVER);
  printk(`joined=${r},${r2}\n`);
  return 0;
}
