// Translation of Zephyr tests/kernel/semaphore/semaphore/src/main.c, the 2026 version (the
// search index's newest copy, file 55844291338, 46,661 bytes: suites semaphore, semaphore_1cpu
// and semaphore_null_case, the parameterised test_sem_init_validity; the index does not record
// its commit). Its prj.conf is semaphore.conf.
// Same semaphores, threads, priorities, timeouts, loop counts and assertions, with these
// differences:
// - Order: Zephyr runs a suite's tests in name order (they sit in a linker section sorted by
//   name) and the suites in name order; the registrations at the end keep that order.
// - test_sem_init_validity (ZTEST_USER_P over 9 parameter sets) is 9 tests named
//   test_sem_init_validity[cases/N], one per set, as twister names the instances.
// - timeout_info_pipe is a k_pipe over a static ring of 5 struct timeout_info (8 bytes each:
//   a u32 timeout and a k_sem address), as K_PIPE_DEFINE makes it.
// - Scaled, to keep a run short: test_sem_multi_take_timeout_diff_sem's five timeouts are
//   quarter seconds (250 ms .. 1.25 s, QSEC2MS) instead of 1 .. 5 s, with the same order and
//   the same ">= timeout" and order checks; test_sem_multiple_threads_wait sleeps 100 ms
//   instead of 500 ms to let the waiters run (twice per round): plenty for five threads on
//   any CPU count, and a thread that did not run still fails the counts.
// - CONFIG_KERNEL_COHERENCE skips two tests in Zephyr on targets whose CPUs do not see each
//   other's stacks coherently; wasmp's memory is coherent, so they run.
// - semaphore_null_case (five tests, all under CONFIG_USERSPACE: a user thread passing NULL
//   must fault) is not translated: wasmp has no user mode (test/conformance/README.md).
// - K_USER | K_INHERIT_PERMS thread options are 0 (no user mode); ZTEST_USER tests run as
//   ZTEST. test_init only grants user threads access to objects, so the suite has no setup.
// - struct k_sem objects that the tests initialise (msg_sema, mut_sem) are zeroed static
//   memory (memory.data(SIZEOF_K_SEM)); k_thread and stack objects are what k_thread_create
//   returns; globals are words in static memory (shared by every CPU); a helper's struct
//   timeout_info is on the heap; zassert messages drop their printf arguments (the harness
//   prints both values).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  K_SEM_DEFINE,
  k_sem,
  SIZEOF_K_SEM,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_sem_reset,
  k_sem_count_get,
  K_PIPE_DEFINE,
  k_pipe_write,
  k_pipe_read,
  k_pipe_reset,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_tid_t,
  k_sleep,
  k_busy_wait,
  k_uptime_get,
  irq_offload,
  k_malloc,
  k_free,
  K_MSEC,
  K_SECONDS,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_timeout_t,
  EAGAIN,
  EBUSY,
  EINVAL,
} from "wasmp";

const SEM_INIT_VAL: u32 = 0;
const SEM_MAX_VAL: u32 = 10;
const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum
const TOTAL_THREADS_WAITING = 5;
/** test_sem_multiple_threads_wait's two sleeps: 500 ms in Zephyr (scaled, see the header). */
const MULTIPLE_THREADS_WAIT_MS = 100;

function SEM_TIMEOUT(): k_timeout_t {
  return K_MSEC(100);
}
function SEC2MS(s: i32): i32 {
  return s * 1000;
}
function QSEC2MS(s: i32): i32 {
  return s * 250;
}

function expect_k_sem_take(sem: k_sem, timeout: k_timeout_t, exp: i32, str: string): void {
  const act = k_sem_take(sem, timeout);
  zassert_equal(act, exp, str);
}
function expect_k_sem_init(sem: k_sem, init: u32, max: u32, exp: i32, str: string): void {
  const act = k_sem_init(sem, init, max);
  zassert_equal(act, exp, str);
}
function expect_k_sem_count_get(sem: k_sem, exp: u32, str: string): void {
  const act = k_sem_count_get(sem);
  zassert_equal(act, exp, str);
}
function expect_k_sem_take_nomsg(sem: k_sem, timeout: k_timeout_t, exp: i32): void {
  expect_k_sem_take(sem, timeout, exp, "k_sem_take incorrect return value");
}
function expect_k_sem_init_nomsg(sem: k_sem, init: u32, max: u32, exp: i32): void {
  expect_k_sem_init(sem, init, max, exp, "k_sem_init incorrect return value");
}
function expect_k_sem_count_get_nomsg(sem: k_sem, exp: u32): void {
  expect_k_sem_count_get(sem, exp, "k_sem_count_get incorrect return value");
}

/* global variable for mutual exclusion test: uint32_t critical_var */
const critical_var = memory.data(4, 4);

/* Kobject declaration */
const statically_defined_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
const simple_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
const low_prio_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
const mid_prio_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
const high_prio_long_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
const high_prio_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
const multiple_thread_sem = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);

