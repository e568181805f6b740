// Translation of Zephyr tests/kernel/workq/work_queue/src/start_stop.c @ 0812c69a (suite
// workqueue_api, 5 tests), part of the work_queue program (work_queue.ts has its main.c).
// CONFIG_TEST_WORK_ITEM_WAIT_MS keeps its default, 100. Same priorities, delays and
// assertions, with these differences:
// - The work queues, items and thread on the C stack (`struct k_work_q work_q = {0}`) are
//   zeroed objects on the kernel heap (k_work_queue_alloc, k_calloc); the stacks are save
//   areas the kernel allocates (K_THREAD_STACK_DEFINE has no counterpart).
// - _TICK_ALIGN is 1, as in Zephyr's sys_clock.h.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_ok,
  k_msleep,
  k_sleep,
  k_thread_create,
  k_thread_start,
  k_thread_priority_get,
  k_ticks_to_ms_floor64,
  k_ms_to_ticks_ceil32,
  K_MSEC,
  K_FOREVER,
  K_PRIO_COOP,
  K_PRIO_PREEMPT,
  k_sem,
  k_sem_alloc,
  k_sem_give,
  k_sem_take,
  k_calloc,
  k_work,
  k_work_q,
  SIZEOF_K_WORK,
  K_WORK_DELAYABLE_DEFINE,
  k_work_init,
  k_work_init_delayable,
  k_work_submit_to_queue,
  k_work_queue_config,
  k_work_queue_alloc,
  k_work_queue_start,
  k_work_queue_run,
  k_work_queue_drain,
  k_work_queue_stop,
  k_work_queue_thread_get,
  k_work_schedule,
  k_work_cancel_delayable,
  k_work_delayable_remaining_get,
  EALREADY,
  EBUSY,
  ENOTSUP,
} from "wasmp";

const NUM_TEST_ITEMS = 10;
const CONFIG_TEST_WORK_ITEM_WAIT_MS: i32 = 100;
const TICK_ALIGN: u64 = 1;
/** In fact, each work item could take up to this value */
const WORK_ITEM_WAIT_ALIGNED: i32 = <i32>(
  k_ticks_to_ms_floor64(<u64>k_ms_to_ticks_ceil32(CONFIG_TEST_WORK_ITEM_WAIT_MS) + TICK_ALIGN)
);
const CHECK_WAIT: i32 = (NUM_TEST_ITEMS + 1) * WORK_ITEM_WAIT_ALIGNED;
const CONFIG_TEST_EXTRA_STACK_SIZE = 0;
const WORK_Q_STACK_SIZE = 1024 + CONFIG_TEST_EXTRA_STACK_SIZE;

function work_handler(work: k_work): void {
  k_msleep(CONFIG_TEST_WORK_ITEM_WAIT_MS);
}

/** `struct k_work works[n]` on the stack: zeroed items on the heap. */
function works_alloc(n: i32): usize {
  return k_calloc(<usize>n, SIZEOF_K_WORK);
}
function work_at(works: usize, i: i32): k_work {
  return changetype<k_work>(works + <usize>i * SIZEOF_K_WORK);
}

const workqueue_api = ZTEST_SUITE("workqueue_api");

ZTEST(workqueue_api, "test_k_work_queue_start_stop", () => {
  const work = changetype<k_work>(k_calloc(1, SIZEOF_K_WORK));
  const work_q = k_work_queue_alloc();
  const works = works_alloc(NUM_TEST_ITEMS);
  const cfg = new k_work_queue_config();
  cfg.name = "test_work_q";
  cfg.no_yield = true;

  zassert_equal<i32>(
    k_work_queue_stop(work_q, K_FOREVER),
    -EALREADY,
    "Succeeded to stop work queue on non-initialized work queue",
  );
  k_work_queue_start(work_q, WORK_Q_STACK_SIZE, K_PRIO_PREEMPT(4), cfg);

  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    k_work_init(work_at(works, i), work_handler);
    zassert_equal<i32>(k_work_submit_to_queue(work_q, work_at(works, i)), 1, "Failed to submit work item");
  }

  // Wait for the work item to complete
  k_sleep(K_MSEC(CHECK_WAIT));

  zassert_equal<i32>(
    k_work_queue_stop(work_q, K_FOREVER),
    -EBUSY,
    "Succeeded to stop work queue while it is running & not plugged",
  );
  zassert_true(k_work_queue_drain(work_q, true) >= 0, "Failed to drain & plug work queue");
  zassert_ok(k_work_queue_stop(work_q, K_FOREVER), "Failed to stop work queue");

  k_work_init(work, work_handler);
});

