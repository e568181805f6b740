// Translation of Zephyr tests/kernel/mutex/mutex_api/src/priority_inheritance_enhanced.c
// (zephyrproject-rtos/zephyr at 86c6f9e1476a833d7cb37aea00de5fcf6e4dc746): the 15 tests of the
// held_mutexes / chain-boost priority inheritance, part of the mutex_api program (mutex_api.ts;
// same prj.conf, mutex_api_priority_inheritance_enhanced.conf), suite mutex_api_1cpu (the other
// CPUs held, ztest_simple_1cpu_before/after). Same threads, priorities (PRIO_HIGH 1, PRIO_MID 3,
// PRIO_LOW 5, PRIO_ORIG 7), waits (10 ms, TIMEOUT_MS 200 ms), chain of
// TEST_CHAIN_WALK_MAX_HOPS + 2 threads and assertions. Differences:
// - Tests are registered in the order Zephyr runs them (sorted by name); in Zephyr they share
//   the suite with test_mutex_apis.c's mutex_api_1cpu tests, interleaved by name.
// - Z_MUTEX_PI_ENABLED is true in wasmp (CONFIG_PRIORITY_CEILING is Zephyr's default), so the
//   #if Z_MUTEX_PI_ENABLED branches are the ones translated. thread.base.prio is thread.prio;
//   held_mutexes / mutex_pended_on / held_node are the k_thread and k_mutex fields of the same
//   names (the list is walked through k_mutex.held_node, as SYS_SLIST_FOR_EACH_NODE does).
// - Static kernel objects are K_MUTEX_DEFINE / K_SEM_DEFINE; `static struct k_mutex
//   mutex_hops[N]` and the chain_link_args records are static memory; a `static k_timeout_t`
//   passed by pointer is an i64 in static memory. Threads are k_thread_create'd; their handles
//   are words in static memory.
// - CONFIG_MUTEX_DEADLOCK_DETECT: the program's prj.conf does not set it. CI also runs this file
//   with `--set CONFIG_MUTEX_DEADLOCK_DETECT=y`, where the two no-false-deadlock tests check
//   that the detection does not fire on a cycle that a finite timeout ends.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  zassert_not_equal,
  zassert_is_null,
  k_thread_create,
  k_thread_join,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_tid_t,
  k_thread_entry_t,
  k_sleep,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  EBUSY,
  k_timeout_t,
  k_mutex,
  K_MUTEX_DEFINE,
  SIZEOF_K_MUTEX,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  K_SEM_DEFINE,
  k_sem_give,
  k_sem_take,
  k_sem_reset,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
} from "wasmp";

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum
const TIMEOUT_MS = 200;

/* Priority levels */
const PRIO_HIGH = 1;
const PRIO_MID = 3;
const PRIO_LOW = 5;
const PRIO_ORIG = 7; /* original priority of the owner thread */

/** Mirrors kernel/mutex.c's private MUTEX_CHAIN_WALK_MAX_HOPS. */
const TEST_CHAIN_WALK_MAX_HOPS = 16;
const NUM_HOP_THREADS = TEST_CHAIN_WALK_MAX_HOPS + 2;

/* Shared mutexes */
const mutex_a = K_MUTEX_DEFINE();
const mutex_b = K_MUTEX_DEFINE();
const mutex_c = K_MUTEX_DEFINE();

/* Semaphores for thread synchronization */
const sem_low_ready = K_SEM_DEFINE(0, 1);
const sem_med_ready = K_SEM_DEFINE(0, 1);
const sem_low_go = K_SEM_DEFINE(0, 1);
const sem_done = K_SEM_DEFINE(0, NUM_HOP_THREADS + 1);
const sem_ready = K_SEM_DEFINE(0, NUM_HOP_THREADS + 1);

/** static struct k_mutex mutex_hops[NUM_HOP_THREADS] (zeroed static memory). */
const mutex_hops_mem = memory.data(<i32>SIZEOF_K_MUTEX * NUM_HOP_THREADS, 16);
function mutex_hops(i: i32): k_mutex {
  return changetype<k_mutex>(mutex_hops_mem + <usize>i * SIZEOF_K_MUTEX);
}

