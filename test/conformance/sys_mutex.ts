// Translation of Zephyr tests/kernel/mutex/sys_mutex/src/main.c (zephyrproject-rtos/zephyr at
// 00cafdabf37376406fa823c0675304c9513b64a3) with its helper thread_12.c (at 121419fd), in
// testcase.yaml's sys.mutex.nouser variant (CONFIG_TEST_USERSPACE=n): the sys_mutex API as the
// thin k_mutex wrapper Zephyr builds without userspace. Suite mutex_complex: test_mutex (the
// priority-inheritance timeline over four mutexes and six threads, then recursive locking),
// test_supervisor_access, test_user_access. thread_competition.c, the program's third source,
// is sys_mutex_thread_competition.ts. Its prj.conf is sys_mutex.conf
// (CONFIG_MAIN_THREAD_PRIORITY=10). Same threads, priorities, timeline (0.5 s steps, 1 s
// sleeps), timeouts and assertions, with these differences:
// - Tests are registered in the order Zephyr runs them (sorted by name).
// - The #ifdef CONFIG_USERSPACE parts are the #else ones (test_user_access skips, as in the
//   nouser variant); ZTEST_USER_OR_NOT is ZTEST.
// - Participant threads are k_thread_create'd with K_FOREVER and started as in Zephyr; their
//   handles and tc_rc are words in static memory.
// - The setup runs in wasmp's ztest runner thread (the main thread, priority 10), as Zephyr's
//   suite setup runs in main: it locks not_my_mutex, which the test thread then may not unlock.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  ztest_test_skip,
  printk,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_tid_t,
  k_thread_entry_t,
  k_sleep,
  K_MSEC,
  K_SECONDS,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  EAGAIN,
  EBUSY,
  EINVAL,
  EPERM,
  sys_mutex,
  SYS_MUTEX_DEFINE,
  sys_mutex_lock,
  sys_mutex_unlock,
} from "wasmp";

const STACKSIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum

const TC_PASS = 0;
const TC_FAIL = 1;
const vars = memory.data(8, 4); // tc_rc (main.c), tc_rc (thread_12.c)
function set_tc_rc(v: i32): void {
  atomic.store<i32>(vars, v);
}
function tc_rc(): i32 {
  return atomic.load<i32>(vars);
}

function TC_ERROR(msg: string): void {
  printk(`FAIL - ${msg}`);
}
function hex(m: sys_mutex): string {
  return "0x" + changetype<usize>(m).toString(16);
}

const private_mutex = SYS_MUTEX_DEFINE();

const mutex_1 = SYS_MUTEX_DEFINE();
const mutex_2 = SYS_MUTEX_DEFINE();
const mutex_3 = SYS_MUTEX_DEFINE();
const mutex_4 = SYS_MUTEX_DEFINE();

const not_my_mutex = SYS_MUTEX_DEFINE();
const bad_count_mutex = SYS_MUTEX_DEFINE();

const PARTICIPANT_THREAD_OPTIONS = 0;

// DEFINE_PARTICIPANT_THREAD(05, 06, 07, 08, 09, 11): the threads' handles.
const tids = memory.data(4 * 12, 4);
function tid(id: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(tids + 4 * id));
}
function CREATE_PARTICIPANT_THREAD(id: i32, entry: k_thread_entry_t, pri: i32): void {
  const t = k_thread_create(STACKSIZE, entry, 0, 0, 0, pri, PARTICIPANT_THREAD_OPTIONS, K_FOREVER);
  atomic.store<u32>(tids + 4 * id, <u32>changetype<usize>(t));
}
function START_PARTICIPANT_THREAD(id: i32): void {
  k_thread_start(tid(id));
}
function JOIN_PARTICIPANT_THREAD(id: i32): void {
  k_thread_join(tid(id), K_FOREVER);
}

/** thread_05 */
function thread_05(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(3500));

  /* Wait and boost owner priority to 5 */
  const rv = sys_mutex_lock(mutex_4, K_SECONDS(1));
  if (rv != -EAGAIN) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to timeout on mutex ${hex(mutex_4)}\n`);
    return;
  }
}

/** thread_06 */
function thread_06(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(3750));

  // Wait for the mutex. There is a higher priority level thread waiting on the mutex, so
  // request will not immediately contribute to raising the priority of the owning thread (main
  // thread). When thread_05 times out this thread will become the highest priority waiting
  // thread. The priority of the owning thread (main thread) will not drop back to 7, but will
  // instead drop to 6.

  const rv = sys_mutex_lock(mutex_4, K_SECONDS(2));
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex ${hex(mutex_4)}\n`);
    return;
  }

  sys_mutex_unlock(mutex_4);
}

