// Translation of Zephyr tests/kernel/mutex/mutex_api/src/test_mutex_apis.c
// (zephyrproject-rtos/zephyr at 8d6425a6587030891f3bb539104b2081c0e8993e): suites mutex_api
// (test_mutex_reent_lock_no_wait, test_mutex_reent_lock_timeout_fail, test_mutex_recursive) and
// mutex_api_1cpu (test_mutex_reent_lock_forever, test_mutex_reent_lock_timeout_pass,
// test_mutex_lock_unlock, test_mutex_priority_inheritance,
// test_mutex_timeout_race_during_priority_inversion). The program's other sources are
// mutex_api_complex_inversion.ts and mutex_api_priority_inheritance_enhanced.ts; its prj.conf is
// mutex_api.conf. Same threads, priorities, timeouts (TIMEOUT 500 ms) and assertions, with these
// differences:
// - CONFIG_MP_MAX_NUM_CPUS=1 of the prj.conf is left out, so that the program runs on every CPU
//   the board has: mutex_api_1cpu runs each test with the other CPUs held
//   (ztest_simple_1cpu_before/after, as Zephyr's suite declares). Of suite mutex_api,
//   test_mutex_recursive runs on all CPUs; test_mutex_reent_lock_no_wait and
//   test_mutex_reent_lock_timeout_fail run with the other CPUs held as well (a second suite of
//   the same name, with the 1cpu hooks): they assume that the preemptible thread they create
//   runs only once the cooperative test thread has locked the mutex and sleeps, which holds on
//   the one CPU Zephyr gives the program; with CPUs to spare it may lock the mutex first (seen:
//   1 run of 3 on 4 CPUs).
// - mutex_api.conf sets CONFIG_ZTEST_CPU_HOLD_TIME_MS=10000: test_mutex_priority_inheritance
//   holds the other CPUs for 6 s, over ztest's 3 s default (Zephyr, on one CPU, holds none).
// - Tests are registered in the order Zephyr runs them (sorted by name), suite by suite.
// - mutex_api.conf sets CONFIG_SYS_CLOCK_TICKS_PER_SEC=100 for the two tick-race tests (as
//   the upstream test expects a tick long enough for its alignment to a tick boundary; at
//   wasmp's default 10 kHz a host delay of one 100 us tick between the helper's lock and the
//   test's sleep is common on a loaded host). The deadlines are K_TIMEOUT_ABS_TICKS, as in
//   Zephyr; p2/p3 carry the deadline's two halves as in Zephyr.
// - CONFIG_TEST_MUTEX_API_THREAD_CREATE_TICKS is 42, its Kconfig default (420 ms at 100 Hz).
// - No CONFIG_USERSPACE: K_USER | K_INHERIT_PERMS is 0 and k_thread_access_grant is left out.
// - struct k_thread: k_thread_create returns the thread; the handles and the static ints are
//   words in static memory (shared by every CPU). `static struct k_mutex tmutex` is
//   K_MUTEX_DEFINE (every test initialises it before use, as in Zephyr).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  printk,
  k_thread_create,
  k_thread_abort,
  k_thread_start,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_tid_t,
  k_sleep,
  k_msleep,
  k_uptime_ticks,
  K_MSEC,
  K_TICKS,
  K_TIMEOUT_ABS_TICKS,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  K_HIGHEST_THREAD_PRIO,
  EINVAL,
  EPERM,
  EAGAIN,
  k_mutex,
  K_MUTEX_DEFINE,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  k_thread_entry_t,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
} from "wasmp";

const TIMEOUT = 500;
const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum
const THREAD_HIGH_PRIORITY = 1;
const THREAD_MID_PRIORITY = 3;
const THREAD_LOW_PRIORITY = 5;
const CONFIG_TEST_MUTEX_API_THREAD_CREATE_TICKS: i64 = 42;

const TC_PASS = 0;
const TC_FAIL = 1;