/** static struct k_thread t_low, t_med, t_high, t_extra; t_hops[NUM_HOP_THREADS]. */
const threads = memory.data(4 * (4 + NUM_HOP_THREADS), 4);
const T_LOW = 0;
const T_MED = 1;
const T_HIGH = 2;
const T_EXTRA = 3;
function T_HOPS(i: i32): i32 {
  return 4 + i;
}
function th(slot: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(threads + 4 * slot));
}
function create(slot: i32, entry: k_thread_entry_t, p1: usize, prio: i32): void {
  atomic.store<u32>(
    threads + 4 * slot,
    <u32>changetype<usize>(k_thread_create(STACK_SIZE, entry, p1, 0, 0, prio, 0, K_NO_WAIT)),
  );
}

/** `static k_timeout_t timeout = K_MSEC(ms)`: the i64 at `p` (static memory), passed by address. */
function static_timeout(p: usize, ms: i32): usize {
  store<i64>(p, K_MSEC(ms));
  return p;
}

/** struct chain_link_args { hold_mutex, wait_mutex, timeout }: 16 bytes of static memory. */
// @ts-ignore: decorator
@inline const CHAIN_LINK_ARGS_SIZE: usize = 16;
function set_args(a: usize, hold_mutex: k_mutex, wait_mutex: k_mutex, timeout: k_timeout_t): void {
  store<u32>(a, <u32>changetype<usize>(hold_mutex));
  store<u32>(a + 4, <u32>changetype<usize>(wait_mutex));
  store<i64>(a + 8, timeout);
}

/** Times `m` appears in `t`'s held_mutexes list (SYS_SLIST_FOR_EACH_NODE + CONTAINER_OF). */
function held_count(t: k_tid_t, m: k_mutex): i32 {
  let count = 0;
  for (let node = t.held_mutexes; node != 0; node = changetype<k_mutex>(node).held_node) {
    if (node == changetype<usize>(m)) count++;
  }
  return count;
}

function t_low_chain(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex_a, K_FOREVER);
  k_sem_give(sem_low_ready);
  k_sem_take(sem_low_go, K_FOREVER);
  k_mutex_unlock(mutex_a);
  k_sem_give(sem_done);
}

function t_med_chain(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex_b, K_FOREVER);
  k_sem_give(sem_med_ready);
  k_mutex_lock(mutex_a, K_FOREVER);
  k_mutex_unlock(mutex_a);
  k_mutex_unlock(mutex_b);
  k_sem_give(sem_done);
}

function t_waiter(p1: usize, p2: usize, p3: usize): void {
  const m = changetype<k_mutex>(p1);

  k_mutex_lock(m, K_FOREVER);
  k_mutex_unlock(m);
  k_sem_give(sem_done);
}

function t_timeout_waiter(p1: usize, p2: usize, p3: usize): void {
  const m = changetype<k_mutex>(p1);
  const timeout = load<i64>(p2);

  k_mutex_lock(m, timeout);
  k_sem_give(sem_done);
}

function t_timeout_waiter_create(slot: i32, m: k_mutex, timeout: usize, prio: i32): void {
  atomic.store<u32>(
    threads + 4 * slot,
    <u32>(
      changetype<usize>(
        k_thread_create(STACK_SIZE, t_timeout_waiter, changetype<usize>(m), timeout, 0, prio, 0, K_NO_WAIT),
      )
    ),
  );
}

function t_hold_mutex(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex_a, K_FOREVER);
  k_sem_give(sem_low_ready);
  k_sem_take(sem_low_go, K_FOREVER);
  k_mutex_unlock(mutex_a);
  k_sem_give(sem_done);
}

function t_hold_mutex_b_timeout(p1: usize, p2: usize, p3: usize): void {
  const to = load<i64>(p1);

  k_mutex_lock(mutex_b, K_FOREVER);
  k_sem_give(sem_low_ready);
  const ret = k_mutex_lock(mutex_a, to);
  if (ret == 0) {
    k_mutex_unlock(mutex_a);
  }
  k_mutex_unlock(mutex_b);
  k_sem_give(sem_done);
}

/*
 * Generic two-mutex chain link: locks *hold_mutex, signals ready, then blocks on *wait_mutex
 * with the given timeout.
 */
function t_chain_link(p1: usize, p2: usize, p3: usize): void {
  const hold_mutex = changetype<k_mutex>(load<u32>(p1));
  const wait_mutex = changetype<k_mutex>(load<u32>(p1 + 4));
  const timeout = load<i64>(p1 + 8);

  k_mutex_lock(hold_mutex, K_FOREVER);
  k_sem_give(sem_ready);
  if (k_mutex_lock(wait_mutex, timeout) == 0) {
    k_mutex_unlock(wait_mutex);
  }
  k_mutex_unlock(hold_mutex);
  k_sem_give(sem_done);
}

