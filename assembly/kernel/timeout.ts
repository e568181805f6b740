// Time: the tick clock, the per-CPU timer device, the public time API and the timeout list
// with its tick handler, sys_clock_announce (kernel/timeout.c, include/zephyr/sys_clock.h).
// The thread timeout (what happens when a sleep or a wait times out) is the scheduler's, as
// in Zephyr's sched.c: z_thread_timeout in sched.ts.
//
// Ticks are 1/CONFIG_SYS_CLOCK_TICKS_PER_SEC s (default 10000: 100 us). The host clock is
// monotonic nanoseconds since the machine started; the tick count is that clock in ticks
// (rounded down) plus z_kernel.tick_offset (0 unless a test moved it with sys_clock_tick_set).
// Each CPU's timer is a deadline in _cpu.timer_deadline (host ns) that the host clock
// (src/machine/clock.ts) turns into an IRQ_TIMER, or that an idle CPU sleeps until.
//
// k_timeout_t is Zephyr's CONFIG_TIMEOUT_64BIT encoding: an i64 tick count, K_FOREVER = -1,
// K_NO_WAIT = 0, and an absolute timeout (K_TIMEOUT_ABS_*) at tick t is -2 - t (Z_TICK_ABS), a
// value below K_FOREVER. z_add_timeout_locked decodes it, so every kernel wait that passes its
// timeout there (z_pend_curr, sleeps, delayed threads and work, k_timer) honours both forms.
//
// As in Zephyr, a relative timeout of n ticks expires at the (n + 1)-th tick boundary from now
// (z_add_timeout's + 1 for the tick in progress), so that at least n whole ticks elapse from the
// call. That holds in interrupt context too: while this CPU runs sys_clock_announce the clock it
// reads stands at the tick of the timeout being handled (Zephyr's curr_tick), but a relative
// timeout armed there (a k_timer started or work scheduled by an expiry function) counts from
// the tick the host clock is at. Zephyr counts it from curr_tick + 1, which on hardware is
// within a tick of the call; a virtual CPU takes its timer interrupt late by whatever the host
// delays it (often several ticks at 10,000 per second), and counting from curr_tick made such
// timeouts expire up to that much early. A periodic k_timer re-arms from its previous deadline
// (z_add_timeout_at_locked), so its period does not drift.

import {
  _timeout,
  sys_dnode,
  NO_DEADLINE,
  Z_KERNEL_CLOCK_GEN,
  EINVAL,
  CPU_PENDING,
  CPU_TIMER_DEADLINE,
  IRQ_TIMER,
} from "../generated/contract";
import { CONFIG_SMP, CONFIG_SYS_CLOCK_TICKS_PER_SEC } from "./config";
import { arch_curr_cpu, cpu_id, kernel } from "../arch/cpu";
import { host_now_ns } from "../arch/imports";
import { z_safepoint } from "./irq";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import {
  sys_dlist_insert,
  sys_dlist_peek_head,
  sys_dlist_peek_next,
  sys_dlist_remove,
  sys_dnode_is_linked,
} from "./dlist";
import { sched_lock } from "./sched";
import { signal_pending_ipi } from "./ipi";
import { z_time_slice_locked } from "./timeslicing";
import { z_timer_expiry_locked } from "./timer";
import {
  k_cyc_to_ticks_ceil64,
  k_ms_to_ticks_ceil64,
  k_ns_to_ticks_ceil64,
  k_ticks_to_ms_floor64,
  k_us_to_ticks_ceil64,
} from "../generated/time_units";

/**
 * k_timeout_t: ticks, Zephyr's CONFIG_TIMEOUT_64BIT encoding. K_FOREVER is -1, K_NO_WAIT 0, a
 * relative timeout n >= 0 ticks, and an absolute one at tick t is Z_TICK_ABS(t) = -2 - t.
 */
export type k_timeout_t = i64;
/** k_ticks_t: a tick count. */
export type k_ticks_t = i64;

