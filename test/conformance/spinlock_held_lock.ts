// Translation of Zephyr tests/kernel/spinlock/spinlock_held_lock/src/main.c
// (zephyrproject-rtos/zephyr at 4536c010bfd104ea5a9a252c6709e5bdb31367ec):
// test_context_switch_prints_held_lock, test_context_switch_nested_prints_outer,
// test_context_switch_count_detects_unreleased_lock, test_context_switch_with_irq_lock_held,
// test_no_false_positive_pend_pattern. Same locks, sleeps, hook and assertions.
// Differences: Zephyr's tests.yaml runs this only without CONFIG_SMP (filter
// "CONFIG_SPIN_VALIDATE and not CONFIG_SMP"); here it runs on SMP like the rest of the suite
// (the checks are per CPU, and irq_lock() is then SMP's global lock, which k_sleep also may
// not be called inside). The hook is registered with assert_post_action_set() instead of
// overriding assert_post_action(). prj.conf's CONFIG_ASSERT_TEST (the hook may return) is not
// needed: wasmp's post action may always return. CONFIG_SPIN_VALIDATE is wasmp's default.
// CONFIG_USE_SWITCH is always y in wasmp, so the hook always releases _sched_spinlock.
// Static locks are K_SPINLOCK_DEFINE(); the keys and flags are words in static memory. The
// struct k_sem on the test's stack is a k_sem_alloc() (freed at the end). Not ARM64: the
// irq_lock test always runs.
import {
  ZTEST_SUITE,
  ZTEST,
  ztest_test_fail,
  ztest_test_pass,
  zassert_is_null,
  zassert_equal,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  k_spin_release,
  k_spinlock_key_t,
  k_panic,
  assert_post_action_set,
  z_spin_get_held_lock,
  _sched_spinlock,
  CONFIG_USE_SWITCH,
  irq_lock,
  irq_unlock,
  k_wakeup,
  k_current_get,
  k_sleep,
  K_MSEC,
  k_sem_alloc,
  k_sem_take,
  k_free,
  EAGAIN,
} from "wasmp";

const lock_a = K_SPINLOCK_DEFINE();
const lock_b = K_SPINLOCK_DEFINE();
// key_a, key_b, expect_assert, held_a, held_b, held_irq, irq_key: one word each.
const vars = memory.data(28, 4);
const KEY_A = 0,
  KEY_B = 4,
  EXPECT_ASSERT = 8,
  HELD_A = 12,
  HELD_B = 16,
  HELD_IRQ = 20,
  IRQ_KEY = 24;
function get(off: usize): u32 {
  return atomic.load<u32>(vars + off);
}
function set(off: usize, v: u32): void {
  atomic.store<u32>(vars + off, v);
}

function assert_post_action(file: string, line: u32): void {
  if (get(EXPECT_ASSERT) == 0) k_panic();
  set(EXPECT_ASSERT, 0);
  // On USE_SWITCH _sched_spinlock is still held at the assert site.
  if (CONFIG_USE_SWITCH) k_spin_release(_sched_spinlock);
  if (get(HELD_B) != 0) {
    k_spin_unlock(lock_b, <k_spinlock_key_t>get(KEY_B));
    set(HELD_B, 0);
  }
  if (get(HELD_A) != 0) {
    k_spin_unlock(lock_a, <k_spinlock_key_t>get(KEY_A));
    set(HELD_A, 0);
  }
  // Restore IRQ state after spinlock cleanup.
  if (get(HELD_IRQ) != 0) {
    irq_unlock(get(IRQ_KEY));
    set(HELD_IRQ, 0);
  }
  k_wakeup(k_current_get());
  ztest_test_pass();
}
assert_post_action_set(assert_post_action);

// These helpers intentionally leave locks held on return; the matching unlock happens in
// assert_post_action() after the context switch fires the expected assert.
function lock_a_only(): void {
  set(KEY_A, k_spin_lock(lock_a));
  set(HELD_A, 1);
}

function lock_a_then_b(): void {
  set(KEY_A, k_spin_lock(lock_a));
  set(HELD_A, 1);
  set(KEY_B, k_spin_lock(lock_b));
  set(HELD_B, 1);
}

function lock_a_and_b_then_unlock_a(): void {
  set(KEY_A, k_spin_lock(lock_a));
  set(KEY_B, k_spin_lock(lock_b));
  set(HELD_B, 1);
  k_spin_unlock(lock_a, <k_spinlock_key_t>get(KEY_A));
}

function held_lock(): usize {
  return changetype<usize>(z_spin_get_held_lock());
}

const suite = ZTEST_SUITE("spinlock_held_lock", null, null, null, null);

// Held spinlock address is reported on context switch assert.
ZTEST(suite, "test_context_switch_prints_held_lock", () => {
  zassert_is_null(held_lock());
  lock_a_only();
  zassert_equal<usize>(held_lock(), changetype<usize>(lock_a));
  set(EXPECT_ASSERT, 1);
  k_sleep(K_MSEC(1));
  ztest_test_fail();
});

// With nested locks the outermost address is reported.
ZTEST(suite, "test_context_switch_nested_prints_outer", () => {
  zassert_is_null(held_lock());
  lock_a_then_b();
  zassert_equal<usize>(held_lock(), changetype<usize>(lock_a));
  set(EXPECT_ASSERT, 1);
  k_sleep(K_MSEC(1));
  ztest_test_fail();
});

// Count check catches a hidden lock after ABA unlock: lock(A), lock(B), unlock(A) clears the
// slot but the count stays 1. The pointer check alone misses this; the count check fires.
ZTEST(suite, "test_context_switch_count_detects_unreleased_lock", () => {
  zassert_is_null(held_lock());
  lock_a_and_b_then_unlock_a();
  zassert_is_null(held_lock());
  set(EXPECT_ASSERT, 1);
  k_sleep(K_MSEC(1));
  ztest_test_fail();
});

// Context switch while irq_lock() is held fires the IRQ state assert.
ZTEST(suite, "test_context_switch_with_irq_lock_held", () => {
  set(IRQ_KEY, irq_lock());
  set(HELD_IRQ, 1);
  set(EXPECT_ASSERT, 1);
  k_sleep(K_MSEC(1));
  irq_unlock(get(IRQ_KEY));
  ztest_test_fail();
});

// z_pend_curr lock-swap pattern must not trigger a false positive.
ZTEST(suite, "test_no_false_positive_pend_pattern", () => {
  const sem = k_sem_alloc(0, 1);
  zassert_equal<i32>(k_sem_take(sem, K_MSEC(1)), -EAGAIN);
  k_free(changetype<usize>(sem));
});