function t_hop_anchor(p1: usize, p2: usize, p3: usize): void {
  const m = changetype<k_mutex>(p1);

  k_mutex_lock(m, K_FOREVER);
  k_sem_give(sem_ready);
  k_sem_take(sem_low_go, K_FOREVER);
  k_mutex_unlock(m);
  k_sem_give(sem_done);
}

function t_handoff_new_owner(p1: usize, p2: usize, p3: usize): void {
  /* Already holds mutex_b when it becomes the new owner of mutex_a. */
  k_mutex_lock(mutex_b, K_FOREVER);
  k_sem_give(sem_low_ready);
  k_sem_take(sem_low_go, K_FOREVER);
  k_mutex_lock(mutex_a, K_FOREVER);
  /* Hold both mutexes until the test has inspected held_mutexes. */
  k_sem_give(sem_ready);
  k_sem_take(sem_low_go, K_FOREVER);
  k_mutex_unlock(mutex_a);
  k_mutex_unlock(mutex_b);
  k_sem_give(sem_done);
}

const timeout_pended_on = static_timeout(memory.data(8, 8), TIMEOUT_MS); // test_mutex_pended_on_cleared_on_timeout
const timeout_multi_down = static_timeout(memory.data(8, 8), TIMEOUT_MS); // test_timeout_multi_mutex_priority_down
const b_timeout = static_timeout(memory.data(8, 8), 200); // test_no_false_deadlock_finite_timeout_cycle
const b_args = memory.data(<i32>CHAIN_LINK_ARGS_SIZE, 8);
const c_args = memory.data(<i32>CHAIN_LINK_ARGS_SIZE, 8);
const hop_args = memory.data(<i32>CHAIN_LINK_ARGS_SIZE * NUM_HOP_THREADS, 8);
const t2_args = memory.data(<i32>CHAIN_LINK_ARGS_SIZE, 8);
const t3_args = memory.data(<i32>CHAIN_LINK_ARGS_SIZE, 8);

const mutex_api_1cpu = ZTEST_SUITE("mutex_api_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/**
 * Verify chain priority boost correctness through 3 hops / 4 threads: T1 holds m1, T2 holds m2
 * and pends on m1, T3 holds m3 and pends on m2, T4 (highest) pends on m3: T3, T2 and T1 are all
 * raised.
 */
ZTEST(mutex_api_1cpu, "test_chain_boost_3hops_4threads", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_mutex_init(mutex_c);
  k_sem_reset(sem_ready);
  k_sem_reset(sem_low_go);
  k_sem_reset(sem_done);

  /* T1 (t_low) locks m1 and waits to be released. */
  create(T_LOW, t_hold_mutex, 0, K_PRIO_PREEMPT(PRIO_LOW));
  k_sem_take(sem_low_ready, K_FOREVER);

  /* T2 (t_med) locks m2, then blocks K_FOREVER on m1. */
  set_args(t2_args, mutex_b, mutex_a, K_FOREVER);
  create(T_MED, t_chain_link, t2_args, K_PRIO_PREEMPT(PRIO_MID));
  k_sem_take(sem_ready, K_FOREVER);
  k_sleep(K_MSEC(10));

  /* T3 (t_extra) locks m3, then blocks K_FOREVER on m2. */
  set_args(t3_args, mutex_c, mutex_b, K_FOREVER);
  create(T_EXTRA, t_chain_link, t3_args, K_PRIO_PREEMPT(PRIO_MID + 1));
  k_sem_take(sem_ready, K_FOREVER);
  k_sleep(K_MSEC(10));

  /* T4 (t_high) blocks on m3, the deepest link in the chain. */
  create(T_HIGH, t_waiter, changetype<usize>(mutex_c), K_PRIO_PREEMPT(PRIO_HIGH));
  k_sleep(K_MSEC(10));

  zassert_equal<i32>(th(T_EXTRA).prio, PRIO_HIGH, `T3 (hop 1) not boosted to PRIO_HIGH, got ${th(T_EXTRA).prio}`);
  zassert_equal<i32>(th(T_MED).prio, PRIO_HIGH, `T2 (hop 2) not boosted to PRIO_HIGH, got ${th(T_MED).prio}`);
  zassert_equal<i32>(th(T_LOW).prio, PRIO_HIGH, `T1 (hop 3) not boosted to PRIO_HIGH, got ${th(T_LOW).prio}`);

  k_sem_give(sem_low_go);

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);

  k_thread_join(th(T_LOW), K_FOREVER);
  k_thread_join(th(T_MED), K_FOREVER);
  k_thread_join(th(T_EXTRA), K_FOREVER);
  k_thread_join(th(T_HIGH), K_FOREVER);
});

