// Translation of Zephyr tests/kernel/events/sys_event/src/main.c (zephyrproject-rtos/zephyr at
// 2a353e4ec95f4677bec5f92c21b682fb353c51d6): suite sys_events (a 1cpu suite), tests
// test_k_event_init, test_event_deliver, test_event_receive. Despite its name it uses the
// plain k_event API from supervisor threads (ZTEST, not ZTEST_USER), so it is portable; its
// testcase.yaml only filters on CONFIG_ARCH_HAS_USERSPACE. Its prj.conf is sys_event.conf.
// Same event objects, semaphores, threads, priorities, delays (DELAY 50 ms, SHORT_TIMEOUT
// 100 ms, LONG_TIMEOUT 1000 ms) and assertions, with these differences:
// - Order: Zephyr runs a suite's tests in name order (they sit in a linker section sorted by
//   name); the registrations at the end keep that order.
// - sys_events_setup only grants user threads access, so the suite has no setup;
//   `static struct k_event init_event, deliver_event` are zeroed static memory; `volatile
//   uint32_t test_events` is a word in static memory; the threads are what k_thread_create
//   returns (the test does not join them).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  k_event,
  SIZEOF_K_EVENT,
  K_EVENT_DEFINE,
  k_event_init,
  k_event_post,
  k_event_set,
  k_event_wait,
  k_event_wait_all,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_sleep,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_timeout_t,
} from "wasmp";

/* Macro declarations */

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
const init_event = changetype<k_event>(memory.data(SIZEOF_K_EVENT, 16));
const deliver_event = changetype<k_event>(memory.data(SIZEOF_K_EVENT, 16));

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

/**
 * Test the k_event_init() API.
 *
 * This is a white-box test to verify that the k_event_init() API initializes
 * the fields of a k_event structure as expected.
 */
function test_k_event_init(): void {
  k_event_init(init_event);

  zassert_true(init_event.events == 0);
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

function reset_on_receive(): void {
  /* Sync point 2-1 - with reset */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x1234, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /* Sync point 2-2 - with reset */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x120000, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /* Sync point 2-3 - with reset */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait_all(test_event, 0x248001, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);

  /* Sync point 2-4 - with reset */

  k_sem_take(sync_sem, K_FOREVER);
  set_test_events(k_event_wait(test_event, 0x123458, true, SHORT_TIMEOUT()));
  k_sem_give(receiver_sem);
}

/**
 * receiver helper task
 */
function receiver(p1: usize, p2: usize, p3: usize): void {
  receive_existing_events();

  reset_on_receive();
}

/**
 * Works with receive_existing_events() to test the waiting for events
 * when some events have already been sent. No additional events are sent
 * to the event object during this block of testing.
 */
function test_receive_existing_events(): void {
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
 * Works with reset_on_receive() to verify that the events stored in the
 * event object are reset at the appropriate times.
 */
function test_reset_on_receive(): void {
  /*
   * Sync point 2-1. Clear events before receive.
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
   * Sync point 2-2. Clear events before receive.
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
   * Sync point 2-3. Clear events before receive.
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
   * Sync point 2-4. Clear events before receive.
   * Short timeout, k_event_wait(), partial match
   */

  k_sem_give(sync_sem);
  k_sleep(DELAY());
  k_event_post(test_event, 0x123456);
  rv = k_sem_take(receiver_sem, LONG_TIMEOUT());
  zassert_true(rv == 0);
  zassert_true(test_events() == 0x123450);
  zassert_true(test_event.events == 0x123456);

  k_event_set(test_event, 0x0); /* Clear events */

  k_sem_give(sync_sem);
}

function test_wake_multiple_threads(): void {
  /*
   * The extra threads are expected to be waiting on <sync_event>
   * Wake them both up.
   */

  k_event_set(sync_event, 0xfff);

  /*
   * The extra threads send back the events they received. Wait
   * for all of them.
   */

  const events = k_event_wait_all(test_event, 0x333, false, SHORT_TIMEOUT());

  zassert_true(events == 0x333);
}

/**
 * Test basic k_event_post() and k_event_set() APIs.
 *
 * Tests the basic k_event_post() and k_event_set() API. This does not
 * involve waking or receiving events.
 */
function test_event_deliver(): void {
  k_event_init(deliver_event);

  zassert_true(deliver_event.events == 0);

  /*
   * Verify k_event_post() and k_event_set() update the
   * events stored in the deliver_event object as expected.
   */

  let events: u32 = 0xaaaa;
  k_event_post(deliver_event, events);
  zassert_true(deliver_event.events == events);

  events |= 0x55555abc;
  k_event_post(deliver_event, events);
  zassert_true(deliver_event.events == events);

  events = 0xaaaa0000;
  k_event_set(deliver_event, events);
  zassert_true(deliver_event.events == events);
}

/**
 * Test delivery and reception of events.
 *
 * Testing both the delivery and reception of events involves the use of
 * multiple threads and uses the following event related APIs:
 *   k_event_post(), k_event_set(), k_event_wait() and k_event_wait_all().
 */
function test_event_receive(): void {
  /* Create helper threads */

  k_event_set(test_event, 0x1234);

  k_thread_create(STACK_SIZE, receiver, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  k_thread_create(STACK_SIZE, entry_extra1, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  k_thread_create(STACK_SIZE, entry_extra2, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);

  test_receive_existing_events();

  test_reset_on_receive();

  test_wake_multiple_threads();
}

// ZTEST_SUITE(sys_events, NULL, sys_events_setup, ztest_simple_1cpu_before,
//             ztest_simple_1cpu_after, NULL)
const sys_events = ZTEST_SUITE("sys_events", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);
ZTEST(sys_events, "test_event_deliver", test_event_deliver);
ZTEST(sys_events, "test_event_receive", test_event_receive);
ZTEST(sys_events, "test_k_event_init", test_k_event_init);
