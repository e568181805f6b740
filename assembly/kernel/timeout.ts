// Time: the tick clock, the per-CPU timer device, the public time API and the timeout list
// with its tick handler, sys_clock_announce (kernel/timeout.c, include/zephyr/sys_clock.h).
// The thread timeout (what happens when a sleep or a wait times out) is the scheduler's, as
// in Zephyr's sched.c: z_thread_timeout in sched.ts.
//
// Ticks are 1/CONFIG_SYS_CLOCK_TICKS_PER_SEC s (default 10000: 100 us). The host clock is monotonic nanoseconds since
// the machine started; each CPU's timer is a deadline in _cpu.timer_deadline that the host
// clock (src/machine/clock.ts) turns into an IRQ_TIMER, or that an idle CPU sleeps until.

import {
  _timeout,
  sys_dnode,
  NO_DEADLINE,
  Z_KERNEL_CLOCK_GEN,
  CPU_PENDING,
  CPU_TIMER_DEADLINE,
  IRQ_TIMER,
  EINVAL,
} from "../generated/contract";
import { CONFIG_SYS_CLOCK_TICKS_PER_SEC } from "./config";
import { arch_curr_cpu, kernel } from "../arch/cpu";
import { host_now_ns } from "../arch/imports";
import { z_safepoint } from "./irq";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import {
  sys_dlist_append,
  sys_dlist_insert,
  sys_dlist_peek_head,
  sys_dlist_peek_next,
  sys_dlist_remove,
  sys_dnode_is_linked,
} from "./dlist";
import { sched_lock } from "./sched";
import { signal_pending_ipi } from "./ipi";
import { z_time_slice_locked } from "./timeslicing";
import { z_timer_run_expired } from "./timer";

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
@inline export function K_MSEC(ms: i64): k_timeout_t {
  return ms <= 0 ? 0 : (ms * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC + 999) / 1000;
}
/** A timeout of `us` microseconds, rounded up to whole ticks. */
// @ts-ignore: decorator
@inline export function K_USEC(us: i64): k_timeout_t {
  return us <= 0 ? 0 : (us * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC + 999999) / 1000000;
}
// @ts-ignore: decorator
@inline export function K_SECONDS(s: i64): k_timeout_t {
  return s <= 0 ? 0 : s * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC;
}
// @ts-ignore: decorator
@inline export function K_TICKS(t: i64): k_timeout_t {
  return t;
}

export function k_ns_now(): i64 {
  return <i64>host_now_ns();
}
export function k_ticks_now(): i64 {
  return <i64>host_now_ns() / NS_PER_TICK;
}

/** Milliseconds since boot. */
export function k_uptime_get(): i64 {
  z_safepoint();
  return <i64>host_now_ns() / 1000000;
}
export function k_uptime_get_32(): u32 {
  return <u32>k_uptime_get();
}
/** Ticks since boot. */
export function k_uptime_ticks(): i64 {
  return k_ticks_now();
}
/** Hardware cycles at 1 GHz (CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC = 1000000000): nanoseconds. */
export function k_cycle_get_32(): u32 {
  return <u32>(<i64>host_now_ns());
}
export function k_cycle_get_64(): u64 {
  return <u64>(<i64>host_now_ns());
}
/**
 * Milliseconds elapsed since `*reftime` (an i64 in memory, from k_uptime_get or an earlier
 * call), which is then set to now.
 */
export function k_uptime_delta(reftime: usize): i64 {
  const now = k_uptime_get();
  const delta = now - load<i64>(reftime);
  store<i64>(reftime, now);
  return delta;
}
/** The cycle counter's rate: the host clock's nanoseconds. */
// @ts-ignore: decorator
@inline const HW_CYCLES_PER_SEC: u32 = 1000000000;
export function sys_clock_hw_cycles_per_sec(): u32 {
  return HW_CYCLES_PER_SEC;
}

/**
 * Raises this CPU's timer interrupt if its deadline has passed: the host clock thread does so
 * too, but late when the host is busy, and a busy-waiting thread must not outrun its own
 * timer. A hardware timer interrupts at its deadline, whoever else runs.
 */