// @ts-ignore: decorator
@inline export const K_FOREVER: k_timeout_t = -1;
// @ts-ignore: decorator
@inline export const K_NO_WAIT: k_timeout_t = 0;
// @ts-ignore: decorator
@inline const TICKS_HZ: i64 = <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC;
// @ts-ignore: decorator
@inline const NS_PER_SEC: i64 = 1000000000;

/** Z_TICK_ABS: an absolute tick as a k_timeout_t and back (its own inverse); < 0 for a relative timeout. */
// @ts-ignore: decorator
@inline export function Z_TICK_ABS(t: i64): i64 {
  return K_FOREVER - 1 - t; // K_TICKS_FOREVER - 1 - t
}
/** Z_IS_TIMEOUT_RELATIVE: true for K_FOREVER, K_NO_WAIT and relative timeouts. */
// @ts-ignore: decorator
@inline export function Z_IS_TIMEOUT_RELATIVE(t: k_timeout_t): bool {
  return Z_TICK_ABS(t) < 0;
}
/** K_TIMEOUT_EQ: whether two timeouts are the same. */
// @ts-ignore: decorator
@inline export function K_TIMEOUT_EQ(a: k_timeout_t, b: k_timeout_t): bool {
  return a == b;
}

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
/** A timeout of `ns` nanoseconds, rounded up to whole ticks. */
// @ts-ignore: decorator
@inline export function K_NSEC(ns: i64): k_timeout_t {
  return ns <= 0 ? 0 : <i64>k_ns_to_ticks_ceil64(<u64>ns);
}
/** A timeout of `cyc` hardware cycles, rounded up to whole ticks. */
// @ts-ignore: decorator
@inline export function K_CYC(cyc: i64): k_timeout_t {
  return cyc <= 0 ? 0 : <i64>k_cyc_to_ticks_ceil64(<u64>cyc);
}
// @ts-ignore: decorator
@inline export function K_SECONDS(s: i64): k_timeout_t {
  return s <= 0 ? 0 : s * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC;
}
// @ts-ignore: decorator
@inline export function K_TICKS(t: i64): k_timeout_t {
  return t;
}

/** K_TIMEOUT_ABS_TICKS: a timeout that expires when the uptime reaches tick `t` (0 if negative). */
// @ts-ignore: decorator
@inline export function K_TIMEOUT_ABS_TICKS(t: i64): k_timeout_t {
  return Z_TICK_ABS(t < 0 ? 0 : t);
}
/** K_TIMEOUT_ABS_MS: expires at uptime `t` ms (rounded up to a tick). */
// @ts-ignore: decorator
@inline export function K_TIMEOUT_ABS_MS(t: i64): k_timeout_t {
  return K_TIMEOUT_ABS_TICKS(<i64>k_ms_to_ticks_ceil64(<u64>(t < 0 ? 0 : t)));
}
/** K_TIMEOUT_ABS_US: expires at uptime `t` us (rounded up to a tick). */
// @ts-ignore: decorator
@inline export function K_TIMEOUT_ABS_US(t: i64): k_timeout_t {
  return K_TIMEOUT_ABS_TICKS(<i64>k_us_to_ticks_ceil64(<u64>(t < 0 ? 0 : t)));
}
/** K_TIMEOUT_ABS_NS: expires at uptime `t` ns (rounded up to a tick). */
// @ts-ignore: decorator
@inline export function K_TIMEOUT_ABS_NS(t: i64): k_timeout_t {
  return K_TIMEOUT_ABS_TICKS(<i64>k_ns_to_ticks_ceil64(<u64>(t < 0 ? 0 : t)));
}
/** K_TIMEOUT_ABS_CYC: expires when the cycle counter reaches `t` (rounded up to a tick). */
// @ts-ignore: decorator
@inline export function K_TIMEOUT_ABS_CYC(t: i64): k_timeout_t {
  return K_TIMEOUT_ABS_TICKS(<i64>k_cyc_to_ticks_ceil64(<u64>(t < 0 ? 0 : t)));
}

// --- the tick clock -------------------------------------------------------------------------

/** Whether this CPU is in sys_clock_announce (a CPU-local register: interrupts are masked there). */
let announcing = false;
/** While `announcing`: the tick of the timeout being handled (Zephyr's curr_tick). */
let announce_tick: i64 = 0;