// K_PIPE_DEFINE(timeout_info_pipe, sizeof(struct timeout_info) * TOTAL_THREADS_WAITING, 4),
// struct timeout_info { uint32_t timeout; struct k_sem *sema; }.
const SIZEOF_TIMEOUT_INFO: u32 = 8;
const timeout_info_pipe = K_PIPE_DEFINE(memory.data(8 * 5, 4), 8 * 5);

const ksema = K_SEM_DEFINE(SEM_INIT_VAL, SEM_MAX_VAL);
// struct k_sem msg_sema, mut_sem: zeroed static storage that the tests initialise.
const msg_sema = changetype<k_sem>(memory.data(SIZEOF_K_SEM, 16));
const mut_sem = changetype<k_sem>(memory.data(SIZEOF_K_SEM, 16));

/******************************************************************************/
/* Helper functions */

function sem_give_task(p1: usize, p2: usize, p3: usize): void {
  k_sem_give(changetype<k_sem>(p1));
}

function sem_reset_take_task(p1: usize, p2: usize, p3: usize): void {
  k_sem_reset(changetype<k_sem>(p1));
  zassert_false(k_sem_take(changetype<k_sem>(p1), K_FOREVER) != 0);
}

function isr_sem_give(semaphore: usize): void {
  k_sem_give(changetype<k_sem>(semaphore));
}

function tsema_thread_thread(psem: k_sem): void {
  /**TESTPOINT: thread-thread sync via sema*/
  const tid = k_thread_create(
    STACK_SIZE,
    sem_give_task,
    changetype<usize>(psem),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );

  expect_k_sem_take_nomsg(psem, K_FOREVER, 0);

  /*clean the spawn thread avoid side effect in next TC*/
  k_thread_join(tid, K_FOREVER);
}

function tsema_thread_isr(psem: k_sem): void {
  /**TESTPOINT: thread-isr sync via sema*/
  irq_offload(isr_sem_give, changetype<usize>(psem));

  expect_k_sem_take_nomsg(psem, K_FOREVER, 0);
}

function isr_sem_take(semaphore: usize): void {
  const ret = k_sem_take(changetype<k_sem>(semaphore), K_NO_WAIT);

  if (ret != 0 && ret != -EBUSY) {
    zassert_true(false, "incorrect k_sem_take return");
  }
}

function sem_give_from_isr(sema: k_sem): void {
  irq_offload(isr_sem_give, changetype<usize>(sema));
}
function sem_take_from_isr(sema: k_sem): void {
  irq_offload(isr_sem_take, changetype<usize>(sema));
}

function sem_take_timeout_forever_helper(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(100));
  k_sem_give(simple_sem);
}

function sem_take_timeout_isr_helper(p1: usize, p2: usize, p3: usize): void {
  sem_give_from_isr(simple_sem);
}

function sem_take_multiple_low_prio_helper(p1: usize, p2: usize, p3: usize): void {
  expect_k_sem_take_nomsg(low_prio_sem, K_FOREVER, 0);
  expect_k_sem_take_nomsg(multiple_thread_sem, K_FOREVER, 0);

  k_sem_give(low_prio_sem);
}

function sem_take_multiple_mid_prio_helper(p1: usize, p2: usize, p3: usize): void {
  expect_k_sem_take_nomsg(mid_prio_sem, K_FOREVER, 0);
  expect_k_sem_take_nomsg(multiple_thread_sem, K_FOREVER, 0);

  k_sem_give(mid_prio_sem);
}

function sem_take_multiple_high_prio_helper(p1: usize, p2: usize, p3: usize): void {
  expect_k_sem_take_nomsg(high_prio_sem, K_FOREVER, 0);
  expect_k_sem_take_nomsg(multiple_thread_sem, K_FOREVER, 0);

  k_sem_give(high_prio_sem);
}

/* First function for mutual exclusion test */
function sem_queue_mutual_exclusion1(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < 1000; i++) {
    expect_k_sem_take_nomsg(mut_sem, K_FOREVER, 0);

    /* in that function critical section makes critical var +1 */
    const tmp = load<u32>(critical_var);
    store<u32>(critical_var, load<u32>(critical_var) + 1);

    /* Check that common value was not changed by another thread,
     * when semaphore is taken by current thread, and no other
     * thread can enter the critical section
     */
    zassert_true(load<u32>(critical_var) == tmp + 1);
    k_sem_give(mut_sem);
  }
}

/* Second function for mutual exclusion test */
function sem_queue_mutual_exclusion2(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < 1000; i++) {
    expect_k_sem_take_nomsg(mut_sem, K_FOREVER, 0);

    /* in that function critical section makes critical var 0 */
    const tmp = load<u32>(critical_var);
    store<u32>(critical_var, load<u32>(critical_var) - 1);

    zassert_true(load<u32>(critical_var) == tmp - 1);
    k_sem_give(mut_sem);
  }
}

function sem_take_multiple_high_prio_long_helper(p1: usize, p2: usize, p3: usize): void {
  expect_k_sem_take_nomsg(high_prio_long_sem, K_FOREVER, 0);
  expect_k_sem_take_nomsg(multiple_thread_sem, K_FOREVER, 0);

  k_sem_give(high_prio_long_sem);
}

