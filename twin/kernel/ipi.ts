// Mirrors ipi_mask_create and flag_ipi of assembly/kernel/ipi.ts (kernel/ipi.c) without
// CONFIG_IPI_OPTIMIZE: ready_thread_locked flags an IPI for every CPU. Sending the flagged
// IPIs (signal_pending_ipi) is not mirrored.

import { MAX_CPUS, z_kernel } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";

/** ipi_mask_create (no CONFIG_IPI_OPTIMIZE: every CPU). */
export function ipi_mask_create(m: KernelMem): number {
  if (!m.smp) return 0;
  const n = m.numCpus();
  if (n <= 1) return 0;
  return n >= MAX_CPUS ? 0xffffffff : ((1 << n) - 1) >>> 0; // MAX_CPUS (32) CPUs fill the u32 mask
}

/** flag_ipi: ORs `mask` into z_kernel.pending_ipi (sent later by signal_pending_ipi). */
export function flag_ipi(m: KernelMem, mask: number): void {
  if (m.smp && m.schedIpi && m.numCpus() > 1) Atomics.or(m.i32, (m.kernelBase + z_kernel.pending_ipi) >> 2, mask | 0);
}
