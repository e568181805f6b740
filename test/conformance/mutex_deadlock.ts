// Translation of Zephyr tests/kernel/mutex/mutex_deadlock/src/main.c (zephyrproject-rtos/zephyr
// at 4479fda773004f0687c59fecef8fdedc15db567d): test_deadlock_detection. The test thread holds
// mutex_a, T_b holds mutex_b and pends on mutex_a; the test's K_FOREVER lock of mutex_b must
// fail CONFIG_MUTEX_DEADLOCK_DETECT's assertion. Its prj.conf is mutex_deadlock.conf
// (CONFIG_MUTEX_DEADLOCK_DETECT=y, CONFIG_SPIN_VALIDATE=y). Same threads, priority (PRIO_MID 3),
// 10 ms wait and 1cpu suite. Differences:
// - ztest_set_fault_valid and ztest_error_hook.c's k_sys_fatal_error_handler are written here:
//   the handler is registered with k_sys_fatal_error_handler_set() at top level. The failed
//   assertion is Zephyr's default post action, k_panic(): a fatal error of the test thread,
//   which the handler accepts; the thread is then aborted (wasmp releases the spinlock it held,
//   mutex_lock), and the test passes, as in Zephyr. An unexpected fatal error fails the test
//   (ztest_test_fail) where Zephyr halts (k_fatal_halt).
// - CONFIG_MP_MAX_NUM_CPUS=1 and CONFIG_ZTEST_FATAL_HOOK of the prj.conf are left out: the
//   suite is 1cpu (other CPUs held) and the hook is the handler above.
// - Z_MUTEX_PI_ENABLED is true in wasmp; without CONFIG_MUTEX_DEADLOCK_DETECT the test skips, as
//   Zephyr's #else branch does.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_unreachable,
  ztest_test_fail,
  ztest_test_skip,
  printk,
  k_current_get,
  k_thread_create,
  k_sleep,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  K_MUTEX_DEFINE,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  K_SEM_DEFINE,
  k_sem_give,
  k_sem_take,
  k_sem_reset,
  k_sys_fatal_error_handler_set,
  CONFIG_MUTEX_DEADLOCK_DETECT,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
} from "wasmp";

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum
const PRIO_MID = 3;

const mutex_a = K_MUTEX_DEFINE();
const mutex_b = K_MUTEX_DEFINE();

const sem_low_ready = K_SEM_DEFINE(0, 1);
const sem_done = K_SEM_DEFINE(0, 1);

// ztest_error_hook.c: the thread whose next fatal error is expected.
const valid_fault_tid = memory.data(4, 4);

function ztest_set_fault_valid(valid: bool): void {
  atomic.store<u32>(valid_fault_tid, valid ? <u32>changetype<usize>(k_current_get()) : 0);
}

function k_sys_fatal_error_handler(reason: u32, esf: usize): void {
  const valid_fault = atomic.load<u32>(valid_fault_tid) == <u32>changetype<usize>(k_current_get());

  printk(`Caught system error -- reason ${reason} ${valid_fault ? 1 : 0}\n`);

  if (valid_fault) {
    printk("Fatal error expected as part of test case.\n");
    atomic.store<u32>(valid_fault_tid, 0);
    // ztest_post_fatal_error_hook: Zephyr's default does nothing.
  } else {
    printk("Fatal error was unexpected, aborting...\n");
    ztest_test_fail();
  }
}
k_sys_fatal_error_handler_set(k_sys_fatal_error_handler);

function t_b_deadlock(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex_b, K_FOREVER);
  k_sem_give(sem_low_ready);
  k_mutex_lock(mutex_a, K_FOREVER);
  k_mutex_unlock(mutex_a);
  k_mutex_unlock(mutex_b);
  k_sem_give(sem_done);
}

const mutex_deadlock = ZTEST_SUITE("mutex_deadlock", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/**
 * Verify deadlock cycle is detected and triggers an assertion: main holds mutex_a, T_b holds
 * mutex_b and pends on mutex_a; main's K_FOREVER lock of mutex_b closes the cycle
 * main->mutex_b->T_b->mutex_a->main and fires __ASSERT.
 */
ZTEST(mutex_deadlock, "test_deadlock_detection", () => {
  if (!CONFIG_MUTEX_DEADLOCK_DETECT) {
    ztest_test_skip();
    return;
  }
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_low_ready);
  k_sem_reset(sem_done);

  k_mutex_lock(mutex_a, K_FOREVER);

  k_thread_create(STACK_SIZE, t_b_deadlock, 0, 0, 0, K_PRIO_PREEMPT(PRIO_MID), 0, K_NO_WAIT);

  k_sem_take(sem_low_ready, K_FOREVER);

  /* Give T_b time to pend on mutex_a */
  k_sleep(K_MSEC(10));

  // Deadlock: the chain walk detects the cycle and fires __ASSERT. Mark the expected fatal
  // error so the test framework catches it.
  ztest_set_fault_valid(true);
  k_mutex_lock(mutex_b, K_FOREVER);

  /* Should not be reached — the assert aborts the test function. */
  zassert_unreachable("deadlock should have triggered __ASSERT");
});
