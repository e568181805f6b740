// Virtual interrupts, delivered at safepoints: a CPU's interrupt entry and exit (in Zephyr,
// the arch's ISR wrapper, which ends in sched.c's z_get_next_switch_handle).
//
// A host (or another CPU) raises an interrupt by ORing an IRQ_* bit into this CPU's
// _cpu.pending word and notifying it. The CPU notices at a safepoint: the image builder
// inserts __wasmp_safepoint() at every loop header of application code, and the kernel calls
// z_safepoint() where it runs with interrupts enabled (k_busy_wait, printk, time reads).
// Only while local interrupts are unmasked does z_irq_poll run the handlers and then, at
// interrupt exit, possibly switch threads (z_get_next_switch_handle).

import { CPU_PENDING, IRQ_IPI, IRQ_TIMER } from "../generated/contract";
import { arch_curr_cpu, cpu_at } from "../arch/cpu";
import { z_irq_exit_switch } from "./sched";
import { sys_clock_announce } from "./timeout";
import { z_time_slice } from "./timeslicing";
import { z_trace_sched_ipi } from "./ipi";
import { z_ipi_work_process } from "./ipi_work";
import { z_vcpu_tick } from "./vcpu_yield";

/** Address of this CPU's pending word: a CPU-local register for the inlined safepoint check. */
let pending_word: usize = 0;

export function z_irq_init_cpu(id: i32): void {
  pending_word = changetype<usize>(cpu_at(id)) + CPU_PENDING;
}

/**
 * The safepoint check. An atomic load, so that the engine cannot hoist it out of a loop; every
 * VCPU_CHECK_EVERY passes, the directed-yield beat (kernel/vcpu_yield.ts).
 */
// @ts-ignore: decorator
@global @inline export function __wasmp_safepoint(): void {
  if (atomic.load<u32>(pending_word) != 0) z_irq_poll();
  z_vcpu_tick();
}

// @ts-ignore: decorator
@inline export function z_safepoint(): void {
  if (atomic.load<u32>(pending_word) != 0) z_irq_poll();
  z_vcpu_tick();
}

/**
 * Interrupt entry: runs the handlers of every pending interrupt, then the interrupt-exit
 * reschedule. Returns at once while local interrupts are masked (the bits stay pending).
 */
export function z_irq_poll(): void {
  const cpu = arch_curr_cpu();
  if (cpu.irq_masked != 0) return;
  cpu.irq_masked = 1;
  cpu.nested = cpu.nested + 1;
  const bits = atomic.xchg<u32>(pending_word, 0);
  if ((bits & IRQ_IPI) != 0) {
    cpu.ipi_count = cpu.ipi_count + 1;
    z_sched_ipi();
  }
  if ((bits & IRQ_TIMER) != 0) {
    cpu.timer_count = cpu.timer_count + 1;
    sys_clock_announce();
  }
  cpu.nested = cpu.nested - 1;
  z_irq_exit_switch();
  arch_curr_cpu().irq_masked = 0; // this thread may resume on another CPU: re-read it
}

/** The scheduler IPI handler (z_sched_ipi): the reschedule itself happens at interrupt exit. */
function z_sched_ipi(): void {
  z_trace_sched_ipi();
  z_time_slice();
  z_ipi_work_process();
}
