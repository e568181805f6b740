// Translation of Zephyr tests/kernel/spinlock/spinlock_api/src/spinlock_error_case.c
// (zephyrproject-rtos/zephyr at 14523ab383426ebb575eb8b52c1799c332b360a7), the newer copy of
// src/spinlock_error_case.c (spinlock_error_case.ts): test_spinlock_no_recursive,
// test_spinlock_unlock_error, test_spinlock_release_error, test_spinlock_lock_time_limit.
// Same locks, assertions and hook (zassert_post_action, with the unlock flag).
// Differences: the hook is registered with zassert_post_action_set() instead of overriding
// zassert_post_action(). Run with spinlock_api_error_case.conf: spinlock_api's prj.conf, with
// CONFIG_SPIN_LOCK_TIME_LIMIT 100,000,000 cycles (100 ms of wasmp's 1 GHz clock) instead of
// 1,000,000,000: the limit applies to every spinlock, kernel ones included, and 100 ms still
// leaves headroom for a virtual CPU that the host deschedules while holding one. The loop
// that holds timeout_lock runs `limit` iterations instead of `limit * 10` (see the test).
// z_spin_lock_time_limit() reads the configured limit (C reads the macro). Static locks are
// K_SPINLOCK_DEFINE(); the key and flags are words in static memory. BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1) becomes a skip on one
// CPU. No CONFIG_USERSPACE: the k_oops() branch for user threads is left out.
import {
  ZTEST_SUITE,
  ZTEST,
  ztest_test_fail,
  ztest_test_pass,
  ztest_test_skip,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  k_spin_release,
  k_spinlock_key_t,
  k_panic,
  printk,
  zassert_post_action_set,
  arch_num_cpus,
  z_spin_lock_time_limit,
} from "wasmp";

const lock = K_SPINLOCK_DEFINE();
const mylock = K_SPINLOCK_DEFINE();
const timeout_lock = K_SPINLOCK_DEFINE();
const spin_i = memory.data(4, 4); // the loop's `volatile int i`
// static k_spinlock_key_t key; volatile bool valid_assert, unlock_after_assert;
const vars = memory.data(12, 4);
function key(): k_spinlock_key_t {
  return atomic.load<u32>(vars, 0);
}
function set_key(k: k_spinlock_key_t): void {
  atomic.store<u32>(vars, k, 0);
}
function valid_assert(): bool {
  return atomic.load<u32>(vars, 4) != 0;
}
function unlock_after_assert(): bool {
  return atomic.load<u32>(vars, 8) != 0;
}

function set_assert_valid(valid: bool, unlock: bool): void {
  atomic.store<u32>(vars, valid ? 1 : 0, 4);
  atomic.store<u32>(vars, unlock ? 1 : 0, 8);
}

function action_after_assert_fail(): void {
  if (unlock_after_assert()) k_spin_unlock(lock, key());
  ztest_test_pass();
}

function zassert_post_action(file: string, line: u32): void {
  printk("Caught an assert.\n");
  if (valid_assert()) {
    atomic.store<u32>(vars, 0, 4); // reset back to normal
    printk("Assert error expected as part of test case.\n");
    // do some action after fatal error happened
    action_after_assert_fail();
  } else {
    printk("Assert failed was unexpected, aborting...\n");
    k_panic();
  }
}
zassert_post_action_set(zassert_post_action);

const spinlock = ZTEST_SUITE("spinlock", null, null, null, null);

function need_smp(): void {
  if (arch_num_cpus() < 2) ztest_test_skip(); // BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1)
}

// Test spinlock cannot be recursive: using a spinlock recursively triggers the assertion.
ZTEST(spinlock, "test_spinlock_no_recursive", () => {
  need_smp();
  set_key(k_spin_lock(lock));
  set_assert_valid(true, true);
  const re = k_spin_lock(lock);
  ztest_test_fail();
});

// Test unlocking incorrect spinlock: k_spin_unlock() of a lock not held triggers the assertion.
ZTEST(spinlock, "test_spinlock_unlock_error", () => {
  need_smp();
  set_key(k_spin_lock(lock));
  set_assert_valid(true, true);
  k_spin_unlock(mylock, key());
  ztest_test_fail();
});

// Test unlocking incorrect spinlock: k_spin_release() of a lock not held triggers the assertion.
ZTEST(spinlock, "test_spinlock_release_error", () => {
  need_smp();
  set_key(k_spin_lock(lock));
  set_assert_valid(true, true);
  k_spin_release(mylock);
  ztest_test_fail();
});

// Test unlocking spinlock held over the time limit: unlocking a spinlock held past the limit
// triggers the assertion.
ZTEST(spinlock, "test_spinlock_lock_time_limit", () => {
  need_smp();
  if (z_spin_lock_time_limit() == 0) {
    // #ifndef CONFIG_SPIN_LOCK_TIME_LIMIT, or 0
    ztest_test_skip();
    return;
  }
  printk("testing lock time limit, limit is " + z_spin_lock_time_limit().toString() + "!\n");
  set_key(k_spin_lock(timeout_lock));
  // Spin here a while, past the limit (in cycles of the 1 GHz system clock; one iteration
  // takes more than one cycle, so the multiplier is 1 instead of 10).
  for (let i: u32 = 0; i < z_spin_lock_time_limit(); i++) atomic.store<u32>(spin_i, i);
  set_assert_valid(true, false);
  k_spin_unlock(timeout_lock, key());
  ztest_test_fail();
});
