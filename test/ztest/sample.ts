// A sample ztest file: one suite with hooks, a passing, a failing and a skipped test, and a
// test that a helper thread fails while the test's own thread waits forever.
import {
  ZTEST_SUITE,
  ZTEST,
  ZTEST_F,
  zassert_equal,
  zassert_true,
  ztest_test_skip,
  printk,
  k_current_get,
  k_thread_priority_get,
  arch_num_cpus,
  k_thread_create,
  k_sem_take,
  K_SEM_DEFINE,
  K_FOREVER,
  K_NO_WAIT,
} from "wasmp";

const log = memory.data(4, 4);
const before_thread = memory.data(4, 4); // the thread that ran the last before hook

function setup(): usize {
  printk("setup\n");
  return 42;
}
function before(f: usize): void {
  atomic.add<u32>(log, 1);
  atomic.store<u32>(before_thread, <u32>changetype<usize>(k_current_get()));
}
function after(f: usize): void {
  atomic.add<u32>(log, 100);
}
function teardown(f: usize): void {
  printk(`teardown fixture=${f} log=${load<u32>(log)}\n`);
}

const suite = ZTEST_SUITE("sample", setup, before, after, teardown);

ZTEST(suite, "test_passes", () => {
  zassert_true(arch_num_cpus() >= 1, "at least one CPU");
  zassert_equal<i32>(k_thread_priority_get(k_current_get()), -1, "tests run cooperative (-1)");
  zassert_equal<u32>(
    atomic.load<u32>(before_thread),
    <u32>changetype<usize>(k_current_get()),
    "the before hook ran in the test's thread",
  );
});

ZTEST_F(suite, "test_fixture", (f: usize) => {
  zassert_equal<usize>(f, 42, "fixture from setup");
});

ZTEST(suite, "test_fails", () => {
  zassert_equal<i32>(1 + 1, 3, "arithmetic");
  printk("not reached\n");
});

ZTEST(suite, "test_skipped", () => {
  ztest_test_skip();
});

const never = K_SEM_DEFINE(0, 1);
function failing_helper(p1: usize, p2: usize, p3: usize): void {
  zassert_equal<i32>(2 + 2, 5, "in a helper thread");
  printk("helper not reached\n");
}

ZTEST(suite, "test_fails_in_a_helper_thread", () => {
  // Zephyr's ztest_test_fail() from any thread fails the running test and ends the test's
  // thread, so this test ends although its own thread never wakes.
  k_thread_create(4096, failing_helper, 0, 0, 0, 1, 0, K_NO_WAIT);
  k_sem_take(never, K_FOREVER);
  printk("test thread not reached\n");
});