/**
 * Verify chain priority boost propagates through 3 threads: T_low holds mutex_a, T_med holds
 * mutex_b and pends on mutex_a, T_high pends on mutex_b: T_low is raised to T_high's priority.
 */
ZTEST(mutex_api_1cpu, "test_chain_boost_3threads", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_low_ready);
  k_sem_reset(sem_med_ready);
  k_sem_reset(sem_low_go);
  k_sem_reset(sem_done);

  create(T_LOW, t_low_chain, 0, K_PRIO_PREEMPT(PRIO_LOW));

  k_sem_take(sem_low_ready, K_FOREVER);

  create(T_MED, t_med_chain, 0, K_PRIO_PREEMPT(PRIO_MID));

  k_sem_take(sem_med_ready, K_FOREVER);

  /* T_med is now pending on mutex_a; T_low has been boosted to PRIO_MID */

  create(T_HIGH, t_waiter, changetype<usize>(mutex_b), K_PRIO_PREEMPT(PRIO_HIGH));

  k_sleep(K_MSEC(10));

  zassert_equal<i32>(th(T_LOW).prio, PRIO_HIGH, `T_low not boosted to PRIO_HIGH via chain (got ${th(T_LOW).prio})`);
  zassert_equal<i32>(th(T_MED).prio, PRIO_HIGH, `T_med not boosted to PRIO_HIGH (got ${th(T_MED).prio})`);

  k_sem_give(sem_low_go);

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);

  k_thread_join(th(T_LOW), K_FOREVER);
  k_thread_join(th(T_MED), K_FOREVER);
  k_thread_join(th(T_HIGH), K_FOREVER);
});

/**
 * Verify the chain walk hop cap truncates a long equal-priority chain: thread i holds
 * mutex_hops[i] and blocks on mutex_hops[i - 1]; a highest-priority waiter on the last mutex
 * raises the TEST_CHAIN_WALK_MAX_HOPS nearest owners, not thread 0.
 */
ZTEST(mutex_api_1cpu, "test_chain_walk_hop_cap_truncates", () => {
  k_sem_reset(sem_ready);
  k_sem_reset(sem_low_go);
  k_sem_reset(sem_done);

  for (let i = 0; i < NUM_HOP_THREADS; i++) {
    k_mutex_init(mutex_hops(i));
  }

  // Thread 0 holds mutex_hops[0] and parks on sem_low_go (the fixed anchor at the deep end of
  // the chain). Thread i (i > 0) holds mutex_hops[i] and blocks K_FOREVER on mutex_hops[i - 1].
  // Threads are created from index 0 upward so each one's wait_mutex is already owned.
  create(T_HOPS(0), t_hop_anchor, changetype<usize>(mutex_hops(0)), K_PRIO_PREEMPT(PRIO_LOW));
  k_sem_take(sem_ready, K_FOREVER);

  for (let i = 1; i < NUM_HOP_THREADS; i++) {
    const a = hop_args + <usize>i * CHAIN_LINK_ARGS_SIZE;
    set_args(a, mutex_hops(i), mutex_hops(i - 1), K_FOREVER);

    create(T_HOPS(i), t_chain_link, a, K_PRIO_PREEMPT(PRIO_LOW));
    k_sem_take(sem_ready, K_FOREVER);
    k_sleep(K_MSEC(5));
  }

  // Highest-priority waiter blocks on the last mutex in the chain. The chain walk boosts
  // owners starting there and working back towards index 0, capped at
  // TEST_CHAIN_WALK_MAX_HOPS hops.
  create(T_HIGH, t_waiter, changetype<usize>(mutex_hops(NUM_HOP_THREADS - 1)), K_PRIO_PREEMPT(PRIO_HIGH));

  k_sleep(K_MSEC(10));

  // Index NUM_HOP_THREADS - 1 is hop 0; each step back towards index 0 consumes one more hop.
  // Indices within TEST_CHAIN_WALK_MAX_HOPS of the start must be boosted; thread 0 must not be.
  for (let i = NUM_HOP_THREADS - 1; i > NUM_HOP_THREADS - 1 - TEST_CHAIN_WALK_MAX_HOPS; i--) {
    zassert_equal<i32>(
      th(T_HOPS(i)).prio,
      PRIO_HIGH,
      `thread ${i} within hop cap not boosted (got ${th(T_HOPS(i)).prio})`,
    );
  }

  zassert_not_equal<i32>(th(T_HOPS(0)).prio, PRIO_HIGH, "thread 0 beyond hop cap should not be boosted");

  // Unwind from the anchor: releasing sem_low_go lets thread 0 unlock mutex_hops[0], which lets
  // thread 1 acquire it and exit, and so on up the chain.
  k_sem_give(sem_low_go);

  for (let i = 0; i < NUM_HOP_THREADS; i++) {
    k_sem_take(sem_done, K_FOREVER);
    k_thread_join(th(T_HOPS(i)), K_FOREVER);
  }
  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_HIGH), K_FOREVER);
});

