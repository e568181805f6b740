// Translation of Zephyr tests/kernel/poll/src/test_poll.c. The newest copy in the sources
// read is search-index file 239067031 (the version with test_poll_zero_events, the cancel
// tests and test_poll_threadstate), with its main.c (index file 335506966, the
// ztest_test_suite API): one suite, poll_api, run in main.c's order, every test but
// test_poll_multi a ztest_1cpu_unit_test (test_poll_multi is one here too; see below). Its prj.conf is poll.conf. All 7 portable tests:
// test_poll_no_wait, test_poll_wait, test_poll_zero_events, test_poll_cancel_main_low_prio,
// test_poll_cancel_main_high_prio, test_poll_multi, test_poll_threadstate. Same threads,
// priorities (main_low_prio 10, helpers at 9, 11 and old_prio + 1), timeouts (250 ms,
// 100 ms, K_SECONDS(1)) and assertions. Differences:
// - The CONFIG_USERSPACE-only checks of test_poll_no_wait (k_poll fed garbage: INT_MAX and
//   4096 events, a bad mode, a bad type) are compiled out in Zephyr without user mode, as
//   here; K_USER | K_INHERIT_PERMS thread options are dropped (wasmp has no user mode), and so
//   is test_poll_grant_access. test_poll_fail.c (user-mode faults) is not translated
//   (test/conformance/README.md).
// - k_poll takes an array (k_poll(events, ARRAY_SIZE(events), t) is k_poll(events, t);
//   k_poll(&event, 0, t) is k_poll of an empty array). The events are created by the test
//   (K_POLL_EVENT_INITIALIZER / K_POLL_EVENT_STATIC_INITIALIZER return new events): a top-level
//   object would be one per CPU in wasmp, so wait_events[] is built by test_poll_wait and passed
//   to check_results.
// - ztest_1cpu_unit_test(fn) is fn between z_test_1cpu_start() and z_test_1cpu_stop() (the
//   setup and teardown that old ztest runs in the test's thread); the suite's `after` hook
//   also releases the CPUs if a failed 1cpu test did not get to its teardown.
// - Zephyr's prj.conf (at 573bfbab) sets CONFIG_MP_NUM_CPUS=1; here every CPU of the board
//   boots and the 1cpu tests hold the other CPUs. test_poll_multi, which main.c does not
//   mark 1cpu because the whole program runs on one CPU, assumes one too: its two
//   back-to-back k_sem_give(&multi_sem) of a limit-1 semaphore must each reach a poller,
//   which holds only if the first poller preempts the giver (on 4 CPUs both pollers woke on
//   other CPUs, the second give found the count at its limit, and `multi` never got the
//   semaphore). It is held to one CPU as well, which is the configuration Zephyr runs it in.
// - C statics (fifo_msg structs, fifos, sems, signals, k_poll_signal_check's out-parameters)
//   are static memory, shared by every CPU. struct fifo_msg is {private: u32, msg: u32}.
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_not_equal,
  zassert_not_null,
  z_test_1cpu_start,
  z_test_1cpu_stop,
  k_thread_create,
  k_thread_priority_get,
  k_thread_priority_set,
  k_thread_suspend,
  k_thread_resume,
  k_current_get,
  k_tid_t,
  k_sleep,
  k_sem_init,
  k_sem_give,
  k_sem_take,
  K_SEM_DEFINE,
  K_MSEC,
  K_SECONDS,
  K_NO_WAIT,
  K_FOREVER,
  EAGAIN,
  EBUSY,
  EINTR,
  k_fifo_init,
  K_FIFO_DEFINE,
  k_fifo_alloc_put,
  k_fifo_get,
  k_fifo_cancel_wait,
  k_poll,
  k_poll_event,
  k_poll_event_init,
  K_POLL_EVENT_INITIALIZER,
  K_POLL_EVENT_STATIC_INITIALIZER,
  k_poll_signal_init,
  k_poll_signal_raise,
  k_poll_signal_reset,
  k_poll_signal_check,
  K_POLL_SIGNAL_DEFINE,
  K_POLL_TYPE_IGNORE,
  K_POLL_TYPE_SIGNAL,
  K_POLL_TYPE_SEM_AVAILABLE,
  K_POLL_TYPE_DATA_AVAILABLE,
  K_POLL_TYPE_FIFO_DATA_AVAILABLE,
  K_POLL_STATE_NOT_READY,
  K_POLL_STATE_SIGNALED,
  K_POLL_STATE_SEM_AVAILABLE,
  K_POLL_STATE_FIFO_DATA_AVAILABLE,
  K_POLL_STATE_CANCELLED,
  K_POLL_MODE_NOTIFY_ONLY,
} from "wasmp";

