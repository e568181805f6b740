// Absolute timeouts (K_TIMEOUT_ABS_*), timepoints and the timeout semantics that the translated
// Zephyr tests do not cover: every kernel wait honours an absolute timeout (future: it expires
// at its tick, not earlier; past: at once), a relative timeout of n ticks lasts at least n
// whole ticks, one timer interrupt that handles several periods calls the expiry function
// once per period with the clock at each period's tick, a periodic timer started at a tick that
// has passed goes on from now, and sys_clock_tick_set keeps pending timeouts' time left.
// test/time.test.ts runs it; each check prints "ok <name>" or "FAIL <name>: <why>".
import {
  printk,
  k_sem_take,
  K_SEM_DEFINE,
  K_MUTEX_DEFINE,
  k_mutex_lock,
  k_msgq_alloc,
  k_msgq_get,
  K_EVENT_DEFINE,
  k_event_wait,
  k_poll,
  k_poll_event,
  k_poll_event_init,
  K_POLL_SIGNAL_DEFINE,
  k_poll_signal_init,
  K_POLL_TYPE_SIGNAL,
  K_POLL_MODE_NOTIFY_ONLY,
  k_thread_create,
  k_thread_join,
  k_sleep,
  k_usleep,
  k_uptime_ticks,
  k_cycle_get_64,
  K_FOREVER,
  K_NO_WAIT,
  K_TICKS,
  K_MSEC,
  K_TIMEOUT_ABS_TICKS,
  K_TIMEOUT_ABS_MS,
  K_TIMEOUT_EQ,
  Z_TICK_ABS,
  Z_IS_TIMEOUT_RELATIVE,
  k_timeout_t,
  sys_timepoint_calc,
  sys_timepoint_timeout,
  sys_timepoint_cmp,
  sys_timepoint_expired,
  sys_clock_tick_set,
  K_WORK_DELAYABLE_DEFINE,
  k_work,
  k_msgq,
  k_tid_t,
  k_work_schedule,
  K_TIMER_DEFINE,
  k_timer,
  k_timer_start,
  k_timer_stop,
  k_timer_status_get,
  k_timer_expires_ticks,
  irq_lock,
  irq_unlock,
  k_busy_wait,
  k_ticks_to_cyc_floor64,
  EAGAIN,
  CONFIG_SYS_CLOCK_TICKS_PER_SEC,
} from "wasmp";

let failures = 0;

function check(name: string, ok: bool, why: string): void {
  if (ok) printk(`ok ${name}\n`);
  else {
    failures++;
    printk(`FAIL ${name}: ${why}\n`);
  }
}

/** Ticks of host-scheduling slack for "expired on time" (a virtual CPU is a host thread). */
const LATE_TICKS: i64 = K_MSEC(50);
const SPAN: i64 = K_MSEC(20); // how far in the future the absolute deadlines are

/** Runs `wait` with an absolute deadline SPAN ahead and checks it returned `want` at or after it. */
function abs_future(name: string, want: i32, wait: (to: k_timeout_t) => i32): void {
  k_usleep(1);
  const deadline = k_uptime_ticks() + SPAN;
  const ret = wait(K_TIMEOUT_ABS_TICKS(deadline));
  const end = k_uptime_ticks();
  check(
    name + " (absolute, future)",
    ret == want && end >= deadline && end <= deadline + LATE_TICKS,
    `returned ${ret} (want ${want}) at tick ${end}, deadline ${deadline}`,
  );
}

/** The same with a deadline that has passed: returns at once. */
function abs_past(name: string, want: i32, wait: (to: k_timeout_t) => i32): void {
  const start = k_uptime_ticks();
  const ret = wait(K_TIMEOUT_ABS_TICKS(start - 100));
  const end = k_uptime_ticks();
  check(
    name + " (absolute, past)",
    ret == want && end - start <= LATE_TICKS,
    `returned ${ret} (want ${want}) after ${end - start} ticks`,
  );
}

