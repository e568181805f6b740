// Translation of Zephyr tests/kernel/events/event_api/src/test_event_apis.c, the 2026 version
// (the search index's newest copy, file 55999286971, 25,689 bytes: suite events_api with
// test_event_post/set/set_masked, test_k_event_clear, test_event_wait_timeout,
// test_event_wake_multiple, test_k_event_wait_safe and test_k_event_wait_all_safe; the index
// does not record its commit; the suite is defined in this file, main.c is gone). Its
// prj.conf is event_api.conf. Same event objects, semaphores, threads, priorities, delays
// (DELAY 50 ms, SHORT_TIMEOUT 100 ms, LONG_TIMEOUT 1000 ms) and assertions, with these
// differences:
// - Order: Zephyr runs a suite's tests in name order (they sit in a linker section sorted by
//   name); the registrations at the end keep that order.
// - ZTEST_USER tests run as ZTEST (no user mode; Zephyr does the same without
//   CONFIG_USERSPACE); events_api_setup only grants user threads access, so the suite has no
//   setup. tests.yaml's kernel.events.tracing scenario (CONFIG_TRACING, native_sim only) is
//   not run: wasmp has no tracing hooks.
// - `static struct k_event event` is zeroed static memory; z_waitq_head() (wait_q.h) is
//   wasmp's, exported for this white-box check; `volatile uint32_t test_events` is a word in
//   static memory; the threads are what k_thread_create returns; k_uptime_delta takes the
//   address of an int64_t in static memory.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_is_null,
  zexpect_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  k_event,
  SIZEOF_K_EVENT,
  K_EVENT_DEFINE,
  k_event_init,
  k_event_post,
  k_event_set,
  k_event_set_masked,
  k_event_clear,
  k_event_test,
  k_event_wait,
  k_event_wait_all,
  k_event_wait_safe,
  k_event_wait_all_safe,
  z_waitq_head,
  K_SEM_DEFINE,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_thread_join,
  k_sleep,
  k_uptime_get,
  k_uptime_delta,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_timeout_t,
} from "wasmp";

function DELAY(): k_timeout_t {
  return K_MSEC(50);
}
function SHORT_TIMEOUT(): k_timeout_t {
  return K_MSEC(100);
}
function LONG_TIMEOUT(): k_timeout_t {
  return K_MSEC(1000);
}

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum

const test_event = K_EVENT_DEFINE();
const sync_event = K_EVENT_DEFINE();
const deliver_event = K_EVENT_DEFINE();
const clear_event = K_EVENT_DEFINE();

const receiver_sem = K_SEM_DEFINE(0, 1);
const sync_sem = K_SEM_DEFINE(0, 1);

// volatile static uint32_t test_events
const test_events_word = memory.data(4, 4);
function test_events(): u32 {
  return atomic.load<u32>(test_events_word);
}
function set_test_events(v: u32): void {
  atomic.store<u32>(test_events_word, v);
}

function entry_extra1(p1: usize, p2: usize, p3: usize): void {
  const events = k_event_wait_all(sync_event, 0x33, true, K_FOREVER);

  k_event_post(test_event, events);
}

function entry_extra2(p1: usize, p2: usize, p3: usize): void {
  const events = k_event_wait(sync_event, 0x3300, true, K_FOREVER);

  k_event_post(test_event, events);
}

/* Verify that k_event_init() produces an empty, unowned event object. */
function test_k_event_init(): void {
  const event = changetype<k_event>(memory.data(SIZEOF_K_EVENT, 16)); // static struct k_event

  k_event_init(event);

  /*
   * The type of wait queue used by the event may vary depending upon
   * which kernel features have been enabled. As such, the most flexible
   * useful check is to verify that the waitq is empty.
   */

  const thread = z_waitq_head(event.wait_q);

  zassert_is_null(changetype<usize>(thread));
  zassert_true(event.events == 0);
}