/* Test semaphore defined at compile time */
function test_k_sem_define(): void {
  /* verify the semaphore count equals to initialized value */
  expect_k_sem_count_get(statically_defined_sem, SEM_INIT_VAL, "semaphore initialized failed at compile time");
}

/* Verify a semaphore synchronizes two threads. */
function test_sem_thread2thread(): void {
  /**TESTPOINT: test k_sem_init sema*/
  expect_k_sem_init_nomsg(msg_sema, SEM_INIT_VAL, SEM_MAX_VAL, 0);

  tsema_thread_thread(msg_sema);

  /**TESTPOINT: test K_SEM_DEFINE sema*/
  tsema_thread_thread(ksema);
}

/* Verify a semaphore synchronizes a thread with an ISR. */
function test_sem_thread2isr(): void {
  /**TESTPOINT: test k_sem_init sema*/
  expect_k_sem_init_nomsg(msg_sema, SEM_INIT_VAL, SEM_MAX_VAL, 0);

  tsema_thread_isr(msg_sema);

  /**TESTPOINT: test K_SEM_DEFINE sema*/
  tsema_thread_isr(ksema);
}

/* Parameter set for the parameterized test_sem_init_validity test:
 * { init_val, max_val, expected_ret } */
const sem_init_cases: i64[][] = [
  /* valid: init = 0, various max values */
  [0, 1, 0],
  [0, SEM_MAX_VAL, 0],
  [0, u32.MAX_VALUE, 0],
  /* valid: init == max (boundary) */
  [1, 1, 0],
  [SEM_MAX_VAL, SEM_MAX_VAL, 0],
  /* valid: 0 < init < max */
  [SEM_MAX_VAL / 2, SEM_MAX_VAL, 0],
  /* invalid: max == 0 */
  [0, 0, -EINVAL],
  /* invalid: init > max */
  [SEM_MAX_VAL + 1, SEM_MAX_VAL, -EINVAL],
  [2, 1, -EINVAL],
];

/* Parameterized k_sem_init() validity test. */
function test_sem_init_validity(tc: i64[]): void {
  const init_val = <u32>tc[0];
  const max_val = <u32>tc[1];
  const expected_ret = <i32>tc[2];
  expect_k_sem_init_nomsg(msg_sema, init_val, max_val, expected_ret);

  if (expected_ret == 0) {
    /* Verify the count was set as requested */
    expect_k_sem_count_get_nomsg(msg_sema, init_val);
    k_sem_reset(msg_sema);
  }
}

/* Verify k_sem_reset() sets the semaphore count back to zero. */
function test_sem_reset(): void {
  expect_k_sem_init_nomsg(msg_sema, SEM_INIT_VAL, SEM_MAX_VAL, 0);
  expect_k_sem_count_get_nomsg(msg_sema, 0);

  k_sem_give(msg_sema);
  expect_k_sem_count_get_nomsg(msg_sema, 1);
  k_sem_reset(msg_sema);
  expect_k_sem_count_get_nomsg(msg_sema, 0);

  /**TESTPOINT: semaphore take return -EBUSY*/
  expect_k_sem_take_nomsg(msg_sema, K_NO_WAIT, -EBUSY);
  expect_k_sem_count_get_nomsg(msg_sema, 0);

  /**TESTPOINT: semaphore take return -EAGAIN*/
  expect_k_sem_take_nomsg(msg_sema, SEM_TIMEOUT(), -EAGAIN);
  expect_k_sem_count_get_nomsg(msg_sema, 0);

  k_sem_give(msg_sema);
  expect_k_sem_count_get_nomsg(msg_sema, 1);

  expect_k_sem_take_nomsg(msg_sema, K_FOREVER, 0);
  expect_k_sem_count_get_nomsg(msg_sema, 0);
}

/* Verify that resetting a semaphore aborts pending acquisitions. */
function test_sem_reset_waiting(): void {
  k_sem_reset(simple_sem);

  /* create a new thread. It will reset the semaphore in 1ms
   * then wait for us.
   */
  const tid = k_thread_create(
    STACK_SIZE,
    sem_reset_take_task,
    changetype<usize>(simple_sem),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_MSEC(1),
  );

  /* Take semaphore and wait for the abort. */
  const ret_value = k_sem_take(simple_sem, K_FOREVER);
  zassert_true(ret_value == -EAGAIN, `k_sem_take not aborted: ${ret_value}`);

  /* ensure the semaphore is still functional after. */
  k_sem_give(simple_sem);

  k_thread_join(tid, K_FOREVER);
}

/* Verify k_sem_count_get() reports the count without acquiring. */
function test_sem_count_get(): void {
  expect_k_sem_init_nomsg(msg_sema, SEM_INIT_VAL, SEM_MAX_VAL, 0);

  /**TESTPOINT: semaphore count get upon init*/
  expect_k_sem_count_get_nomsg(msg_sema, SEM_INIT_VAL);
  k_sem_give(msg_sema);
  /**TESTPOINT: sem count get after give*/
  expect_k_sem_count_get_nomsg(msg_sema, SEM_INIT_VAL + 1);
  expect_k_sem_take_nomsg(msg_sema, K_FOREVER, 0);
  /**TESTPOINT: sem count get after take*/
  for (let i: u32 = 0; i < SEM_MAX_VAL; i++) {
    expect_k_sem_count_get_nomsg(msg_sema, SEM_INIT_VAL + i);
    k_sem_give(msg_sema);
  }
  /**TESTPOINT: semaphore give above limit*/
  k_sem_give(msg_sema);
  expect_k_sem_count_get_nomsg(msg_sema, SEM_MAX_VAL);
}