// global values and data structures: struct fifo_msg { void *private; uint32_t msg; }
const FIFO_MSG_MSG: usize = 4;
const SIGNAL_RESULT: i32 = 0x1ee7d00d;
const FIFO_MSG_VALUE: u32 = 0xdeadbeef;
const STACK_SIZE = 1024; // 1024 + CONFIG_TEST_EXTRA_STACK_SIZE

function ev_list(
  a: k_poll_event,
  b: k_poll_event | null = null,
  c: k_poll_event | null = null,
  d: k_poll_event | null = null,
): k_poll_event[] {
  const events = new Array<k_poll_event>();
  events.push(a);
  if (b != null) events.push(b);
  if (c != null) events.push(c);
  if (d != null) events.push(d);
  return events;
}

// verify k_poll() without waiting
const no_wait_sem = K_SEM_DEFINE(0, 1); // static struct k_sem no_wait_sem (k_sem_init'ed)
const no_wait_fifo = K_FIFO_DEFINE(); // static struct k_fifo no_wait_fifo (k_fifo_init'ed)
const no_wait_signal = K_POLL_SIGNAL_DEFINE(); // static struct k_poll_signal (k_poll_signal_init'ed)
const zero_events_sem = K_SEM_DEFINE(0, 1);
const no_wait_msg = memory.data<u32>([0, FIFO_MSG_VALUE]); // struct fifo_msg msg = { NULL, FIFO_MSG_VALUE }
const signaled_word = memory.data(4, 4); // unsigned int signaled
const result_word = memory.data(4, 4); // int result

// verify k_poll() that has to wait
const wait_sem = K_SEM_DEFINE(0, 1);
const wait_fifo = K_FIFO_DEFINE();
const wait_signal = K_POLL_SIGNAL_DEFINE(); // K_POLL_SIGNAL_INITIALIZER(wait_signal)
const wait_msg = memory.data<u32>([0, FIFO_MSG_VALUE]); // struct fifo_msg wait_msg
const TAG_0: u32 = 10;
const TAG_1: u32 = 11;
const TAG_2: u32 = 12;

function poll_wait_helper(use_fifo: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(250));
  k_sem_give(wait_sem);
  if (use_fifo != 0) k_fifo_alloc_put(wait_fifo, wait_msg);
  k_poll_signal_raise(wait_signal, SIGNAL_RESULT);
}

// check results for multiple events
function check_results(wait_events: k_poll_event[], i: i32, event_type: u32, is_available: bool): void {
  const events = wait_events[i];
  switch (event_type) {
    case K_POLL_TYPE_SEM_AVAILABLE:
      if (is_available) {
        zassert_equal<u32>(events.state, K_POLL_STATE_SEM_AVAILABLE);
        zassert_equal<i32>(k_sem_take(wait_sem, K_NO_WAIT), 0);
        zassert_equal<u32>(events.tag, TAG_0);
        // reset to not ready
        events.state = K_POLL_STATE_NOT_READY;
      } else {
        zassert_equal<u32>(events.state, K_POLL_STATE_NOT_READY);
        zassert_equal<i32>(k_sem_take(wait_sem, K_NO_WAIT), -EBUSY);
        zassert_equal<u32>(events.tag, TAG_0);
      }
      break;
    case K_POLL_TYPE_DATA_AVAILABLE:
      if (is_available) {
        zassert_equal<u32>(events.state, K_POLL_STATE_FIFO_DATA_AVAILABLE);
        const msg_ptr = k_fifo_get(wait_fifo, K_NO_WAIT);
        zassert_not_null(msg_ptr);
        zassert_equal<usize>(msg_ptr, wait_msg);
        zassert_equal<u32>(load<u32>(msg_ptr + FIFO_MSG_MSG), FIFO_MSG_VALUE);
        zassert_equal<u32>(events.tag, TAG_1);
        // reset to not ready
        events.state = K_POLL_STATE_NOT_READY;
      } else {
        zassert_equal<u32>(events.state, K_POLL_STATE_NOT_READY);
      }
      break;
    case K_POLL_TYPE_SIGNAL:
      if (is_available) {
        zassert_equal<u32>(wait_events[2].state, K_POLL_STATE_SIGNALED);
        zassert_equal<u32>(wait_signal.signaled, 1);
        zassert_equal<i32>(wait_signal.result, SIGNAL_RESULT);
        zassert_equal<u32>(wait_events[2].tag, TAG_2);
        // reset to not ready
        events.state = K_POLL_STATE_NOT_READY;
        wait_signal.signaled = 0;
      } else {
        zassert_equal<u32>(events.state, K_POLL_STATE_NOT_READY);
      }
      break;
    case K_POLL_TYPE_IGNORE:
      zassert_equal<u32>(wait_events[3].state, K_POLL_STATE_NOT_READY);
      break;
    default:
      zassert_true(false, `invalid event type (0x${event_type.toString(16)})`);
      break;
  }
}

