// The lower bound of every timed wait (issue 10): a relative timeout of n ticks lasts at least
// n whole ticks from the call, so the tick count moves by at least n + 1 (the call falls inside
// a tick, Zephyr's + 1) and the cycle counter (the host's nanoseconds) by at least n ticks' worth.
// Each wait kind runs in its own thread, 200 times over a few lengths, all at once, while a noise
// thread gives a semaphore and frees heap memory every tick (waking k_poll and k_heap_alloc
// waiters that are not satisfied). Timeouts armed in a timer's expiry function (interrupt
// context, where the clock stands at the expired timeout's tick) are measured from the call.
// test/time.test.ts runs it at 100, 1000 and 10,000 ticks per second; it prints one line per wait kind:
// "bound <kind> waits <n> short_cycles <n> short_ticks <n> least_over_ns <ns> least_over_ticks <t>"
// (least_over_*: the smallest elapsed minus required over all waits, negative when one was short).
import {
  printk,
  k_msleep,
  k_usleep,
  k_sleep,
  k_sem_take,
  k_sem_give,
  K_SEM_DEFINE,
  K_MUTEX_DEFINE,
  k_mutex_lock,
  k_mutex_unlock,
  K_CONDVAR_DEFINE,
  k_condvar_wait,
  K_MSGQ_DEFINE,
  k_msgq_get,
  K_EVENT_DEFINE,
  k_event_wait,
  K_QUEUE_DEFINE,
  k_queue_get,
  K_HEAP_DEFINE,
  k_heap_alloc,
  k_heap_free,
  k_poll,
  k_poll_event,
  k_poll_event_init,
  K_POLL_TYPE_SEM_AVAILABLE,
  K_POLL_MODE_NOTIFY_ONLY,
  K_TIMER_DEFINE,
  k_timer,
  k_timer_start,
  k_timer_stop,
  k_timer_status_sync,
  K_WORK_DELAYABLE_DEFINE,
  k_work,
  k_work_schedule,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  k_uptime_ticks,
  k_uptime_get,
  k_cycle_get_64,
  k_ticks_to_cyc_floor64,
  k_us_to_ticks_ceil64,
  K_MSEC,
  K_TICKS,
  K_FOREVER,
  K_NO_WAIT,
  EAGAIN,
  CONFIG_SYS_CLOCK_TICKS_PER_SEC,
} from "wasmp";

// @ts-ignore: decorator
@inline const WAITS: i32 = 200;

// The wait kinds.
// @ts-ignore: decorator
@inline const P_MSLEEP: i32 = 0;
// @ts-ignore: decorator
@inline const P_USLEEP: i32 = 1;
// @ts-ignore: decorator
@inline const P_SLEEP_MSEC: i32 = 2;
// @ts-ignore: decorator
@inline const P_SLEEP_TICKS: i32 = 3;
// @ts-ignore: decorator
@inline const P_SEM: i32 = 4;
// @ts-ignore: decorator
@inline const P_MUTEX: i32 = 5;
// @ts-ignore: decorator
@inline const P_CONDVAR: i32 = 6;
// @ts-ignore: decorator
@inline const P_MSGQ: i32 = 7;
// @ts-ignore: decorator
@inline const P_EVENT: i32 = 8;
// @ts-ignore: decorator
@inline const P_QUEUE: i32 = 9;
// @ts-ignore: decorator
@inline const P_POLL: i32 = 10;
// @ts-ignore: decorator
@inline const P_HEAP: i32 = 11;
// @ts-ignore: decorator
@inline const P_WORK: i32 = 12;
// @ts-ignore: decorator
@inline const P_TIMER: i32 = 13;
// @ts-ignore: decorator
@inline const P_ISR_TIMER: i32 = 14;
// @ts-ignore: decorator
@inline const P_ISR_WORK: i32 = 15;
// @ts-ignore: decorator
@inline const PATHS: i32 = 16;

function path_name(p: i32): string {
  switch (p) {
    case P_MSLEEP:
      return "k_msleep";
    case P_USLEEP:
      return "k_usleep";
    case P_SLEEP_MSEC:
      return "k_sleep(K_MSEC)";
    case P_SLEEP_TICKS:
      return "k_sleep(K_TICKS)";
    case P_SEM:
      return "k_sem_take";
    case P_MUTEX:
      return "k_mutex_lock";
    case P_CONDVAR:
      return "k_condvar_wait";
    case P_MSGQ:
      return "k_msgq_get";
    case P_EVENT:
      return "k_event_wait";
    case P_QUEUE:
      return "k_queue_get";
    case P_POLL:
      return "k_poll";
    case P_HEAP:
      return "k_heap_alloc";
    case P_WORK:
      return "k_work_schedule";
    case P_TIMER:
      return "k_timer_periodic";
    case P_ISR_TIMER:
      return "k_timer_start_in_expiry_fn";
    default:
      return "k_work_schedule_in_expiry_fn";
  }
}

