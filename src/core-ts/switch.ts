// Mirrors the switch-handle protocol: z_sched_switch_spin and the hand-over in
// switch_to_locked (assembly/kernel/sched.ts), and the host's publish step (CpuCore.publish in
// src/cpu/core.ts).
//
// k_thread.switch_handle is NULL (0) while the thread runs or is still being saved, and the
// thread's own address once its context is fully saved. The CPU that switched the thread out
// publishes it with Atomics.store then Atomics.notify on that word, only AFTER the save
// (Zephyr: "this store must be done AFTER all relevant state is saved"). A CPU that picked the
// thread spins up to spin_budget times on the word, then parks on it (10 ms safety timeout)
// until it is non-zero; then it takes the handle and stores 0 (running threads have NULL).

import { k_thread, z_kernel } from "../generated/contract.js";
import type { KernelMem } from "./mem.js";

/** Safety-net timeout of a park in z_sched_switch_spin (the publisher always notifies). */
export const SWITCH_PARK_TIMEOUT_MS = 10;

/** Waits until `t`'s context is fully saved by the CPU that switched it out. */
export function z_sched_switch_spin(m: KernelMem, t: number): void {
  const i32 = m.i32;
  const p = (t + k_thread.switch_handle) >> 2;
  if (Atomics.load(i32, p) !== 0) return;
  const budget = m.u32[(m.kernelBase + z_kernel.spin_budget) >> 2]!;
  let spins = 0;
  while (Atomics.load(i32, p) === 0) {
    if (++spins < budget) continue;
    Atomics.wait(i32, p, 0, SWITCH_PARK_TIMEOUT_MS);
    spins = 0;
  }
}

/** switch_to_locked's hand-over: reads `next`'s published handle and clears it (next runs now). */
export function z_take_switch_handle(m: KernelMem, next: number): number {
  const p = (next + k_thread.switch_handle) >> 2;
  const h = Atomics.load(m.i32, p) >>> 0;
  Atomics.store(m.i32, p, 0);
  return h;
}

/** The host's publish: `old` is fully saved; store its handle (itself) and wake waiters. */
export function publish_switch_handle(m: KernelMem, old: number): void {
  const p = (old + k_thread.switch_handle) >> 2;
  Atomics.store(m.i32, p, old | 0);
  Atomics.notify(m.i32, p);
}
