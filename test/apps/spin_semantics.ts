// Spinlock semantics: trylock against another CPU, nesting of distinct locks, interrupt
// masking, the K_SPINLOCK block, and an exact counter under contention from every CPU.
import {
  printk,
  arch_num_cpus,
  arch_irq_lock,
  arch_irq_unlock,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  K_SPINLOCK_DEFINE,
  K_SPINLOCK,
  k_spin_lock,
  k_spin_unlock,
  k_spin_trylock,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  EBUSY,
} from "wasmp";

const a = K_SPINLOCK_DEFINE();
const b = K_SPINLOCK_DEFINE();
const step = ATOMIC_DEFINE();
const result = memory.data(8, 8);
const counter = memory.data(4, 4);
let failures = 0;

function check(cond: bool, what: string): void {
  if (!cond) {
    failures++;
    printk(`FAIL: ${what}\n`);
  }
}

function trier(p1: usize, p2: usize, p3: usize): void {
  while (atomic_get(step) != 1) {} // main holds `a`
  store<i64>(result, k_spin_trylock(a)); // must be -EBUSY
  atomic_set(step, 2);
  while (atomic_get(step) != 3) {} // main released `a`
  const key = k_spin_trylock(a);
  store<i64>(result + 0, key);
  if (key >= 0) k_spin_unlock(a, <u32>key);
  atomic_set(step, 4);
}

function adder(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < 20000; i++) {
    const key = k_spin_lock(b);
    store<u32>(counter, load<u32>(counter) + 1);
    k_spin_unlock(b, key);
  }
}

function bump(): bool {
  store<u32>(counter, load<u32>(counter) + 1000);
  return true; // leave the block early: the lock is still released
}

export function main(): i32 {
  const n = arch_num_cpus();
  // Interrupts are masked while a lock is held and restored after.
  const ka = k_spin_lock(a);
  check(arch_irq_lock() == 1, "irqs masked under k_spin_lock");
  // Nesting a distinct lock works and unwinds in order.
  const kb = k_spin_lock(b);
  k_spin_unlock(b, kb);
  k_spin_unlock(a, ka);
  const k0 = arch_irq_lock();
  check(k0 == 0, "irqs unmasked after k_spin_unlock");
  arch_irq_unlock(k0);
  // Trylock on a free lock succeeds.
  const kt = k_spin_trylock(a);
  check(kt >= 0, "trylock of a free lock");
  if (kt >= 0) k_spin_unlock(a, <u32>kt);
  // K_SPINLOCK with an early break releases the lock.
  K_SPINLOCK(b, bump);
  check(k_spin_trylock(b) >= 0, "K_SPINLOCK released the lock");
  k_spin_unlock(b, <u32>changetype<usize>(b));
  store<u32>(counter, 0);
  if (n > 1) {
    const t = k_thread_create(4096, trier, 0, 0, 0, -1, 0, K_NO_WAIT);
    const key = k_spin_lock(a);
    atomic_set(step, 1);
    while (atomic_get(step) != 2) {}
    k_spin_unlock(a, key);
    check(load<i64>(result) == -EBUSY, "trylock of a lock held by another CPU is -EBUSY");
    atomic_set(step, 3);
    k_thread_join(t, K_FOREVER);
    check(load<i64>(result) >= 0, "trylock after release succeeds");
  }
  const th = new StaticArray<k_tid_t>(n);
  for (let i = 0; i < n; i++) th[i] = k_thread_create(4096, adder, 0, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < n; i++) k_thread_join(th[i], K_FOREVER);
  check(load<u32>(counter) == <u32>(n * 20000), "counter exact under contention");
  printk(`spin_semantics cpus=${n} failures=${failures}\n`);
  return failures;
}