/**
 * Verify handoff to a new owner that already holds another mutex: held_mutexes ends up with
 * both mutex_a and mutex_b linked.
 */
ZTEST(mutex_api_1cpu, "test_handoff_to_owner_already_holding_another_mutex", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_low_ready);
  k_sem_reset(sem_low_go);
  k_sem_reset(sem_ready);
  k_sem_reset(sem_done);

  k_mutex_lock(mutex_a, K_FOREVER);

  create(T_LOW, t_handoff_new_owner, 0, K_PRIO_PREEMPT(PRIO_HIGH));

  /* T_new locks mutex_b, then blocks waiting on mutex_a. */
  k_sem_take(sem_low_ready, K_FOREVER);
  k_sem_give(sem_low_go);
  k_sleep(K_MSEC(10));

  /* Handoff: unlocking mutex_a transfers ownership to T_new. */
  k_mutex_unlock(mutex_a);

  /* Wait until T_new has acquired mutex_a and is holding both. */
  k_sem_take(sem_ready, K_FOREVER);

  const count_a = held_count(th(T_LOW), mutex_a);
  const count_b = held_count(th(T_LOW), mutex_b);

  zassert_equal<i32>(count_a, 1, "mutex_a missing from new owner's held_mutexes after handoff");
  zassert_equal<i32>(count_b, 1, "mutex_b (already held) lost from held_mutexes after handoff");

  /* Let T_new release both mutexes and exit. */
  k_sem_give(sem_low_go);
  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_LOW), K_FOREVER);
});

/**
 * Verify held_mutexes scan picks the true max across 2+ live entries: the owner holds mutex_a
 * and mutex_b with waiters of different priorities on both.
 */
