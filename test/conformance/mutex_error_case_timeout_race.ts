// Translation of Zephyr tests/kernel/mutex/mutex_error_case/src/test_mutex_timeout_race.c
// (zephyrproject-rtos/zephyr at e8023bf36273719e8aac95baafbd997e7a7670d5): test_mutex_timeout_error,
// part of the mutex_error_case program (mutex_error_case.ts). Same thread (priority 8), 100 ms
// timeout and sleep, tick alignment and assertion. Differences:
// - mutex_error_case_timeout_race.conf sets CONFIG_SYS_CLOCK_TICKS_PER_SEC=100: the test needs
//   the helper's 100 ms lock timeout, armed a little after the test's 100 ms sleep, to expire on
//   the same tick (then the timeout is handled before the test unlocks). At wasmp's 10 kHz a
//   tick boundary falls between the two often enough to make it flaky; at 100 Hz, after the
//   test's alignment to a tick boundary, it cannot.
// - CONFIG_MP_MAX_NUM_CPUS=1 of the prj.conf is left out; on more than one CPU the suite holds
//   the other CPUs (ztest_simple_1cpu_before/after): the test creates its thread before it
//   locks the mutex and relies on the thread running only once it sleeps, which holds on the
//   one CPU Zephyr gives the program (with CPUs to spare the thread may lock first).
// - STACKSZ 8192 is the thread's save area; `static struct k_mutex mutex` is K_MUTEX_DEFINE (the
//   test initialises it).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  k_thread_create,
  k_sleep,
  K_MSEC,
  K_TICKS,
  K_NO_WAIT,
  K_FOREVER,
  EAGAIN,
  K_MUTEX_DEFINE,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
} from "wasmp";

const TIMEOUT_MS = 100;
const STACKSZ = 8192;

const mutex = K_MUTEX_DEFINE();

function test_thread(p1: usize, p2: usize, p3: usize): void {
  zassert_equal<i32>(-EAGAIN, k_mutex_lock(mutex, K_MSEC(TIMEOUT_MS)));
}

const mutex_timeout_race_during_priority_inversion = ZTEST_SUITE(
  "mutex_timeout_race_during_priority_inversion",
  null,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);

/**
 * Test fix for subtle race during priority inversion
 *
 * - A low priority thread (Tlow) locks mutex A.
 * - A high priority thread (Thigh) blocks on mutex A, boosting the priority of Tlow.
 * - Thigh times out waiting for mutex A.
 * - Before Thigh has a chance to execute, Tlow unlocks mutex A (which now has no owner) and
 *   drops its own priority.
 * - Thigh now gets a chance to execute and finds that it timed out, and then enters the block
 *   of code to lower the priority of the thread that owns mutex A (now nobody).
 * - Thigh tries to the dereference the owner of mutex A (which is nobody, and thus it is
 *   NULL). This leads to an exception.
 */
ZTEST(mutex_timeout_race_during_priority_inversion, "test_mutex_timeout_error", () => {
  k_mutex_init(mutex);

  /* align to tick boundary */
  k_sleep(K_TICKS(1));
  k_thread_create(STACKSZ, test_thread, 0, 0, 0, 8, 0, K_NO_WAIT);

  k_mutex_lock(mutex, K_FOREVER);

  k_sleep(K_MSEC(TIMEOUT_MS));

  k_mutex_unlock(mutex);
});
