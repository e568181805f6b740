import { K_SPINLOCK_DEFINE, k_spin_unlock, printk } from "wasmp";
const lock = K_SPINLOCK_DEFINE();
export function main(): i32 {
  printk(`lock at 0x${changetype<usize>(lock).toString(16)}\n`);
  k_spin_unlock(lock, <u32>changetype<usize>(lock)); // illegal: not held
  return 0;
}