ZTEST(mutex_api_1cpu, "test_held_mutexes_highest_waiter_scans_all_entries", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  k_mutex_lock(mutex_a, K_FOREVER);
  k_mutex_lock(mutex_b, K_FOREVER);

  /* Lower-priority waiter goes on mutex_a first. */
  create(T_LOW, t_waiter, changetype<usize>(mutex_a), K_PRIO_PREEMPT(PRIO_MID));
  k_sleep(K_MSEC(10));

  // Higher-priority waiter goes on mutex_b second, while mutex_a's waiter is still pending --
  // both entries are now live at once.
  create(T_MED, t_waiter, changetype<usize>(mutex_b), K_PRIO_PREEMPT(PRIO_HIGH));
  k_sleep(K_MSEC(10));

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_HIGH,
    `owner should be boosted to PRIO_HIGH (mutex_b's waiter), got ${k_thread_priority_get(k_current_get())}`,
  );

  // Unlock mutex_b (the higher-priority waiter's mutex) first. The scan of remaining held
  // mutexes must still find mutex_a's PRIO_MID waiter, not fall through to orig_prio.
  k_mutex_unlock(mutex_b);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_MID,
    `owner should drop to PRIO_MID (mutex_a's waiter), got ${k_thread_priority_get(k_current_get())}`,
  );

  k_mutex_unlock(mutex_a);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_ORIG,
    `owner should fully restore to PRIO_ORIG, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_LOW), K_FOREVER);
  k_thread_join(th(T_MED), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});

/**
 * Verify held_mutexes list integrity and ownership handoff: added on first lock, transferred to
 * the new owner's list on unlock handoff, removed after the final unlock.
 */
ZTEST(mutex_api_1cpu, "test_held_mutexes_list_and_handoff", () => {
  k_mutex_init(mutex_a);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  k_mutex_lock(mutex_a, K_FOREVER);
  zassert_false(k_current_get().held_mutexes == 0, "held_mutexes empty after locking mutex_a");

  // Use a lower-priority waiter so main is not preempted on unlock, allowing the held_mutexes
  // check before the waiter runs.
  create(T_LOW, t_waiter, changetype<usize>(mutex_a), K_PRIO_PREEMPT(PRIO_ORIG + 1));

  k_sleep(K_MSEC(10));

  k_mutex_unlock(mutex_a);

  zassert_true(k_current_get().held_mutexes == 0, "held_mutexes not empty after unlocking mutex_a");

  zassert_false(th(T_LOW).held_mutexes == 0, "new owner's held_mutexes empty after handoff");

  k_sem_take(sem_done, K_FOREVER);

  zassert_true(th(T_LOW).held_mutexes == 0, "new owner's held_mutexes not empty after final unlock");

  k_thread_join(th(T_LOW), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});

/**
 * Verify priority drops correctly when unlocking one of multiple held mutexes: after unlocking
 * mutex_a the owner runs at mutex_b's waiter's priority, after mutex_b at its own.
 */
ZTEST(mutex_api_1cpu, "test_multi_mutex_partial_unlock_priority", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  k_mutex_lock(mutex_a, K_FOREVER);
  k_mutex_lock(mutex_b, K_FOREVER);

  create(T_LOW, t_waiter, changetype<usize>(mutex_a), K_PRIO_PREEMPT(PRIO_HIGH));

  create(T_MED, t_waiter, changetype<usize>(mutex_b), K_PRIO_PREEMPT(PRIO_MID));

  k_sleep(K_MSEC(10));

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_HIGH,
    `Expected boost to PRIO_HIGH, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_mutex_unlock(mutex_a);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_MID,
    `After unlocking mutex_a, expected prio PRIO_MID, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_mutex_unlock(mutex_b);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_ORIG,
    `After unlocking all mutexes, expected prio PRIO_ORIG, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);

  k_thread_join(th(T_LOW), K_FOREVER);
  k_thread_join(th(T_MED), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});

/** Verify mutex_pended_on is NULL after lock is granted. */
ZTEST(mutex_api_1cpu, "test_mutex_pended_on_cleared_on_grant", () => {
  k_mutex_init(mutex_a);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  k_mutex_lock(mutex_a, K_FOREVER);

  create(T_LOW, t_waiter, changetype<usize>(mutex_a), K_PRIO_PREEMPT(PRIO_HIGH));

  k_sleep(K_MSEC(10));

  k_mutex_unlock(mutex_a);

  k_sleep(K_MSEC(10));

  zassert_is_null(th(T_LOW).mutex_pended_on, "mutex_pended_on not cleared after lock granted");

  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_LOW), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});

/** Verify mutex_pended_on is NULL after timeout. */
ZTEST(mutex_api_1cpu, "test_mutex_pended_on_cleared_on_timeout", () => {
  k_mutex_init(mutex_a);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  k_mutex_lock(mutex_a, K_FOREVER);

  t_timeout_waiter_create(T_LOW, mutex_a, timeout_pended_on, K_PRIO_PREEMPT(PRIO_HIGH));

  k_sem_take(sem_done, K_FOREVER);

  zassert_is_null(th(T_LOW).mutex_pended_on, "mutex_pended_on not cleared after timeout");

  k_mutex_unlock(mutex_a);
  k_thread_join(th(T_LOW), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});

/**
 * Verify no false-positive deadlock when a cycle member has a finite timeout: A holds m1 and
 * waits on m2 forever, B holds m2 and waits on m1 for 200 ms; A gets m2 once B times out.
 */
ZTEST(mutex_api_1cpu, "test_no_false_deadlock_finite_timeout_cycle", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_low_ready);
  k_sem_reset(sem_done);

  const saved_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  /* A (main) locks m1 */
  k_mutex_lock(mutex_a, K_FOREVER);

  /* B locks m2, then tries to lock m1 with finite timeout */
  create(T_LOW, t_hold_mutex_b_timeout, b_timeout, K_PRIO_PREEMPT(PRIO_MID));

  /* Wait for B to hold m2 */
  k_sem_take(sem_low_ready, K_FOREVER);
  k_sleep(K_MSEC(10));

  // A now tries to lock m2 with K_FOREVER. This forms a cycle A->m2->B->m1->A, but B has a
  // finite timeout, so it is NOT a true deadlock. No assertion must fire.
  const ret = k_mutex_lock(mutex_b, K_FOREVER);
  zassert_equal<i32>(ret, 0, `A should acquire m2 after B times out, got ${ret}`);

  k_mutex_unlock(mutex_b);
  k_mutex_unlock(mutex_a);

  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_LOW), K_FOREVER);

  k_thread_priority_set(k_current_get(), saved_prio);
});

