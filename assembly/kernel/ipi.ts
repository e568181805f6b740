// Inter-processor interrupts (kernel/ipi.c, kernel/include/ipi.h).
//
// IPIs are batched: flag_ipi ORs target bits into kernel().pending_ipi under the sched lock,
// and signal_pending_ipi turns them into interrupts at the next scheduling point. An IPI is
// idempotent, so doing it twice is harmless. Without SMP or IPI support both are no-ops.

import { k_thread, Z_KERNEL_PENDING_IPI } from "../generated/layout";
import { arch_num_cpus, cpu_id, kernel } from "../arch/cpu";
import { arch_sched_directed_ipi } from "../arch/imports";
import { CONFIG_SMP, CONFIG_SCHED_IPI_SUPPORTED } from "./config";

// @ts-ignore: decorator
@inline function ipi_all_cpus_mask(): u32 {
  const n = arch_num_cpus();
  return n >= 32 ? 0xffffffff : (<u32>1 << <u32>n) - 1;
}

/** The CPUs that should hear that `thread` became ready (no CONFIG_IPI_OPTIMIZE: all). */
export function ipi_mask_create(thread: k_thread): u32 {
  if (!CONFIG_SMP) return 0;
  return arch_num_cpus() > 1 ? ipi_all_cpus_mask() : 0;
}

/** Schedules an IPI to the CPUs in `mask` at the next scheduling point. Lock: sched_lock. */
export function flag_ipi(mask: u32): void {
  if (CONFIG_SMP && CONFIG_SCHED_IPI_SUPPORTED && arch_num_cpus() > 1) {
    atomic.or<u32>(changetype<usize>(kernel()) + Z_KERNEL_PENDING_IPI, mask);
  }
}

/**
 * Sends the flagged IPIs to other CPUs. Our own bit stays set: arch_sched_directed_ipi skips
 * the caller, so clearing it would drop an IPI meant for us.
 */
export function signal_pending_ipi(): void {
  if (CONFIG_SMP && CONFIG_SCHED_IPI_SUPPORTED && arch_num_cpus() > 1) {
    const self: u32 = 1 << <u32>cpu_id;
    const bitmap = atomic.and<u32>(changetype<usize>(kernel()) + Z_KERNEL_PENDING_IPI, self) & ~self;
    if (bitmap != 0) arch_sched_directed_ipi(bitmap);
  }
}

/** arch_sched_broadcast_ipi: interrupts every other CPU now. */
export function arch_sched_broadcast_ipi(): void {
  if (CONFIG_SMP) arch_sched_directed_ipi(ipi_all_cpus_mask() & ~(<u32>1 << <u32>cpu_id));
}
