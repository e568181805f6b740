// Thread runtime statistics (kernel/usage.c, CONFIG_THREAD_RUNTIME_STATS): the cycles each
// thread and each CPU has run, measured by the scheduler at every context switch.
//
// A CPU stamps _cpu.usage0 when it switches a thread in; at the next switch (or when a
// thread on this CPU asks for its own figures) the cycles since then go to that thread's
// usage_total and, unless it is the idle thread, to the CPU's usage_total. Cycles are the
// host clock in nanoseconds (k_cycle_get_64, 1 GHz). As in Zephyr, z_kernel.usage_lock guards
// them: a switch takes it inside the sched lock, a query alone (k_thread_foreach callbacks
// query inside the thread-list lock, which a dying thread takes inside the sched lock).
//
// Like Zephyr, the figures of a thread that is running on another CPU stop at that CPU's
// last switch: only the caller's own CPU is brought up to date by a query.

import { k_thread, EINVAL } from "../generated/contract";
import { arch_curr_cpu, arch_num_cpus, cpu_at, kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { k_cycle_get_64 } from "./timeout";
import { CONFIG_THREAD_RUNTIME_STATS } from "./config";
import { current, z_is_idle_thread_object } from "./kthread";

/** k_thread_runtime_stats_t: what the two queries fill in (the caller's own object). */
export class k_thread_runtime_stats_t {
  /** Cycles run: by the thread, or by every CPU, idle included (k_thread_runtime_stats_all_get). */
  execution_cycles: u64 = 0;
  /** Cycles run by non-idle threads (for a thread: the same as execution_cycles). */
  total_cycles: u64 = 0;
  /** Cycles the idle threads ran (0 for a thread). */
  idle_cycles: u64 = 0;
}

/** Charges this CPU's current thread (and the CPU) for the cycles since usage0. Lock: usage_lock. */
function z_sched_usage_update_locked(): void {
  const cpu = arch_curr_cpu();
  const now = k_cycle_get_64();
  const u0 = cpu.usage0;
  if (u0 != 0 && now > u0) {
    const cycles = now - u0;
    const t = current();
    t.usage_total = t.usage_total + cycles;
    if (!z_is_idle_thread_object(t)) cpu.usage_total = cpu.usage_total + cycles;
  }
  cpu.usage0 = now == 0 ? 1 : now; // 0 means "not started"
}

/**
 * The scheduler's hook at every switch (z_sched_usage_switch): the outgoing thread is charged
 * up to now and the incoming one starts its window. Called before cpu.current changes, with
 * the sched lock held.
 */
// @ts-ignore: decorator
@inline export function z_sched_usage_switch(): void {
  if (CONFIG_THREAD_RUNTIME_STATS) {
    const key = k_spin_lock(kernel().usage_lock);
    z_sched_usage_update_locked();
    k_spin_unlock(kernel().usage_lock, key);
  }
}

/**
 * Fills `stats` with the cycles `thread` has run. Returns 0, or -EINVAL if either is null.
 * Without CONFIG_THREAD_RUNTIME_STATS every figure is 0, as in Zephyr.
 */
export function k_thread_runtime_stats_get(thread: k_thread | null, stats: k_thread_runtime_stats_t | null): i32 {
  if (thread == null || stats == null) return -EINVAL;
  stats.execution_cycles = 0;
  stats.total_cycles = 0;
  stats.idle_cycles = 0;
  if (!CONFIG_THREAD_RUNTIME_STATS) return 0;
  const key = k_spin_lock(kernel().usage_lock);
  if (changetype<usize>(thread) == arch_curr_cpu().current) z_sched_usage_update_locked();
  stats.execution_cycles = thread.usage_total;
  stats.total_cycles = thread.usage_total;
  k_spin_unlock(kernel().usage_lock, key);
  return 0;
}

/**
 * Fills `stats` with what every CPU has run: total_cycles (non-idle threads), idle_cycles
 * (the idle threads) and execution_cycles (both). Returns 0, or -EINVAL if `stats` is null.
 */
export function k_thread_runtime_stats_all_get(stats: k_thread_runtime_stats_t | null): i32 {
  if (stats == null) return -EINVAL;
  stats.execution_cycles = 0;
  stats.total_cycles = 0;
  stats.idle_cycles = 0;
  if (!CONFIG_THREAD_RUNTIME_STATS) return 0;
  const key = k_spin_lock(kernel().usage_lock);
  z_sched_usage_update_locked();
  const n = arch_num_cpus();
  for (let i = 0; i < n; i++) {
    const cpu = cpu_at(i);
    const idle = cpu.idle_thread != 0 ? changetype<k_thread>(cpu.idle_thread).usage_total : 0;
    stats.total_cycles += cpu.usage_total;
    stats.idle_cycles += idle;
    stats.execution_cycles += cpu.usage_total + idle;
  }
  k_spin_unlock(kernel().usage_lock, key);
  return 0;
}
