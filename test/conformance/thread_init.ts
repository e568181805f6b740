// Translation of Zephyr tests/kernel/threads/thread_init/src/main.c (zephyrproject-rtos/zephyr,
// the 2026 ZTEST version: per-thread start semaphores, test_thread_init_create_coop skipping
// without userspace; prj.conf @ 5215361e). All 4 tests: test_thread_init_kdefine_preempt,
// test_thread_init_kdefine_coop, test_thread_init_create_preempt,
// test_thread_init_create_coop (skips, as Zephyr's does without CONFIG_USERSPACE).
//
// Same threads, priorities, parameters, delays (the static coop thread starts 2000 ms after
// boot) and assertions. Deviations: ZTEST_USER tests run as ZTEST and K_USER /
// K_INHERIT_PERMS are accepted (no userspace); K_THREAD_ACCESS_GRANT, k_thread_access_grant
// and the memory-domain calls are dropped; wasmp's K_THREAD_DEFINE returns the thread and
// k_thread_create takes the stack object; what the threads share (t_create, expected) is
// static memory; stack sizes 500/499 are raised to CONFIG_WASMP_MIN_STACK_SIZE. prj.conf's
// CONFIG_MP_NUM_CPUS=1 is not kept: the test runs on 1, 2 and 4 CPUs.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_not_null,
  ztest_test_skip,
  k_sem,
  k_sem_take,
  k_sem_give,
  k_sem_reset,
  K_SEM_DEFINE,
  K_THREAD_DEFINE,
  K_THREAD_STACK_DEFINE,
  k_thread_create,
  k_thread_priority_get,
  k_current_get,
  k_uptime_get,
  K_FOREVER,
  K_MSEC,
  K_USER,
  K_INHERIT_PERMS,
} from "wasmp";

const CONFIG_USERSPACE = false;
const CONFIG_TEST_EXTRA_STACK_SIZE = 0;

const static_preem_start_sema = K_SEM_DEFINE(0, 1);
const preem_start_sema = K_SEM_DEFINE(0, 1);
const static_coop_start_sema = K_SEM_DEFINE(0, 1);
const coop_start_sema = K_SEM_DEFINE(0, 1);
const end_sema = K_SEM_DEFINE(0, 1);

/*macro definition*/
const INIT_COOP_PRIO = -2;
const INIT_COOP_STACK_SIZE = 500 + CONFIG_TEST_EXTRA_STACK_SIZE;
const INIT_COOP_P1: usize = 0xffff0000;
const INIT_COOP_P2: usize = 0xcdef;
const INIT_COOP_P3_static: usize = changetype<usize>(static_coop_start_sema);
const INIT_COOP_P3: usize = changetype<usize>(coop_start_sema);
const INIT_COOP_OPTION = K_USER | K_INHERIT_PERMS;
const INIT_COOP_DELAY = 2000;
const INIT_PREEMPT_PRIO = 1;
const INIT_PREEMPT_STACK_SIZE = 499 + CONFIG_TEST_EXTRA_STACK_SIZE;
const INIT_PREEMPT_P1: usize = 5;
const INIT_PREEMPT_P2: usize = 6;
const INIT_PREEMPT_P3_static: usize = changetype<usize>(static_preem_start_sema);
const INIT_PREEMPT_P3: usize = changetype<usize>(preem_start_sema);
const INIT_PREEMPT_OPTION = K_USER | K_INHERIT_PERMS;
const INIT_PREEMPT_DELAY = 0;

/*local variables*/
const stack_coop = K_THREAD_STACK_DEFINE(INIT_COOP_STACK_SIZE);
const stack_preempt = K_THREAD_STACK_DEFINE(INIT_PREEMPT_STACK_SIZE);
const t_create = memory.data(8, 8); // static ZTEST_BMEM uint64_t t_create
// static ZTEST_BMEM struct thread_data { int init_prio; int32_t init_delay; void *init_p1, *init_p2, *init_p3; } expected
const expected = memory.data(20, 4);
const INIT_PRIO = 0;
const INIT_DELAY = 4;
const INIT_P1 = 8;
const INIT_P2 = 12;
const INIT_P3 = 16;

function set_expected(p1: usize, p2: usize, p3: usize, prio: i32, delay: i32): void {
  store<u32>(expected + INIT_P1, <u32>p1);
  store<u32>(expected + INIT_P2, <u32>p2);
  store<u32>(expected + INIT_P3, <u32>p3);
  store<i32>(expected + INIT_PRIO, prio);
  store<i32>(expected + INIT_DELAY, delay);
}

