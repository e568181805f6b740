import { K_SPINLOCK_DEFINE, k_spin_lock, k_spin_unlock, printk } from "wasmp";
const a = K_SPINLOCK_DEFINE();
const b = K_SPINLOCK_DEFINE();
export function main(): i32 {
  printk(`lock at 0x${changetype<usize>(a).toString(16)}\n`);
  const ka = k_spin_lock(a);
  const kb = k_spin_lock(b);
  k_spin_unlock(a, kb); // illegal: the key belongs to b
  k_spin_unlock(b, ka);
  return 0;
}
