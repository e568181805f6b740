// Translation of Zephyr tests/kernel/mutex/sys_mutex/src/thread_competition.c
// (zephyrproject-rtos/zephyr at 2406ef80bf176e1a094680458feb07680a4d45a8):
// test_mutex_multithread_competition, part of the sys_mutex program (sys_mutex.ts) in its
// sys.mutex.nouser variant (the file is #ifndef CONFIG_USERSPACE). Same three threads
// (priorities 12, 14, 12 under a test thread at 10), 10 ms holds, one-tick wait and order
// assertions. Its prj.conf is sys_mutex_thread_competition.conf (sys_mutex's). Differences:
// - In Zephyr the test shares suite mutex_complex with main.c, whose setup locks not_my_mutex;
//   this file's suite has no setup (the test does not use that mutex).
// - flag[3] and order are words in static memory (shared by every CPU); the threads are
//   k_thread_create'd and their handles kept for the joins.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  k_thread_create,
  k_thread_join,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_sleep,
  K_MSEC,
  K_TICKS,
  K_NO_WAIT,
  K_FOREVER,
  sys_mutex,
  SYS_MUTEX_DEFINE,
  sys_mutex_lock,
  sys_mutex_unlock,
} from "wasmp";

const HIGH_T1 = 0;
const HIGH_T2 = 1;
const LOW_PRO = 2;

const STACKSIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum

const mutex = SYS_MUTEX_DEFINE();
// static uint32_t flag[3]; static uint32_t order;
const vars = memory.data(16, 4);
function flag(i: i32): u32 {
  return atomic.load<u32>(vars + 4 * i);
}
function set_flag(i: i32, v: u32): void {
  atomic.store<u32>(vars + 4 * i, v);
}
/* The order of threads getting mutex is judged by index self addition. */
function order(): u32 {
  return atomic.load<u32>(vars, 12);
}
function set_order(v: u32): void {
  atomic.store<u32>(vars, v, 12);
}

function low_prio_wait_for_mutex(p1: usize, p2: usize, p3: usize): void {
  const pmutex = changetype<sys_mutex>(p1);

  sys_mutex_lock(pmutex, K_FOREVER);

  set_flag(2, order());

  set_order(order() + 1);
  /* Keep mutex for a while */
  k_sleep(K_MSEC(10));

  sys_mutex_unlock(pmutex);
}

function high_prio_t1_wait_for_mutex(p1: usize, p2: usize, p3: usize): void {
  const pmutex = changetype<sys_mutex>(p1);

  sys_mutex_lock(pmutex, K_FOREVER);

  set_flag(0, order());

  set_order(order() + 1);
  /* Keep mutex for a while */
  k_sleep(K_MSEC(10));

  sys_mutex_unlock(pmutex);
}

function high_prio_t2_wait_for_mutex(p1: usize, p2: usize, p3: usize): void {
  const pmutex = changetype<sys_mutex>(p1);

  sys_mutex_lock(pmutex, K_FOREVER);

  set_flag(1, order());

  set_order(order() + 1);
  /* Keep mutex for a while */
  k_sleep(K_MSEC(10));

  sys_mutex_unlock(pmutex);
}

const mutex_complex = ZTEST_SUITE("mutex_complex");

/**
 * Test multi-threads to take mutex: two higher-priority threads and a lower-priority one wait
 * on a mutex; it goes to the highest-priority thread that has waited longest.
 * 1. Any number of threads may wait on a mutex locked by others simultaneously.
 * 2. When the mutex is released, it is took by the highest priority thread that has waited
 *    longest.
 */
ZTEST(mutex_complex, "test_mutex_multithread_competition", () => {
  const old_prio = k_thread_priority_get(k_current_get());
  const prio = 10;
  set_flag(0, 0);
  set_flag(1, 0);
  set_flag(2, 0);
  set_order(0);

  sys_mutex_lock(mutex, K_NO_WAIT);

  k_thread_priority_set(k_current_get(), prio);

  const thread_high_data1 = k_thread_create(
    STACKSIZE,
    high_prio_t1_wait_for_mutex,
    changetype<usize>(mutex),
    0,
    0,
    prio + 2,
    0,
    K_NO_WAIT,
  );

  /* Thread thread_high_data1 wait more time than thread_high_data2 */
  k_sleep(K_MSEC(10));

  const thread_low_data = k_thread_create(
    STACKSIZE,
    low_prio_wait_for_mutex,
    changetype<usize>(mutex),
    0,
    0,
    prio + 4,
    0,
    K_NO_WAIT,
  );

  const thread_high_data2 = k_thread_create(
    STACKSIZE,
    high_prio_t2_wait_for_mutex,
    changetype<usize>(mutex),
    0,
    0,
    prio + 2,
    0,
    K_NO_WAIT,
  );

  k_sleep(K_TICKS(1));

  /* Release mutex by current thread */
  sys_mutex_unlock(mutex);

  /* Wait for thread exiting */
  k_thread_join(thread_low_data, K_FOREVER);
  k_thread_join(thread_high_data1, K_FOREVER);
  k_thread_join(thread_high_data2, K_FOREVER);

  /* The mutex should be keep by high prio t1 thread */
  zassert_true(flag(0) == HIGH_T1, "The highest priority thread failed to take the mutex.");

  /* The mutex should be keep by high prio t2 thread */
  zassert_true(flag(1) == HIGH_T2, "The higher priority thread failed to take the mutex.");

  /* The mutex should be keep by low prio thread */
  zassert_true(flag(2) == LOW_PRO, "The low priority thread failed to take the mutex.");

  /* Revert priority of the main thread */
  k_thread_priority_set(k_current_get(), old_prio);
});
