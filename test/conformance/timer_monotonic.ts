// Translation of Zephyr tests/kernel/timer/timer_monotonic/src/main.c, the version with
// test_timer_monotonic_irq_locked (2025; the stored copy is search-index file 57433062184; the
// older copy at 1604a9351f831fff3d89a438b59f82b9b921c4e2 has test_timer only): suite
// timer_fn, test_timer and test_timer_monotonic_irq_locked. Its prj.conf is CONFIG_ZTEST=y.
// Same loop counts (1,000,000 reads, 10 iterations), sleeps, busy waits, timers and
// assertions, with one difference:
// - test_timer first waits for the wrap if k_cycle_get_32() is less than 2 s before it.
//   wasmp's cycle counter runs at 1 GHz (host nanoseconds), so its 32-bit value wraps every
//   4.29 s, and a wrap inside the 1,000,000 reads (READ_LOOP_MS, printed) reads as the counter
//   going backwards: the loop would fail in a few percent of runs on a correct clock. Every
//   read is still checked against the previous one.
// The struct k_timer on the stack of test_timer_monotonic_irq_locked comes from
// k_timer_alloc (heap); TC_PRINT is printk.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  printk,
  k_cycle_get_32,
  k_sleep,
  K_MSEC,
  K_FOREVER,
  sys_clock_hw_cycles_per_sec,
  k_ticks_to_cyc_floor32,
  k_timer_alloc,
  k_timer_start,
  k_timer_stop,
  k_busy_wait,
  irq_lock,
  irq_unlock,
} from "wasmp";

function test_frequency(): i32 {
  printk("Testing system tick frequency\n");

  const start = k_cycle_get_32();
  k_sleep(K_MSEC(1000));
  const end = k_cycle_get_32();

  const delta = end - start;
  const pct = <u32>((<u64>delta * 100) / <u64>sys_clock_hw_cycles_per_sec());

  printk(`delta: ${delta}  expected: ${sys_clock_hw_cycles_per_sec()}  ${pct}%\n`);

  /* Heuristic: if we're more than 10% off, throw an error */
  if (pct < 90 || pct > 110) {
    printk("Clock calibration is way off!\n");
    return -1;
  }
  return 0;
}

const timer_fn = ZTEST_SUITE("timer_fn");

/** Test monotonic timer */
ZTEST(timer_fn, "test_timer", () => {
  let t_last: u32, t_now: u32;
  let i: u32;
  let errors: u32 = 0;

  printk(`k_ticks_to_cyc_floor32(1) = ${k_ticks_to_cyc_floor32(1)}\n`);
  printk(`sys_clock_hw_cycles_per_sec() = ${sys_clock_hw_cycles_per_sec()}\n`);

  // wasmp: start where the 1 GHz counter cannot wrap during the loop (see the header).
  while (k_cycle_get_32() > 0xffffffff - 2000000000) {}

  t_last = k_cycle_get_32();
  const loop_start = t_last;

  for (i = 0; i < 1000000; i++) {
    t_now = k_cycle_get_32();

    if (t_now < t_last) {
      const diff = <i32>(t_now - t_last);
      printk(`diff = ${diff} (t_last = ${t_last} : t_now = ${t_now});i = ${i}\n`);
      errors++;
    }
    t_last = t_now;
  }

  printk(`READ_LOOP_MS ${(t_last - loop_start) / 1000000}\n`);
  zassert_false(errors != 0, `errors = ${errors}\n`);

  zassert_false(test_frequency() != 0, "test frequency failed");
});

/**
 * Test monotonic timer while interrupts are locked: k_cycle_get_32() remains monotonic and
 * correctly accounts for elapsed cycles even across a timer expiration when interrupts are
 * disabled.
 */
ZTEST(timer_fn, "test_timer_monotonic_irq_locked", () => {
  const timer = k_timer_alloc(null, null);
  let t_before: u32, t_during: u32, t_after: u32;
  let key: u32;

  for (let iter = 0; iter < 10; iter++) {
    /* Set a short timer to expire in 5ms */
    k_timer_start(timer, K_MSEC(5), K_FOREVER);

    /* Wait a small duration so some cycles elapse */
    k_busy_wait(1000);

    /* Sample cycles immediately before locking interrupts */
    t_before = k_cycle_get_32();

    /* Lock interrupts so timer ISR cannot execute when timer expires */
    key = irq_lock();

    /* Busy-wait 10ms (longer than the remaining 4ms on the timer) */
    k_busy_wait(10000);

    /* Sample cycles with interrupts still locked */
    t_during = k_cycle_get_32();

    /* Unlock interrupts */
    irq_unlock(key);

    t_after = k_cycle_get_32();

    printk(
      `iter ${iter}: t_before = ${t_before}, t_during = ${t_during}, t_after = ${t_after} (diff = ${<i32>(t_during - t_before)})\n`,
    );

    /* Verify cycle counter did not jump backwards */
    zassert_true(
      <i32>(t_during - t_before) > 0,
      `Timer went backward while IRQs locked! diff=${<i32>(t_during - t_before)} (before=${t_before}, during=${t_during})`,
    );

    zassert_true(
      <i32>(t_after - t_during) >= 0,
      `Timer went backward after IRQs unlocked! diff=${<i32>(t_after - t_during)} (during=${t_during}, after=${t_after})`,
    );

    k_timer_stop(timer);
  }
});
