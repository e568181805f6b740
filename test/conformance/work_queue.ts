// Translation of Zephyr tests/kernel/workq/work_queue/src/main.c, the 2026 version
// (suites workqueue_delayed and workqueue_triggered with @verifies tags; the stored copy is
// search-index file 55878781719). The program's other sources are work_queue_start_stop.ts,
// work_queue_work_timeout.ts; its prj.conf (CONFIG_ZTEST, CONFIG_QEMU_TICKLESS_WORKAROUND) has
// no setting wasmp needs, so there is no .conf. Kconfig's TEST_WORK_ITEM_WAIT_MS (100) and
// TEST_SUBMIT_WAIT_MS (50) keep their defaults. Same threads, priorities, delays and assertions,
// with these differences:
// - k_work_poll_submit(&ti->work, &ti->event, 1, t) takes an array: k_work_poll_submit(work,
//   [event], t) (wasmp's k_poll rule). Each item's event is a k_poll_event object, created by
//   test_triggered_init (as its k_poll_event_init call); the array holding it is kept beside
//   the item.
// - The msgq test's local `char msg[MSG_SIZE]` buffers are static memory (the provider's
//   zeroed, as its initializer).
// - C statics become objects in static memory; CONTAINER_OF(work, struct delayed_test_item,
//   work) is the item's index, found by address. _TICK_ALIGN is 1, as in Zephyr's sys_clock.h.
// - LOG_DBG lines are left out (Zephyr's test logs at the default level, which prints none).
// - A test that fails at an assertion ends there, before its reset_results(), and leaves its
//   delayed items armed. In Zephyr they then run into the next test, which re-initialises them
//   while they are in the timeout list (corrupting it) and whose handlers write past results[]
//   into num_results. Once on a loaded host, test_delayed counted 2 of 6 items at its check (a
//   timing failure) and the run then hung; with the check forced to fail, the next suite faults
//   in the timeout list. Here the workqueue_delayed suite has an after hook that cancels the six
//   items (k_work_cancel_delayable_sync) and resets the results, and record() stores at most
//   NUM_TEST_ITEMS results (it still counts every one), so a failure stays one test's failure.
import {
  ZTEST_SUITE,
  k_work_cancel_delayable_sync,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  zassert_mem_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  k_msleep,
  k_current_get,
  k_thread_create,
  k_thread_priority_set,
  k_ticks_to_ms_floor64,
  k_ms_to_ticks_ceil32,
  K_MSEC,
  K_NO_WAIT,
  K_PRIO_COOP,
  K_HIGHEST_THREAD_PRIO,
  k_work,
  SIZEOF_K_WORK,
  K_WORK_DELAYABLE_DEFINE,
  k_work_init_delayable,
  k_work_delayable_from_work,
  k_work_submit,
  k_work_schedule,
  k_work_reschedule,
  k_work_cancel_delayable,
  k_work_delayable_is_pending,
  k_work_poll,
  SIZEOF_K_WORK_POLL,
  k_work_poll_init,
  k_work_poll_submit,
  k_work_poll_submit_to_queue,
  k_work_poll_cancel,
  k_poll_event,
  k_poll_signal,
  SIZEOF_K_POLL_SIGNAL,
  k_poll_signal_init,
  k_poll_signal_raise,
  k_poll_signal_reset,
  K_POLL_EVENT_INITIALIZER,
  K_POLL_TYPE_SIGNAL,
  K_POLL_TYPE_MSGQ_DATA_AVAILABLE,
  K_POLL_MODE_NOTIFY_ONLY,
  k_timeout_t,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_tid_t,
  k_thread_start,
  k_work_q,
  SIZEOF_K_WORK_Q,
  k_work_queue_init,
  k_work_queue_start,
  k_msgq,
  SIZEOF_K_MSGQ,
  k_msgq_init,
  k_msgq_put,
  k_msgq_get,
  EAGAIN,
  EINVAL,
} from "wasmp";

