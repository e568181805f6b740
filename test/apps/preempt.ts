// A thread spinning in `while (true) {}` on CPU 1 is preempted by a higher-priority thread
// made ready from CPU 0: the IPI reaches CPU 1 at a safepoint in the spinning loop.
import {
  printk,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_cpu_pin,
  k_thread_start,
  k_thread_abort,
  k_thread_join,
  K_FOREVER,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  ATOMIC_DEFINE,
  atomic_set,
  atomic_get,
} from "wasmp";

const spinning = ATOMIC_DEFINE();
const done = K_SEM_DEFINE(0, 1);
const out = memory.data(8, 4);

function spinner(p1: usize, p2: usize, p3: usize): void {
  atomic_set(spinning, 1);
  while (true) {}
}

function urgent(p1: usize, p2: usize, p3: usize): void {
  store<u32>(out, arch_curr_cpu_id());
  store<u32>(out + 4, atomic_get(spinning));
  k_sem_give(done);
}

export function main(): i32 {
  const s = k_thread_create(4096, spinner, 0, 0, 0, 5, 0, K_FOREVER);
  k_thread_cpu_pin(s, 1);
  k_thread_start(s);
  while (atomic_get(spinning) == 0) {}
  const u = k_thread_create(4096, urgent, 0, 0, 0, 2, 0, K_FOREVER);
  k_thread_cpu_pin(u, 1);
  k_thread_start(u);
  k_sem_take(done, K_FOREVER);
  k_thread_abort(s); // a thread spinning on another CPU
  k_thread_join(u, K_FOREVER);
  printk(`urgent ran on CPU ${load<u32>(out)} while spinner spun=${load<u32>(out + 4)}\n`);
  return load<u32>(out) == 1 ? 0 : 1;
}