/** Host nanoseconds as ticks, rounded down, exactly (no 64-bit overflow for centuries). */
function ns_to_ticks_floor(ns: i64): i64 {
  return (ns / NS_PER_SEC) * TICKS_HZ + ((ns % NS_PER_SEC) * TICKS_HZ) / NS_PER_SEC;
}
/** Ticks as host nanoseconds, rounded up (the first nanosecond at which the tick has begun). */
function ticks_to_ns_ceil(t: i64): i64 {
  if (t <= 0) return 0;
  return (t / TICKS_HZ) * NS_PER_SEC + ((t % TICKS_HZ) * NS_PER_SEC + TICKS_HZ - 1) / TICKS_HZ;
}

/** The tick count of the host clock now, whatever this CPU is doing. */
function z_ticks_real(): i64 {
  return ns_to_ticks_floor(<i64>host_now_ns()) + kernel().tick_offset;
}

export function k_ns_now(): i64 {
  return <i64>host_now_ns();
}
/**
 * The current tick (sys_clock_tick_get). In this CPU's timer interrupt it is the tick of the
 * timeout being handled, as in Zephyr, where elapsed() is 0 on the announcing CPU.
 */
export function k_ticks_now(): i64 {
  return announcing ? announce_tick : z_ticks_real();
}