// static ZTEST_DMEM int case_type; static ZTEST_DMEM int thread_ret = TC_FAIL;
const vars = memory.data(8, 4);
function case_type(): i32 {
  return atomic.load<i32>(vars, 0);
}
function set_case_type(v: i32): void {
  atomic.store<i32>(vars, v, 0);
}
function thread_ret(): i32 {
  return atomic.load<i32>(vars, 4);
}
function set_thread_ret(v: i32): void {
  atomic.store<i32>(vars, v, 4);
}
set_thread_ret(TC_FAIL);

/**TESTPOINT: init via K_MUTEX_DEFINE*/
const kmutex = K_MUTEX_DEFINE();
const tmutex = K_MUTEX_DEFINE();

// static struct k_thread tdata, tdata2, tdata3;
const tids = memory.data(12, 4);
function tdata(n: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(tids + 4 * (n - 1)));
}
function set_tdata(n: i32, t: k_tid_t): void {
  atomic.store<u32>(tids + 4 * (n - 1), <u32>changetype<usize>(t));
}

function tThread_entry_lock_forever(p1: usize, p2: usize, p3: usize): void {
  zassert_false(k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER) == 0, "access locked resource from spawn thread");
  /* should not hit here */
}

function tThread_entry_lock_no_wait(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_NO_WAIT) != 0);
  printk("bypass locked resource from spawn thread\n");
}

function tThread_entry_lock_timeout_fail(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_MSEC(TIMEOUT - 100)) != 0);
  printk("bypass locked resource from spawn thread\n");
}

function tThread_entry_lock_timeout_pass(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_MSEC(TIMEOUT + 100)) == 0);
  printk("access resource from spawn thread\n");
  k_mutex_unlock(changetype<k_mutex>(p1));
}

function tmutex_test_lock(pmutex: k_mutex, entry_fn: k_thread_entry_t): void {
  k_mutex_init(pmutex);
  set_tdata(1, k_thread_create(STACK_SIZE, entry_fn, changetype<usize>(pmutex), 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT));
  zassert_true(k_mutex_lock(pmutex, K_FOREVER) == 0);
  printk("access resource from main thread\n");

  /* wait for spawn thread to take action */
  k_msleep(TIMEOUT);
}

function tmutex_test_lock_timeout(pmutex: k_mutex, entry_fn: k_thread_entry_t): void {
  /**TESTPOINT: test k_mutex_init mutex*/
  k_mutex_init(pmutex);
  set_tdata(1, k_thread_create(STACK_SIZE, entry_fn, changetype<usize>(pmutex), 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT));
  zassert_true(k_mutex_lock(pmutex, K_FOREVER) == 0);
  printk("access resource from main thread\n");

  /* wait for spawn thread to take action */
  k_msleep(TIMEOUT);
  k_mutex_unlock(pmutex);
  k_msleep(TIMEOUT);
}

function tmutex_test_lock_unlock(pmutex: k_mutex): void {
  k_mutex_init(pmutex);
  zassert_true(k_mutex_lock(pmutex, K_FOREVER) == 0, "fail to lock K_FOREVER");
  k_mutex_unlock(pmutex);
  zassert_true(k_mutex_lock(pmutex, K_NO_WAIT) == 0, "fail to lock K_NO_WAIT");
  k_mutex_unlock(pmutex);
  zassert_true(k_mutex_lock(pmutex, K_MSEC(TIMEOUT)) == 0, "fail to lock TIMEOUT");
  k_mutex_unlock(pmutex);
}

