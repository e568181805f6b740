// irq_lock() emulation on SMP (kernel/smp.c): one system-wide recursive lock whose count lives
// in the thread (global_lock_count), so it follows the thread across CPUs. A thread switched
// out while holding it releases the lock; it takes it again when it is switched back in.
// Switches of threads that never took it leave the lock and the counts alone.
// Without SMP, irq_lock is arch_irq_lock.

import { Z_KERNEL_GLOBAL_LOCK } from "../generated/contract";
import { arch_irq_lock, arch_irq_unlock, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { CONFIG_SMP } from "./config";
import { current } from "./kthread";

/** A waiter for the global lock re-checks it this often if never notified. */
// @ts-ignore: decorator
@inline const GLOBAL_LOCK_PARK_MS: f64 = 1;

// @ts-ignore: decorator
@inline function global_lock_addr(): usize {
  return changetype<usize>(kernel()) + Z_KERNEL_GLOBAL_LOCK;
}

function global_lock_take(): void {
  const p = global_lock_addr();
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  while (atomic.cmpxchg<u32>(p, 0, 1) != 0) {
    if (++spins < budget) continue;
    host_park(p, 1, GLOBAL_LOCK_PARK_MS);
    spins = 0;
  }
}

function global_lock_release(): void {
  const p = global_lock_addr();
  atomic.store<u32>(p, 0);
  atomic.notify(p, 1);
}

/** Locks out interrupts on this CPU and (SMP) every other CPU's irq_lock. Recursive. */
export function irq_lock(): u32 {
  const key = arch_irq_lock();
  if (CONFIG_SMP) {
    const t = current();
    if (t.global_lock_count == 0) global_lock_take();
    t.global_lock_count = t.global_lock_count + 1;
  }
  return key;
}

/** Undoes one irq_lock and restores this CPU's interrupts from `key`. */
export function irq_unlock(key: u32): void {
  if (CONFIG_SMP) {
    const t = current();
    if (t.global_lock_count != 0) {
      t.global_lock_count = t.global_lock_count - 1;
      if (t.global_lock_count == 0) global_lock_release();
    }
  }
  arch_irq_unlock(key);
}

/** Switch-out of a thread that holds irq_lock: release the global lock for the others. */
export function z_smp_global_lock_switch_out(count: u32): void {
  if (CONFIG_SMP && count != 0) global_lock_release();
}

/** Switch-in (the resumed thread, after arch_switch): take the lock back if it held it. */
export function z_smp_global_lock_switch_in(): void {
  if (CONFIG_SMP && current().global_lock_count != 0) global_lock_take();
}