function receive_existing_events(): void {
  /*
   * Sync point 1-1 : test_event contains events 0x1234.
   * Test for events 0x2448 (no waiting)--expect an error
   */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x2448, false, K_NO_WAIT));
  k_sem_give(receiver_sem);

  /*
   * Sync point 1-2 : test_event still contains event 0x1234.
   * Test for events 0x2448 (with waiting)--expect an error
   */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x2448, false, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /*
   * Sync point 1-3: test_event still contains event 0x1234.
   * Test for events 0x1235 (no waiting)--expect an error
   */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x1235, false, K_NO_WAIT));
  k_sem_give(receiver_sem);

  /*
   * Sync point 1-4: test_event still contains event 0x1234.
   * Test for events 0x1235 (no waiting)--expect an error
   */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x1235, false, K_NO_WAIT));
  k_sem_give(receiver_sem);

  /*
   * Sync point 1-5: test_event still contains event 0x1234.
   * Test for events 0x0235. Expect 0x0234 to be returned.
   */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x0235, false, K_NO_WAIT));
  k_sem_give(receiver_sem);

  /*
   * Sync point 1-6: test_event still contains event 0x1234.
   * Test for events 0x1234. Expect 0x1234 to be returned.
   */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x1234, false, K_NO_WAIT));
  k_sem_give(receiver_sem);
}

function reset_on_wait(): void {
  /* Sync point 2-1 */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x1234, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /* Sync point 2-2 */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x120000, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /* Sync point 2-3 */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x248001, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /* Sync point 2-4 */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x123458, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);
}

/**
 * receiver helper task entry points, one per test scenario
 */

function receiver_existing(p1: usize, p2: usize, p3: usize): void {
  receive_existing_events();
}

function receiver_reset(p1: usize, p2: usize, p3: usize): void {
  reset_on_wait();
}

/**
 * Works with receive_existing_events() to test the waiting for events
 * when some events have already been sent. No additional events are sent
 * to the event object during this block of testing.
 */
function drive_receive_existing_events(): void {
  /*
   * Sync point 1-1.
   * K_NO_WAIT, k_event_wait(), no matches
   */

  k_sem_give(sync_sem);
  let rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0);

  /*
   * Sync point 1-2.
   * Short timeout, k_event_wait(), no expected matches
   */

  k_sem_give(sync_sem);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0);

  /*
   * Sync point 1-3.
   * K_NO_WAIT, k_event_wait_all(), incomplete match
   */

  k_sem_give(sync_sem);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0);

  /*
   * Sync point 1-4.
   * Short timeout, k_event_wait_all(), incomplete match
   */

  k_sem_give(sync_sem);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0);

  /*
   * Sync point 1-5.
   * Short timeout, k_event_wait_all(), incomplete match
   */

  k_sem_give(sync_sem);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0x234);

  /*
   * Sync point 1-6.
   * Short timeout, k_event_wait_all(), incomplete match
   */

  k_sem_give(sync_sem);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0x1234);
}

/**
 * Works with reset_on_wait() to verify that the events stored in the
 * event object are reset at the appropriate time.
 */
function drive_reset_on_wait(): void {
  /*
   * Sync point 2-1. Reset events before receive.
   * Short timeout, k_event_wait_all(), incomplete match
   */

  k_sem_give(sync_sem);
  k_sleep(DELAY()); /* Give receiver thread time to run */
  k_event_post(test_event, 0x123);
  let rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0);
  zassert_true(test_event.events == 0x123);

  /*
   * Sync point 2-2. Reset events before receive.
   * Short timeout, k_event_wait(), no matches
   */

  k_sem_give(sync_sem);
  k_sleep(DELAY());
  k_event_post(test_event, 0x248);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0);
  zassert_true(test_event.events == 0x248);

  /*
   * Sync point 2-3. Reset events before receive.
   * Short timeout, k_event_wait_all(), complete match
   */

  k_sem_give(sync_sem);
  k_sleep(DELAY());
  k_event_post(test_event, 0x248021);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0x248001);
  zassert_true(test_event.events == 0x248021);

  /*
   * Sync point 2-4. Reset events before receive.
   * Short timeout, k_event_wait(), partial match
   */

  k_sem_give(sync_sem);
  k_sleep(DELAY());
  k_event_post(test_event, 0x123456);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0x123450);
  zassert_true(test_event.events == 0x123456);

  k_event_set(test_event, 0x0); /* Reset events */
}

/* Verify k_event_post() ORs new events into the stored set. */
function test_event_post(): void {
  const event = deliver_event;

  k_event_set(event, 0);

  zassert_equal(k_event_test(event, ~0), 0);

  let events: u32 = 0xaaaa;
  let previous = k_event_post(event, events);
  zassert_equal(previous, 0x0000);
  zassert_equal(k_event_test(event, ~0), events);

  events |= 0x55555abc;
  previous = k_event_post(event, events);
  zassert_equal(previous, events & 0xaaaa);
  zassert_equal(k_event_test(event, ~0), events);
}