// Lengths the waits cycle through: milliseconds, microseconds, ticks.
const MS_LENS = memory.data<i32>([1, 2, 3, 5, 10, 20, 100]);
// @ts-ignore: decorator
@inline const N_MS: i32 = 7;
const US_LENS = memory.data<i32>([1, 40, 100, 150, 999, 1000, 1500, 2500]);
// @ts-ignore: decorator
@inline const N_US: i32 = 8;
// Periodic timer rounds: (duration ms, period ms), 50 expiries each.
const TIMER_ROUNDS = memory.data<i32>([1, 1, 2, 3, 5, 2, 10, 10]);

function ms_len(i: i32): i32 {
  return load<i32>(MS_LENS + <usize>(i % N_MS) * 4);
}
function us_len(i: i32): i32 {
  return load<i32>(US_LENS + <usize>(i % N_US) * 4);
}

// Results, one row of 5 i64 per path, in shared memory (top-level variables are per CPU).
const results = memory.data(PATHS * 5 * 8, 8);
function slot(p: i32, field: i32): usize {
  return results + <usize>(p * 5 + field) * 8;
}
// @ts-ignore: decorator
@inline const R_WAITS: i32 = 0;
// @ts-ignore: decorator
@inline const R_SHORT_CYC: i32 = 1;
// @ts-ignore: decorator
@inline const R_SHORT_TICKS: i32 = 2;
// @ts-ignore: decorator
@inline const R_LEAST_NS: i32 = 3;
// @ts-ignore: decorator
@inline const R_LEAST_TICKS: i32 = 4;

/**
 * Records one wait of `ticks` ticks that started at cycle `c0` and tick `t0` and ended at `c1`,
 * `t1`: it must have lasted n whole ticks (cycles) and moved the tick count by n + 1.
 */
function record(p: i32, ticks: i64, c0: u64, t0: i64, c1: u64, t1: i64, count: i64 = 1): void {
  const over_ns = <i64>(c1 - c0) - <i64>k_ticks_to_cyc_floor64(<u64>ticks);
  const over_ticks = t1 - t0 - (ticks + 1);
  store<i64>(slot(p, R_WAITS), load<i64>(slot(p, R_WAITS)) + count);
  if (over_ns < 0) store<i64>(slot(p, R_SHORT_CYC), load<i64>(slot(p, R_SHORT_CYC)) + 1);
  if (over_ticks < 0) store<i64>(slot(p, R_SHORT_TICKS), load<i64>(slot(p, R_SHORT_TICKS)) + 1);
  if (over_ns < load<i64>(slot(p, R_LEAST_NS))) store<i64>(slot(p, R_LEAST_NS), over_ns);
  if (over_ticks < load<i64>(slot(p, R_LEAST_TICKS))) store<i64>(slot(p, R_LEAST_TICKS), over_ticks);
}

// Objects that never become available during a wait.
const never_sem = K_SEM_DEFINE(0, 1);
const held_mutex = K_MUTEX_DEFINE();
const cv_mutex = K_MUTEX_DEFINE();
const cv = K_CONDVAR_DEFINE();
const msgq_buf = memory.data(16, 8);
const msgq = K_MSGQ_DEFINE(msgq_buf, 4, 4);
const event = K_EVENT_DEFINE();
const queue = K_QUEUE_DEFINE();
// A heap that can serve the noise thread's small block but never the waiter's big one.
const heap_buf = memory.data(2048, 8);
const heap = K_HEAP_DEFINE(heap_buf, 2048);
const noise_sem = K_SEM_DEFINE(0, 1);

// Shared words: [0] paths still running, [4] mutex held by the holder thread, [8] a message.
const words = memory.data(16, 8);

// The two interrupt-context kinds, each with its own words: [0] cycle (u64) and [8] tick (i64)
// of the call in the expiry function, [16] cycle and [24] tick at the armed timeout's expiry,
// [32] its length (ticks).
const isr_words = memory.data(2 * 40, 8);
function isr_slot(p: i32): usize {
  return isr_words + <usize>(p - P_ISR_TIMER) * 40;
}
const isr_timer_done = K_SEM_DEFINE(0, 1);
const isr_work_done = K_SEM_DEFINE(0, 1);
function isr_timer_expired(t: k_timer): void {
  store<u64>(isr_slot(P_ISR_TIMER), k_cycle_get_64(), 16);
  store<i64>(isr_slot(P_ISR_TIMER), k_uptime_ticks(), 24);
  k_sem_give(isr_timer_done);
}
function isr_work_ran(w: k_work): void {
  store<u64>(isr_slot(P_ISR_WORK), k_cycle_get_64(), 16);
  store<i64>(isr_slot(P_ISR_WORK), k_uptime_ticks(), 24);
  k_sem_give(isr_work_done);
}
const armed_timer = K_TIMER_DEFINE(isr_timer_expired, null);
const isr_work = K_WORK_DELAYABLE_DEFINE(isr_work_ran);