/**
 * Verify no false deadlock when a non-closing hop has a finite timeout: A->m2->B->m3->C->m1->A
 * with B waiting forever and C (the closing hop) a finite time.
 */
ZTEST(mutex_api_1cpu, "test_no_false_deadlock_intermediate_hop_finite_timeout", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_mutex_init(mutex_c);
  k_sem_reset(sem_ready);
  k_sem_reset(sem_done);

  const saved_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  /* A (main) locks m1 */
  k_mutex_lock(mutex_a, K_FOREVER);

  /* B locks m2, then waits K_FOREVER on m3 */
  set_args(b_args, mutex_b, mutex_c, K_FOREVER);
  create(T_LOW, t_chain_link, b_args, K_PRIO_PREEMPT(PRIO_MID));
  k_sem_take(sem_ready, K_FOREVER);
  k_sleep(K_MSEC(10));

  /* C locks m3, then waits a finite timeout on m1 (owned by A) */
  set_args(c_args, mutex_c, mutex_a, K_MSEC(TIMEOUT_MS));
  create(T_EXTRA, t_chain_link, c_args, K_PRIO_PREEMPT(PRIO_LOW));
  k_sem_take(sem_ready, K_FOREVER);
  k_sleep(K_MSEC(10));

  // A now tries to lock m2 with K_FOREVER, closing the cycle A->m2->B->m3->C->m1->A. C has a
  // finite timeout, so no assert must fire. C eventually times out on m1, releases m3, and B's
  // wait on m3 (and A's wait on m2) both resolve.
  const ret = k_mutex_lock(mutex_b, K_FOREVER);
  zassert_equal<i32>(ret, 0, `A should acquire m2 once C times out, got ${ret}`);

  k_mutex_unlock(mutex_b);
  k_mutex_unlock(mutex_a);

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_LOW), K_FOREVER);
  k_thread_join(th(T_EXTRA), K_FOREVER);

  k_thread_priority_set(k_current_get(), saved_prio);
});

/**
 * Verify K_NO_WAIT on a contended mutex has no side effects: -EBUSY, no boost, no held_mutexes
 * entry, no mutex_pended_on.
 */
ZTEST(mutex_api_1cpu, "test_no_wait_no_boost_no_list", () => {
  k_mutex_init(mutex_a);
  k_sem_reset(sem_low_ready);
  k_sem_reset(sem_low_go);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_HIGH));

  create(T_LOW, t_hold_mutex, 0, K_PRIO_PREEMPT(PRIO_LOW));

  k_sem_take(sem_low_ready, K_FOREVER);

  const owner_prio_before = k_thread_priority_get(th(T_LOW));

  const ret = k_mutex_lock(mutex_a, K_NO_WAIT);

  zassert_equal<i32>(ret, -EBUSY, `K_NO_WAIT on contended mutex should return -EBUSY, got ${ret}`);

  zassert_equal<i32>(
    k_thread_priority_get(th(T_LOW)),
    owner_prio_before,
    "Owner priority changed after K_NO_WAIT attempt",
  );

  zassert_true(k_current_get().held_mutexes == 0, "held_mutexes modified by K_NO_WAIT attempt");

  zassert_is_null(k_current_get().mutex_pended_on, "mutex_pended_on set by K_NO_WAIT attempt");

  k_sem_give(sem_low_go);
  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_LOW), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});

/**
 * Verify the orig_prio floor is correct when the thread is already boosted at the time it
 * acquires a second mutex: T (7) locks m1, W1 (3) pends on it (T -> 3), T locks m2, W2 (1)
 * pends on it (T -> 1); unlocking m1 keeps T at 1, unlocking m2 drops it to 7, not 3.
 */