/* Test whether a semaphore can be given by an ISR */
function test_sem_give_from_isr(): void {
  /*
   * Signal the semaphore several times from an ISR.  After each signal,
   * check the signal count.
   */

  k_sem_reset(simple_sem);
  expect_k_sem_count_get_nomsg(simple_sem, 0);

  for (let i: u32 = 0; i < 5; i++) {
    sem_give_from_isr(simple_sem);

    expect_k_sem_count_get_nomsg(simple_sem, i + 1);
  }
}

/* Test semaphore count when given by thread */
function test_sem_give_from_thread(): void {
  /*
   * Signal the semaphore several times from a task.  After each signal,
   * check the signal count.
   */

  k_sem_reset(simple_sem);
  expect_k_sem_count_get_nomsg(simple_sem, 0);

  for (let i: u32 = 0; i < 5; i++) {
    k_sem_give(simple_sem);

    expect_k_sem_count_get_nomsg(simple_sem, i + 1);
  }
}

/* Verify k_sem_take() succeeds and decrements when the count is positive. */
function test_sem_take_no_wait(): void {
  k_sem_reset(simple_sem);
  for (let i = 0; i < 5; i++) {
    k_sem_give(simple_sem);
  }

  for (let i = 4; i >= 0; i--) {
    expect_k_sem_take_nomsg(simple_sem, K_NO_WAIT, 0);
    expect_k_sem_count_get_nomsg(simple_sem, <u32>i);
  }
}

/* Verify k_sem_take() with no wait fails when the count is zero. */
function test_sem_take_no_wait_fails(): void {
  k_sem_reset(simple_sem);

  for (let i = 4; i >= 0; i--) {
    expect_k_sem_take_nomsg(simple_sem, K_NO_WAIT, -EBUSY);
    expect_k_sem_count_get_nomsg(simple_sem, 0);
  }
}

/* Test a semaphore take operation with an unavailable semaphore */
function test_sem_take_timeout_fails(): void {
  k_sem_reset(simple_sem);
  expect_k_sem_count_get_nomsg(simple_sem, 0);

  /* take an unavailable semaphore and wait it until timeout */
  for (let i = 4; i >= 0; i--) {
    expect_k_sem_take_nomsg(simple_sem, SEM_TIMEOUT(), -EAGAIN);
  }
}

/* Test the semaphore take operation with specified timeout */
function test_sem_take_timeout(): void {
  /* create a new thread, it will give semaphore */
  const tid = k_thread_create(
    STACK_SIZE,
    sem_give_task,
    changetype<usize>(simple_sem),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_FOREVER,
  );

  k_sem_reset(simple_sem);

  expect_k_sem_count_get_nomsg(simple_sem, 0);

  k_thread_start(tid);
  /* Take semaphore and wait it given by other threads
   * in specified timeout
   */
  expect_k_sem_take_nomsg(simple_sem, SEM_TIMEOUT(), 0);
  k_thread_join(tid, K_FOREVER);
}

