// Translation of Zephyr tests/kernel/spinlock/spinlock_api/src/spinlock_pool.c
// (zephyrproject-rtos/zephyr at 8da2489fb7b2d32ab251b615fb7a45f2d5780abe): test_spinlock_single,
// test_spinlock_lookup, test_spinlock_distribution, test_spinlock_lock,
// test_spinlock_dual_access. Same pools (1 and 8 locks), identities and assertions.
// Differences: SPINLOCK_POOL_DEFINE takes the pool's storage (memory.data), as K_MSGQ_DEFINE
// does; `&pool[i]` is pool.at(i); zassert_equal_ptr compares addresses with zassert_equal;
// zassume(sizeof(struct k_spinlock) != 0) is zassert_true(K_SPINLOCK_SIZE != 0) (16 here), not a
// skip. The `seen[]` array is a local StaticArray.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  SPINLOCK_POOL_DEFINE,
  K_SPINLOCK_SIZE,
  spinlock_find,
  z_spinlock_index,
  k_spin_lock,
  k_spin_unlock,
  z_spin_is_locked,
  k_spinlock,
} from "wasmp";

const NUMBER_OF_SPINLOCKS: usize = 8;

const lonely_lock = SPINLOCK_POOL_DEFINE(memory.data(1 * K_SPINLOCK_SIZE, 16), 1);
const test_pool = SPINLOCK_POOL_DEFINE(memory.data(8 * K_SPINLOCK_SIZE, 16), NUMBER_OF_SPINLOCKS);

function addr(l: k_spinlock): usize {
  return changetype<usize>(l);
}

const spinlock_pool = ZTEST_SUITE("spinlock_pool", null, null, null, null);

ZTEST(spinlock_pool, "test_spinlock_single", () => {
  for (let i: usize = 0; i < 128; i++) {
    zassert_equal<usize>(addr(spinlock_find(lonely_lock, i)), addr(lonely_lock.at(0)));
  }
  zassert_equal<usize>(addr(spinlock_find(lonely_lock, <usize>-1)), addr(lonely_lock.at(0))); // UINTPTR_MAX
});

ZTEST(spinlock_pool, "test_spinlock_lookup", () => {
  const object: usize = 0x1234;
  const lock = spinlock_find(test_pool, object);
  zassert_true(K_SPINLOCK_SIZE != 0, "pool elements are zero-sized"); // zassume
  zassert_true(addr(lock) >= addr(test_pool.at(0)));
  zassert_true(addr(lock) < addr(test_pool.at(NUMBER_OF_SPINLOCKS)));
  zassert_equal<usize>(addr(spinlock_find(test_pool, object)), addr(lock));
});

ZTEST(spinlock_pool, "test_spinlock_distribution", () => {
  const seen = new StaticArray<bool>(<i32>NUMBER_OF_SPINLOCKS);
  zassert_true(K_SPINLOCK_SIZE != 0, "pool elements are zero-sized"); // zassume
  for (let i: usize = 0; i < NUMBER_OF_SPINLOCKS; i++) {
    const lock = spinlock_find(test_pool, i * 4);
    const index = z_spinlock_index(i * 4, NUMBER_OF_SPINLOCKS);
    zassert_equal<usize>(addr(lock), addr(test_pool.at(index)), "lock does not match computed slot");
    zassert_false(seen[<i32>index], `pool ${index} selected more than once`);
    seen[<i32>index] = true;
  }
  for (let i: usize = 0; i < NUMBER_OF_SPINLOCKS; i++) {
    zassert_true(seen[<i32>i], `pool ${i} was not selected`);
  }
});

ZTEST(spinlock_pool, "test_spinlock_lock", () => {
  const lock = spinlock_find(test_pool, 4);
  const key = k_spin_lock(lock);
  zassert_true(z_spin_is_locked(lock));
  k_spin_unlock(lock, key);
  zassert_false(z_spin_is_locked(lock));
});

ZTEST(spinlock_pool, "test_spinlock_dual_access", () => {
  const lock1 = spinlock_find(test_pool, 4);
  const lock2 = spinlock_find(test_pool, 8);
  const key1 = k_spin_lock(lock1);
  const key2 = k_spin_lock(lock2);
  zassert_true(z_spin_is_locked(lock1));
  zassert_true(z_spin_is_locked(lock2));
  k_spin_unlock(lock2, key2);
  k_spin_unlock(lock1, key1);
  zassert_false(z_spin_is_locked(lock1));
  zassert_false(z_spin_is_locked(lock2));
});