const NUM_TEST_ITEMS = 6;
/** Each work item takes 100ms by default (CONFIG_TEST_WORK_ITEM_WAIT_MS). */
const WORK_ITEM_WAIT: i32 = 100;
const TICK_ALIGN: u64 = 1;
/** In fact, each work item could take up to this value */
const WORK_ITEM_WAIT_ALIGNED: i32 = <i32>k_ticks_to_ms_floor64(<u64>k_ms_to_ticks_ceil32(WORK_ITEM_WAIT) + TICK_ALIGN);
/** Wait 50ms between work submissions, to ensure co-op and prempt preempt thread submit alternatively. */
const SUBMIT_WAIT: i32 = 50; // CONFIG_TEST_SUBMIT_WAIT_MS
const CONFIG_TEST_EXTRA_STACK_SIZE = 0;
const STACK_SIZE = 1024 + CONFIG_TEST_EXTRA_STACK_SIZE;
/** How long to wait for the full test suite to complete. Allow for a little slop */
const CHECK_WAIT: i32 = (NUM_TEST_ITEMS + 1) * WORK_ITEM_WAIT_ALIGNED;

// struct delayed_test_item { int key; struct k_work_delayable work; } delayed_tests[6]:
// the keys and the items apart.
const delayed_keys = memory.data(4 * NUM_TEST_ITEMS, 4);
const delayed_works = memory.data(SIZEOF_K_WORK * NUM_TEST_ITEMS, 16);

function delayed_work(i: i32): k_work {
  return changetype<k_work>(delayed_works + <usize>i * SIZEOF_K_WORK);
}
/** CONTAINER_OF(dwork, struct delayed_test_item, work)->key, as an address. */
function key_of(w: k_work): usize {
  return delayed_keys + 4 * ((changetype<usize>(w) - delayed_works) / SIZEOF_K_WORK);
}

// static int results[NUM_TEST_ITEMS]; static int num_results;
const results = memory.data(4 * NUM_TEST_ITEMS, 4);
const num_results = memory.data(4, 4);

function record(key: i32): void {
  const n = load<i32>(num_results);
  // Bounded (not in Zephyr): see the header.
  if (n < NUM_TEST_ITEMS) store<i32>(results + 4 * <usize>n, key);
  store<i32>(num_results, n + 1);
}

function work_handler(work: k_work): void {
  const dwork = k_work_delayable_from_work(work);
  const key = load<i32>(key_of(dwork));
  k_msleep(WORK_ITEM_WAIT);
  record(key);
}

function delayed_test_items_init(): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    store<i32>(delayed_keys + 4 * i, i + 1);
    k_work_init_delayable(delayed_work(i), work_handler);
  }
}

function reset_results(): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) store<i32>(results + 4 * i, 0);
  store<i32>(num_results, 0);
}

function coop_work_main(p1: usize, p2: usize, p3: usize): void {
  // Let the preempt thread submit the first work item.
  k_msleep(SUBMIT_WAIT / 2);
  for (let i = 1; i < NUM_TEST_ITEMS; i += 2) {
    k_work_schedule(delayed_work(i), K_NO_WAIT);
    k_msleep(SUBMIT_WAIT);
  }
}

function delayed_test_items_submit(): void {
  k_thread_create(STACK_SIZE, coop_work_main, 0, 0, 0, K_PRIO_COOP(10), 0, K_NO_WAIT);
  for (let i = 0; i < NUM_TEST_ITEMS; i += 2) {
    k_work_schedule(delayed_work(i), K_NO_WAIT);
    k_msleep(SUBMIT_WAIT);
  }
}

function check_results(num_tests: i32): void {
  const n = load<i32>(num_results);
  zassert_equal<i32>(n, num_tests, `*** work items finished: ${n} (expected: ${num_tests})\n`);
  for (let i = 0; i < num_tests; i++) {
    const r = load<i32>(results + 4 * i);
    zassert_equal<i32>(r, i + 1, `*** got result ${r} in position ${i} (expected ${i + 1})\n`);
  }
}

