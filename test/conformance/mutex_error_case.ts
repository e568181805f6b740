// Translation of Zephyr tests/kernel/mutex/mutex_error_case/src/test_mutex_error.c, the version
// with the K_MUTEX_MAGIC assertion tests (Zephyr PR 118165, "detect re-init and uninitialized
// use via magic sentinel"; the stored copy is search-index file 55059586927). Its prj.conf is
// mutex_error_case.conf; the program's other source is mutex_error_case_timeout_race.ts.
// Translated: the four kernel-mode tests, test_mutex_lock_uninit_bss, test_mutex_unlock_uninit_bss,
// test_mutex_reinit_held, test_mutex_reinit_unlocked, with ztest_error_hook's assert hook.
// Not translated (test/conformance/README.md): the six userspace tests (a NULL or wrong kernel
// object passed from a user thread must oops the syscall: test_mutex_{init,lock,unlock}_null,
// _invalid_obj) and the two CONFIG_DYNAMIC_OBJECTS ones (k_object_alloc).
// Differences:
// - ztest_set_assert_valid and the assert_post_action of ztest_error_hook.c are written here:
//   the hook is registered with assert_post_action_set() at top level, and the valid thread is
//   a word in static memory. Zephyr's default ztest_post_assert_fail_hook (ztest_test_pass) is
//   what runs.
// - `static struct k_mutex` in BSS is zeroed static memory (memory.data), never initialised.
// - wasmp's "held" is "owned by a live thread" (assembly/kernel/mutex.ts); the held mutex here
//   is owned by the running test, so that makes no difference.
// - CONFIG_MP_MAX_NUM_CPUS=1 is left out (one thread per test: nothing depends on it).
// - Tests are registered in the order Zephyr runs them (sorted by name).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  ztest_test_fail,
  ztest_test_pass,
  printk,
  k_panic,
  k_current_get,
  K_NO_WAIT,
  k_mutex,
  SIZEOF_K_MUTEX,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  assert_post_action_set,
} from "wasmp";

// ztest_error_hook.c: the thread whose next failed assertion is expected.
const valid_assert_tid = memory.data(4, 4);

function ztest_set_assert_valid(valid: bool): void {
  atomic.store<u32>(valid_assert_tid, valid ? <u32>changetype<usize>(k_current_get()) : 0);
}

function ztest_post_assert_fail_hook(): void {
  ztest_test_pass();
}

function assert_post_action(file: string, line: u32): void {
  if (atomic.load<u32>(valid_assert_tid) == <u32>changetype<usize>(k_current_get())) {
    printk("Assert error expected as part of test case.\n");
    atomic.store<u32>(valid_assert_tid, 0);
    ztest_post_assert_fail_hook();
  } else {
    printk("Assert failed was unexpected, aborting...\n");
    k_panic();
  }
}
assert_post_action_set(assert_post_action);

/** A `static struct k_mutex` that nothing initialised (zeroed static memory). */
// @ts-ignore: decorator
@inline function BSS_MUTEX(): k_mutex {
  return changetype<k_mutex>(memory.data(<i32>SIZEOF_K_MUTEX, 16));
}

const mutex_api_error = ZTEST_SUITE("mutex_api_error");

/** Test locking an uninitialized BSS mutex trips assertion. */
ZTEST(mutex_api_error, "test_mutex_lock_uninit_bss", () => {
  const uninit_bss = BSS_MUTEX();

  ztest_set_assert_valid(true);
  k_mutex_lock(uninit_bss, K_NO_WAIT);
  ztest_test_fail();
});

/** Test re-initializing a held mutex trips assertion. */
ZTEST(mutex_api_error, "test_mutex_reinit_held", () => {
  const m = BSS_MUTEX();

  let ret = k_mutex_init(m);
  zassert_equal<i32>(ret, 0, `k_mutex_init failed: ${ret}`);

  ret = k_mutex_lock(m, K_NO_WAIT);
  zassert_equal<i32>(ret, 0, `k_mutex_lock failed: ${ret}`);

  ztest_set_assert_valid(true);
  k_mutex_init(m);
  ztest_test_fail();
});

/** Test re-initializing an unlocked mutex succeeds. */
ZTEST(mutex_api_error, "test_mutex_reinit_unlocked", () => {
  const m = BSS_MUTEX();

  let ret = k_mutex_init(m);
  zassert_equal<i32>(ret, 0, `initial k_mutex_init failed: ${ret}`);

  ret = k_mutex_lock(m, K_NO_WAIT);
  zassert_equal<i32>(ret, 0, `k_mutex_lock failed: ${ret}`);

  ret = k_mutex_unlock(m);
  zassert_equal<i32>(ret, 0, `k_mutex_unlock failed: ${ret}`);

  ret = k_mutex_init(m);
  zassert_equal<i32>(ret, 0, `re-init of unlocked mutex failed: ${ret}`);
});

/** Test unlocking an uninitialized BSS mutex trips assertion. */
ZTEST(mutex_api_error, "test_mutex_unlock_uninit_bss", () => {
  const uninit_bss = BSS_MUTEX();

  ztest_set_assert_valid(true);
  k_mutex_unlock(uninit_bss);
  ztest_test_fail();
});
