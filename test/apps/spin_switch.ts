import { K_SPINLOCK_DEFINE, k_spin_lock, k_yield, printk } from "wasmp";
const lock = K_SPINLOCK_DEFINE();
export function main(): i32 {
  printk(`lock at 0x${changetype<usize>(lock).toString(16)}\n`);
  k_spin_lock(lock);
  k_yield(); // illegal: a context switch while holding a spinlock
  return 0;
}
