// Mirrors assembly/arch/cpu.ts: the view of shared memory that the TypeScript twin works on
// (kernel(), cpu_id, arch_curr_cpu(), cpu_at(), arch_num_cpus(), arch_irq_lock/unlock) and the
// build-time Kconfig switches of assembly/kernel/config.ts, which here are run-time fields.
//
// Every structure is addressed exactly as the Wasm kernel addresses it: a byte address in the
// shared memory plus an offset from src/generated/contract.ts. All fields the twin touches
// are 4-byte aligned, so `addr >> 2` indexes the Int32Array/Uint32Array views.

import { _cpu, z_kernel, z_kernel_cpus_addr } from "../../src/generated/contract.js";

/** The Kconfig bools that change the hot path (assembly/kernel/config.ts). */
export interface CoreConfig {
  /** CONFIG_TICKET_SPINLOCKS: FIFO ticket locks instead of CAS. */
  ticketSpinlocks: boolean;
  /** CONFIG_SMP: without it a spinlock only masks interrupts. Default true. */
  smp?: boolean;
  /** CONFIG_SCHED_IPI_SUPPORTED: flag_ipi records IPIs in z_kernel.pending_ipi. Default true. */
  schedIpi?: boolean;
  /** Choice SCHED_ALGORITHM: the run-queue backend. Default "simple". */
  backend?: "simple" | "scalable" | "multiq";
  /** CONFIG_SCHED_CPU_MASK_PIN_ONLY: one run queue per CPU. Default false. */
  pinOnly?: boolean;
}

/**
 * One CPU's view of a kernel region: the TypeScript counterpart of one Wasm instance (whose
 * module globals cpu_id/cpu_base are the per-CPU "registers"). Not shared between threads:
 * every worker builds its own over the same buffer.
 */
export class KernelMem {
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly ticket: boolean;
  readonly smp: boolean;
  readonly schedIpi: boolean;
  readonly backend: "simple" | "scalable" | "multiq";
  readonly pinOnly: boolean;
  /** arch/cpu.ts cpu_id. */
  cpuId = 0;
  /** arch/cpu.ts cpu_base: address of this CPU's _cpu. */
  cpuBase: number;
  /** kernel/spinlock_relax.ts trylock_lock / trylock_streak (per-CPU Wasm globals there). */
  trylockLock = 0;
  trylockStreak = 0;

  constructor(
    buffer: ArrayBufferLike,
    readonly kernelBase: number,
    config: CoreConfig,
  ) {
    if (kernelBase % z_kernel.ALIGN !== 0)
      throw new Error(`kernel base 0x${kernelBase.toString(16)} is not ${z_kernel.ALIGN}-aligned`);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.ticket = config.ticketSpinlocks;
    this.smp = config.smp ?? true;
    this.schedIpi = config.schedIpi ?? true;
    this.backend = config.backend ?? "simple";
    this.pinOnly = config.pinOnly ?? false;
    this.cpuBase = z_kernel_cpus_addr(kernelBase, 0);
  }

  /** arch_cpu_set. */
  setCpu(id: number): void {
    this.cpuId = id;
    this.cpuBase = z_kernel_cpus_addr(this.kernelBase, id);
  }

  /** cpu_at(id): address of CPU `id`'s _cpu. */
  cpuAt(id: number): number {
    return z_kernel_cpus_addr(this.kernelBase, id);
  }

  /** arch_num_cpus(). */
  numCpus(): number {
    return this.u32[(this.kernelBase + z_kernel.num_cpus) >> 2]!;
  }

  /** kernel().spin_budget: spins before a lock waiter parks its host thread. */
  spinBudget(): number {
    return this.u32[(this.kernelBase + z_kernel.spin_budget) >> 2]!;
  }

  /** kernel().oversubscribed: 1 when the board has more CPUs than the host has cores. */
  oversubscribed(): number {
    return this.u32[(this.kernelBase + z_kernel.oversubscribed) >> 2]!;
  }

  /** arch_irq_lock: masks this CPU's interrupts; the previous state (1 = masked) is the key. */
  irqLock(): number {
    const idx = (this.cpuBase + _cpu.irq_masked) >> 2;
    const key = this.u32[idx]!;
    this.u32[idx] = 1;
    return key;
  }

  /** arch_irq_unlock. */
  irqUnlock(key: number): void {
    this.u32[(this.cpuBase + _cpu.irq_masked) >> 2] = key & 1;
  }
}
