import { K_SPINLOCK_DEFINE, k_spin_lock, printk } from "wasmp";
const lock = K_SPINLOCK_DEFINE();
export function main(): i32 {
  printk(`lock at 0x${changetype<usize>(lock).toString(16)}\n`);
  k_spin_lock(lock);
  k_spin_lock(lock); // illegal: this CPU already holds it
  return 0;
}
