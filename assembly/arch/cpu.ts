// The port layer: per-CPU "registers" and local interrupt masking.
//
// Each virtual CPU is its own instance of the image, so module globals here are CPU-local
// registers (like a per-CPU base register on real hardware). They do NOT travel with a
// thread when it migrates: never cache one across a context switch. Everything shared lives
// in z_kernel at KERNEL_BASE.

import { _cpu, z_kernel, spinlock_key_irq_masked } from "../generated/contract";

/** The kernel's shared state sits at the first 64-aligned address after static data. */
// @ts-ignore: decorator
@inline export function kernel(): z_kernel {
  return changetype<z_kernel>((__heap_base + 63) & ~63);
}

/** This instance's CPU id, set once by z_cpu_init before any other code runs. */
export let cpu_id: i32 = 0;
let cpu_base: usize = 0;

export function arch_cpu_set(id: i32): void {
  cpu_id = id;
  cpu_base = changetype<usize>(cpu_at(id));
}

// @ts-ignore: decorator
@inline export function arch_curr_cpu(): _cpu {
  return changetype<_cpu>(cpu_base);
}

// @ts-ignore: decorator
@inline export function cpu_at(id: i32): _cpu {
  return kernel().cpus_at(id);
}

/** Number of CPUs that take part in scheduling (CONFIG_MP_MAX_NUM_CPUS, capped by the board). */
// @ts-ignore: decorator
@inline export function arch_num_cpus(): i32 {
  return <i32>kernel().num_cpus;
}

/** Masks local interrupts; returns the previous state as the key (1 = was masked). */
// @ts-ignore: decorator
@inline export function arch_irq_lock(): u32 {
  const cpu = arch_curr_cpu();
  const key = cpu.irq_masked;
  cpu.irq_masked = 1;
  return key;
}

/**
 * Restores local interrupts from a key returned by arch_irq_lock (0 or 1), or from a spinlock
 * key, whose irq_masked bit is the same bit (the contract's spinlock-key encoding).
 */
// @ts-ignore: decorator
@inline export function arch_irq_unlock(key: u32): void {
  arch_curr_cpu().irq_masked = spinlock_key_irq_masked(key);
}

// @ts-ignore: decorator
@inline export function arch_irq_unlocked(key: u32): bool {
  return spinlock_key_irq_masked(key) == 0;
}

// @ts-ignore: decorator
@inline export function arch_is_in_isr(): bool {
  return arch_curr_cpu().nested != 0;
}

/** One iteration of a spin-wait. Wasm has no pause instruction; the caller bounds the spin. */
// @ts-ignore: decorator
@inline export function arch_spin_relax(): void {}

/** The address of _kernel.cpus[id]. */
export function cpu_addr(id: i32): usize {
  return changetype<usize>(cpu_at(id));
}