function tThread_T1_priority_inheritance(p1: usize, p2: usize, p3: usize): void {
  /* t1 will get mutex first */
  zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER) == 0, "access locked resource from spawn thread T1");

  /* record its original priority */
  const priority_origin = k_thread_priority_get(changetype<k_tid_t>(p2));

  /* wait for a time period to see if priority inheritance happened */
  k_sleep(K_MSEC(500));

  let priority = k_thread_priority_get(changetype<k_tid_t>(p2));

  if (case_type() == 1) {
    zassert_equal<i32>(priority, THREAD_HIGH_PRIORITY, "priority inheritance not happened!");

    k_mutex_unlock(changetype<k_mutex>(p1));

    /* check if priority set back to original one */
    priority = k_thread_priority_get(changetype<k_tid_t>(p2));

    zassert_equal<i32>(priority, priority_origin, "priority inheritance adjust back not happened!");
  } else if (case_type() == 2) {
    zassert_equal<i32>(priority, priority_origin, "priority inheritance should not be happened!");

    /* wait for t2 timeout to get mutex*/
    k_sleep(K_MSEC(TIMEOUT));

    k_mutex_unlock(changetype<k_mutex>(p1));
  } else if (case_type() == 3) {
    zassert_equal<i32>(priority, THREAD_HIGH_PRIORITY, "priority inheritance not happened!");

    /* wait for t2 timeout to get mutex*/
    k_sleep(K_MSEC(TIMEOUT));

    k_mutex_unlock(changetype<k_mutex>(p1));
  } else {
    zassert_true(false, "should not be here!");
  }
}

function tThread_T2_priority_inheritance(p1: usize, p2: usize, p3: usize): void {
  if (case_type() == 1) {
    zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER) == 0, "access locked resource from spawn thread T2");

    k_mutex_unlock(changetype<k_mutex>(p1));
  } else if (case_type() == 2 || case_type() == 3) {
    zassert_false(k_mutex_lock(changetype<k_mutex>(p1), K_MSEC(100)) == 0, "T2 should not get the resource");
  } else {
    zassert_true(false, "should not be here!");
  }
}

function tThread_lock_with_time_period(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER) == 0, "access locked resource from spawn thread");

  /* This thread will hold mutex for 600 ms, then release it */
  k_sleep(K_MSEC(TIMEOUT + 100));

  k_mutex_unlock(changetype<k_mutex>(p1));
}

function tThread_waiter(p1: usize, p2: usize, p3: usize): void {
  /* This thread participates in recursive locking tests */
  /* Wait for mutex to be released */
  zassert_true(k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER) == 0, "Failed to get the test_mutex");

  /* keep the next waiter waiting for a while */
  set_thread_ret(TC_PASS);
  k_mutex_unlock(changetype<k_mutex>(p1));
}

