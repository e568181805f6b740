// Translation of Zephyr tests/kernel/spinlock/src/spinlock_error_case.c (zephyrproject-rtos/zephyr
// at 00cafdabf37376406fa823c0675304c9513b64a3): test_spinlock_no_recursive,
// test_spinlock_unlock_error, test_spinlock_release_error. Same locks, assertions and hook.
// Differences: Zephyr overrides the weak assert_post_action(); here the hook is registered with
// assert_post_action_set() at top level. Static `struct k_spinlock` objects are
// K_SPINLOCK_DEFINE(); `static k_spinlock_key_t key` and `volatile bool valid_assert` are
// words in static memory (shared by every CPU). BUILD_ASSERT(CONFIG_MP_NUM_CPUS > 1) becomes a
// skip on one CPU. No CONFIG_USERSPACE: the k_oops() branch for user threads is left out.
// wasmp reports the validation failures with its own messages (e.g. "Unlock of a spinlock
// that is not held") where Zephyr prints "Not my spinlock %p".
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
  assert_post_action_set,
  arch_num_cpus,
} from "wasmp";

const lock = K_SPINLOCK_DEFINE();
const mylock = K_SPINLOCK_DEFINE();
// static k_spinlock_key_t key; static volatile bool valid_assert;
const vars = memory.data(8, 4);
function key(): k_spinlock_key_t {
  return atomic.load<u32>(vars, 0);
}
function set_key(k: k_spinlock_key_t): void {
  atomic.store<u32>(vars, k, 0);
}

function set_assert_valid(valid: bool): void {
  atomic.store<u32>(vars, valid ? 1 : 0, 4);
}
function valid_assert(): bool {
  return atomic.load<u32>(vars, 4) != 0;
}

function action_after_assert_fail(): void {
  k_spin_unlock(lock, key());
  ztest_test_pass();
}

function assert_post_action(file: string, line: u32): void {
  printk("Caught an assert.\n");
  if (valid_assert()) {
    set_assert_valid(false); // reset back to normal
    printk("Assert error expected as part of test case.\n");
    // do some action after fatal error happened
    action_after_assert_fail();
  } else {
    printk("Assert failed was unexpected, aborting...\n");
    k_panic();
  }
}
assert_post_action_set(assert_post_action);

const spinlock = ZTEST_SUITE("spinlock", null, null, null, null);

function need_smp(): void {
  if (arch_num_cpus() < 2) ztest_test_skip(); // BUILD_ASSERT(CONFIG_MP_NUM_CPUS > 1)
}

// Test spinlock cannot be recursive: using a spinlock recursively triggers the assertion.
ZTEST(spinlock, "test_spinlock_no_recursive", () => {
  need_smp();
  set_key(k_spin_lock(lock));
  set_assert_valid(true);
  const re = k_spin_lock(lock);
  ztest_test_fail();
});

// Test unlocking incorrect spinlock: k_spin_unlock() of a lock not held triggers the assertion.
ZTEST(spinlock, "test_spinlock_unlock_error", () => {
  need_smp();
  set_key(k_spin_lock(lock));
  set_assert_valid(true);
  k_spin_unlock(mylock, key());
  ztest_test_fail();
});

// Test unlocking incorrect spinlock: k_spin_release() of a lock not held triggers the assertion.
ZTEST(spinlock, "test_spinlock_release_error", () => {
  need_smp();
  set_key(k_spin_lock(lock));
  set_assert_valid(true);
  k_spin_release(mylock);
  ztest_test_fail();
});