// verify k_poll() that waits on object which gets cancellation
const cancel_fifo = K_FIFO_DEFINE();
const non_cancel_fifo = K_FIFO_DEFINE();
const cancel_msg = memory.data(8, 4); // poll_cancel_helper's static struct fifo_msg msg

function poll_cancel_helper(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(100));
  k_fifo_cancel_wait(cancel_fifo);
  k_fifo_alloc_put(non_cancel_fifo, cancel_msg);
}

/** @brief Test polling of cancelled fifo */
function test_poll_cancel(is_main_low_prio: bool): void {
  const main_low_prio = 10;
  const old_prio = k_thread_priority_get(k_current_get());
  const cancel_events = ev_list(
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_FIFO_DATA_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(cancel_fifo)),
    K_POLL_EVENT_INITIALIZER(
      K_POLL_TYPE_FIFO_DATA_AVAILABLE,
      K_POLL_MODE_NOTIFY_ONLY,
      changetype<usize>(non_cancel_fifo),
    ),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_IGNORE, K_POLL_MODE_NOTIFY_ONLY, 0),
  );
  k_fifo_init(cancel_fifo);
  k_fifo_init(non_cancel_fifo);
  if (is_main_low_prio) k_thread_priority_set(k_current_get(), main_low_prio);
  k_thread_create(STACK_SIZE, poll_cancel_helper, 1, 0, 0, main_low_prio - 1, 0, K_NO_WAIT);
  const rc = k_poll(cancel_events, K_SECONDS(1));
  k_thread_priority_set(k_current_get(), old_prio);
  zassert_equal<i32>(rc, -EINTR);
  zassert_equal<u32>(cancel_events[0].state, K_POLL_STATE_CANCELLED);
  if (is_main_low_prio) {
    // If poller thread is lower priority than threads which generate poll events, it may get
    // multiple poll events at once.
    zassert_equal<u32>(cancel_events[1].state, K_POLL_STATE_FIFO_DATA_AVAILABLE);
  } else {
    // Otherwise, poller thread will be woken up on first event triggered.
    zassert_equal<u32>(cancel_events[1].state, K_POLL_STATE_NOT_READY);
  }
}

// verify multiple pollers
const multi_sem = K_SEM_DEFINE(0, 1);
const multi_reply = K_SEM_DEFINE(0, 1);
const multi_ready_sem = K_SEM_DEFINE(1, 1);

function multi_lowprio(p1: usize, p2: usize, p3: usize): void {
  const event = new k_poll_event();
  k_poll_event_init(event, K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(multi_sem));
  k_poll(ev_list(event), K_FOREVER);
  const rc = k_sem_take(multi_sem, K_FOREVER);
  zassert_equal<i32>(rc, 0);
}

function multi(p1: usize, p2: usize, p3: usize): void {
  const event = new k_poll_event();
  k_poll_event_init(event, K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(multi_sem));
  k_poll(ev_list(event), K_FOREVER);
  k_sem_take(multi_sem, K_FOREVER);
  k_sem_give(multi_reply);
}