/* Test the semaphore take operation with forever wait */
function test_sem_take_timeout_forever(): void {
  const tid = k_thread_create(STACK_SIZE, sem_take_timeout_forever_helper, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  k_sem_reset(simple_sem);

  expect_k_sem_count_get_nomsg(simple_sem, 0);

  /* Take semaphore and wait it given by
   * other threads forever until it's available
   */
  expect_k_sem_take_nomsg(simple_sem, K_FOREVER, 0);
  k_thread_join(tid, K_FOREVER);
}

/* Verify k_sem_take() with a timeout is satisfied by an ISR give. */
function test_sem_take_timeout_isr(): void {
  const tid = k_thread_create(STACK_SIZE, sem_take_timeout_isr_helper, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  k_sem_reset(simple_sem);

  expect_k_sem_take_nomsg(simple_sem, SEM_TIMEOUT(), 0);

  k_thread_join(tid, K_FOREVER);
}

/* Test semaphore take operation by multiple threads */
function test_sem_take_multiple(): void {
  k_sem_reset(multiple_thread_sem);
  k_sem_reset(high_prio_long_sem);
  k_sem_reset(mid_prio_sem);
  k_sem_reset(low_prio_sem);
  k_sem_reset(high_prio_sem);
  expect_k_sem_count_get_nomsg(multiple_thread_sem, 0);
  expect_k_sem_count_get_nomsg(high_prio_long_sem, 0);
  expect_k_sem_count_get_nomsg(mid_prio_sem, 0);
  expect_k_sem_count_get_nomsg(low_prio_sem, 0);
  expect_k_sem_count_get_nomsg(high_prio_sem, 0);

  const tid1 = k_thread_create(STACK_SIZE, sem_take_multiple_low_prio_helper, 0, 0, 0, K_PRIO_PREEMPT(3), 0, K_NO_WAIT);

  const tid2 = k_thread_create(STACK_SIZE, sem_take_multiple_mid_prio_helper, 0, 0, 0, K_PRIO_PREEMPT(2), 0, K_NO_WAIT);

  const tid3 = k_thread_create(
    STACK_SIZE,
    sem_take_multiple_high_prio_long_helper,
    0,
    0,
    0,
    K_PRIO_PREEMPT(1),
    0,
    K_NO_WAIT,
  );

  /* Create another high priority thread, the same priority with sem_tid_3
   * sem_tid_3 and sem_tid_4 are the same highest priority,
   * but the waiting time of sem_tid_3 is longer than sem_tid_4.
   * If some threads are the same priority, the sem given operation
   * should be decided according to waiting time.
   */
  const tid4 = k_thread_create(
    STACK_SIZE,
    sem_take_multiple_high_prio_helper,
    0,
    0,
    0,
    K_PRIO_PREEMPT(1),
    0,
    K_NO_WAIT,
  );

  /* time for those 4 threads to complete */
  k_sleep(K_MSEC(20));

  /* Let these threads proceed to take the multiple_sem
   * make thread 1 to 3 waiting on multiple_thread_sem
   */
  k_sem_give(high_prio_long_sem);
  k_sem_give(mid_prio_sem);
  k_sem_give(low_prio_sem);

  /* Delay 100ms to make sem_tid_4 waiting on multiple_thread_sem,
   * then waiting time of sem_tid_4 is shorter than sem_tid_3
   */
  k_sleep(K_MSEC(100));
  k_sem_give(high_prio_sem);

  k_sleep(K_MSEC(20));

  /* enable the high prio and long waiting thread sem_tid_3 to run */
  k_sem_give(multiple_thread_sem);
  k_sleep(K_MSEC(200));

  /* check which threads completed */
  expect_k_sem_count_get(high_prio_long_sem, 1, "High priority and long waiting thread don't get the sem");
  expect_k_sem_count_get(high_prio_sem, 0, "High priority thread shouldn't get the sem");
  expect_k_sem_count_get(mid_prio_sem, 0, "Medium priority threads shouldn't have executed");
  expect_k_sem_count_get(low_prio_sem, 0, "Low priority threads shouldn't have executed");

  /* enable the high prio thread sem_tid_4 to run */
  k_sem_give(multiple_thread_sem);
  k_sleep(K_MSEC(200));

  /* check which threads completed */
  expect_k_sem_count_get(high_prio_long_sem, 1, "High priority and long waiting thread executed again");
  expect_k_sem_count_get(high_prio_sem, 1, "Higher priority thread did not get the sem");
  expect_k_sem_count_get(mid_prio_sem, 0, "Medium priority thread shouldn't get the sem");
  expect_k_sem_count_get(low_prio_sem, 0, "Low priority thread shouldn't get the sem");

  /* enable the mid prio thread sem_tid_2 to run */
  k_sem_give(multiple_thread_sem);
  k_sleep(K_MSEC(200));

  /* check which threads completed */
  expect_k_sem_count_get(high_prio_long_sem, 1, "High priority and long waiting thread executed again");
  expect_k_sem_count_get(high_prio_sem, 1, "High priority thread executed again");
  expect_k_sem_count_get(mid_prio_sem, 1, "Medium priority thread did not get the sem");
  expect_k_sem_count_get(low_prio_sem, 0, "Low priority thread did not get the sem");

  /* enable the low prio thread(thread_1) to run */
  k_sem_give(multiple_thread_sem);
  k_sleep(K_MSEC(200));

  /* check the thread completed */
  expect_k_sem_count_get(high_prio_long_sem, 1, "High priority and long waiting thread executed again");
  expect_k_sem_count_get(high_prio_sem, 1, "High priority thread executed again");
  expect_k_sem_count_get(mid_prio_sem, 1, "Mid priority thread executed again");
  expect_k_sem_count_get(low_prio_sem, 1, "Low priority thread did not get the sem");

  k_thread_join(tid1, K_FOREVER);
  k_thread_join(tid2, K_FOREVER);
  k_thread_join(tid3, K_FOREVER);
  k_thread_join(tid4, K_FOREVER);
}

/* Test the max value a semaphore can be given and taken */
function test_k_sem_correct_count_limit(): void {
  /* reset an initialized semaphore's count to zero */
  k_sem_reset(simple_sem);
  expect_k_sem_count_get(simple_sem, 0, "k_sem_reset failed");

  /* Give the semaphore by a thread and verify the semaphore's
   * count is as expected
   */
  for (let i: u32 = 1; i <= SEM_MAX_VAL; i++) {
    k_sem_give(simple_sem);
    expect_k_sem_count_get_nomsg(simple_sem, i);
  }

  /* Verify the max count a semaphore can reach
   * continue to run k_sem_give,
   * the count of simple_sem will not increase anymore
   */
  for (let i = 0; i < 5; i++) {
    k_sem_give(simple_sem);
    expect_k_sem_count_get_nomsg(simple_sem, SEM_MAX_VAL);
  }

  /* Take the semaphore by a thread and verify the semaphore's
   * count is as expected
   */
  for (let i = <i32>SEM_MAX_VAL - 1; i >= 0; i--) {
    expect_k_sem_take_nomsg(simple_sem, K_NO_WAIT, 0);
    expect_k_sem_count_get_nomsg(simple_sem, <u32>i);
  }

  /* Verify the max times a semaphore can be taken
   * continue to run k_sem_take, simple_sem can not be taken and
   * it's count will be zero
   */
  for (let i = 0; i < 5; i++) {
    expect_k_sem_take_nomsg(simple_sem, K_NO_WAIT, -EBUSY);

    expect_k_sem_count_get_nomsg(simple_sem, 0);
  }
}

/* Verify a semaphore can be given and taken from ISR context. */
function test_sem_give_take_from_isr(): void {
  k_sem_reset(simple_sem);
  expect_k_sem_count_get_nomsg(simple_sem, 0);

  /* give semaphore from an isr and do a check for the count */
  for (let i: u32 = 0; i < SEM_MAX_VAL; i++) {
    sem_give_from_isr(simple_sem);
    expect_k_sem_count_get_nomsg(simple_sem, i + 1);
  }

  /* take semaphore from an isr and do a check for the count */
  for (let i: u32 = SEM_MAX_VAL; i > 0; i--) {
    sem_take_from_isr(simple_sem);

    expect_k_sem_count_get_nomsg(simple_sem, i - 1);
  }
}

function sem_multiple_threads_wait_helper(p1: usize, p2: usize, p3: usize): void {
  /* get blocked until the test thread gives the semaphore */
  expect_k_sem_take_nomsg(multiple_thread_sem, K_FOREVER, 0);

  /* inform the test thread that this thread has got multiple_thread_sem*/
  k_sem_give(simple_sem);
}

/* Verify all waiters are released as the semaphore is given repeatedly. */
function test_sem_multiple_threads_wait(): void {
  k_sem_reset(simple_sem);
  k_sem_reset(multiple_thread_sem);

  const multiple_tid = new Array<k_tid_t>(TOTAL_THREADS_WAITING);

  /* Verify a wait q that has been emptied / reset
   * correctly by running twice.
   */
  for (let repeat_count = 0; repeat_count < 2; repeat_count++) {
    for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
      multiple_tid[i] = k_thread_create(
        STACK_SIZE,
        sem_multiple_threads_wait_helper,
        0,
        0,
        0,
        K_PRIO_PREEMPT(1),
        0,
        K_NO_WAIT,
      );
    }

    /* giving time for the other threads to execute (scaled: 100 ms instead of 500) */
    k_sleep(K_MSEC(MULTIPLE_THREADS_WAIT_MS));

    /* give the semaphores */
    for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
      k_sem_give(multiple_thread_sem);
    }

    /* giving time for the other threads to execute  */
    k_sleep(K_MSEC(MULTIPLE_THREADS_WAIT_MS));

    /* check if all the threads are done. */
    for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
      expect_k_sem_take(simple_sem, K_FOREVER, 0, "Some of the threads did not get multiple_thread_sem");
    }

    expect_k_sem_count_get_nomsg(simple_sem, 0);
    expect_k_sem_count_get_nomsg(multiple_thread_sem, 0);

    for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
      k_thread_join(multiple_tid[i], K_FOREVER);
    }
  }
}