/** thread_07 */
function thread_07(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(2500));

  // Wait and boost owner priority to 7. While waiting, another thread of a very low priority
  // level will also wait for the mutex. thread_07 is expected to time out around the 5.5 second
  // mark. When it times out, thread_11 will become the only waiting thread for this mutex and
  // the priority of the owning main thread will drop to 8.

  const rv = sys_mutex_lock(mutex_3, K_SECONDS(3));
  if (rv != -EAGAIN) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to timeout on mutex ${hex(mutex_3)}\n`);
    return;
  }
}

/** thread_08 */
function thread_08(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(1500));

  /* Wait and boost owner priority to 8 */
  const rv = sys_mutex_lock(mutex_2, K_FOREVER);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex ${hex(mutex_2)}\n`);
    return;
  }

  sys_mutex_unlock(mutex_2);
}

/** thread_09 */
function thread_09(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(500)); /* Allow lower priority thread to run */

  /*<mutex_1> is already locked. */
  let rv = sys_mutex_lock(mutex_1, K_NO_WAIT);
  if (rv != -EBUSY) {
    /* This attempt to lock the mutex */
    /* should not succeed. */
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to NOT take locked mutex ${hex(mutex_1)}\n`);
    return;
  }

  /* Wait and boost owner priority to 9 */
  rv = sys_mutex_lock(mutex_1, K_FOREVER);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex ${hex(mutex_1)}\n`);
    return;
  }

  sys_mutex_unlock(mutex_1);
}

