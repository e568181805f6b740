// Time: the tick clock, the per-CPU timer device and the public time API
// (kernel/timeout.c, include/zephyr/sys_clock.h). The timeout list itself is in sched.ts.
//
// Ticks are 1/CONFIG_SYS_CLOCK_TICKS_PER_SEC s (default 10000: 100 us). The host clock is monotonic nanoseconds since
// the machine started; each CPU's timer is a deadline in _cpu.timer_deadline that the host
// clock (src/machine/clock.ts) turns into an IRQ_TIMER, or that an idle CPU sleeps until.

import { NO_DEADLINE, Z_KERNEL_CLOCK_GEN } from "../generated/contract";
import { CONFIG_SYS_CLOCK_TICKS_PER_SEC } from "./config";
import { arch_curr_cpu, kernel } from "../arch/cpu";
import { host_now_ns } from "../arch/imports";
import { z_safepoint } from "./irq";

/** k_timeout_t: a relative timeout in ticks; K_FOREVER is -1 and K_NO_WAIT is 0. */
export type k_timeout_t = i64;

// @ts-ignore: decorator
@inline export const K_FOREVER: k_timeout_t = -1;
// @ts-ignore: decorator
@inline export const K_NO_WAIT: k_timeout_t = 0;
// @ts-ignore: decorator
@inline const NS_PER_TICK: i64 = 1000000000 / <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC;

/** A timeout of `ms` milliseconds, rounded up to whole ticks. */
// @ts-ignore: decorator
@inline export function K_MSEC(ms: i64): k_timeout_t { return ms <= 0 ? 0 : (ms * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC + 999) / 1000; }
/** A timeout of `us` microseconds, rounded up to whole ticks. */
// @ts-ignore: decorator
@inline export function K_USEC(us: i64): k_timeout_t { return us <= 0 ? 0 : (us * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC + 999999) / 1000000; }
// @ts-ignore: decorator
@inline export function K_SECONDS(s: i64): k_timeout_t { return s <= 0 ? 0 : s * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC; }
// @ts-ignore: decorator
@inline export function K_TICKS(t: i64): k_timeout_t { return t; }

export function k_ns_now(): i64 { return <i64>host_now_ns(); }
export function k_ticks_now(): i64 { return <i64>host_now_ns() / NS_PER_TICK; }

/** Milliseconds since boot. */
export function k_uptime_get(): i64 { z_safepoint(); return <i64>host_now_ns() / 1000000; }
export function k_uptime_get_32(): u32 { return <u32>k_uptime_get(); }
/** Ticks since boot. */
export function k_uptime_ticks(): i64 { return k_ticks_now(); }
/** Hardware cycles at 1 GHz (CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC = 1000000000): nanoseconds. */
export function k_cycle_get_32(): u32 { return <u32><i64>host_now_ns(); }
export function k_cycle_get_64(): u64 { return <u64><i64>host_now_ns(); }
export function k_ticks_to_ms_floor64(t: i64): i64 { return t * 1000 / <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC; }
export function k_ms_to_ticks_ceil64(ms: i64): i64 { return K_MSEC(ms); }
export function sys_clock_hw_cycles_per_sec(): u32 { return 1000000000; }

/**
 * Spins for `usec` microseconds with interrupts as they are: a thread in k_busy_wait can be
 * preempted (it passes safepoints), as on hardware.
 */
export function k_busy_wait(usec: u32): void {
  const end = host_now_ns() + <f64>usec * 1000;
  while (host_now_ns() < end) z_safepoint();
}

/** Programs this CPU's timer to fire no later than tick `deadline`. Lock: sched_lock. */
export function sys_clock_program(deadline: i64): void {
  const cpu = arch_curr_cpu();
  const ns = deadline * NS_PER_TICK;
  const cur = cpu.timer_deadline;
  if (cur == NO_DEADLINE || ns < cur) {
    cpu.timer_deadline = ns;
    // Ordering: the deadline is stored before the clock's generation moves, so a clock that
    // wakes on the notify sees it.
    const gen = changetype<usize>(kernel()) + Z_KERNEL_CLOCK_GEN;
    atomic.add<u32>(gen, 1);
    atomic.notify(gen, 1);
  }
}