/** The arming timers' expiry function: arms the relative timeout of P_ISR_* (interrupt context). */
function isr_arm(t: k_timer): void {
  const p = <i32>t.user_data;
  const w = isr_slot(p);
  store<u64>(w, k_cycle_get_64(), 0);
  store<i64>(w, k_uptime_ticks(), 8);
  const ticks = load<i64>(w, 32);
  if (p == P_ISR_TIMER) k_timer_start(armed_timer, K_TICKS(ticks), K_NO_WAIT);
  else k_work_schedule(isr_work, K_TICKS(ticks));
}
const arm_timer_for_timer = K_TIMER_DEFINE(isr_arm, null);
const arm_timer_for_work = K_TIMER_DEFINE(isr_arm, null);

// The delayed work of P_WORK (armed by a thread) records into its own words.
const work_words = memory.data(16, 8); // [0] cycle (u64), [8] tick (i64) at which it ran
const work_sem = K_SEM_DEFINE(0, 1);
function thread_work_done(w: k_work): void {
  store<u64>(work_words, k_cycle_get_64(), 0);
  store<i64>(work_words, k_uptime_ticks(), 8);
  k_sem_give(work_sem);
}
const thread_work = K_WORK_DELAYABLE_DEFINE(thread_work_done);
const periodic = K_TIMER_DEFINE(null, null);

/** One wait of the kind `p` for the i-th length; returns its length in ticks. */
function wait_once(p: i32, i: i32): i64 {
  const ms = ms_len(i);
  const to = K_MSEC(ms);
  switch (p) {
    case P_MSLEEP:
      k_msleep(ms);
      return to;
    case P_USLEEP: {
      const us = us_len(i);
      k_usleep(us);
      const t = <i64>k_us_to_ticks_ceil64(<u64>us);
      return t < 1 ? 1 : t;
    }
    case P_SLEEP_MSEC:
      k_sleep(to);
      return to;
    case P_SLEEP_TICKS: {
      const t: i64 = 1 + (i % 4);
      k_sleep(K_TICKS(t));
      return t;
    }
    case P_SEM:
      if (k_sem_take(never_sem, to) != -EAGAIN) printk(`FAIL k_sem_take did not time out\n`);
      return to;
    case P_MUTEX:
      if (k_mutex_lock(held_mutex, to) != -EAGAIN) printk(`FAIL k_mutex_lock did not time out\n`);
      return to;
    case P_CONDVAR:
      k_mutex_lock(cv_mutex, K_FOREVER);
      if (k_condvar_wait(cv, cv_mutex, to) != -EAGAIN) printk(`FAIL k_condvar_wait did not time out\n`);
      k_mutex_unlock(cv_mutex);
      return to;
    case P_MSGQ: {
      const r = k_msgq_get(msgq, words + 8, to);
      if (r != -EAGAIN) printk(`FAIL k_msgq_get returned ${r}\n`);
      return to;
    }
    case P_EVENT:
      if (k_event_wait(event, 1, false, to) != 0) printk(`FAIL k_event_wait returned events\n`);
      return to;
    case P_QUEUE:
      if (k_queue_get(queue, to) != 0) printk(`FAIL k_queue_get returned data\n`);
      return to;
    case P_POLL: {
      const evs = new Array<k_poll_event>(1);
      evs[0] = new k_poll_event();
      k_poll_event_init(evs[0], K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(never_sem));
      const r = k_poll(evs, to);
      if (r != -EAGAIN) printk(`FAIL k_poll returned ${r}\n`);
      return to;
    }
    case P_HEAP: {
      const m = k_heap_alloc(heap, 4096, to);
      if (m != 0) printk(`FAIL k_heap_alloc returned memory\n`);
      return to;
    }
    default:
      return 0;
  }
}

/** A wait kind's thread: WAITS waits, each measured around the call. */
function path_thread(p1: usize, p2: usize, p3: usize): void {
  const p = <i32>p1;
  if (p == P_TIMER) {
    timer_path();
  } else if (p == P_ISR_TIMER || p == P_ISR_WORK) {
    isr_path(p);
  } else if (p == P_WORK) {
    for (let i = 0; i < WAITS; i++) {
      const ticks = K_MSEC(ms_len(i));
      const c0 = k_cycle_get_64();
      const t0 = k_uptime_ticks();
      k_work_schedule(thread_work, K_TICKS(ticks));
      k_sem_take(work_sem, K_FOREVER);
      record(p, ticks, c0, t0, load<u64>(work_words, 0), load<i64>(work_words, 8));
    }
  } else {
    for (let i = 0; i < WAITS; i++) {
      const c0 = k_cycle_get_64();
      const t0 = k_uptime_ticks();
      const ticks = wait_once(p, i);
      const c1 = k_cycle_get_64();
      const t1 = k_uptime_ticks();
      record(p, ticks, c0, t0, c1, t1);
    }
  }
  atomic.sub<u32>(words, 1, 0);
}