/* Verify k_sem_take() honors the requested timeout duration. */
function test_sem_measure_timeouts(): void {
  k_sem_reset(simple_sem);

  /* with timeout of 1 sec */
  let start_ticks = k_uptime_get();

  expect_k_sem_take_nomsg(simple_sem, K_SECONDS(1), -EAGAIN);

  let end_ticks = k_uptime_get();

  let diff_ticks = end_ticks - start_ticks;

  zassert_true(diff_ticks >= SEC2MS(1), `k_sem_take returned too early: ${diff_ticks} < ${SEC2MS(1)}`);

  /* This subtest could fail spuriously if we happened to run the below right as
   * a tick occurred. [...] The best we can do is hope that k_busy_wait finishes
   * just after a tick boundary.
   */
  k_busy_wait(1);
  start_ticks = k_uptime_get();

  expect_k_sem_take_nomsg(simple_sem, K_NO_WAIT, -EBUSY);

  end_ticks = k_uptime_get();

  diff_ticks = end_ticks - start_ticks;

  zassert_true(end_ticks >= start_ticks, `time went backwards: ${start_ticks} -> ${end_ticks}`);

  zassert_true(diff_ticks >= 0, `k_sem_take took too long: ${diff_ticks} != 0`);
}

function sem_measure_timeout_from_thread_helper(p1: usize, p2: usize, p3: usize): void {
  /* first sync the 2 threads */
  k_sem_give(simple_sem);

  /* give the semaphore */
  k_sem_give(multiple_thread_sem);
}

