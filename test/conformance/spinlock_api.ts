// Translation of Zephyr tests/kernel/spinlock/spinlock_api/src/main.c (zephyrproject-rtos/zephyr
// at 4ebea73f0b38218b49cdb9abcf70e9c11231c0f6), the newer copy of src/main.c (spinlock.ts):
// test_spinlock_basic, test_spinlock_bounce, test_spinlock_mutual_exclusion, test_trylock.
// Same thread (priority 0, CPU1_STACK_SIZE), loop counts (10,000), delays (k_busy_wait(1)
// between attempts, k_yield() after a trylock round, 5 x k_busy_wait(5) holds) and assertions.
// Differences: static `struct k_spinlock` objects are K_SPINLOCK_DEFINE() at top level; the
// `volatile int` globals are words in static memory (shared by every CPU); k_spin_trylock
// returns the key instead of storing it through a pointer; key.key is the key itself.
// BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1) becomes a skip on one CPU.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  k_spin_trylock,
  k_spinlock_key_t,
  z_spin_is_locked,
  arch_irq_lock,
  arch_irq_unlock,
  arch_irq_unlocked,
  k_busy_wait,
  k_yield,
  k_thread_create,
  k_thread_join,
  K_FOREVER,
  K_NO_WAIT,
  EBUSY,
  arch_num_cpus,
  ztest_test_skip,
} from "wasmp";

const CPU1_STACK_SIZE = 1024;

const bounce_lock = K_SPINLOCK_DEFINE();
const basic_l = K_SPINLOCK_DEFINE();
const lock_runtime = K_SPINLOCK_DEFINE();

// volatile int bounce_owner, bounce_done, trylock_failures, trylock_successes;
const vars = memory.data(16, 4);
function bounce_owner(): i32 {
  return atomic.load<i32>(vars, 0);
}
function set_bounce_owner(v: i32): void {
  atomic.store<i32>(vars, v, 0);
}
function bounce_done(): i32 {
  return atomic.load<i32>(vars, 4);
}
function set_bounce_done(v: i32): void {
  atomic.store<i32>(vars, v, 4);
}
function trylock_failures(): i32 {
  return atomic.load<i32>(vars, 8);
}
function trylock_successes(): i32 {
  return atomic.load<i32>(vars, 12);
}

function before(ctx: usize): void {
  set_bounce_done(0);
  set_bounce_owner(0);
  atomic.store<i32>(vars, 0, 8);
  atomic.store<i32>(vars, 0, 12);
}

const spinlock = ZTEST_SUITE("spinlock", null, before, null, null);

ZTEST(spinlock, "test_spinlock_basic", () => {
  zassert_true(!z_spin_is_locked(basic_l), "Spinlock initialized to locked");
  const key = k_spin_lock(basic_l);
  zassert_true(z_spin_is_locked(basic_l), "Spinlock failed to lock");
  k_spin_unlock(basic_l, key);
  zassert_true(!z_spin_is_locked(basic_l), "Spinlock failed to unlock");
});

function bounce_once(id: i32, trylock: bool): void {
  let locked = 0;
  let key: k_spinlock_key_t = 0;
  // Take the lock, check last owner and release if it was us.
  // Wait for us to get the lock "after" another CPU.
  for (let i = 0; i < 10000; i++) {
    if (trylock) {
      const ret = k_spin_trylock(bounce_lock);
      if (ret == -EBUSY) {
        atomic.add<i32>(vars, 1, 8);
        continue;
      }
      atomic.add<i32>(vars, 1, 12);
      key = <u32>ret;
    } else {
      key = k_spin_lock(bounce_lock);
    }
    if (bounce_owner() != id) {
      locked = 1;
      break;
    }
    k_spin_unlock(bounce_lock, key);
    if (trylock) k_yield();
    k_busy_wait(1);
  }
  if (!locked && bounce_done()) return;
  zassert_true(locked != 0, "Other cpu did not get lock in 10000 tries");
  // Mark us as the owner, spin for a while validating that we never see another owner
  // write to the protected data.
  set_bounce_owner(id);
  for (let i = 0; i < 5; i++) {
    zassert_true(bounce_owner() == id, "Locked data changed");
    k_busy_wait(5);
  }
  // Release the lock
  k_spin_unlock(bounce_lock, key);
}

function cpu1_fn(p1: usize, p2: usize, p3: usize): void {
  while (!bounce_done()) bounce_once(4321, false);
}

ZTEST(spinlock, "test_spinlock_bounce", () => {
  if (arch_num_cpus() < 2) ztest_test_skip(); // BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1)
  const t = k_thread_create(CPU1_STACK_SIZE, cpu1_fn, 0, 0, 0, 0, 0, K_NO_WAIT);
  k_busy_wait(10);
  for (let i = 0; i < 10000; i++) bounce_once(1234, false);
  set_bounce_done(1);
  k_thread_join(t, K_FOREVER);
});

ZTEST(spinlock, "test_spinlock_mutual_exclusion", () => {
  memory.fill(changetype<usize>(lock_runtime), 0, 16);
  const key = k_spin_lock(lock_runtime);
  zassert_true(z_spin_is_locked(lock_runtime), "Spinlock failed to lock");
  // check irq has not locked
  zassert_true(arch_irq_unlocked(key), "irq should be first locked!");
  // We make irq locked nested to check if interrupt disable happened or not.
  const irq_key = arch_irq_lock();
  // check irq has already locked
  zassert_false(arch_irq_unlocked(irq_key), "irq should be already locked!");
  arch_irq_unlock(irq_key);
  k_spin_unlock(lock_runtime, key);
  zassert_true(!z_spin_is_locked(lock_runtime), "Spinlock failed to unlock");
});

function trylock_fn(p1: usize, p2: usize, p3: usize): void {
  while (!bounce_done()) bounce_once(4321, true);
}

ZTEST(spinlock, "test_trylock", () => {
  if (arch_num_cpus() < 2) ztest_test_skip();
  const t = k_thread_create(CPU1_STACK_SIZE, trylock_fn, 0, 0, 0, 0, 0, K_NO_WAIT);
  k_busy_wait(10);
  for (let i = 0; i < 10000; i++) bounce_once(1234, true);
  set_bounce_done(1);
  k_thread_join(t, K_FOREVER);
  zassert_true(trylock_failures() > 0);
  zassert_true(trylock_successes() > 0);
});