/** thread_11 */
function thread_11(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(3500));
  const rv = sys_mutex_lock(mutex_3, K_FOREVER);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex ${hex(mutex_2)}\n`);
    return;
  }
  sys_mutex_unlock(mutex_3);
}

/** thread_12.c: thread_12 - thread that participates in recursive locking tests. */
function thread_12(p1: usize, p2: usize, p3: usize): void {
  /* Wait for private mutex to be released */

  const rv = sys_mutex_lock(private_mutex, K_FOREVER);
  if (rv != 0) {
    atomic.store<i32>(vars, TC_FAIL, 4); // thread_12.c's own static tc_rc
    TC_ERROR("Failed to obtain private mutex\n");
    return;
  }

  /* Wait a bit, then release the mutex */

  k_sleep(K_MSEC(500));
  sys_mutex_unlock(private_mutex);
}

function create_participant_threads(): void {
  CREATE_PARTICIPANT_THREAD(5, thread_05, 5);
  CREATE_PARTICIPANT_THREAD(6, thread_06, 6);
  CREATE_PARTICIPANT_THREAD(7, thread_07, 7);
  CREATE_PARTICIPANT_THREAD(8, thread_08, 8);
  CREATE_PARTICIPANT_THREAD(9, thread_09, 9);
  CREATE_PARTICIPANT_THREAD(11, thread_11, 11);
}

function start_participant_threads(): void {
  START_PARTICIPANT_THREAD(5);
  START_PARTICIPANT_THREAD(6);
  START_PARTICIPANT_THREAD(7);
  START_PARTICIPANT_THREAD(8);
  START_PARTICIPANT_THREAD(9);
  START_PARTICIPANT_THREAD(11);
}

function join_participant_threads(): void {
  JOIN_PARTICIPANT_THREAD(5);
  JOIN_PARTICIPANT_THREAD(6);
  JOIN_PARTICIPANT_THREAD(7);
  JOIN_PARTICIPANT_THREAD(8);
  JOIN_PARTICIPANT_THREAD(9);
  JOIN_PARTICIPANT_THREAD(11);
}

/*test case main entry*/
function sys_mutex_tests_setup(): usize {
  const rv = sys_mutex_lock(not_my_mutex, K_NO_WAIT);
  if (rv != 0) {
    TC_ERROR(`Failed to take mutex ${hex(not_my_mutex)}\n`);
  }
  return 0;
}

const mutex_complex = ZTEST_SUITE("mutex_complex", sys_mutex_tests_setup);

/**
 * Main thread to test thread_mutex_xxx interfaces: locks mutex_1, mutex_2, mutex_3 and mutex_4,
 * later recursively locks private_mutex, releases it, then re-locks it.
 */
ZTEST(mutex_complex, "test_mutex", () => {
  create_participant_threads();
  start_participant_threads();
  // Main thread(test_main) priority was 10 but ztest thread runs at priority -1. To run the
  // test smoothly make both main and ztest threads run at same priority level.
  k_thread_priority_set(k_current_get(), 10);

  let rv: i32;
  // struct sys_mutex *mutexes[4] = { &mutex_1, &mutex_2, &mutex_3, &mutex_4 };
  // struct sys_mutex *givemutex[3] = { &mutex_3, &mutex_2, &mutex_1 };
  const priority: i32[] = [9, 8, 7, 5];
  const droppri: i32[] = [8, 8, 9];

  printk("Starting test: Test kernel Mutex API\n"); // TC_START

  printk("===================================================================\n"); // PRINT_LINE

  // 1st iteration: Take mutex_1; thread_09 waits on mutex_1
  // 2nd iteration: Take mutex_2: thread_08 waits on mutex_2
  // 3rd iteration: Take mutex_3; thread_07 waits on mutex_3
  // 4th iteration: Take mutex_4; thread_05 waits on mutex_4

  for (let i = 0; i < 4; i++) {
    const m = i == 0 ? mutex_1 : i == 1 ? mutex_2 : i == 2 ? mutex_3 : mutex_4;
    rv = sys_mutex_lock(m, K_NO_WAIT);
    zassert_equal<i32>(rv, 0, `Failed to lock mutex ${hex(m)}\n`);
    k_sleep(K_SECONDS(1));

    rv = k_thread_priority_get(k_current_get());
    zassert_equal<i32>(rv, priority[i], `expected priority ${priority[i]}, not ${rv}\n`);

    /* Catch any errors from other threads */
    zassert_equal<i32>(tc_rc(), TC_PASS);
  }

  /* ~ 4 seconds have passed */

  printk(`Done LOCKING!  Current priority = ${k_thread_priority_get(k_current_get())}\n`);

  k_sleep(K_SECONDS(1)); /* thread_05 should time out */

  /* ~ 5 seconds have passed */

  rv = k_thread_priority_get(k_current_get());
  zassert_equal<i32>(rv, 6, "thread_05 timed out and out priority should drop.\n");
  zassert_equal<i32>(rv, 6, `Expected priority 6, not ${rv}\n`);

  sys_mutex_unlock(mutex_4);
  rv = k_thread_priority_get(k_current_get());
  zassert_equal<i32>(rv, 7, "Gave mutex_4 and priority should drop.\n");
  zassert_equal<i32>(rv, 7, `Expected priority 7, not ${rv}\n`);

  k_sleep(K_SECONDS(1)); /* thread_07 should time out */

  /* ~ 6 seconds have passed */

  for (let i = 0; i < 3; i++) {
    const m = i == 0 ? mutex_3 : i == 1 ? mutex_2 : mutex_1;
    rv = k_thread_priority_get(k_current_get());
    zassert_equal<i32>(rv, droppri[i], `Expected priority ${droppri[i]}, not ${rv}\n`);
    sys_mutex_unlock(m);

    zassert_equal<i32>(tc_rc(), TC_PASS);
  }

  rv = k_thread_priority_get(k_current_get());
  zassert_equal<i32>(rv, 10, `Expected priority 10, not ${rv}\n`);

  k_sleep(K_SECONDS(1)); /* Give thread_11 time to run */

  zassert_equal<i32>(tc_rc(), TC_PASS);

  /* test recursive locking using a private mutex */

  printk("Testing recursive locking\n");

  rv = sys_mutex_lock(private_mutex, K_NO_WAIT);
  zassert_equal<i32>(rv, 0, "Failed to lock private mutex");

  rv = sys_mutex_lock(private_mutex, K_NO_WAIT);
  zassert_equal<i32>(rv, 0, "Failed to recursively lock private mutex");

  /* Start thread */
  k_thread_create(STACKSIZE, thread_12, 0, 0, 0, K_PRIO_PREEMPT(12), PARTICIPANT_THREAD_OPTIONS, K_NO_WAIT);
  k_sleep(K_MSEC(1)); /* Give thread_12 a chance to block on the mutex */

  sys_mutex_unlock(private_mutex);
  sys_mutex_unlock(private_mutex); /* thread_12 should now have lock */

  rv = sys_mutex_lock(private_mutex, K_NO_WAIT);
  zassert_equal<i32>(rv, -EBUSY, "Unexpectedly got lock on private mutex");

  rv = sys_mutex_lock(private_mutex, K_SECONDS(1));
  zassert_equal<i32>(rv, 0, "Failed to re-obtain lock on private mutex");

  sys_mutex_unlock(private_mutex);
  join_participant_threads();
  printk("Recursive locking tests successful\n");
});

// We deliberately disable userspace, even on platforms that support it, so that the alternate
// implementation of sys_mutex (which is just a very thin wrapper to k_mutex) is exercised.
ZTEST(mutex_complex, "test_supervisor_access", () => {
  let rv = sys_mutex_unlock(not_my_mutex);
  zassert_true(rv == -EPERM, "unlocked a mutex that wasn't owner");
  rv = sys_mutex_unlock(bad_count_mutex);
  zassert_true(rv == -EINVAL, "mutex wasn't locked");
});

ZTEST(mutex_complex, "test_user_access", () => {
  ztest_test_skip(); // no CONFIG_USERSPACE
});