/** Milliseconds since boot (k_ticks_to_ms_floor64 of the uptime in ticks, as Zephyr). */
export function k_uptime_get(): i64 {
  z_local_timer_check(host_now_ns());
  z_safepoint();
  return <i64>k_ticks_to_ms_floor64(<u64>k_ticks_now());
}
export function k_uptime_get_32(): u32 {
  return <u32>k_uptime_get();
}
/** Ticks since boot. */
export function k_uptime_ticks(): i64 {
  return k_ticks_now();
}
/** sys_clock_tick_get: the current tick. */
export function sys_clock_tick_get(): i64 {
  return k_ticks_now();
}
/** sys_clock_tick_get_32: the current tick, truncated to 32 bits. */
export function sys_clock_tick_get_32(): u32 {
  return <u32>k_ticks_now();
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
 * sys_clock_tick_set (a CONFIG_ZTEST hook): makes the tick count `tick` from now on. Pending
 * timeouts keep the time they had left (Zephyr keeps them relative to the tick count); the
 * cycle counter is not affected.
 */
export function sys_clock_tick_set(tick: u64): void {
  const key = k_spin_lock(sched_lock());
  const k = kernel();
  const delta = <i64>tick - z_ticks_real();
  k.tick_offset = k.tick_offset + delta;
  const list = k.timeout_list;
  for (let n = sys_dlist_peek_head(list); n != 0; n = sys_dlist_peek_next(list, n)) {
    const to = changetype<_timeout>(n);
    to.deadline = to.deadline + delta;
  }
  if (announcing) announce_tick += delta;
  k_spin_unlock(sched_lock(), key);
}

// --- timepoints (sys_clock.h) ---------------------------------------------------------------

/** k_timepoint_t: an absolute tick (Zephyr's struct's `tick`); 0 = no wait, U64 max = forever. */
export type k_timepoint_t = u64;

/** The timepoint at which `timeout`, started now, expires. */
export function sys_timepoint_calc(timeout: k_timeout_t): k_timepoint_t {
  if (timeout == K_FOREVER) return u64.MAX_VALUE;
  if (timeout == K_NO_WAIT) return 0;
  if (Z_IS_TIMEOUT_RELATIVE(timeout)) return <u64>(k_ticks_now() + (timeout < 1 ? 1 : timeout));
  return <u64>Z_TICK_ABS(timeout);
}
/** The timeout left until `timepoint` (K_NO_WAIT once it passed). */
export function sys_timepoint_timeout(timepoint: k_timepoint_t): k_timeout_t {
  if (timepoint == u64.MAX_VALUE) return K_FOREVER;
  if (timepoint == 0) return K_NO_WAIT;
  const now = <u64>k_ticks_now();
  return K_TICKS(timepoint > now ? <i64>(timepoint - now) : 0);
}
/**
 * The tick at which a wait of `timeout` (neither K_FOREVER nor K_NO_WAIT) that starts now times
 * out: the deadline z_add_timeout_locked gives it (relative n: now + n + 1; absolute: its tick).
 * A wait that may pend several times (k_poll, k_heap_alloc, k_pipe_write/read) computes it once,
 * pends each time with z_timeout_left(end) and gives up when that is K_NO_WAIT, so a wake-up
 * that does not satisfy it never shortens it. (Zephyr's loops use sys_timepoint_calc, one tick
 * earlier: woken in the tick the timepoint names, they gave up before n whole ticks.)
 */
export function z_timeout_end(timeout: k_timeout_t): i64 {
  return Z_IS_TIMEOUT_RELATIVE(timeout) ? relative_deadline(timeout) : Z_TICK_ABS(timeout);
}
/** What is left of a wait that ends at tick `end` (z_timeout_end): K_NO_WAIT once the tick count reached it, else the absolute timeout at `end`. */
export function z_timeout_left(end: i64): k_timeout_t {
  return k_ticks_now() >= end ? K_NO_WAIT : K_TIMEOUT_ABS_TICKS(end);
}

/** Compares two timepoints: -1, 0 or 1 as `a` is before, at or after `b`. */
export function sys_timepoint_cmp(a: k_timepoint_t, b: k_timepoint_t): i32 {
  if (a == b) return 0;
  return a < b ? -1 : 1;
}
/** Whether `timepoint` has passed. */
export function sys_timepoint_expired(timepoint: k_timepoint_t): bool {
  return K_TIMEOUT_EQ(sys_timepoint_timeout(timepoint), K_NO_WAIT);
}

/**
 * This CPU's timer, seen from the CPU itself: raises IRQ_TIMER here if its deadline is at or
 * before `now` (host ns), as the host clock does (src/machine/clock.ts, with the same
 * compare-and-swap), so that a CPU that reads the time does not depend on the clock's host
 * thread running on time. A hardware timer interrupts at its deadline, whoever else runs.
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
  const ns = ticks_to_ns_ceil(deadline - kernel().tick_offset);
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

/**
 * The tick at which a relative timeout of `ticks` ticks that starts now expires: n + 1 ticks
 * after the host clock's current tick (Zephyr's + 1 for the tick in progress), also in this
 * CPU's timer interrupt, whose clock stands at an earlier tick (see the header).
 */
function relative_deadline(ticks: k_timeout_t): i64 {
  return z_ticks_real() + (ticks < 0 ? 0 : ticks) + 1;
}

/**
 * z_add_timeout: arms `to` to call `fn` when `timeout` expires. K_FOREVER does nothing; a
 * relative timeout of n ticks expires at tick now + n + 1, so at least n whole ticks from the
 * call; an absolute one at its tick, or at once (as tick now) if that has passed. Returns the
 * deadline (tick). Lock: sched_lock.
 */
export function z_add_timeout_locked(to: _timeout, fn: timeout_fn, timeout: k_timeout_t): i64 {
  if (timeout == K_FOREVER) return 0;
  let deadline: i64;
  if (Z_IS_TIMEOUT_RELATIVE(timeout)) {
    deadline = relative_deadline(timeout);
  } else {
    // Zephyr: max(1, abs - curr_tick) ticks after its curr_tick. A tick that has passed
    // expires at once (at the next tick inside sys_clock_announce) and counts as that tick, so
    // a periodic k_timer started in the past goes on from now instead of catching up.
    deadline = Z_TICK_ABS(timeout);
    if (announcing) {
      if (deadline <= announce_tick) deadline = announce_tick + 1;
    } else {
      const now = k_ticks_now();
      if (deadline < now) deadline = now;
    }
  }
  z_add_timeout_at_locked(to, fn, deadline);
  return deadline;
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
  // Walk from the end whose deadline is nearer: new deadlines cluster at the two ends (time
  // slices and short waits near the head, threads sleeping for similar long times and
  // periodic timers at the tail), so arming is O(1) for those, where a walk from the head
  // visited every armed timeout (20,000 sleeping threads: 170 us per k_thread_create). The
  // order is the same either way: after every timeout due at or before `deadline`, so FIFO
  // among equal deadlines.
  const end = changetype<usize>(list);
  const first = list.next,
    last = list.prev;
  let succ: usize;
  if (
    first == end ||
    deadline - changetype<_timeout>(first).deadline < changetype<_timeout>(last).deadline - deadline
  ) {
    succ = first;
    while (succ != end && changetype<_timeout>(succ).deadline <= deadline) succ = changetype<sys_dnode>(succ).next;
  } else {
    let p = last;
    while (p != end && changetype<_timeout>(p).deadline > deadline) p = changetype<sys_dnode>(p).prev;
    succ = changetype<sys_dnode>(p).next;
  }
  sys_dlist_insert(changetype<sys_dnode>(succ), to.node);
  if (sys_dlist_peek_head(list) == changetype<usize>(to)) sys_clock_program(deadline);
}

/** Cancels `to`. Returns 0, or -EINVAL if it was not armed. Lock: sched_lock. */
export function z_abort_timeout_locked(to: _timeout): i32 {
  if (!sys_dnode_is_linked(to.node)) return -EINVAL;
  sys_dlist_remove(to.node);
  to.fn = 0;
  return 0;
}

/** Whether `to` is not armed (z_is_inactive_timeout). Lock: sched_lock. */
export function z_is_inactive_timeout(to: _timeout): bool {
  return !sys_dnode_is_linked(to.node);
}

/** Ticks until `to` expires (0 if not armed). Lock: sched_lock. */
export function z_timeout_remaining_locked(to: _timeout): i64 {
  if (!sys_dnode_is_linked(to.node)) return 0;
  const r = to.deadline - k_ticks_now();
  return r > 0 ? r : 0;
}

/** The tick at which `to` expires (z_timeout_expires; the current tick if not armed). Lock: sched_lock. */
export function z_timeout_expires_locked(to: _timeout): i64 {
  return sys_dnode_is_linked(to.node) ? to.deadline : k_ticks_now();
}

/**
 * Timer interrupt (sys_clock_announce): runs the handlers of expired timeouts, in deadline
 * order, then reprograms this CPU's timer. Called from the interrupt handler with interrupts
 * masked. Each handler runs with sched_lock held and the clock standing at its timeout's tick;
 * a k_timer's expiry function runs right after its handler, with the lock released (as Zephyr
 * releases its timeout lock around every handler). While one CPU is in this loop, another
 * CPU's timer interrupt leaves the expired timeouts to it (Zephyr's SMP early return): the loop
 * reads the clock again after every handler, so it handles them in order.
 */
export function sys_clock_announce(): void {
  let key = k_spin_lock(sched_lock());
  const k = kernel();
  if (CONFIG_SMP && k.announcing != 0) {
    z_time_slice_locked();
    signal_pending_ipi();
    k_spin_unlock(sched_lock(), key);
    return;
  }
  k.announcing = <u32>cpu_id + 1;
  const list = k.timeout_list;
  let tick: i64 = i64.MIN_VALUE;
  while (true) {
    const n = sys_dlist_peek_head(list);
    if (n == 0) break;
    const to = changetype<_timeout>(n);
    if (to.deadline > z_ticks_real()) break;
    sys_dlist_remove(to.node);
    const fn = to.fn;
    to.fn = 0;
    if (to.deadline > tick) tick = to.deadline;
    announce_tick = tick;
    announcing = true;
    if (fn != 0) changetype<timeout_fn>(fn)(to);
    key = z_timer_expiry_locked(key);
  }
  announcing = false;
  k.announcing = 0;
  const head = sys_dlist_peek_head(list);
  arch_curr_cpu().timer_deadline = NO_DEADLINE;
  if (head != 0) sys_clock_program(changetype<_timeout>(head).deadline);
  z_time_slice_locked();
  signal_pending_ipi();
  k_spin_unlock(sched_lock(), key);
}