/* Verify a timed k_sem_take() returns early when given by a thread. */
function test_sem_measure_timeout_from_thread(): void {
  k_sem_reset(simple_sem);
  k_sem_reset(multiple_thread_sem);

  /* give a semaphore from a thread and calculate the time taken */
  const tid = k_thread_create(
    STACK_SIZE,
    sem_measure_timeout_from_thread_helper,
    0,
    0,
    0,
    K_PRIO_PREEMPT(3),
    0,
    K_NO_WAIT,
  );

  /* first sync the 2 threads */
  expect_k_sem_take_nomsg(simple_sem, K_FOREVER, 0);

  /* with timeout of 1 sec */
  const start_ticks = k_uptime_get();

  expect_k_sem_take_nomsg(multiple_thread_sem, K_SECONDS(1), 0);

  const end_ticks = k_uptime_get();

  const diff_ticks = end_ticks - start_ticks;

  zassert_true(diff_ticks < SEC2MS(1), `k_sem_take took too long: ${diff_ticks} >= ${SEC2MS(1)}`);
  k_thread_join(tid, K_FOREVER);
}

function sem_multiple_take_and_timeouts_helper(p1: usize, p2: usize, p3: usize): void {
  const timeout = <i32>p1;

  const start_ticks = k_uptime_get();

  expect_k_sem_take_nomsg(simple_sem, K_MSEC(timeout), -EAGAIN);

  const end_ticks = k_uptime_get();

  const diff_ticks = end_ticks - start_ticks;

  zassert_true(diff_ticks >= timeout, `time mismatch - expected at least ${timeout}, got ${diff_ticks}`);

  const info = heap_record(<u32>timeout, 0);
  k_pipe_write(timeout_info_pipe, info, 4, K_FOREVER); // sizeof(int)
  k_free(info);
}

/** A struct timeout_info on the heap: each thread's own (C keeps it on the thread's stack). */
function heap_record(timeout: u32, sema: usize): usize {
  const p = k_malloc(SIZEOF_TIMEOUT_INFO);
  store<u32>(p, timeout);
  store<u32>(p + 4, <u32>sema);
  return p;
}

/* Verify threads waiting on one semaphore time out in timeout order. */
function test_sem_multiple_take_and_timeouts(): void {
  const timeout = memory.data(4, 4); // static uint32_t timeout

  k_sem_reset(simple_sem);
  k_pipe_reset(timeout_info_pipe);

  const multiple_tid = new Array<k_tid_t>(TOTAL_THREADS_WAITING);

  /* Multiple threads timeout and the sequence in which it times out
   * is pushed into a pipe and checked later on.
   */
  for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
    multiple_tid[i] = k_thread_create(
      STACK_SIZE,
      sem_multiple_take_and_timeouts_helper,
      <usize>QSEC2MS(i + 1),
      0,
      0,
      K_PRIO_PREEMPT(1),
      0,
      K_NO_WAIT,
    );
  }

  for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
    k_pipe_read(timeout_info_pipe, timeout, 4, K_FOREVER);
    zassert_equal(load<u32>(timeout), <u32>QSEC2MS(i + 1), "timeout did not occur properly");
  }

  /* cleanup */
  for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
    k_thread_join(multiple_tid[i], K_FOREVER);
  }
}

function sem_multi_take_timeout_diff_sem_helper(p1: usize, p2: usize, p3: usize): void {
  const timeout = <i32>p1;
  const sema = changetype<k_sem>(p2);
  const info = heap_record(<u32>timeout, changetype<usize>(sema));

  const start_ticks = k_uptime_get();

  expect_k_sem_take_nomsg(sema, K_MSEC(timeout), -EAGAIN);

  const end_ticks = k_uptime_get();

  const diff_ticks = end_ticks - start_ticks;

  zassert_true(diff_ticks >= timeout, `time mismatch - expected at least ${timeout}, got ${diff_ticks}`);

  const rc = k_pipe_write(timeout_info_pipe, info, SIZEOF_TIMEOUT_INFO, K_FOREVER);
  k_free(info);
  zassert_true(rc == <i32>SIZEOF_TIMEOUT_INFO, `k_pipe_write failed: ${rc}`);
}

/* Verify timeout ordering across waiters on different semaphores. */
function test_sem_multi_take_timeout_diff_sem(): void {
  // Scaled: quarter seconds (QSEC2MS) instead of seconds (SEC2MS), here and in the check.
  const seq_timeout: i32[] = [QSEC2MS(2), QSEC2MS(1), QSEC2MS(3), QSEC2MS(5), QSEC2MS(4)];
  const seq_sema: k_sem[] = [simple_sem, multiple_thread_sem, simple_sem, multiple_thread_sem, simple_sem];

  const retrieved_info = memory.data(8, 4); // static struct timeout_info retrieved_info

  k_sem_reset(simple_sem);
  k_sem_reset(multiple_thread_sem);
  k_pipe_reset(timeout_info_pipe);
  memory.fill(retrieved_info, 0, SIZEOF_TIMEOUT_INFO);

  const multiple_tid = new Array<k_tid_t>(TOTAL_THREADS_WAITING);

  /* Multiple threads timeout on different semaphores and the sequence
   * in which it times out is pushed into a pipe and checked later on.
   */
  for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
    multiple_tid[i] = k_thread_create(
      STACK_SIZE,
      sem_multi_take_timeout_diff_sem_helper,
      <usize>seq_timeout[i],
      changetype<usize>(seq_sema[i]),
      0,
      K_PRIO_PREEMPT(1),
      0,
      K_NO_WAIT,
    );
  }

  for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
    const rc = k_pipe_read(timeout_info_pipe, retrieved_info, SIZEOF_TIMEOUT_INFO, K_FOREVER);
    zassert_true(rc == <i32>SIZEOF_TIMEOUT_INFO, `k_pipe_read failed: ${rc}`);

    zassert_true(load<u32>(retrieved_info) == <u32>QSEC2MS(i + 1), "timeout did not occur properly");
  }
  for (let i = 0; i < TOTAL_THREADS_WAITING; i++) {
    k_thread_join(multiple_tid[i], K_FOREVER);
  }
}