/* Verify k_event_set() overwrites the stored set of events. */
function test_event_set(): void {
  const event = deliver_event;

  k_event_set(event, 0);

  k_event_post(event, 0xaaaa | 0x55555abc);

  let previous = k_event_set(event, 0xaaaa0000);
  zassert_equal(previous, 0xaaaa | 0x55555abc);
  zassert_equal(k_event_test(event, ~0), 0xaaaa0000);

  previous = k_event_set(event, 0x33333333);
  zassert_equal(previous, 0xaaaa0000);
  zassert_equal(k_event_test(event, ~0), 0x33333333);
}

/* Verify k_event_set_masked() changes only the masked events. */
function test_event_set_masked(): void {
  const event = deliver_event;

  let events: u32 = 0x33333333;
  k_event_set(event, events);
  zassert_equal(k_event_test(event, ~0), events);

  let events_mask: u32 = 0x11111111;
  let previous = k_event_set_masked(event, 0, events_mask);
  zassert_equal(previous, 0x11111111);
  zassert_equal(k_event_test(event, ~0), 0x22222222);

  events_mask = 0x22222222;
  previous = k_event_set_masked(event, 0, events_mask);
  zassert_equal(previous, 0x22222222);
  zassert_equal(k_event_test(event, ~0), 0);

  events = 0x22222222;
  events_mask = 0x22222222;
  previous = k_event_set_masked(event, events, events_mask);
  zassert_equal(previous, 0x00000000);
  zassert_equal(k_event_test(event, ~0), events);

  events = 0x11111111;
  events_mask = 0x33333333;
  previous = k_event_set_masked(event, events, events_mask);
  zassert_equal(previous, 0x22222222);
  zassert_equal(k_event_test(event, ~0), events);
}

/* Verify k_event_clear() clears specified events. */
function test_k_event_clear(): void {
  const event = clear_event;

  /* statically defined: initialized (empty) at boot */
  zassert_equal(k_event_test(event, ~0), 0);

  k_event_set(event, 0x33);
  zassert_equal(k_event_test(event, ~0), 0x33);

  /* clear a subset: only the requested events go away; the return
   * value reports the prior state of the requested events
   */
  let previous = k_event_clear(event, 0x11);
  zassert_equal(previous, 0x11);
  zassert_equal(k_event_test(event, ~0), 0x22);

  /* clearing events that are not set is a no-op and reports them
   * as not having been set
   */
  previous = k_event_clear(event, 0x11);
  zassert_equal(previous, 0x00);
  zassert_equal(k_event_test(event, ~0), 0x22);

  /* clear everything */
  previous = k_event_clear(event, ~0);
  zassert_equal(previous, 0x22);
  zassert_equal(k_event_test(event, ~0), 0);
}