function test_sequence(): void {
  delayed_test_items_init();
  delayed_test_items_submit();
  k_msleep(CHECK_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
}

function resubmit_work_handler(work: k_work): void {
  const dwork = k_work_delayable_from_work(work);
  const ti_key = key_of(dwork);
  k_msleep(WORK_ITEM_WAIT);
  const key = load<i32>(ti_key);
  record(key);
  if (key < NUM_TEST_ITEMS) {
    store<i32>(ti_key, key + 1);
    k_work_submit(work);
  }
}

/**
 * The suite's after hook (not in Zephyr: see the header): a test that failed at an assertion
 * leaves its delayed items armed; they are cancelled and the results reset before the next test
 * re-initialises them.
 */
function delayed_after(fixture: usize): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) k_work_cancel_delayable_sync(delayed_work(i));
  reset_results();
  ztest_simple_1cpu_after(fixture);
}

const workqueue_delayed = ZTEST_SUITE("workqueue_delayed", workq_setup, ztest_simple_1cpu_before, delayed_after);
const workqueue_triggered = ZTEST_SUITE(
  "workqueue_triggered",
  workq_setup,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);

// Verify a work item handler can resubmit its own work item.
ZTEST(workqueue_triggered, "test_resubmit", () => {
  store<i32>(delayed_keys, 1);
  k_work_init_delayable(delayed_work(0), resubmit_work_handler);
  k_work_schedule(delayed_work(0), K_NO_WAIT);
  k_msleep(CHECK_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

function delayed_work_handler(work: k_work): void {
  const dwork = k_work_delayable_from_work(work);
  record(load<i32>(key_of(dwork)));
}

function test_delayed_init(): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    store<i32>(delayed_keys + 4 * i, i + 1);
    k_work_init_delayable(delayed_work(i), delayed_work_handler);
  }
}

function coop_delayed_work_main(p1: usize, p2: usize, p3: usize): void {
  // Let the preempt thread submit the first work item.
  k_msleep(SUBMIT_WAIT / 2);
  for (let i = 1; i < NUM_TEST_ITEMS; i += 2) {
    k_work_schedule(delayed_work(i), K_MSEC((i + 1) * WORK_ITEM_WAIT));
  }
}

function test_delayed_submit(): void {
  k_thread_create(STACK_SIZE, coop_delayed_work_main, 0, 0, 0, K_PRIO_COOP(10), 0, K_NO_WAIT);
  for (let i = 0; i < NUM_TEST_ITEMS; i += 2) {
    zassert_true(k_work_reschedule(delayed_work(i), K_MSEC((i + 1) * WORK_ITEM_WAIT)) >= 0);
  }
}

function coop_delayed_work_cancel_main(p1: usize, p2: usize, p3: usize): void {
  k_work_schedule(delayed_work(1), K_MSEC(WORK_ITEM_WAIT));
  k_work_cancel_delayable(delayed_work(1));
}

// Verify a scheduled delayable work item can be cancelled before it is submitted.
ZTEST(workqueue_delayed, "test_delayed_cancel", () => {
  k_work_schedule(delayed_work(0), K_MSEC(WORK_ITEM_WAIT));
  k_work_cancel_delayable(delayed_work(0));
  k_thread_create(STACK_SIZE, coop_delayed_work_cancel_main, 0, 0, 0, K_HIGHEST_THREAD_PRIO, 0, K_NO_WAIT);
  k_msleep(WORK_ITEM_WAIT_ALIGNED);
  check_results(0);
  reset_results();
});

// Verify the pending status of a delayable work item.
ZTEST(workqueue_delayed, "test_delayed_pending", () => {
  k_work_init_delayable(delayed_work(0), delayed_work_handler);

  zassert_false(k_work_delayable_is_pending(delayed_work(0)));

  // Check pending delayed work when in workqueue
  k_work_schedule(delayed_work(0), K_NO_WAIT);
  zassert_true(k_work_delayable_is_pending(delayed_work(0)));

  k_msleep(1);
  zassert_false(k_work_delayable_is_pending(delayed_work(0)));

  check_results(1);
  reset_results();

  // Check pending delayed work with timeout
  k_work_schedule(delayed_work(0), K_MSEC(WORK_ITEM_WAIT));
  zassert_true(k_work_delayable_is_pending(delayed_work(0)));

  k_msleep(WORK_ITEM_WAIT_ALIGNED);
  zassert_false(k_work_delayable_is_pending(delayed_work(0)));

  check_results(1);
  reset_results();
});

// Verify delayable work items are submitted to their queue when their delay elapses.
ZTEST(workqueue_delayed, "test_delayed", () => {
  test_delayed_init();
  test_delayed_submit();
  k_msleep(CHECK_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

// struct triggered_test_item { int key; struct k_work_poll work; struct k_poll_signal signal;
// struct k_poll_event event; } triggered_tests[6]: the keys, works and signals apart, and the
// one-event array of each item.
const triggered_keys = memory.data(4 * NUM_TEST_ITEMS, 4);
const triggered_works = memory.data(SIZEOF_K_WORK_POLL * NUM_TEST_ITEMS, 16);
const triggered_signals = memory.data(SIZEOF_K_POLL_SIGNAL * NUM_TEST_ITEMS, 4);
const triggered_events = memory.data(4 * NUM_TEST_ITEMS, 4);
// static int expected_poll_result;
const expected_poll_result = memory.data(4, 4);

function twork(i: i32): k_work_poll {
  return changetype<k_work_poll>(triggered_works + <usize>i * SIZEOF_K_WORK_POLL);
}
function tsignal(i: i32): k_poll_signal {
  return changetype<k_poll_signal>(triggered_signals + <usize>i * SIZEOF_K_POLL_SIGNAL);
}
function tevents(i: i32): k_poll_event[] {
  return changetype<k_poll_event[]>(load<usize>(triggered_events + 4 * <usize>i));
}
/** CONTAINER_OF(pwork, struct triggered_test_item, work): the item's index. */
function tindex(work: k_work): i32 {
  return <i32>((changetype<usize>(work) - triggered_works) / SIZEOF_K_WORK_POLL);
}

function triggered_work_handler(work: k_work): void {
  const pwork = changetype<k_work_poll>(changetype<usize>(work));
  const i = tindex(work);
  const expected = load<i32>(expected_poll_result);
  zassert_equal<i32>(pwork.poll_result, expected, `res ${pwork.poll_result} expect ${expected}`);
  record(load<i32>(triggered_keys + 4 * <usize>i));
}

/** Test triggered work queue init (k_work_poll_init). */
function test_triggered_init(): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    store<i32>(triggered_keys + 4 * <usize>i, i + 1);
    k_work_poll_init(twork(i), triggered_work_handler);
    k_poll_signal_init(tsignal(i));
    const events = [
      K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(tsignal(i))),
    ];
    store<usize>(triggered_events + 4 * <usize>i, changetype<usize>(events));
  }
}

/** Test triggered workqueue submit (k_work_poll_submit). */
function test_triggered_submit(timeout: k_timeout_t): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    zassert_true(k_work_poll_submit(twork(i), tevents(i), timeout) == 0);
  }
}

