// Translation of Zephyr tests/kernel/mutex/mutex_api/src/complex_inversion.c
// (zephyrproject-rtos/zephyr at 5a579106cdcca608e88b98b48af228a153e71e22): test_complex_inversion,
// part of the mutex_api program (mutex_api.ts; same prj.conf, mutex_api_complex_inversion.conf).
// Two mutexes, four threads (priorities 5..8), the same semaphore hand-offs, 100 ms waits and
// owner assertions. Differences:
// - On more than one CPU the suite runs with the other CPUs held (ztest_simple_1cpu_before/after).
//   Zephyr's suite (mutex_api) has no such hooks, but Zephyr runs the program with
//   CONFIG_MP_MAX_NUM_CPUS=1, and the test depends on it: thread_05's wait on mutex_0 must raise
//   thread_07 (and reorder mutex_1's waiters) before thread_08, signalled right after, unlocks
//   mutex_1. With CPUs to spare, thread_08 runs at once and hands mutex_1 to thread_06.
// - The participant threads' arguments (&thread_NN_wait, &thread_NN_done) are the semaphores'
//   addresses; mutex_N.owner is read through the k_mutex view; thread names come from the thread.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  zassert_ok,
  printk,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_name_set,
  k_thread_name_get,
  k_tid_t,
  k_thread_entry_t,
  k_sleep,
  K_MSEC,
  K_FOREVER,
  k_sem,
  K_SEM_DEFINE,
  k_sem_give,
  k_sem_take,
  k_mutex,
  K_MUTEX_DEFINE,
  k_mutex_lock,
  k_mutex_unlock,
  K_NO_WAIT,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
} from "wasmp";

const STACKSIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum

const TC_PASS = 0;
const TC_FAIL = 1;
const tc_rc = memory.data(4, 4); /* test case return code */
function set_tc_rc(v: i32): void {
  atomic.store<i32>(tc_rc, v);
}

const mutex_0 = K_MUTEX_DEFINE();
const mutex_1 = K_MUTEX_DEFINE();

const PARTICIPANT_THREAD_OPTIONS = 0; // K_INHERIT_PERMS

// DEFINE_PARTICIPANT_THREAD(id): thread_id_tid, K_SEM_DEFINE(thread_id_wait, 0, 1),
// K_SEM_DEFINE(thread_id_done, 0, 1).
const thread_05_wait = K_SEM_DEFINE(0, 1);
const thread_05_done = K_SEM_DEFINE(0, 1);
const thread_06_wait = K_SEM_DEFINE(0, 1);
const thread_06_done = K_SEM_DEFINE(0, 1);
const thread_07_wait = K_SEM_DEFINE(0, 1);
const thread_07_done = K_SEM_DEFINE(0, 1);
const thread_08_wait = K_SEM_DEFINE(0, 1);
const thread_08_done = K_SEM_DEFINE(0, 1);
const tids = memory.data(16, 4); // thread_05_tid .. thread_08_tid
function tid(id: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(tids + 4 * (id - 5)));
}
function wait_sem(id: i32): k_sem {
  return id == 5 ? thread_05_wait : id == 6 ? thread_06_wait : id == 7 ? thread_07_wait : thread_08_wait;
}
function done_sem(id: i32): k_sem {
  return id == 5 ? thread_05_done : id == 6 ? thread_06_done : id == 7 ? thread_07_done : thread_08_done;
}

function CREATE_PARTICIPANT_THREAD(id: i32, entry: k_thread_entry_t, pri: i32): void {
  const t = k_thread_create(
    STACKSIZE,
    entry,
    changetype<usize>(wait_sem(id)),
    changetype<usize>(done_sem(id)),
    0,
    pri,
    PARTICIPANT_THREAD_OPTIONS,
    K_FOREVER,
  );
  atomic.store<u32>(tids + 4 * (id - 5), <u32>changetype<usize>(t));
  k_thread_name_set(t, `thread_0${id}`);
}
function START_PARTICIPANT_THREAD(id: i32): void {
  k_thread_start(tid(id));
}
function JOIN_PARTICIPANT_THREAD(id: i32): void {
  k_thread_join(tid(id), K_FOREVER);
}

