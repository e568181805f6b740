// A thread spinning in `while (true) {}` on another CPU is preempted by a higher-priority
// thread made ready from main's CPU: the IPI reaches that CPU at a safepoint in the spinning
// loop. The target is the CPU after main's (main, at priority 0 with nothing above it, stays
// where it is; pinning to a fixed CPU 1 livelocked when main ran there, waiting for a lower-
// priority spinner that could never be scheduled on its CPU).
import {
  printk,
  arch_curr_cpu_id,
  k_thread_create,
  k_thread_cpu_pin,
  arch_num_cpus,
  arch_irq_lock,
  arch_irq_unlock,
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
  const key = arch_irq_lock();
  const target = (arch_curr_cpu_id() + 1) % <u32>arch_num_cpus();
  arch_irq_unlock(key);
  const s = k_thread_create(4096, spinner, 0, 0, 0, 5, 0, K_FOREVER);
  k_thread_cpu_pin(s, target);
  k_thread_start(s);
  while (atomic_get(spinning) == 0) {}
  const u = k_thread_create(4096, urgent, 0, 0, 0, 2, 0, K_FOREVER);
  k_thread_cpu_pin(u, target);
  k_thread_start(u);
  k_sem_take(done, K_FOREVER);
  k_thread_abort(s); // a thread spinning on another CPU
  k_thread_join(u, K_FOREVER);
  printk(
    `urgent ran on the spinner's CPU: ${load<u32>(out) == target ? "yes" : "no"}, spinner spun=${load<u32>(out + 4)}\n`,
  );
  return load<u32>(out) == target ? 0 : 1;
}