/*entry routines*/
function thread_entry(p1: usize, p2: usize, p3: usize): void {
  /* Sample the moment this thread was first scheduled before synchronising, so the start
   * delay is still measured from creation to first execution rather than from the release of
   * the semaphore. */
  const t_start = k_uptime_get();
  /* Wait to be released by the test case that owns this thread before looking at any of the
   * shared expectations. */
  k_sem_take(changetype<k_sem>(p3), K_FOREVER);
  const tc = atomic.load<u64>(t_create);
  if (tc != 0) {
    const t_delay = <u64>t_start - tc;
    /**TESTPOINT: check delay start*/
    zassert_true(t_delay >= <u64>load<i32>(expected + INIT_DELAY), "k_thread_create delay start failed");
  }
  const tid = k_current_get();
  /**TESTPOINT: check priority and params*/
  zassert_equal(k_thread_priority_get(tid), load<i32>(expected + INIT_PRIO));
  zassert_equal(p1, <usize>load<u32>(expected + INIT_P1));
  zassert_equal(p2, <usize>load<u32>(expected + INIT_P2));
  zassert_equal(p3, <usize>load<u32>(expected + INIT_P3));
  /*option, stack size, not checked, no public API to get these values*/
  k_sem_give(end_sema);
}

// The static threads (defined here, after what their entry reads: AssemblyScript compiles it at
// this point).
K_THREAD_DEFINE(
  INIT_COOP_STACK_SIZE,
  thread_entry,
  INIT_COOP_P1,
  INIT_COOP_P2,
  INIT_COOP_P3_static,
  INIT_COOP_PRIO,
  INIT_COOP_OPTION,
  INIT_COOP_DELAY,
  "T_KDEFINE_COOP_THREAD",
);
K_THREAD_DEFINE(
  INIT_PREEMPT_STACK_SIZE,
  thread_entry,
  INIT_PREEMPT_P1,
  INIT_PREEMPT_P2,
  INIT_PREEMPT_P3_static,
  INIT_PREEMPT_PRIO,
  INIT_PREEMPT_OPTION,
  INIT_PREEMPT_DELAY,
  "T_KDEFINE_PREEMPT_THREAD",
);

const thread_init = ZTEST_SUITE("thread_init");

ZTEST(thread_init, "test_thread_init_kdefine_preempt", () => {
  /*static thread created time unknown, skip it*/
  atomic.store<u64>(t_create, 0);
  set_expected(INIT_PREEMPT_P1, INIT_PREEMPT_P2, INIT_PREEMPT_P3_static, INIT_PREEMPT_PRIO, INIT_PREEMPT_DELAY);
  k_sem_reset(end_sema);
  /*signal thread to start*/
  k_sem_give(static_preem_start_sema);
  /*wait for thread to exit*/
  k_sem_take(end_sema, K_FOREVER);
});

ZTEST(thread_init, "test_thread_init_kdefine_coop", () => {
  /*static thread creation time unknown, skip it*/
  atomic.store<u64>(t_create, 0);
  set_expected(INIT_COOP_P1, INIT_COOP_P2, INIT_COOP_P3_static, INIT_COOP_PRIO, INIT_COOP_DELAY);
  k_sem_reset(end_sema);
  /*signal thread to start*/
  k_sem_give(static_coop_start_sema);
  /*wait for thread to exit*/
  k_sem_take(end_sema, K_FOREVER);
});

ZTEST(thread_init, "test_thread_init_create_preempt", () => {
  /*record time stamp before thread creation*/
  atomic.store<u64>(t_create, <u64>k_uptime_get());
  /*create preempt thread*/
  const pthread = k_thread_create(
    stack_preempt,
    thread_entry,
    INIT_PREEMPT_P1,
    INIT_PREEMPT_P2,
    INIT_PREEMPT_P3,
    INIT_PREEMPT_PRIO,
    INIT_PREEMPT_OPTION,
    K_MSEC(INIT_PREEMPT_DELAY),
  );
  zassert_not_null(changetype<usize>(pthread), "thread creation failed");
  set_expected(INIT_PREEMPT_P1, INIT_PREEMPT_P2, INIT_PREEMPT_P3, INIT_PREEMPT_PRIO, INIT_PREEMPT_DELAY);
  k_sem_reset(end_sema);
  /*signal thread to start*/
  k_sem_give(preem_start_sema);
  /*wait for thread to exit*/
  k_sem_take(end_sema, K_FOREVER);
});

ZTEST(thread_init, "test_thread_init_create_coop", () => {
  if (!CONFIG_USERSPACE) {
    ztest_test_skip();
  }
  /*record time stamp before thread creation*/
  atomic.store<u64>(t_create, <u64>k_uptime_get());
  /*create coop thread*/
  const pthread = k_thread_create(
    stack_coop,
    thread_entry,
    INIT_COOP_P1,
    INIT_COOP_P2,
    INIT_COOP_P3,
    INIT_COOP_PRIO,
    INIT_COOP_OPTION,
    K_MSEC(INIT_COOP_DELAY),
  );
  zassert_not_null(changetype<usize>(pthread), "thread spawn failed");
  set_expected(INIT_COOP_P1, INIT_COOP_P2, INIT_COOP_P3, INIT_COOP_PRIO, INIT_COOP_DELAY);
  k_sem_reset(end_sema);
  /*signal thread to start*/
  k_sem_give(coop_start_sema);
  /*wait for thread to exit*/
  k_sem_take(end_sema, K_FOREVER);
});