const signal = K_POLL_SIGNAL_DEFINE(); // static struct k_poll_signal signal

function threadstate(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(250));
  // Update polling thread state explicitly to improve code coverage
  k_thread_suspend(changetype<k_tid_t>(p1));
  // Enable polling thread by signalling
  k_poll_signal_raise(signal, SIGNAL_RESULT);
  k_thread_resume(changetype<k_tid_t>(p1));
}

// ztest_1cpu_unit_test: whether the CPUs are held (static: the test and the hook share it).
const held_1cpu = memory.data(4, 4);
function start_1cpu(): void {
  z_test_1cpu_start();
  store<u32>(held_1cpu, 1);
}
function stop_1cpu(): void {
  store<u32>(held_1cpu, 0);
  z_test_1cpu_stop();
}
function poll_after(fixture: usize): void {
  if (load<u32>(held_1cpu) != 0) stop_1cpu();
}

const poll_api = ZTEST_SUITE("poll_api", null, null, poll_after);

/** @brief Test poll events with no wait */
ZTEST(poll_api, "test_poll_no_wait", () => {
  start_1cpu();
  const msg = no_wait_msg;
  k_sem_init(no_wait_sem, 1, 1);
  k_fifo_init(no_wait_fifo);
  k_poll_signal_init(no_wait_signal);
  const events = ev_list(
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(no_wait_sem)),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_FIFO_DATA_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(no_wait_fifo)),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(no_wait_signal)),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_IGNORE, K_POLL_MODE_NOTIFY_ONLY, 0),
  );
  // test polling events that are already ready
  zassert_true(k_fifo_alloc_put(no_wait_fifo, msg) == 0);
  k_poll_signal_raise(no_wait_signal, SIGNAL_RESULT);
  zassert_equal<i32>(k_poll(events, K_NO_WAIT), 0);
  zassert_equal<u32>(events[0].state, K_POLL_STATE_SEM_AVAILABLE);
  zassert_equal<i32>(k_sem_take(no_wait_sem, K_NO_WAIT), 0);
  zassert_equal<u32>(events[1].state, K_POLL_STATE_FIFO_DATA_AVAILABLE);
  const msg_ptr = k_fifo_get(no_wait_fifo, K_NO_WAIT);
  zassert_not_null(msg_ptr);
  zassert_equal<usize>(msg_ptr, msg);
  zassert_equal<u32>(load<u32>(msg_ptr + FIFO_MSG_MSG), FIFO_MSG_VALUE);
  zassert_equal<u32>(events[2].state, K_POLL_STATE_SIGNALED);
  k_poll_signal_check(no_wait_signal, signaled_word, result_word);
  zassert_not_equal<u32>(load<u32>(signaled_word), 0);
  zassert_equal<i32>(load<i32>(result_word), SIGNAL_RESULT);
  zassert_equal<u32>(events[3].state, K_POLL_STATE_NOT_READY);
  // verify events are not ready anymore (user has to clear them first)
  events[0].state = K_POLL_STATE_NOT_READY;
  events[1].state = K_POLL_STATE_NOT_READY;
  events[2].state = K_POLL_STATE_NOT_READY;
  events[3].state = K_POLL_STATE_NOT_READY;
  k_poll_signal_reset(no_wait_signal);
  zassert_equal<i32>(k_poll(events, K_NO_WAIT), -EAGAIN);
  zassert_equal<u32>(events[0].state, K_POLL_STATE_NOT_READY);
  zassert_equal<u32>(events[1].state, K_POLL_STATE_NOT_READY);
  zassert_equal<u32>(events[2].state, K_POLL_STATE_NOT_READY);
  zassert_equal<u32>(events[3].state, K_POLL_STATE_NOT_READY);
  zassert_not_equal<i32>(k_sem_take(no_wait_sem, K_NO_WAIT), 0);
  zassert_true(k_fifo_get(no_wait_fifo, K_NO_WAIT) == 0);
  stop_1cpu();
});