/** Periodic k_timer: the k-th expiry comes no earlier than duration + (k - 1) periods. */
function timer_path(): void {
  for (let r = 0; r < 4; r++) {
    const d = K_MSEC(load<i32>(TIMER_ROUNDS + <usize>r * 8));
    const per = K_MSEC(load<i32>(TIMER_ROUNDS + <usize>r * 8 + 4));
    const c0 = k_cycle_get_64();
    const t0 = k_uptime_ticks();
    k_timer_start(periodic, K_TICKS(d), K_TICKS(per));
    let k: i64 = 0;
    while (k < WAITS / 4) {
      // A late timer reports several expiries at once: the k-th is checked, and the round
      // counts at most WAITS / 4 of them (the rest are past the round's end).
      const n = <i64>k_timer_status_sync(periodic);
      const counted = min(n, WAITS / 4 - k);
      k += n;
      record(P_TIMER, d + (k - 1) * per, c0, t0, k_cycle_get_64(), k_uptime_ticks(), counted);
    }
    k_timer_stop(periodic);
  }
}

/**
 * A relative timeout armed in a timer's expiry function (interrupt context), measured from
 * that call (the cycle counter and tick there) to the armed timeout's expiry.
 */
function isr_path(p: i32): void {
  const arm = p == P_ISR_TIMER ? arm_timer_for_timer : arm_timer_for_work;
  const done = p == P_ISR_TIMER ? isr_timer_done : isr_work_done;
  const w = isr_slot(p);
  arm.user_data = <usize>p;
  for (let i = 0; i < WAITS; i++) {
    const ticks = K_MSEC(ms_len(i));
    store<i64>(w, ticks, 32);
    k_timer_start(arm, K_TICKS(1), K_NO_WAIT);
    k_sem_take(done, K_FOREVER);
    record(p, ticks, load<u64>(w, 0), load<i64>(w, 8), load<u64>(w, 16), load<i64>(w, 24));
  }
}

/** Holds `held_mutex` until every wait kind is done. */
function holder(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(held_mutex, K_FOREVER);
  atomic.store<u32>(words, 1, 4);
  while (atomic.load<u32>(words, 0) != 0) k_msleep(5);
  k_mutex_unlock(held_mutex);
}

/** Wakes k_poll and k_heap_alloc waiters that stay unsatisfied, about once a tick. */
function noise(p1: usize, p2: usize, p3: usize): void {
  while (atomic.load<u32>(words, 0) != 0) {
    k_sem_give(noise_sem);
    k_sem_take(noise_sem, K_NO_WAIT);
    const m = k_heap_alloc(heap, 64, K_NO_WAIT);
    k_heap_free(heap, m);
    k_usleep(1);
  }
}

export function main(): i32 {
  for (let p = 0; p < PATHS; p++) {
    store<i64>(slot(p, R_LEAST_NS), i64.MAX_VALUE);
    store<i64>(slot(p, R_LEAST_TICKS), i64.MAX_VALUE);
  }
  atomic.store<u32>(words, <u32>PATHS, 0);
  const h = k_thread_create(2048, holder, 0, 0, 0, 1, 0, K_NO_WAIT);
  while (atomic.load<u32>(words, 4) == 0) k_msleep(1);
  const n = k_thread_create(2048, noise, 0, 0, 0, 2, 0, K_NO_WAIT);
  const threads = new StaticArray<k_tid_t>(PATHS);
  for (let p = 0; p < PATHS; p++) threads[p] = k_thread_create(8192, path_thread, <usize>p, 0, 0, 3, 0, K_NO_WAIT);
  for (let p = 0; p < PATHS; p++) k_thread_join(threads[p], K_FOREVER);
  k_thread_join(n, K_FOREVER);
  k_thread_join(h, K_FOREVER);
  for (let p = 0; p < PATHS; p++) {
    printk(
      `bound ${path_name(p)} waits ${load<i64>(slot(p, R_WAITS))} short_cycles ${load<i64>(slot(p, R_SHORT_CYC))} short_ticks ${load<i64>(slot(p, R_SHORT_TICKS))} least_over_ns ${load<i64>(slot(p, R_LEAST_NS))} least_over_ticks ${load<i64>(slot(p, R_LEAST_TICKS))}\n`,
    );
  }
  printk(`sleep_bounds: done at ${CONFIG_SYS_CLOCK_TICKS_PER_SEC} ticks per second after ${k_uptime_get()} ms\n`);
  return 0;
}
