// Translation of Zephyr tests/kernel/workq/work_queue/src/work_timeout.c @ 2c301616 (suite
// workqueue_work_timeout, test_work), part of the work_queue program (work_queue.ts has its
// main.c). work_queue_work_timeout.conf is tests.yaml's kernel.workqueue.work_timeout variant
// (CONFIG_WORKQUEUE_WORK_TIMEOUT=y); CI also runs the default variant (=n), where the blocked
// thread must survive. Same delays and assertions; the differences:
// - The queue's stack (K_KERNEL_STACK_DEFINE of CONFIG_MAIN_STACK_SIZE) is a save area of the
//   same size that the kernel allocates; `test_workq` is a zeroed object in static memory.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  k_msleep,
  k_sleep,
  k_thread_join,
  K_MSEC,
  K_FOREVER,
  k_work,
  k_work_q,
  SIZEOF_K_WORK_Q,
  K_WORK_DEFINE,
  k_work_submit_to_queue,
  k_work_queue_config,
  k_work_queue_start,
  k_work_queue_thread_get,
  CONFIG_WORKQUEUE_WORK_TIMEOUT,
  EAGAIN,
} from "wasmp";

const TEST_WORK_TIMEOUT_MS: u32 = 100;
const TEST_WORK_DURATION_MS: i32 = TEST_WORK_TIMEOUT_MS / 2;
const TEST_WORK_DELAY = K_MSEC(TEST_WORK_DURATION_MS * 6);
const TEST_WORK_BLOCKING_DELAY = K_MSEC(TEST_WORK_TIMEOUT_MS * 2);
const CONFIG_MAIN_STACK_SIZE = 16384; // wasmp's default

const test_workq = changetype<k_work_q>(memory.data(SIZEOF_K_WORK_Q, 16));

function test_work_handler(work: k_work): void {
  k_msleep(TEST_WORK_DURATION_MS);
}

const test_work0 = K_WORK_DEFINE(test_work_handler);
const test_work1 = K_WORK_DEFINE(test_work_handler);
const test_work2 = K_WORK_DEFINE(test_work_handler);
const test_work3 = K_WORK_DEFINE(test_work_handler);

function test_work_handler_blocking(work: k_work): void {
  k_sleep(K_FOREVER);
}

const test_work_blocking = K_WORK_DEFINE(test_work_handler_blocking);

function test_setup(): usize {
  const config = new k_work_queue_config();
  config.name = "sysworkq";
  config.no_yield = false;
  config.essential = false;
  config.work_timeout_ms = TEST_WORK_TIMEOUT_MS;

  k_work_queue_start(test_workq, CONFIG_MAIN_STACK_SIZE, 0, config);
  return 0;
}

const workqueue_work_timeout = ZTEST_SUITE("workqueue_work_timeout", test_setup);

// Test workqueue work item timeout monitoring
ZTEST(workqueue_work_timeout, "test_work", () => {
  const thread_id = k_work_queue_thread_get(test_workq)!;

  // Submit multiple items which take less time than TEST_WORK_TIMEOUT_MS each
  zassert_equal<i32>(k_work_submit_to_queue(test_workq, test_work0), 1);
  zassert_equal<i32>(k_work_submit_to_queue(test_workq, test_work1), 1);
  zassert_equal<i32>(k_work_submit_to_queue(test_workq, test_work2), 1);
  zassert_equal<i32>(k_work_submit_to_queue(test_workq, test_work3), 1);

  // Submitted items takes longer than TEST_WORK_TIMEOUT_MS, but each item takes less time
  // than TEST_WORK_DELAY so workqueue thread will not be aborted.
  zassert_equal<i32>(k_thread_join(thread_id, TEST_WORK_DELAY), -EAGAIN);

  // Submit single item which takes longer than TEST_WORK_TIMEOUT_MS
  zassert_equal<i32>(k_work_submit_to_queue(test_workq, test_work_blocking), 1);

  // Submitted item shall cause the work to time out and the workqueue thread be aborted if
  // CONFIG_WORKQUEUE_WORK_TIMEOUT is enabled.
  const ret = k_thread_join(thread_id, TEST_WORK_BLOCKING_DELAY);
  if (CONFIG_WORKQUEUE_WORK_TIMEOUT) {
    zassert_equal<i32>(ret, 0);
  } else {
    zassert_equal<i32>(ret, -EAGAIN);
  }
});
