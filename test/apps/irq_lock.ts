// irq_lock() as SMP Zephyr's global recursive lock: 3 threads x 100,000 increments under it
// are exact; recursion nests; a thread that yields while holding it lets another thread take
// it meanwhile and holds it again when it resumes (both pinned to CPU 0, so that the yield
// really switches). Yielding inside irq_lock() is Zephyr's legacy hand-off; under
// CONFIG_SPIN_VALIDATE it is an assertion, so test/threads.test.ts runs this without it.
import {
  printk,
  irq_lock,
  irq_unlock,
  k_thread_create,
  k_thread_join,
  k_yield,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  arch_num_cpus,
  k_thread_cpu_pin,
  k_thread_start,
} from "wasmp";

const counter = memory.data(4, 4);
const stage = ATOMIC_DEFINE();
const result = memory.data(8, 4);

function incrementer(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < 100000; i++) {
    const k1 = irq_lock();
    const k2 = irq_lock(); // recursive
    store<u32>(counter, load<u32>(counter) + 1);
    irq_unlock(k2);
    irq_unlock(k1);
  }
}

function holder(p1: usize, p2: usize, p3: usize): void {
  const key = irq_lock();
  atomic_set(stage, 1);
  while (atomic_get(stage) != 2) k_yield(); // switched out while holding: the lock is released
  // Resumed: the lock is ours again, so the taker (now waiting for it) cannot be inside.
  store<u32>(result, atomic_get(stage) == 2 ? 1 : 0);
  irq_unlock(key);
}

function taker(p1: usize, p2: usize, p3: usize): void {
  while (atomic_get(stage) != 1) k_yield();
  const key = irq_lock(); // succeeds while the holder is switched out
  atomic_set(stage, 2);
  irq_unlock(key);
  store<u32>(result + 4, 1);
}

export function main(): i32 {
  const t = new StaticArray<k_tid_t>(3);
  for (let i = 0; i < 3; i++) t[i] = k_thread_create(4096, incrementer, 0, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < 3; i++) k_thread_join(t[i], K_FOREVER);
  const h = k_thread_create(4096, holder, 0, 0, 0, 1, 0, K_FOREVER);
  const k = k_thread_create(4096, taker, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_cpu_pin(h, 0);
  k_thread_cpu_pin(k, 0);
  k_thread_start(h);
  k_thread_start(k);
  k_thread_join(h, K_FOREVER);
  k_thread_join(k, K_FOREVER);
  printk(
    `irq_lock counter=${load<u32>(counter)} handoff=${load<u32>(result)},${load<u32>(result + 4)} cpus=${arch_num_cpus()}\n`,
  );
  return load<u32>(counter) == 300000 && load<u32>(result) == 1 && load<u32>(result + 4) == 1 ? 0 : 1;
}