/** Trigger triggered workqueue execution. */
function test_triggered_trigger(): void {
  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    zassert_true(k_poll_signal_raise(tsignal(i), 1) == 0);
  }
}

// Verify triggered (poll) work items run once their event is signalled.
ZTEST(workqueue_triggered, "test_triggered", () => {
  // As work items are triggered, they should indicate an event.
  store<i32>(expected_poll_result, 0);
  test_triggered_init();
  test_triggered_submit(K_FOREVER);
  test_triggered_trigger();
  // Items should be executed when we will be sleeping.
  k_msleep(WORK_ITEM_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

// Verify triggered (poll) work items run when their event is already signalled at submission.
ZTEST(workqueue_triggered, "test_already_triggered", () => {
  store<i32>(expected_poll_result, 0);
  test_triggered_init();
  test_triggered_trigger();
  test_triggered_submit(K_FOREVER);
  k_msleep(WORK_ITEM_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

function triggered_resubmit_work_handler(work: k_work): void {
  const i = tindex(work);
  const ti_key = triggered_keys + 4 * <usize>i;
  const key = load<i32>(ti_key);
  record(key);
  if (key < NUM_TEST_ITEMS) {
    store<i32>(ti_key, key + 1);
    k_poll_signal_reset(tsignal(0));
    zassert_true(k_work_poll_submit(twork(0), tevents(0), K_FOREVER) == 0);
  }
}

// Verify a triggered (poll) work item can resubmit itself from its handler.
ZTEST(workqueue_triggered, "test_triggered_resubmit", () => {
  store<i32>(expected_poll_result, 0);
  store<i32>(triggered_keys, 1);
  k_work_poll_init(twork(0), triggered_resubmit_work_handler);
  k_poll_signal_init(tsignal(0));
  const events = [K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(tsignal(0)))];
  store<usize>(triggered_events, changetype<usize>(events));
  zassert_true(k_work_poll_submit(twork(0), tevents(0), K_FOREVER) == 0);
  for (let i = 0; i < NUM_TEST_ITEMS; i++) {
    zassert_true(k_poll_signal_raise(tsignal(0), 1) == 0);
    k_msleep(WORK_ITEM_WAIT);
  }
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

// Verify triggered (poll) work items submitted with K_NO_WAIT run when already signalled.
ZTEST(workqueue_triggered, "test_triggered_no_wait", () => {
  store<i32>(expected_poll_result, 0);
  test_triggered_init();
  test_triggered_trigger();
  test_triggered_submit(K_NO_WAIT);
  k_msleep(WORK_ITEM_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

// Verify triggered (poll) work items submitted with K_NO_WAIT expire when not signalled.
ZTEST(workqueue_triggered, "test_triggered_no_wait_expired", () => {
  // As work items are not triggered, they should be marked as expired.
  store<i32>(expected_poll_result, -EAGAIN);
  test_triggered_init();
  test_triggered_submit(K_NO_WAIT);
  k_msleep(WORK_ITEM_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

// Verify triggered (poll) work items run when signalled before a finite timeout elapses.
ZTEST(workqueue_triggered, "test_triggered_wait", () => {
  store<i32>(expected_poll_result, 0);
  test_triggered_init();
  test_triggered_trigger();
  test_triggered_submit(K_MSEC(2 * SUBMIT_WAIT));
  k_msleep(SUBMIT_WAIT);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

// Verify triggered (poll) work items expire after a finite timeout when never signalled.
ZTEST(workqueue_triggered, "test_triggered_wait_expired", () => {
  // As work items are not triggered, they should time out.
  store<i32>(expected_poll_result, -EAGAIN);
  test_triggered_init();
  test_triggered_submit(K_MSEC(2 * SUBMIT_WAIT));
  // Items should not be executed when we will be sleeping here.
  k_msleep(SUBMIT_WAIT);
  check_results(0);
  // Items should be executed when we will be sleeping here.
  k_msleep(SUBMIT_WAIT * 2);
  check_results(NUM_TEST_ITEMS);
  reset_results();
});

const MSG_PROVIDER_THREAD_STACK_SIZE = 2048;
const MSG_CONSUMER_WORKQ_STACK_SIZE = 2048;
const MSG_PROVIDER_THREAD_PRIO = K_PRIO_PREEMPT(8);
const MSG_CONSUMER_WORKQ_PRIO = K_PRIO_COOP(7);
const MSG_SIZE: u32 = 16;

// struct triggered_from_msgq_test_item triggered_from_msgq_test, field by field.
const msgq_tid = memory.data(4, 4);
const msg_consumer_workq = changetype<k_work_q>(memory.data(SIZEOF_K_WORK_Q, 16));
const msgq_work = changetype<k_work_poll>(memory.data(SIZEOF_K_WORK_POLL, 16));
const msgq_buf = memory.data(MSG_SIZE * 1, 4);
const msgq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const provider_msg = memory.data(MSG_SIZE, 4);
const consumer_msg = memory.data(MSG_SIZE, 4);

function msg_provider_thread(p1: usize, p2: usize, p3: usize): void {
  k_msgq_put(msgq, provider_msg, K_NO_WAIT);
}

function triggered_from_msgq_work_handler(work: k_work): void {
  k_msgq_get(msgq, consumer_msg, K_NO_WAIT);
}

function test_triggered_from_msgq_init(): void {
  const tid = k_thread_create(
    MSG_PROVIDER_THREAD_STACK_SIZE,
    msg_provider_thread,
    0,
    0,
    0,
    MSG_PROVIDER_THREAD_PRIO,
    0,
    K_FOREVER,
  );
  store<usize>(msgq_tid, changetype<usize>(tid));
  k_work_queue_init(msg_consumer_workq);
  k_msgq_init(msgq, msgq_buf, MSG_SIZE, 1);
  k_work_poll_init(msgq_work, triggered_from_msgq_work_handler);
  const events = [
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_MSGQ_DATA_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(msgq)),
  ];
  k_work_queue_start(msg_consumer_workq, MSG_CONSUMER_WORKQ_STACK_SIZE, MSG_CONSUMER_WORKQ_PRIO, null);
  k_work_poll_submit_to_queue(msg_consumer_workq, msgq_work, events, K_FOREVER);
}

function test_triggered_from_msgq_start(): void {
  k_thread_start(changetype<k_tid_t>(load<usize>(msgq_tid)));
}

// Verify a triggered (poll) work item can be triggered by a message queue becoming readable
// (Zephyr issue #45267: the msgq's lock is not held while the handler runs).
ZTEST(workqueue_triggered, "test_triggered_from_msgq", () => {
  test_triggered_from_msgq_init();
  test_triggered_from_msgq_start();
  reset_results();
});

// Verify K_WORK_DELAYABLE_DEFINE() initializes a delayable work item identically to
// k_work_init_delayable(). (K_WORK_DELAYABLE_DEFINE is a top-level definition in wasmp.)
const initialized_by_macro = K_WORK_DELAYABLE_DEFINE(delayed_work_handler);
const initialized_by_function = changetype<k_work>(memory.data(SIZEOF_K_WORK, 16));
ZTEST(workqueue_triggered, "test_delayed_work_define", () => {
  k_work_init_delayable(initialized_by_function, delayed_work_handler);
  zassert_mem_equal(changetype<usize>(initialized_by_function), changetype<usize>(initialized_by_macro), SIZEOF_K_WORK);
});

// Verify k_work_poll_cancel() return values for triggered work items.
ZTEST(workqueue_triggered, "test_triggered_cancel", () => {
  // As work items are triggered, they should indicate an event.
  store<i32>(expected_poll_result, 0);
  test_triggered_init();
  test_triggered_submit(K_FOREVER);
  let ret = k_work_poll_cancel(twork(0));
  zassert_true(ret == 0, "triggered cancel failed");
  ret = k_work_poll_cancel(twork(0));
  zassert_true(ret == -EINVAL, "triggered cancel failed");
  ret = k_work_poll_cancel(null);
  zassert_true(ret == -EINVAL, "triggered cancel failed");
});

// test case main entry
function workq_setup(): usize {
  k_thread_priority_set(k_current_get(), 0);
  test_sequence();
  return 0;
}
