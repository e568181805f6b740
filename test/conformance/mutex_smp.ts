// Translation of Zephyr tests/kernel/mutex/mutex_smp/src/main.c (zephyrproject-rtos/zephyr at
// 5c3f51674ed9bf27672d9af4cc305bb0370fa30a): test_cross_cpu_priority_boost, a waiter pinned to
// CPU 0 raising a mutex owner that busy-spins on CPU 1. Same threads, priorities (PRIO_HIGH 1,
// PRIO_LOW 5), pins, 50 ms wait and assertions. Its prj.conf is mutex_smp.conf. Differences:
// - BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1) becomes a skip on one CPU, and
//   CONFIG_MP_MAX_NUM_CPUS=2 of the prj.conf is left out so that the file runs on every CPU
//   count (on 4 CPUs the two other CPUs are free; nothing in the test depends on them).
// - Z_MUTEX_PI_ENABLED is true in wasmp; t_owner.base.prio is the thread's prio.
// - The atomic_t globals are ATOMIC_DEFINE words; the threads are created with K_FOREVER,
//   pinned, then started, as in Zephyr.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  ztest_test_skip,
  arch_num_cpus,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_cpu_pin,
  k_sleep,
  K_MSEC,
  K_FOREVER,
  K_PRIO_PREEMPT,
  K_MUTEX_DEFINE,
  k_mutex_lock,
  k_mutex_unlock,
  K_SEM_DEFINE,
  k_sem_give,
  k_sem_take,
  k_sem_reset,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  atomic_inc,
} from "wasmp";

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum

/* Priority levels */
const PRIO_HIGH = 1;
const PRIO_LOW = 5;

const mutex_a = K_MUTEX_DEFINE();

const sem_owner_running = K_SEM_DEFINE(0, 1);
const sem_done = K_SEM_DEFINE(0, 2);

const owner_spin_count = ATOMIC_DEFINE();
const stop_owner = ATOMIC_DEFINE();

function t_owner_fn(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex_a, K_FOREVER);
  k_sem_give(sem_owner_running);

  // Busy-spin instead of blocking, so this thread is genuinely executing on its own core while
  // t_waiter contends for mutex_a.
  while (atomic_get(stop_owner) == 0) {
    atomic_inc(owner_spin_count);
  }

  k_mutex_unlock(mutex_a);
  k_sem_give(sem_done);
}

function t_waiter_fn(p1: usize, p2: usize, p3: usize): void {
  k_mutex_lock(mutex_a, K_FOREVER);
  k_mutex_unlock(mutex_a);
  k_sem_give(sem_done);
}

const mutex_smp = ZTEST_SUITE("mutex_smp");

/**
 * Verify priority boost reaches an owner actively running on another core: T_owner, pinned to
 * CPU 1, holds mutex_a while busy-spinning; T_waiter, pinned to CPU 0, blocks on mutex_a at a
 * higher priority, which must boost T_owner while it goes on running on CPU 1.
 */
ZTEST(mutex_smp, "test_cross_cpu_priority_boost", () => {
  if (arch_num_cpus() < 2) ztest_test_skip(); // BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1)

  atomic_set(stop_owner, 0);
  atomic_set(owner_spin_count, 0);
  k_sem_reset(sem_owner_running);
  k_sem_reset(sem_done);

  const t_owner = k_thread_create(STACK_SIZE, t_owner_fn, 0, 0, 0, K_PRIO_PREEMPT(PRIO_LOW), 0, K_FOREVER);
  k_thread_cpu_pin(t_owner, 1);
  k_thread_start(t_owner);

  k_sem_take(sem_owner_running, K_FOREVER);
  const spins_before = atomic_get(owner_spin_count);

  const t_waiter = k_thread_create(STACK_SIZE, t_waiter_fn, 0, 0, 0, K_PRIO_PREEMPT(PRIO_HIGH), 0, K_FOREVER);
  k_thread_cpu_pin(t_waiter, 0);
  k_thread_start(t_waiter);

  /* Give the waiter time to block and the boost to land. */
  k_sleep(K_MSEC(50));

  zassert_true(atomic_get(owner_spin_count) > spins_before, "owner thread was not actually running concurrently");
  zassert_equal<i32>(
    t_owner.prio,
    PRIO_HIGH,
    `owner not boosted to waiter's priority while running on another core (got ${t_owner.prio})`,
  );

  atomic_set(stop_owner, 1);

  k_sem_take(sem_done, K_FOREVER);
  k_sem_take(sem_done, K_FOREVER);

  k_thread_join(t_owner, K_FOREVER);
  k_thread_join(t_waiter, K_FOREVER);
});