const sem = K_SEM_DEFINE(0, 1);
const mutex = K_MUTEX_DEFINE();
const event = K_EVENT_DEFINE();
const signal = K_POLL_SIGNAL_DEFINE();
const words = memory.data(40, 8);
// @ts-ignore: decorator
@inline const W_WORK_TICK: usize = 0; // i64: tick at which the work handler ran
// @ts-ignore: decorator
@inline const W_THREAD_TICK: usize = 8; // i64: tick at which the delayed thread started
// @ts-ignore: decorator
@inline const W_EXPIRIES: usize = 16; // u32: expiry-function calls
// @ts-ignore: decorator
@inline const W_BAD: usize = 20; // u32: expiry calls that saw a wrong status or clock
// @ts-ignore: decorator
@inline const W_FIRST: usize = 24; // i64: the first expiry's deadline
// @ts-ignore: decorator
@inline const W_OBJ: usize = 32; // u32: the object a wait below uses (functions capture nothing)
// @ts-ignore: decorator
@inline const W_MSG: usize = 36; // u32: a message buffer

function holder(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex, K_FOREVER);
  k_sleep(K_FOREVER);
}
function sleeper(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_FOREVER);
}
function delayed(p1: usize, p2: usize, p3: usize): void {
  store<i64>(words, k_uptime_ticks(), W_THREAD_TICK);
}
function work_handler(w: k_work): void {
  store<i64>(words, k_uptime_ticks(), W_WORK_TICK);
}
const dwork = K_WORK_DELAYABLE_DEFINE(work_handler);

const PERIOD: i64 = K_MSEC(10);
function late_expiry(t: k_timer): void {
  const n = atomic.add<u32>(words, 1, W_EXPIRIES);
  // Each call sees its own expiry counted, and the clock at that expiry's tick.
  const want_tick = load<i64>(words, W_FIRST) + <i64>n * PERIOD;
  if (k_timer_status_get(t) != 1 || k_uptime_ticks() != want_tick) atomic.add<u32>(words, 1, W_BAD);
}
const late_timer = K_TIMER_DEFINE(late_expiry, null);
const past_timer = K_TIMER_DEFINE(null, null);