const mutex_api = ZTEST_SUITE("mutex_api");
const mutex_api_held = ZTEST_SUITE("mutex_api", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);
const mutex_api_1cpu = ZTEST_SUITE("mutex_api_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/*test cases*/

/**
 * Test recursive mutex: getting a lock of a mutex already locked succeeds and waiters are
 * unblocked only when the number of locks reaches zero.
 */
ZTEST(mutex_api, "test_mutex_recursive", () => {
  k_mutex_init(tmutex);

  /**TESTPOINT: when mutex has no owner, we cannot unlock it */
  zassert_true(k_mutex_unlock(tmutex) == -EINVAL, "fail: mutex has no owner");

  zassert_true(k_mutex_lock(tmutex, K_NO_WAIT) == 0, "Failed to lock mutex");

  /**TESTPOINT: lock the mutex recursively */
  zassert_true(k_mutex_lock(tmutex, K_NO_WAIT) == 0, "Failed to recursively lock mutex");

  set_thread_ret(TC_FAIL);
  /* Spawn a waiter thread */
  set_tdata(
    3,
    k_thread_create(STACK_SIZE, tThread_waiter, changetype<usize>(tmutex), 0, 0, K_PRIO_PREEMPT(12), 0, K_NO_WAIT),
  );

  zassert_true(thread_ret() == TC_FAIL, "waiter thread should block on the recursively locked mutex");

  zassert_true(k_mutex_unlock(tmutex) == 0, "fail to unlock");

  /**TESTPOINT: unlock the mutex recursively */
  zassert_true(thread_ret() == TC_FAIL, "waiter thread should still block on the locked mutex");

  zassert_true(k_mutex_unlock(tmutex) == 0, "fail to unlock");

  /* Give thread_waiter a chance to get the mutex */
  k_sleep(K_MSEC(1));

  /**TESTPOINT: waiter thread got the mutex */
  zassert_true(thread_ret() == TC_PASS, "waiter thread can't take the mutex");
});

ZTEST(mutex_api_held, "test_mutex_reent_lock_no_wait", () => {
  /**TESTPOINT: test k_mutex_init mutex*/
  tmutex_test_lock(tmutex, tThread_entry_lock_no_wait);

  /**TESTPOINT: test K_MUTEX_DEFINE mutex*/
  tmutex_test_lock(kmutex, tThread_entry_lock_no_wait);
});

ZTEST(mutex_api_held, "test_mutex_reent_lock_timeout_fail", () => {
  /**TESTPOINT: test k_mutex_init mutex*/
  tmutex_test_lock_timeout(tmutex, tThread_entry_lock_timeout_fail);

  /**TESTPOINT: test K_MUTEX_DEFINE mutex*/
  tmutex_test_lock_timeout(kmutex, tThread_entry_lock_no_wait);
});

ZTEST(mutex_api_1cpu, "test_mutex_lock_unlock", () => {
  /**TESTPOINT: test k_mutex_init mutex*/
  tmutex_test_lock_unlock(tmutex);

  /**TESTPOINT: test K_MUTEX_DEFINE mutex*/
  tmutex_test_lock_unlock(kmutex);
});

/**
 * Test mutex's priority inheritance mechanism. The thread T1 holds the mutex first:
 * - case 1. When priority T2 > T1, priority inheritance happened.
 * - case 2. When priority T1 > T2, priority inheritance won't happened.
 * - case 3. When priority T2 > T3 > T1, priority inheritance happened but T2 waits for
 *   timeout and T3 got the mutex.
 */
ZTEST(mutex_api_1cpu, "test_mutex_priority_inheritance", () => {
  /**TESTPOINT: run test case 1, given priority T1 < T2 */
  k_mutex_init(tmutex);

  /* we told thread which case runs now */
  set_case_type(1);

  /* spawn a lower priority thread t1 for holding the mutex */
  set_tdata(1, spawn_with_self(tThread_T1_priority_inheritance, K_PRIO_PREEMPT(THREAD_LOW_PRIORITY)));

  /* wait for spawn thread t1 to take action */
  k_msleep(TIMEOUT);

  /**TESTPOINT: The current thread does not own the mutex.*/
  zassert_true(k_mutex_unlock(tmutex) == -EPERM, "fail: current thread does not own the mutex");

  /* spawn a higher priority thread t2 for holding the mutex */
  set_tdata(2, spawn_with_self(tThread_T2_priority_inheritance, K_PRIO_PREEMPT(THREAD_HIGH_PRIORITY)));

  /* wait for spawn thread t2 to take action */
  k_msleep(TIMEOUT + 1000);

  /**TESTPOINT: run test case 2, given priority T1 > T2, this means priority inheritance
   * won't happen.
   */
  k_mutex_init(tmutex);
  set_case_type(2);

  /* spawn a lower priority thread t1 for holding the mutex */
  set_tdata(1, spawn_with_self(tThread_T1_priority_inheritance, K_PRIO_PREEMPT(THREAD_HIGH_PRIORITY)));

  /* wait for spawn thread t1 to take action */
  k_msleep(TIMEOUT);

  /* spawn a higher priority thread t2 for holding the mutex */
  set_tdata(2, spawn_with_self(tThread_T2_priority_inheritance, K_PRIO_PREEMPT(THREAD_LOW_PRIORITY)));

  /* wait for spawn thread t2 to take action */
  k_msleep(TIMEOUT + 1000);

  /**TESTPOINT: run test case 3, given priority T1 < T3 < T2, but t2 do not get mutex due to
   * timeout.
   */
  k_mutex_init(tmutex);
  set_case_type(3);

  /* spawn a lower priority thread t1 for holding the mutex */
  set_tdata(1, spawn_with_self(tThread_T1_priority_inheritance, K_PRIO_PREEMPT(THREAD_LOW_PRIORITY)));

  /* wait for spawn thread t1 to take action */
  k_msleep(TIMEOUT);

  /* spawn a higher priority thread t2 for holding the mutex */
  set_tdata(2, spawn_with_self(tThread_T2_priority_inheritance, K_PRIO_PREEMPT(THREAD_HIGH_PRIORITY)));

  /* spawn a higher priority thread t3 for holding the mutex */
  set_tdata(3, spawn_with_self(tThread_lock_with_time_period, K_PRIO_PREEMPT(THREAD_MID_PRIORITY)));

  /* wait for spawn thread t2 and t3 to take action */
  k_msleep(TIMEOUT + 1000);
});

/**
 * k_thread_create(&tdataN, ..., entry, &tmutex, &tdataN, NULL, prio, ...): p2 is the thread
 * itself, which only exists once k_thread_create returns here; the thread is created with
 * K_FOREVER, given p2, then started (k_thread_start), so it starts as K_NO_WAIT would.
 */
function spawn_with_self(entry: k_thread_entry_t, prio: i32): k_tid_t {
  const t = k_thread_create(STACK_SIZE, entry, changetype<usize>(tmutex), 0, 0, prio, 0, K_FOREVER);
  t.p2 = changetype<usize>(t);
  k_thread_start(t);
  return t;
}

ZTEST(mutex_api_1cpu, "test_mutex_reent_lock_forever", () => {
  /**TESTPOINT: test k_mutex_init mutex*/
  k_mutex_init(tmutex);
  tmutex_test_lock(tmutex, tThread_entry_lock_forever);
  k_thread_abort(tdata(1));

  /**TESTPOINT: test K_MUTEX_DEFINE mutex*/
  tmutex_test_lock(kmutex, tThread_entry_lock_forever);
  k_thread_abort(tdata(1));
});

ZTEST(mutex_api_1cpu, "test_mutex_reent_lock_timeout_pass", () => {
  /**TESTPOINT: test k_mutex_init mutex*/
  tmutex_test_lock_timeout(tmutex, tThread_entry_lock_timeout_pass);

  /**TESTPOINT: test K_MUTEX_DEFINE mutex*/
  tmutex_test_lock_timeout(kmutex, tThread_entry_lock_no_wait);
});

function tThread_mutex_lock_should_fail(p1: usize, p2: usize, p3: usize): void {
  const mutex = changetype<k_mutex>(p1);

  const deadline = ((<i64>p2) << 32) | <i64>p3;
  zassert_equal<i32>(-EAGAIN, k_mutex_lock(mutex, K_TIMEOUT_ABS_TICKS(deadline)));
}

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
ZTEST(mutex_api_1cpu, "test_mutex_timeout_race_during_priority_inversion", () => {
  const helper_prio = k_thread_priority_get(k_current_get()) + 1;

  k_mutex_init(tmutex);

  /* align to tick boundary */
  k_sleep(K_TICKS(1));

  /* allow non-kobject data to be shared (via registers) */
  const deadline = k_uptime_ticks() + CONFIG_TEST_MUTEX_API_THREAD_CREATE_TICKS;
  const timeout_upper = <usize>(deadline >> 32);
  const timeout_lower = <usize>(deadline & 0xffffffff);

  k_mutex_lock(tmutex, K_FOREVER);
  set_tdata(
    1,
    k_thread_create(
      STACK_SIZE,
      tThread_mutex_lock_should_fail,
      changetype<usize>(tmutex),
      timeout_upper,
      timeout_lower,
      helper_prio,
      0,
      K_NO_WAIT,
    ),
  );

  k_thread_priority_set(k_current_get(), K_HIGHEST_THREAD_PRIO);

  k_sleep(K_TIMEOUT_ABS_TICKS(deadline));

  k_mutex_unlock(tmutex);
});