function WAIT_FOR_MAIN(wait: k_sem, done: k_sem): void {
  k_sem_give(done);
  k_sem_take(wait, K_FOREVER);
}

function ADVANCE_THREAD(id: i32): void {
  SIGNAL_THREAD(id);
  WAIT_FOR_THREAD(id);
}

function SIGNAL_THREAD(id: i32): void {
  k_sem_give(wait_sem(id));
}

function WAIT_FOR_THREAD(id: i32): void {
  zassert_ok(k_sem_take(done_sem(id), K_MSEC(100)));
}

function TC_ERROR(msg: string): void {
  printk(`FAIL - ${msg}`);
}

/** thread_05 */
function thread_05(p1: usize, p2: usize, p3: usize): void {
  const wait = changetype<k_sem>(p1);
  const done = changetype<k_sem>(p2);

  // Wait for mutex_0, boosting the priority of thread_07 so it will lock mutex_1 first.

  WAIT_FOR_MAIN(wait, done);

  const rv = k_mutex_lock(mutex_0, K_FOREVER);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex 0x${changetype<usize>(mutex_0).toString(16)}\n`);
    return;
  }

  WAIT_FOR_MAIN(wait, done);

  k_mutex_unlock(mutex_0);
}

/** thread_06 */
function thread_06(p1: usize, p2: usize, p3: usize): void {
  const wait = changetype<k_sem>(p1);
  const done = changetype<k_sem>(p2);

  // Wait for mutex_1. Initially it will be the highest priority waiter, but thread_07 will be
  // boosted above thread_06 so thread_07 will lock it first.

  WAIT_FOR_MAIN(wait, done);

  const rv = k_mutex_lock(mutex_1, K_FOREVER);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex 0x${changetype<usize>(mutex_1).toString(16)}\n`);
    return;
  }

  WAIT_FOR_MAIN(wait, done);

  k_mutex_unlock(mutex_1);
}

/** thread_07 */
function thread_07(p1: usize, p2: usize, p3: usize): void {
  const wait = changetype<k_sem>(p1);
  const done = changetype<k_sem>(p2);

  // Lock mutex_0 and wait for mutex_1. After thread_06 is also waiting for mutex_1, thread_05
  // will wait for mutex_0, boosting the priority for thread_07 so it should lock mutex_1 first
  // when it is unlocked by thread_08.

  WAIT_FOR_MAIN(wait, done);

  let rv = k_mutex_lock(mutex_0, K_NO_WAIT);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex 0x${changetype<usize>(mutex_0).toString(16)}\n`);
    return;
  }

  WAIT_FOR_MAIN(wait, done);

  rv = k_mutex_lock(mutex_1, K_FOREVER);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex 0x${changetype<usize>(mutex_1).toString(16)}\n`);
    k_mutex_unlock(mutex_0);
    return;
  }

  WAIT_FOR_MAIN(wait, done);

  k_mutex_unlock(mutex_1);
  k_mutex_unlock(mutex_0);
}

/** thread_08 */
function thread_08(p1: usize, p2: usize, p3: usize): void {
  const wait = changetype<k_sem>(p1);
  const done = changetype<k_sem>(p2);

  // Lock mutex_1 and hold until priority has been boosted on thread_07 to ensure that
  // thread_07 is the first to lock mutex_1 when thread_08 unlocks it.

  WAIT_FOR_MAIN(wait, done);

  const rv = k_mutex_lock(mutex_1, K_NO_WAIT);
  if (rv != 0) {
    set_tc_rc(TC_FAIL);
    TC_ERROR(`Failed to take mutex 0x${changetype<usize>(mutex_1).toString(16)}\n`);
    return;
  }

  WAIT_FOR_MAIN(wait, done);

  k_mutex_unlock(mutex_1);
}

function create_participant_threads(): void {
  CREATE_PARTICIPANT_THREAD(5, thread_05, 5);
  CREATE_PARTICIPANT_THREAD(6, thread_06, 6);
  CREATE_PARTICIPANT_THREAD(7, thread_07, 7);
  CREATE_PARTICIPANT_THREAD(8, thread_08, 8);
}