export function main(): i32 {
  // --- the encoding (CONFIG_TIMEOUT_64BIT) ---
  check("Z_TICK_ABS", Z_TICK_ABS(5) == K_FOREVER - 6 && Z_TICK_ABS(Z_TICK_ABS(5)) == 5, "");
  check(
    "K_TIMEOUT_ABS_TICKS",
    K_TIMEOUT_ABS_TICKS(5) == K_FOREVER - 6 && K_TIMEOUT_ABS_TICKS(0 - 3) == K_TIMEOUT_ABS_TICKS(0),
    `${K_TIMEOUT_ABS_TICKS(5)}`,
  );
  check(
    "K_TIMEOUT_ABS_MS",
    K_TIMEOUT_ABS_MS(2) == K_TIMEOUT_ABS_TICKS(K_MSEC(2)),
    `${K_TIMEOUT_ABS_MS(2)} vs ${K_TIMEOUT_ABS_TICKS(K_MSEC(2))}`,
  );
  check(
    "Z_IS_TIMEOUT_RELATIVE",
    Z_IS_TIMEOUT_RELATIVE(K_FOREVER) &&
      Z_IS_TIMEOUT_RELATIVE(K_NO_WAIT) &&
      Z_IS_TIMEOUT_RELATIVE(K_TICKS(9)) &&
      !Z_IS_TIMEOUT_RELATIVE(K_TIMEOUT_ABS_TICKS(0)),
    "",
  );
  check("K_TIMEOUT_EQ", K_TIMEOUT_EQ(K_MSEC(3), K_MSEC(3)) && !K_TIMEOUT_EQ(K_FOREVER, K_NO_WAIT), "");

  // --- timepoints ---
  const now = <u64>k_uptime_ticks();
  check("sys_timepoint_calc(K_FOREVER)", sys_timepoint_calc(K_FOREVER) == u64.MAX_VALUE, "");
  check("sys_timepoint_calc(K_NO_WAIT)", sys_timepoint_calc(K_NO_WAIT) == 0, "");
  check("sys_timepoint_calc(absolute)", sys_timepoint_calc(K_TIMEOUT_ABS_TICKS(12345)) == 12345, "");
  const tp = sys_timepoint_calc(K_TICKS(SPAN));
  check("sys_timepoint_calc(relative)", tp >= now + <u64>SPAN && tp <= now + <u64>(SPAN + LATE_TICKS), `${tp}`);
  check("sys_timepoint_timeout(forever)", sys_timepoint_timeout(u64.MAX_VALUE) == K_FOREVER, "");
  check("sys_timepoint_timeout(0)", sys_timepoint_timeout(0) == K_NO_WAIT, "");
  const left = sys_timepoint_timeout(tp);
  check("sys_timepoint_timeout(future)", left > 0 && left <= SPAN, `${left}`);
  check("sys_timepoint_expired(future)", !sys_timepoint_expired(tp), "");
  check(
    "sys_timepoint_cmp",
    sys_timepoint_cmp(1, 2) == -1 && sys_timepoint_cmp(2, 2) == 0 && sys_timepoint_cmp(3, 2) == 1,
    "",
  );
  k_sleep(sys_timepoint_timeout(tp));
  check("sys_timepoint_expired(past)", sys_timepoint_expired(tp), `now ${k_uptime_ticks()} tp ${tp}`);

  // --- every kernel wait honours an absolute timeout ---
  const fsem = (to: k_timeout_t): i32 => k_sem_take(sem, to);
  abs_future("k_sem_take", -EAGAIN, fsem);
  abs_past("k_sem_take", -EAGAIN, fsem);

  k_thread_create(1024, holder, 0, 0, 0, 0, 0, K_NO_WAIT);
  k_sleep(K_MSEC(5));
  const fmutex = (to: k_timeout_t): i32 => k_mutex_lock(mutex, to);
  abs_future("k_mutex_lock", -EAGAIN, fmutex);
  abs_past("k_mutex_lock", -EAGAIN, fmutex);

  store<u32>(words, <u32>changetype<usize>(k_msgq_alloc(4, 2)), W_OBJ);
  const fmsgq = (to: k_timeout_t): i32 => k_msgq_get(changetype<k_msgq>(load<u32>(words, W_OBJ)), words + W_MSG, to);
  abs_future("k_msgq_get", -EAGAIN, fmsgq);
  abs_past("k_msgq_get", -EAGAIN, fmsgq);

  const fevent = (to: k_timeout_t): i32 => <i32>k_event_wait(event, 1, false, to);
  abs_future("k_event_wait", 0, fevent);
  abs_past("k_event_wait", 0, fevent);

  k_poll_signal_init(signal);
  const fpoll = (to: k_timeout_t): i32 => {
    const evs = new Array<k_poll_event>(1);
    evs[0] = new k_poll_event();
    k_poll_event_init(evs[0], K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(signal));
    return k_poll(evs, to);
  };
  abs_future("k_poll", -EAGAIN, fpoll);
  abs_past("k_poll", -EAGAIN, fpoll);

  store<u32>(words, <u32>changetype<usize>(k_thread_create(1024, sleeper, 0, 0, 0, 0, 0, K_NO_WAIT)), W_OBJ);
  const fjoin = (to: k_timeout_t): i32 => k_thread_join(changetype<k_tid_t>(load<u32>(words, W_OBJ)), to);
  abs_future("k_thread_join", -EAGAIN, fjoin);
  abs_past("k_thread_join", -EAGAIN, fjoin);

  const fsleep = (to: k_timeout_t): i32 => k_sleep(to);
  abs_future("k_sleep", 0, fsleep);
  abs_past("k_sleep", 0, fsleep);

  k_usleep(1);
  let deadline = k_uptime_ticks() + SPAN;
  store<i64>(words, 0, W_THREAD_TICK);
  const d = k_thread_create(1024, delayed, 0, 0, 0, -1, 0, K_TIMEOUT_ABS_TICKS(deadline));
  k_thread_join(d, K_FOREVER);
  let at = load<i64>(words, W_THREAD_TICK);
  check(
    "k_thread_create delay (absolute)",
    at >= deadline && at <= deadline + LATE_TICKS,
    `started at ${at}, deadline ${deadline}`,
  );

  k_usleep(1);
  deadline = k_uptime_ticks() + SPAN;
  store<i64>(words, 0, W_WORK_TICK);
  k_work_schedule(dwork, K_TIMEOUT_ABS_TICKS(deadline));
  k_sleep(K_TIMEOUT_ABS_TICKS(deadline + LATE_TICKS));
  at = load<i64>(words, W_WORK_TICK);
  check(
    "k_work_schedule (absolute)",
    at >= deadline && at <= deadline + LATE_TICKS,
    `ran at ${at}, deadline ${deadline}`,
  );

  // --- a relative timeout of n ticks lasts at least n whole ticks (Zephyr's + 1) ---
  let shortest: u64 = u64.MAX_VALUE;
  for (let i = 0; i < 200; i++) {
    const c0 = k_cycle_get_64();
    k_sleep(K_TICKS(1));
    const dt = k_cycle_get_64() - c0;
    if (dt < shortest) shortest = dt;
  }
  check(
    "k_sleep(K_TICKS(1)) lasts a whole tick",
    shortest >= k_ticks_to_cyc_floor64(1),
    `shortest ${shortest} cycles, a tick is ${k_ticks_to_cyc_floor64(1)}`,
  );

  // --- one interrupt, several periods: one expiry call per period ---
  store<u32>(words, 0, W_EXPIRIES);
  store<u32>(words, 0, W_BAD);
  k_usleep(1);
  const key = irq_lock();
  k_timer_start(late_timer, K_TICKS(PERIOD), K_TICKS(PERIOD));
  store<i64>(words, k_timer_expires_ticks(late_timer), W_FIRST); // interrupts are masked: not yet fired
  k_busy_wait(<u32>((6 * PERIOD * 1000000) / <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC));
  irq_unlock(key);
  const calls = atomic.load<u32>(words, W_EXPIRIES);
  k_timer_stop(late_timer);
  check(
    "late periodic timer: one expiry call per period",
    calls >= 5 && atomic.load<u32>(words, W_BAD) == 0,
    `${calls} calls, ${atomic.load<u32>(words, W_BAD)} saw a wrong status or clock`,
  );

  // --- a periodic timer started at a tick that has passed goes on from now (no catch-up) ---
  k_timer_start(past_timer, K_TIMEOUT_ABS_TICKS(0), K_TICKS(PERIOD));
  k_sleep(K_TICKS(3 * PERIOD + PERIOD / 2));
  const expiries = k_timer_status_get(past_timer);
  k_timer_stop(past_timer);
  check("periodic timer started in the past", expiries >= 3 && expiries <= 5, `${expiries} expiries in 3.5 periods`);

  // --- sys_clock_tick_set: pending timeouts keep their time left ---
  k_usleep(1);
  store<i64>(words, 0, W_WORK_TICK);
  k_work_schedule(dwork, K_TICKS(SPAN));
  sys_clock_tick_set(0xffffff00);
  const moved = k_uptime_ticks();
  k_sleep(K_TICKS(SPAN + LATE_TICKS));
  at = load<i64>(words, W_WORK_TICK);
  check(
    "sys_clock_tick_set",
    moved >= 0xffffff00 && moved < 0xffffff00 + LATE_TICKS && at >= moved + SPAN - 5 && at <= moved + SPAN + LATE_TICKS,
    `uptime ${moved}, the work (due in ${SPAN} ticks) ran at ${at}`,
  );

  printk(`timeouts: ${failures} failed\n`);
  return failures;
}