ZTEST(mutex_api_1cpu, "test_orig_prio_floor_when_boosted_at_second_lock", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_done);

  const saved_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  /* T locks m1 */
  k_mutex_lock(mutex_a, K_FOREVER);

  /* W1 (prio 3) pends on m1 — boosts T to 3 */
  create(T_LOW, t_waiter, changetype<usize>(mutex_a), K_PRIO_PREEMPT(PRIO_MID));
  k_sleep(K_MSEC(10));

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_MID,
    `T should be boosted to PRIO_MID by W1, got ${k_thread_priority_get(k_current_get())}`,
  );

  /* T locks m2 while already boosted to PRIO_MID */
  k_mutex_lock(mutex_b, K_FOREVER);

  /* W2 (prio 1) pends on m2 — boosts T to 1 */
  create(T_MED, t_waiter, changetype<usize>(mutex_b), K_PRIO_PREEMPT(PRIO_HIGH));
  k_sleep(K_MSEC(10));

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_HIGH,
    `T should be boosted to PRIO_HIGH by W2, got ${k_thread_priority_get(k_current_get())}`,
  );

  /* T unlocks m1 first (non-LIFO) — must drop to PRIO_HIGH, not PRIO_ORIG */
  k_mutex_unlock(mutex_a);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_HIGH,
    `After unlocking m1, T should stay at PRIO_HIGH (m2 still has W2), got ${k_thread_priority_get(k_current_get())}`,
  );

  /* T unlocks m2 — must drop to PRIO_ORIG (7), not PRIO_MID (3) */
  k_mutex_unlock(mutex_b);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_ORIG,
    `After unlocking m2, T should drop to PRIO_ORIG, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);

  k_thread_join(th(T_LOW), K_FOREVER);
  k_thread_join(th(T_MED), K_FOREVER);

  k_thread_priority_set(k_current_get(), saved_prio);
});

/**
 * Verify recursive lock does not add mutex twice to held_mutexes: it appears exactly once
 * whatever the recursion depth, and is removed on the final unlock.
 */
ZTEST(mutex_api_1cpu, "test_recursive_held_mutexes_single_entry", () => {
  k_mutex_init(mutex_a);

  k_mutex_lock(mutex_a, K_FOREVER);
  let count = held_count(k_current_get(), mutex_a);
  zassert_equal<i32>(count, 1, `mutex_a should appear once after first lock, got ${count}`);

  k_mutex_lock(mutex_a, K_FOREVER);
  count = held_count(k_current_get(), mutex_a);
  zassert_equal<i32>(count, 1, `mutex_a should appear once after recursive lock, got ${count}`);

  k_mutex_unlock(mutex_a);
  count = held_count(k_current_get(), mutex_a);
  zassert_equal<i32>(count, 1, `mutex_a should still be in list after first unlock, got ${count}`);

  k_mutex_unlock(mutex_a);
  count = held_count(k_current_get(), mutex_a);
  zassert_equal<i32>(count, 0, `mutex_a should be removed after final unlock, got ${count}`);
});

/**
 * Verify timeout priority-down scans all held mutexes: the owner holds mutex_a and mutex_b;
 * T_high times out on mutex_a, T_mid waits on mutex_b: the owner drops to T_mid's priority.
 */
ZTEST(mutex_api_1cpu, "test_timeout_multi_mutex_priority_down", () => {
  k_mutex_init(mutex_a);
  k_mutex_init(mutex_b);
  k_sem_reset(sem_done);

  const orig_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(PRIO_ORIG));

  k_mutex_lock(mutex_a, K_FOREVER);
  k_mutex_lock(mutex_b, K_FOREVER);

  t_timeout_waiter_create(T_HIGH, mutex_a, timeout_multi_down, K_PRIO_PREEMPT(PRIO_HIGH));

  create(T_MED, t_waiter, changetype<usize>(mutex_b), K_PRIO_PREEMPT(PRIO_MID));

  k_sem_take(sem_done, K_FOREVER);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_MID,
    `After T_high timeout, expected prio PRIO_MID, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_mutex_unlock(mutex_b);

  zassert_equal<i32>(
    k_thread_priority_get(k_current_get()),
    PRIO_ORIG,
    `After releasing mutex_b, expected prio PRIO_ORIG, got ${k_thread_priority_get(k_current_get())}`,
  );

  k_mutex_unlock(mutex_a);

  k_sem_take(sem_done, K_FOREVER);
  k_thread_join(th(T_HIGH), K_FOREVER);
  k_thread_join(th(T_MED), K_FOREVER);

  k_thread_priority_set(k_current_get(), orig_prio);
});