ZTEST(workqueue_api, "test_k_work_queue_stop_sys_thread", () => {
  const work_q = k_work_queue_alloc();
  const cfg = new k_work_queue_config();
  cfg.name = "test_work_q";
  cfg.no_yield = true;
  cfg.essential = true;

  k_work_queue_start(work_q, WORK_Q_STACK_SIZE, K_PRIO_PREEMPT(4), cfg);

  zassert_true(k_work_queue_drain(work_q, true) >= 0, "Failed to drain & plug work queue");
  zassert_equal<i32>(-ENOTSUP, k_work_queue_stop(work_q, K_FOREVER), "Failed to stop work queue");
});

const STACK_SIZE = 1024 + CONFIG_TEST_EXTRA_STACK_SIZE;

function run_q_main(workq_ptr: usize, sem_ptr: usize, p3: usize): void {
  const queue = changetype<k_work_q>(workq_ptr);
  const sem = changetype<k_sem>(sem_ptr);
  const cfg = new k_work_queue_config();
  cfg.name = "wq.run_q";
  cfg.no_yield = true;

  k_work_queue_run(queue, cfg);

  k_sem_give(sem);
}

ZTEST(workqueue_api, "test_k_work_queue_run_stop", () => {
  const work = changetype<k_work>(k_calloc(1, SIZEOF_K_WORK));
  const work_q = k_work_queue_alloc();
  const works = works_alloc(NUM_TEST_ITEMS);
  const ret_sem = k_sem_alloc(0, 1);

  const thread = k_thread_create(
    STACK_SIZE,
    run_q_main,
    changetype<usize>(work_q),
    changetype<usize>(ret_sem),
    0,
    K_PRIO_COOP(3),
    0,
    K_FOREVER,
  );

  k_thread_start(thread);

  k_sleep(K_MSEC(CHECK_WAIT));

  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    k_work_init(work_at(works, i), work_handler);
    zassert_equal<i32>(k_work_submit_to_queue(work_q, work_at(works, i)), 1, "Failed to submit work item");
  }

  // Wait for the work item to complete
  k_sleep(K_MSEC(CHECK_WAIT));

  zassert_equal<i32>(
    k_work_queue_stop(work_q, K_FOREVER),
    -EBUSY,
    "Succeeded to stop work queue while it is running & not plugged",
  );
  zassert_true(k_work_queue_drain(work_q, true) >= 0, "Failed to drain & plug work queue");
  zassert_ok(k_work_queue_stop(work_q, K_FOREVER), "Failed to stop work queue");

  k_work_init(work, work_handler);

  // Take the semaphore the other thread released once done running the queue
  const rc = k_sem_take(ret_sem, K_MSEC(1));
  zassert_equal<i32>(rc, 0);
});

// Verify a work queue's dedicated thread runs at the configured priority
ZTEST(workqueue_api, "test_k_work_queue_priority", () => {
  const work_q = k_work_queue_alloc();
  const cfg = new k_work_queue_config();
  cfg.name = "prio_work_q";
  const prio = K_PRIO_PREEMPT(6);

  k_work_queue_start(work_q, WORK_Q_STACK_SIZE, prio, cfg);

  zassert_equal<i32>(
    k_thread_priority_get(k_work_queue_thread_get(work_q)!),
    prio,
    "work queue thread priority was not configured at start",
  );

  zassert_true(k_work_queue_drain(work_q, true) >= 0, "Failed to drain & plug");
  zassert_ok(k_work_queue_stop(work_q, K_FOREVER), "Failed to stop work queue");
});

function remaining_noop_handler(work: k_work): void {}

// Verify querying the remaining delay of a delayable work item
const remaining_dwork = K_WORK_DELAYABLE_DEFINE(remaining_noop_handler); // static struct k_work_delayable dwork
ZTEST(workqueue_api, "test_k_work_delayable_remaining", () => {
  const dwork = remaining_dwork;

  k_work_init_delayable(dwork, remaining_noop_handler);

  // Not scheduled yet: no remaining time.
  zassert_equal<i64>(k_work_delayable_remaining_get(dwork), 0, "unscheduled delayable should report no remaining time");

  zassert_true(k_work_schedule(dwork, K_MSEC(200)) >= 0, "failed to schedule delayable work");

  const remaining = k_work_delayable_remaining_get(dwork);
  zassert_true(
    remaining > 0 && remaining <= <i64>k_ms_to_ticks_ceil32(200) + 1,
    `remaining time ${remaining} out of the expected range`,
  );

  zassert_true(<i32>k_work_cancel_delayable(dwork) >= 0, "failed to cancel work");

  // After cancellation: no remaining time.
  zassert_equal<i64>(k_work_delayable_remaining_get(dwork), 0, "cancelled delayable should report no remaining time");
});