/** @brief Test polling with wait */
ZTEST(poll_api, "test_poll_wait", () => {
  start_1cpu();
  const main_low_prio = 10;
  const wait_events = ev_list(
    K_POLL_EVENT_STATIC_INITIALIZER(
      K_POLL_TYPE_SEM_AVAILABLE,
      K_POLL_MODE_NOTIFY_ONLY,
      changetype<usize>(wait_sem),
      TAG_0,
    ),
    K_POLL_EVENT_STATIC_INITIALIZER(
      K_POLL_TYPE_FIFO_DATA_AVAILABLE,
      K_POLL_MODE_NOTIFY_ONLY,
      changetype<usize>(wait_fifo),
      TAG_1,
    ),
    K_POLL_EVENT_STATIC_INITIALIZER(K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(wait_signal), TAG_2),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_IGNORE, K_POLL_MODE_NOTIFY_ONLY, 0),
  );
  const old_prio = k_thread_priority_get(k_current_get());
  k_poll_signal_init(wait_signal);
  // Wait for 3 non-ready events to become ready from a higher priority thread.
  k_thread_priority_set(k_current_get(), main_low_prio);
  k_thread_create(STACK_SIZE, poll_wait_helper, 1, 0, 0, main_low_prio - 1, 0, K_NO_WAIT);
  let rc = k_poll(wait_events, K_NO_WAIT);
  zassert_equal<i32>(rc, -EAGAIN, "should return EAGAIN with K_NO_WAIT");
  rc = k_poll(wait_events, K_SECONDS(1));
  k_thread_priority_set(k_current_get(), old_prio);
  zassert_equal<i32>(rc, 0);
  // all events should be available.
  check_results(wait_events, 0, K_POLL_TYPE_SEM_AVAILABLE, true);
  check_results(wait_events, 1, K_POLL_TYPE_DATA_AVAILABLE, true);
  check_results(wait_events, 2, K_POLL_TYPE_SIGNAL, true);
  check_results(wait_events, 3, K_POLL_TYPE_IGNORE, true);
  // verify events are not ready anymore
  zassert_equal<i32>(k_poll(wait_events, K_SECONDS(1)), -EAGAIN);
  // all events should not be available.
  check_results(wait_events, 0, K_POLL_TYPE_SEM_AVAILABLE, false);
  check_results(wait_events, 1, K_POLL_TYPE_DATA_AVAILABLE, false);
  check_results(wait_events, 2, K_POLL_TYPE_SIGNAL, false);
  check_results(wait_events, 3, K_POLL_TYPE_IGNORE, false);
  // Wait for 2 out of 3 non-ready events to become ready from a higher priority thread.
  k_thread_priority_set(k_current_get(), main_low_prio);
  k_thread_create(STACK_SIZE, poll_wait_helper, 0, 0, 0, main_low_prio - 1, 0, K_NO_WAIT);
  rc = k_poll(wait_events, K_SECONDS(1));
  k_thread_priority_set(k_current_get(), old_prio);
  zassert_equal<i32>(rc, 0);
  check_results(wait_events, 0, K_POLL_TYPE_SEM_AVAILABLE, true);
  check_results(wait_events, 1, K_POLL_TYPE_DATA_AVAILABLE, false);
  check_results(wait_events, 2, K_POLL_TYPE_SIGNAL, true);
  // Wait for each event to be ready from a lower priority thread, one at a time.
  k_thread_create(STACK_SIZE, poll_wait_helper, 1, 0, 0, old_prio + 1, 0, K_NO_WAIT);
  // semaphore
  rc = k_poll(wait_events, K_SECONDS(1));
  zassert_equal<i32>(rc, 0);
  check_results(wait_events, 0, K_POLL_TYPE_SEM_AVAILABLE, true);
  check_results(wait_events, 1, K_POLL_TYPE_DATA_AVAILABLE, false);
  check_results(wait_events, 2, K_POLL_TYPE_SIGNAL, false);
  // fifo
  rc = k_poll(wait_events, K_SECONDS(1));
  zassert_equal<i32>(rc, 0);
  check_results(wait_events, 0, K_POLL_TYPE_SEM_AVAILABLE, false);
  check_results(wait_events, 1, K_POLL_TYPE_DATA_AVAILABLE, true);
  check_results(wait_events, 2, K_POLL_TYPE_SIGNAL, false);
  // poll signal
  rc = k_poll(wait_events, K_SECONDS(1));
  zassert_equal<i32>(rc, 0);
  check_results(wait_events, 0, K_POLL_TYPE_SEM_AVAILABLE, false);
  check_results(wait_events, 1, K_POLL_TYPE_DATA_AVAILABLE, false);
  check_results(wait_events, 2, K_POLL_TYPE_SIGNAL, true);
  stop_1cpu();
});