function start_participant_threads(): void {
  START_PARTICIPANT_THREAD(5);
  START_PARTICIPANT_THREAD(6);
  START_PARTICIPANT_THREAD(7);
  START_PARTICIPANT_THREAD(8);
}

function join_participant_threads(): void {
  JOIN_PARTICIPANT_THREAD(5);
  JOIN_PARTICIPANT_THREAD(6);
  JOIN_PARTICIPANT_THREAD(7);
  JOIN_PARTICIPANT_THREAD(8);
}

function owner_name(m: k_mutex): string {
  return m.owner == 0 ? "(none)" : k_thread_name_get(changetype<k_tid_t>(m.owner));
}

const mutex_api = ZTEST_SUITE("mutex_api", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/**
 * Main thread to test mutex locking: orchestrates mutex locking on other threads and verifies
 * that the correct thread is holding mutexes at any given step.
 */
ZTEST(mutex_api, "test_complex_inversion", () => {
  create_participant_threads();
  start_participant_threads();

  /* Wait for all the threads to start up */
  WAIT_FOR_THREAD(8);
  WAIT_FOR_THREAD(7);
  WAIT_FOR_THREAD(6);
  WAIT_FOR_THREAD(5);

  ADVANCE_THREAD(8); /* thread_08 takes mutex_1 */
  zassert_equal<usize>(
    changetype<usize>(tid(8)),
    mutex_1.owner,
    `expected owner ${k_thread_name_get(tid(8))}, not ${owner_name(mutex_1)}\n`,
  );

  ADVANCE_THREAD(7); /* thread_07 takes mutex_0 */
  zassert_equal<usize>(
    changetype<usize>(tid(7)),
    mutex_0.owner,
    `expected owner ${k_thread_name_get(tid(7))}, not ${owner_name(mutex_0)}\n`,
  );

  SIGNAL_THREAD(7); /* thread_07 waits on mutex_1 */
  k_sleep(K_MSEC(100)); /* Give thread_07 some time to wait on mutex_1 */

  SIGNAL_THREAD(6); /* thread_06 waits on mutex_1 */
  k_sleep(K_MSEC(100)); /* Give thread_06 some time to wait on mutex_1 */

  SIGNAL_THREAD(5); /* thread_05 waits on mutex_0, boosting priority of thread_07 */

  SIGNAL_THREAD(8); /* thread_08 gives mutex_1 */

  // If thread_06 erroneously took mutex_1, giving it could cause a crash when
  // CONFIG_WAITQ_SCALABLE is set. Give it a chance to run to make sure this crash isn't hit.
  SIGNAL_THREAD(6);

  WAIT_FOR_THREAD(7); /* thread_07 takes mutex_1 */
  zassert_equal<usize>(
    changetype<usize>(tid(7)),
    mutex_1.owner,
    `expected owner ${k_thread_name_get(tid(7))}, not ${owner_name(mutex_1)}\n`,
  );

  SIGNAL_THREAD(7); /* thread_07 gives mutex_1 then gives mutex_0 */
  WAIT_FOR_THREAD(6); /* thread_06 takes mutex_1 */
  WAIT_FOR_THREAD(5); /* thread_05 takes mutex_0 */
  zassert_equal<usize>(
    changetype<usize>(tid(6)),
    mutex_1.owner,
    `expected owner ${k_thread_name_get(tid(6))}, not ${owner_name(mutex_1)}\n`,
  );
  zassert_equal<usize>(
    changetype<usize>(tid(5)),
    mutex_0.owner,
    `expected owner ${k_thread_name_get(tid(5))}, not ${owner_name(mutex_0)}\n`,
  );

  SIGNAL_THREAD(6); /* thread_06 gives mutex_1 */
  SIGNAL_THREAD(5); /* thread_05 gives mutex_0 */

  zassert_equal<i32>(atomic.load<i32>(tc_rc), TC_PASS);

  join_participant_threads();
});