/* Verify any/all matching of a wait against already-posted events. */
function test_event_receive_existing(): void {
  k_sem_init(sync_sem, 0, 1);
  k_sem_init(receiver_sem, 0, 1);
  k_event_set(test_event, 0x1234);

  const treceiver = k_thread_create(STACK_SIZE, receiver_existing, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  drive_receive_existing_events();

  zassert_equal(k_thread_join(treceiver, LONG_TIMEOUT()), 0);
}

/* Verify waiting for events accepts and honors a timeout. */
function test_event_wait_timeout(): void {
  const reftime = memory.data(8, 8); // int64_t reftime

  k_event_set(test_event, 0);

  let events = k_event_wait(test_event, 0xfff, false, K_NO_WAIT);
  zassert_equal(events, 0);

  store<i64>(reftime, k_uptime_get());
  events = k_event_wait(test_event, 0xfff, false, SHORT_TIMEOUT());
  let elapsed = k_uptime_delta(reftime);
  zassert_equal(events, 0);
  zassert_true(elapsed >= 100, `wait returned after ${elapsed} ms`);

  /* A partial match must not satisfy an all-match wait */
  k_event_set(test_event, 0x00f);
  store<i64>(reftime, k_uptime_get());
  events = k_event_wait_all(test_event, 0xfff, false, SHORT_TIMEOUT());
  elapsed = k_uptime_delta(reftime);
  zassert_equal(events, 0);
  zassert_true(elapsed >= 100, `wait returned after ${elapsed} ms`);

  k_event_set(test_event, 0);
}

/* Verify the reset option clears prior events before waiting. */
function test_event_reset_on_wait(): void {
  k_sem_init(sync_sem, 0, 1);
  k_sem_init(receiver_sem, 0, 1);
  k_event_set(test_event, 0x1234);

  const treceiver = k_thread_create(STACK_SIZE, receiver_reset, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  drive_reset_on_wait();

  zassert_equal(k_thread_join(treceiver, LONG_TIMEOUT()), 0);
}

/* Verify a single event delivery wakes all matching waiters. */
function test_event_wake_multiple(): void {
  k_event_set(test_event, 0);
  k_event_set(sync_event, 0);

  const textra1 = k_thread_create(STACK_SIZE, entry_extra1, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  const textra2 = k_thread_create(STACK_SIZE, entry_extra2, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  /* Let both waiters pend on <sync_event>, then wake them together. */
  k_sleep(DELAY());
  k_event_set(sync_event, 0xfff);

  /*
   * The extra threads send back the events they received. Wait
   * for all of them.
   */
  const events = k_event_wait_all(test_event, 0x333, false, SHORT_TIMEOUT());
  zassert_true(events == 0x333);

  zassert_equal(k_thread_join(textra1, LONG_TIMEOUT()), 0);
  zassert_equal(k_thread_join(textra2, LONG_TIMEOUT()), 0);
}

/* Verify k_event_wait_safe() consumes only the bits it returns. */
function test_k_event_wait_safe(): void {
  k_event_set(test_event, 0x73);

  let events = k_event_wait_safe(test_event, 0x11, false, K_NO_WAIT);
  zexpect_equal(events, 0x11, "expected 0x11");

  events = k_event_wait_safe(test_event, 0x11, false, K_NO_WAIT);
  zexpect_equal(events, 0x0, "phantom events not removed from event object");

  events = k_event_wait_safe(test_event, 0x62, false, K_NO_WAIT);
  zexpect_equal(events, 0x62, "expected 0x62");

  events = k_event_wait_safe(test_event, <u32>-1, false, K_NO_WAIT);
  zexpect_equal(events, 0x0, "phantom events not removed from event object");
}

/* Verify k_event_wait_all_safe() consumes bits only on a full match. */
function test_k_event_wait_all_safe(): void {
  k_event_set(test_event, 0x73);

  let events = k_event_wait_all_safe(test_event, 0x81, false, K_NO_WAIT);
  zexpect_equal(events, 0x0, "expected 0x0");

  events = k_event_wait_all_safe(test_event, 0x11, false, K_NO_WAIT);
  zexpect_equal(events, 0x11, "expected 0x11");

  events = k_event_wait_all_safe(test_event, 0x63, false, K_NO_WAIT);
  zexpect_equal(events, 0x0, "expected 0x0");

  events = k_event_wait_all_safe(test_event, 0x62, false, K_NO_WAIT);
  zexpect_equal(events, 0x62, "expected 0x62");
}

// ZTEST_SUITE(events_api, NULL, events_api_setup, ztest_simple_1cpu_before,
//             ztest_simple_1cpu_after, NULL)
const events_api = ZTEST_SUITE("events_api", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);
ZTEST(events_api, "test_event_post", test_event_post);
ZTEST(events_api, "test_event_receive_existing", test_event_receive_existing);
ZTEST(events_api, "test_event_reset_on_wait", test_event_reset_on_wait);
ZTEST(events_api, "test_event_set", test_event_set);
ZTEST(events_api, "test_event_set_masked", test_event_set_masked);
ZTEST(events_api, "test_event_wait_timeout", test_event_wait_timeout);
ZTEST(events_api, "test_event_wake_multiple", test_event_wake_multiple);
ZTEST(events_api, "test_k_event_clear", test_k_event_clear);
ZTEST(events_api, "test_k_event_init", test_k_event_init);
ZTEST(events_api, "test_k_event_wait_all_safe", test_k_event_wait_all_safe);
ZTEST(events_api, "test_k_event_wait_safe", test_k_event_wait_safe);