ZTEST(poll_api, "test_poll_zero_events", () => {
  start_1cpu();
  const event = new k_poll_event();
  k_sem_init(zero_events_sem, 1, 1);
  k_poll_event_init(event, K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(zero_events_sem));
  zassert_equal<i32>(k_poll(new Array<k_poll_event>(), K_MSEC(50)), -EAGAIN);
  stop_1cpu();
});

ZTEST(poll_api, "test_poll_cancel_main_low_prio", () => {
  start_1cpu();
  test_poll_cancel(true);
  stop_1cpu();
});

ZTEST(poll_api, "test_poll_cancel_main_high_prio", () => {
  start_1cpu();
  test_poll_cancel(false);
  stop_1cpu();
});

/** @brief Test polling of multiple events */
ZTEST(poll_api, "test_poll_multi", () => {
  start_1cpu();
  const old_prio = k_thread_priority_get(k_current_get());
  const main_low_prio = 10;
  const events = ev_list(
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(multi_sem)),
    K_POLL_EVENT_INITIALIZER(K_POLL_TYPE_SEM_AVAILABLE, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(multi_ready_sem)),
  );
  k_thread_priority_set(k_current_get(), main_low_prio);
  k_thread_create(STACK_SIZE, multi, 0, 0, 0, main_low_prio - 1, 0, K_NO_WAIT);
  // create additional thread to add multiple(more than one) pending threads in events list to
  // improve code coverage.
  k_thread_create(STACK_SIZE, multi_lowprio, 0, 0, 0, main_low_prio + 1, 0, K_NO_WAIT);
  // Allow lower priority thread to add poll event in the list
  k_sleep(K_MSEC(250));
  let rc = k_poll(events, K_SECONDS(1));
  zassert_equal<i32>(rc, 0);
  zassert_equal<u32>(events[0].state, K_POLL_STATE_NOT_READY);
  zassert_equal<u32>(events[1].state, K_POLL_STATE_SEM_AVAILABLE);
  // free polling threads, ensuring it awoken from k_poll() and got the sem
  k_sem_give(multi_sem);
  k_sem_give(multi_sem);
  rc = k_sem_take(multi_reply, K_SECONDS(1));
  zassert_equal<i32>(rc, 0);
  // wait for polling threads to complete execution
  k_thread_priority_set(k_current_get(), old_prio);
  k_sleep(K_MSEC(250));
  stop_1cpu();
});

/** @brief Test polling of events by manipulating polling thread state */
ZTEST(poll_api, "test_poll_threadstate", () => {
  start_1cpu();
  const main_low_prio = 10;
  k_poll_signal_init(signal);
  const event = new k_poll_event();
  k_poll_event_init(event, K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(signal));
  const old_prio = k_thread_priority_get(k_current_get());
  k_thread_priority_set(k_current_get(), main_low_prio);
  const ztest_tid = k_current_get();
  k_thread_create(STACK_SIZE, threadstate, changetype<usize>(ztest_tid), 0, 0, main_low_prio - 1, 0, K_NO_WAIT);
  // wait for spawn thread to take action
  zassert_equal<i32>(k_poll(ev_list(event), K_SECONDS(1)), 0);
  zassert_equal<u32>(event.state, K_POLL_STATE_SIGNALED);
  k_poll_signal_check(signal, signaled_word, result_word);
  zassert_not_equal<u32>(load<u32>(signaled_word), 0);
  zassert_equal<i32>(load<i32>(result_word), SIGNAL_RESULT);
  event.state = K_POLL_STATE_NOT_READY;
  k_poll_signal_reset(signal);
  // teardown
  k_thread_priority_set(k_current_get(), old_prio);
  stop_1cpu();
});