/* Test thread mutual exclusion by semaphore */
function test_sem_queue_mutual_exclusion(): void {
  store<u32>(critical_var, 0);

  expect_k_sem_init_nomsg(mut_sem, 0, 1, 0);

  const tid1 = k_thread_create(STACK_SIZE, sem_queue_mutual_exclusion1, 0, 0, 0, 1, 0, K_NO_WAIT);

  const tid2 = k_thread_create(STACK_SIZE, sem_queue_mutual_exclusion2, 0, 0, 0, 1, 0, K_NO_WAIT);

  k_sleep(K_MSEC(100));

  k_sem_give(mut_sem);
  k_thread_join(tid1, K_FOREVER);
  k_thread_join(tid2, K_FOREVER);
}

// ZTEST_SUITE(semaphore, NULL, test_init, NULL, NULL, NULL): test_init only grants user
// threads access (no user mode here).
const semaphore = ZTEST_SUITE("semaphore");
ZTEST(semaphore, "test_k_sem_correct_count_limit", test_k_sem_correct_count_limit);
ZTEST(semaphore, "test_k_sem_define", test_k_sem_define);
ZTEST(semaphore, "test_sem_count_get", test_sem_count_get);
ZTEST(semaphore, "test_sem_give_from_isr", test_sem_give_from_isr);
ZTEST(semaphore, "test_sem_give_from_thread", test_sem_give_from_thread);
ZTEST(semaphore, "test_sem_give_take_from_isr", test_sem_give_take_from_isr);
ZTEST(semaphore, "test_sem_init_validity[cases/0]", () => test_sem_init_validity(sem_init_cases[0]));
ZTEST(semaphore, "test_sem_init_validity[cases/1]", () => test_sem_init_validity(sem_init_cases[1]));
ZTEST(semaphore, "test_sem_init_validity[cases/2]", () => test_sem_init_validity(sem_init_cases[2]));
ZTEST(semaphore, "test_sem_init_validity[cases/3]", () => test_sem_init_validity(sem_init_cases[3]));
ZTEST(semaphore, "test_sem_init_validity[cases/4]", () => test_sem_init_validity(sem_init_cases[4]));
ZTEST(semaphore, "test_sem_init_validity[cases/5]", () => test_sem_init_validity(sem_init_cases[5]));
ZTEST(semaphore, "test_sem_init_validity[cases/6]", () => test_sem_init_validity(sem_init_cases[6]));
ZTEST(semaphore, "test_sem_init_validity[cases/7]", () => test_sem_init_validity(sem_init_cases[7]));
ZTEST(semaphore, "test_sem_init_validity[cases/8]", () => test_sem_init_validity(sem_init_cases[8]));
ZTEST(semaphore, "test_sem_measure_timeout_from_thread", test_sem_measure_timeout_from_thread);
ZTEST(semaphore, "test_sem_measure_timeouts", test_sem_measure_timeouts);
ZTEST(semaphore, "test_sem_multi_take_timeout_diff_sem", test_sem_multi_take_timeout_diff_sem);
ZTEST(semaphore, "test_sem_multiple_threads_wait", test_sem_multiple_threads_wait);
ZTEST(semaphore, "test_sem_reset", test_sem_reset);
ZTEST(semaphore, "test_sem_reset_waiting", test_sem_reset_waiting);
ZTEST(semaphore, "test_sem_take_multiple", test_sem_take_multiple);
ZTEST(semaphore, "test_sem_take_no_wait", test_sem_take_no_wait);
ZTEST(semaphore, "test_sem_take_no_wait_fails", test_sem_take_no_wait_fails);
ZTEST(semaphore, "test_sem_take_timeout", test_sem_take_timeout);
ZTEST(semaphore, "test_sem_take_timeout_fails", test_sem_take_timeout_fails);
ZTEST(semaphore, "test_sem_take_timeout_forever", test_sem_take_timeout_forever);
ZTEST(semaphore, "test_sem_thread2isr", test_sem_thread2isr);
ZTEST(semaphore, "test_sem_thread2thread", test_sem_thread2thread);

const semaphore_1cpu = ZTEST_SUITE("semaphore_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);
ZTEST(semaphore_1cpu, "test_sem_multiple_take_and_timeouts", test_sem_multiple_take_and_timeouts);
ZTEST(semaphore_1cpu, "test_sem_queue_mutual_exclusion", test_sem_queue_mutual_exclusion);
ZTEST(semaphore_1cpu, "test_sem_take_timeout_isr", test_sem_take_timeout_isr);
