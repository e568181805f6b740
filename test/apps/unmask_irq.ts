// An interrupt that arrives while a thread holds a spinlock (interrupts masked) is taken the
// moment k_spin_unlock unmasks them: a higher-priority thread made ready for that CPU in the
// meantime runs before the unlocking thread's next statement. The holder's CPU is the one after
// main's (main, at priority 0, stays where it is): a fixed CPU 1 livelocked when main ran there.
import {
  printk,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  k_thread_create,
  k_thread_cpu_pin,
  k_thread_start,
  k_thread_join,
  K_FOREVER,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  arch_curr_cpu_id,
  arch_num_cpus,
  arch_irq_lock,
  arch_irq_unlock,
} from "wasmp";

const lock = K_SPINLOCK_DEFINE();
const step = ATOMIC_DEFINE();
const urgent_ran = ATOMIC_DEFINE();
const seen = memory.data(4, 4);

function holder(p1: usize, p2: usize, p3: usize): void {
  const key = k_spin_lock(lock);
  atomic_set(step, 1);
  while (atomic_get(step) != 2) {} // interrupts are masked: the IPI stays pending
  k_spin_unlock(lock, key); // ... and is taken here
  store<i32>(seen, atomic_get(urgent_ran));
}

function urgent(p1: usize, p2: usize, p3: usize): void {
  atomic_set(urgent_ran, 1);
}

export function main(): i32 {
  const irq = arch_irq_lock();
  const target = (arch_curr_cpu_id() + 1) % <u32>arch_num_cpus();
  arch_irq_unlock(irq);
  const h = k_thread_create(4096, holder, 0, 0, 0, 5, 0, K_FOREVER);
  k_thread_cpu_pin(h, target);
  k_thread_start(h);
  while (atomic_get(step) != 1) {}
  const u = k_thread_create(4096, urgent, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_cpu_pin(u, target);
  k_thread_start(u); // readies it and sends the IPI to CPU 1
  atomic_set(step, 2);
  k_thread_join(h, K_FOREVER);
  k_thread_join(u, K_FOREVER);
  printk(`urgent ran before the holder's next statement: ${load<i32>(seen)}\n`);
  return load<i32>(seen) == 1 ? 0 : 1;
}
