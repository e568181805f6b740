// Time slicing (kernel/timeslicing.c): one slice timer per CPU. When a CPU's slice runs out
// while it runs a sliceable thread, that thread goes behind its equal-priority peers at the
// next interrupt exit. Sliceable: preemptible, not of higher priority than slice_max_prio,
// runnable, not idle, and the slice is not 0.
// Lock: everything here runs with sched_lock held.

import { k_thread, _timeout, Z_KERNEL_CPUS, SIZEOF_CPU, CPU_SLICE_TIMEOUT } from "../generated/contract";
import { arch_curr_cpu, cpu_at, cpu_id, kernel } from "../arch/cpu";
import { CONFIG_TIMESLICING } from "./config";
import { flag_ipi, ipi_cpu_mask } from "./ipi";
import { current, thread_is_preemptible, z_is_idle_thread_object, z_is_thread_ready } from "./kthread";
import { sched_lock, z_requeue_current_locked } from "./sched";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { K_MSEC, z_abort_timeout_locked, z_add_timeout_locked } from "./timeout";

function thread_is_sliceable(t: k_thread): bool {
  const k = kernel();
  return (
    thread_is_preemptible(t) &&
    k.slice_ticks != 0 &&
    t.prio >= k.slice_max_prio &&
    z_is_thread_ready(t) &&
    !z_is_idle_thread_object(t)
  );
}

function slice_timeout(to: _timeout): void {
  // `to` is _kernel.cpus[cpu].slice_timeout: recover cpu from its address.
  const cpu = <i32>(
    ((changetype<usize>(to) - CPU_SLICE_TIMEOUT - changetype<usize>(kernel()) - Z_KERNEL_CPUS) / SIZEOF_CPU)
  );
  const c = cpu_at(cpu);
  c.slice_expired = 1;
  // An IPI is needed if the expiry was handled on another CPU than the one it concerns.
  if (cpu != cpu_id) flag_ipi(ipi_cpu_mask(<u32>cpu));
}

/** Starts a new slice for `t`, now switching in on this CPU (z_reset_time_slice). */
export function z_reset_time_slice_locked(t: k_thread): void {
  if (!CONFIG_TIMESLICING) return;
  const cpu = arch_curr_cpu();
  z_abort_timeout_locked(cpu.slice_timeout);
  cpu.slice_expired = 0;
  if (thread_is_sliceable(t)) z_add_timeout_locked(cpu.slice_timeout, slice_timeout, kernel().slice_ticks - 1);
}

/** Out of each timer and IPI interrupt: rotates the current thread if its slice ran out. */
export function z_time_slice_locked(): void {
  if (!CONFIG_TIMESLICING) return;
  const cpu = arch_curr_cpu();
  const cur = current();
  if (cpu.slice_expired != 0 && thread_is_sliceable(cur)) {
    z_requeue_current_locked(cur);
    z_reset_time_slice_locked(cur);
  }
}

/** Interrupt-handler form of z_time_slice_locked (takes the sched lock). */
export function z_time_slice(): void {
  if (!CONFIG_TIMESLICING) return;
  const key = k_spin_lock(sched_lock());
  z_time_slice_locked();
  k_spin_unlock(sched_lock(), key);
}

/**
 * Sets the time slice to `slice_ms` (0 turns slicing off) for threads of priority `prio` or
 * lower. Takes effect for the current thread at once and for others at their next switch.
 */
export function k_sched_time_slice_set(slice_ms: i32, prio: i32): void {
  const key = k_spin_lock(sched_lock());
  const k = kernel();
  k.slice_ticks = slice_ms <= 0 ? 0 : <i32>K_MSEC(slice_ms);
  k.slice_max_prio = prio;
  z_reset_time_slice_locked(current());
  k_spin_unlock(sched_lock(), key);
}