function z_local_timer_check(now: f64): void {
  const cpu = changetype<usize>(arch_curr_cpu());
  const dl = atomic.load<i64>(cpu, CPU_TIMER_DEADLINE);
  if (dl == NO_DEADLINE || <f64>dl > now) return;
  if (atomic.cmpxchg<i64>(cpu + CPU_TIMER_DEADLINE, dl, NO_DEADLINE) == dl) {
    atomic.or<u32>(cpu + CPU_PENDING, IRQ_TIMER);
  }
}

/**
 * Spins for `usec` microseconds with interrupts as they are: a thread in k_busy_wait can be
 * preempted (it passes safepoints), as on hardware. A timer interrupt due before the wait ends
 * is taken before it returns (unless interrupts are masked), also when the host ran this CPU
 * late.
 */
export function k_busy_wait(usec: u32): void {
  if (usec == 0) return;
  const end = host_now_ns() + <f64>usec * 1000;
  while (true) {
    const now = host_now_ns();
    z_local_timer_check(now);
    z_safepoint();
    if (now >= end) break;
  }
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

// --- the timeout list ---------------------------------------------------------------------
// One global list sorted by absolute deadline (ticks), under sched_lock: handlers run with
// the lock held, so cancelling a timeout under the lock is final (no stale wake-ups).

export type timeout_fn = (to: _timeout) => void;

/** Arms `to` to call `fn` after `ticks` (at least one tick). Lock: sched_lock. */
export function z_add_timeout_locked(to: _timeout, fn: timeout_fn, ticks: i64): void {
  z_add_timeout_at_locked(to, fn, k_ticks_now() + (ticks < 1 ? 1 : ticks));
}

/**
 * Arms `to` to expire at the absolute tick `deadline` (a deadline already past expires at the
 * next announce; one that falls inside a running sys_clock_announce expires in it). A periodic
 * k_timer re-arms from its previous deadline this way, so its period does not drift by the
 * interrupt latency (kernel/timer.c). Lock: sched_lock.
 */
export function z_add_timeout_at_locked(to: _timeout, fn: timeout_fn, deadline: i64): void {
  if (sys_dnode_is_linked(to.node)) sys_dlist_remove(to.node);
  to.fn = <u32>changetype<usize>(fn);
  to.deadline = deadline;
  const list = kernel().timeout_list;
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    if (changetype<_timeout>(n).deadline > deadline) {
      sys_dlist_insert(changetype<sys_dnode>(n), to.node);
      break;
    }
    n = sys_dlist_peek_next(list, n);
  }
  if (n == 0) sys_dlist_append(list, to.node);
  if (sys_dlist_peek_head(list) == changetype<usize>(to)) sys_clock_program(deadline);
}

/** Cancels `to`. Returns 0, or -EINVAL if it was not armed. Lock: sched_lock. */
export function z_abort_timeout_locked(to: _timeout): i32 {
  if (!sys_dnode_is_linked(to.node)) return -EINVAL;
  sys_dlist_remove(to.node);
  to.fn = 0;
  return 0;
}

/** Ticks until `to` expires (0 if not armed). Lock: sched_lock. */
export function z_timeout_remaining_locked(to: _timeout): i64 {
  if (!sys_dnode_is_linked(to.node)) return 0;
  const r = to.deadline - k_ticks_now();
  return r > 0 ? r : 0;
}

/**
 * Timer interrupt: runs the handlers of expired timeouts and reprograms this CPU's timer.
 * Called from the interrupt handler with interrupts masked.
 */
export function sys_clock_announce(): void {
  const key = k_spin_lock(sched_lock());
  const list = kernel().timeout_list;
  const now = k_ticks_now();
  while (true) {
    const n = sys_dlist_peek_head(list);
    if (n == 0) break;
    const to = changetype<_timeout>(n);
    if (to.deadline > now) break;
    sys_dlist_remove(to.node);
    const fn = to.fn;
    to.fn = 0;
    if (fn != 0) changetype<timeout_fn>(fn)(to);
  }
  const head = sys_dlist_peek_head(list);
  arch_curr_cpu().timer_deadline = NO_DEADLINE;
  if (head != 0) sys_clock_program(changetype<_timeout>(head).deadline);
  z_time_slice_locked();
  signal_pending_ipi();
  k_spin_unlock(sched_lock(), key);
  z_timer_run_expired();
}
