// Inter-processor interrupts (kernel/ipi.c, kernel/include/ipi.h).
//
// IPIs are batched: flag_ipi ORs target bits into kernel().pending_ipi under the sched lock,
// and signal_pending_ipi turns them into interrupts at the next scheduling point. An IPI is
// idempotent, so doing it twice is harmless. Without SMP or IPI support both are no-ops.

import { k_thread, Z_KERNEL_PENDING_IPI, MAX_CPUS } from "../generated/contract";
import { arch_num_cpus, cpu_at, cpu_id, kernel } from "../arch/cpu";
import { arch_sched_directed_ipi } from "../arch/imports";
import { CONFIG_SMP, CONFIG_SCHED_IPI_SUPPORTED, CONFIG_IPI_OPTIMIZE, CONFIG_TRACE_SCHED_IPI } from "./config";
import { thread_is_preemptible, z_sched_prio_cmp } from "./kthread";

// @ts-ignore: decorator
@inline function ipi_all_cpus_mask(): u32 {
  const n = arch_num_cpus();
  return n >= MAX_CPUS ? 0xffffffff : ((<u32>1) << (<u32>n)) - 1;
}

/** IPI_CPU_MASK: the mask for an IPI meant for `cpu` (every CPU without CONFIG_IPI_OPTIMIZE). */
export function ipi_cpu_mask(cpu: u32): u32 {
  return CONFIG_IPI_OPTIMIZE ? (<u32>1) << cpu : ipi_all_cpus_mask();
}

/**
 * The CPUs that should hear that `thread` became ready. Without CONFIG_IPI_OPTIMIZE: all.
 * With it, CPU i (not this one) gets an IPI iff
 *   1. it is running (has a current thread),
 *   2. `thread` may run there (its cpu_mask), and
 *   3. CPU i's current thread is preemptible and of strictly lower priority.
 * An idle CPU always qualifies (its idle thread is preemptible and lowest).
 * Lock: sched_lock.
 */
export function ipi_mask_create(thread: k_thread): u32 {
  if (!CONFIG_SMP) return 0;
  if (!CONFIG_IPI_OPTIMIZE) return arch_num_cpus() > 1 ? ipi_all_cpus_mask() : 0;
  let mask: u32 = 0;
  const n = arch_num_cpus();
  for (let i = 0; i < n; i++) {
    if (i == cpu_id) continue;
    const cur = cpu_at(i).current;
    if (cur == 0 || (thread.cpu_mask & ((<u32>1) << (<u32>i))) == 0) continue;
    const ct = changetype<k_thread>(cur);
    if (z_sched_prio_cmp(ct, thread) < 0 && thread_is_preemptible(ct)) mask |= (<u32>1) << (<u32>i);
  }
  return mask;
}

/** The CONFIG_TRACE_SCHED_IPI hook, a function reference (0: none). Per CPU (set it on each). */
let trace_sched_ipi_hook: usize = 0;

/**
 * Registers the function called from every scheduling IPI handler (Zephyr's test hook
 * z_trace_sched_ipi(), which C tests define). Call it at top level, so that every CPU has it.
 */
export function z_trace_sched_ipi_set(fn: () => void): void {
  trace_sched_ipi_hook = changetype<usize>(fn);
}

export function z_trace_sched_ipi(): void {
  if (CONFIG_TRACE_SCHED_IPI && trace_sched_ipi_hook != 0) changetype<() => void>(trace_sched_ipi_hook)();
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
    const self: u32 = 1 << (<u32>cpu_id);
    const bitmap = atomic.and<u32>(changetype<usize>(kernel()) + Z_KERNEL_PENDING_IPI, self) & ~self;
    if (bitmap != 0) arch_sched_directed_ipi(bitmap);
  }
}

/** arch_sched_broadcast_ipi: interrupts every other CPU now. */
export function arch_sched_broadcast_ipi(): void {
  if (CONFIG_SMP) arch_sched_directed_ipi(ipi_all_cpus_mask() & ~((<u32>1) << (<u32>cpu_id)));
}
