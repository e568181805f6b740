// k_msgq and k_event behaviour that Zephyr's suites (test/conformance/msgq_api.ts,
// event_api.ts, sys_event.ts) do not reach: a _safe waiter woken by a post, every waiter of
// one post judged against the same events, a wait for no events, put_front to a waiting
// reader and across the ring's wrap, peek_at across the wrap, cleanup and alloc edge cases.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  zassert_true,
  zassert_is_null,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  k_msleep,
  ENOMSG,
  _THREAD_PENDING,
  K_EVENT_DEFINE,
  k_event_post,
  k_event_set,
  k_event_test,
  k_event_wait,
  k_event_wait_safe,
  k_event_wait_all_safe,
  k_msgq,
  SIZEOF_K_MSGQ,
  K_MSGQ_FLAG_ALLOC,
  k_msgq_init,
  k_msgq_alloc,
  k_msgq_alloc_init,
  k_msgq_cleanup,
  k_msgq_put,
  k_msgq_put_front,
  k_msgq_get,
  k_msgq_peek_at,
  k_msgq_num_used_get,
} from "wasmp";

/** Sleeps 1 ms at a time (for at most 1 s) until `t` pends on a wait queue. */
function wait_pending(t: k_tid_t): void {
  for (let i = 0; i < 1000 && (t.thread_state & _THREAD_PENDING) == 0; i++) k_msleep(1);
  zassert_true((t.thread_state & _THREAD_PENDING) != 0, "the waiter pends");
}

// --- k_event ---------------------------------------------------------------------------------
const ev = K_EVENT_DEFINE();
const got = memory.data(8, 4);

function safe_waiter(p1: usize, p2: usize, p3: usize): void {
  store<u32>(got, k_event_wait_safe(ev, 0x3, false, K_FOREVER));
}
function plain_waiter(p1: usize, p2: usize, p3: usize): void {
  store<u32>(got + 4, k_event_wait(ev, 0x1, false, K_FOREVER));
}
function all_safe_waiter(p1: usize, p2: usize, p3: usize): void {
  store<u32>(got, k_event_wait_all_safe(ev, 0x30, false, K_FOREVER));
}

const event = ZTEST_SUITE("event_safe");

ZTEST(event, "test_a_woken_safe_waiter_consumes_what_woke_it_and_others_see_the_same_post", () => {
  k_event_set(ev, 0);
  store<u64>(got, 0);
  const a = k_thread_create(4096, safe_waiter, 0, 0, 0, 1, 0, K_NO_WAIT);
  const b = k_thread_create(4096, plain_waiter, 0, 0, 0, 1, 0, K_NO_WAIT);
  wait_pending(a);
  wait_pending(b);
  // One post wakes both: the plain waiter sees 0x1 although the safe waiter consumes it.
  k_event_post(ev, 0x5);
  k_thread_join(a, K_FOREVER);
  k_thread_join(b, K_FOREVER);
  zassert_equal<u32>(load<u32>(got), 0x1, "the safe waiter got its match");
  zassert_equal<u32>(load<u32>(got + 4), 0x1, "the plain waiter saw the same post");
  zassert_equal<u32>(k_event_test(ev, 0xffffffff), 0x4, "0x1 consumed, 0x4 (unwanted) kept");
});

ZTEST(event, "test_a_woken_all_safe_waiter_consumes_only_on_a_full_match", () => {
  k_event_set(ev, 0);
  store<u32>(got, 0);
  const a = k_thread_create(4096, all_safe_waiter, 0, 0, 0, 1, 0, K_NO_WAIT);
  wait_pending(a);
  k_event_post(ev, 0x10);
  zassert_equal<u32>(k_event_test(ev, 0xffffffff), 0x10, "a partial match is not consumed");
  k_event_post(ev, 0x21);
  k_thread_join(a, K_FOREVER);
  zassert_equal<u32>(load<u32>(got), 0x30);
  zassert_equal<u32>(k_event_test(ev, 0xffffffff), 0x1, "0x30 consumed, 0x1 kept");
});

ZTEST(event, "test_waiting_for_no_events_returns_at_once", () => {
  // Zephyr returns 0 before anything else (no reset, no wait), whatever the timeout.
  k_event_set(ev, 0x7);
  zassert_equal<u32>(k_event_wait(ev, 0, true, K_FOREVER), 0);
  zassert_equal<u32>(k_event_wait_safe(ev, 0, false, K_FOREVER), 0);
  zassert_equal<u32>(k_event_test(ev, 0xffffffff), 0x7, "no reset either");
});

// --- k_msgq ----------------------------------------------------------------------------------
const q = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const qbuf = memory.data(4 * 3, 4);
const m = memory.data(4, 4);
const rx = memory.data(4, 4);

function put(v: u32, front: bool): i32 {
  store<u32>(m, v);
  return front ? k_msgq_put_front(q, m) : k_msgq_put(q, m, K_NO_WAIT);
}
function get(): u32 {
  zassert_equal<i32>(k_msgq_get(q, rx, K_NO_WAIT), 0);
  return load<u32>(rx);
}
function peek(idx: u32): u32 {
  zassert_equal<i32>(k_msgq_peek_at(q, rx, idx), 0);
  return load<u32>(rx);
}

function reader(p1: usize, p2: usize, p3: usize): void {
  store<i32>(got, k_msgq_get(q, got + 4, K_FOREVER));
}

const msgq = ZTEST_SUITE("msgq_front");

ZTEST(msgq, "test_put_front_hands_the_message_to_a_waiting_reader", () => {
  k_msgq_init(q, qbuf, 4, 3);
  store<u64>(got, 0xffffffff);
  const r = k_thread_create(4096, reader, 0, 0, 0, 1, 0, K_NO_WAIT);
  wait_pending(r);
  zassert_equal<i32>(put(0x77, true), 0);
  k_thread_join(r, K_FOREVER);
  zassert_equal<i32>(load<i32>(got), 0);
  zassert_equal<u32>(load<u32>(got + 4), 0x77);
  zassert_equal<u32>(k_msgq_num_used_get(q), 0, "handed over, not queued");
});

ZTEST(msgq, "test_put_front_and_peek_at_across_the_wrap", () => {
  k_msgq_init(q, qbuf, 4, 3);
  zassert_equal<i32>(put(1, false), 0); // slot 0
  zassert_equal<i32>(put(2, true), 0); // read_ptr wraps back to slot 2
  zassert_true(q.read_ptr == q.buffer_end - 4, "read_ptr wrapped to the last slot");
  zassert_equal<u32>(peek(0), 2);
  zassert_equal<u32>(peek(1), 1, "index 1 is past the end: wraps to slot 0");
  zassert_equal<i32>(put(3, false), 0); // slot 1: full
  zassert_equal<i32>(put(4, true), -ENOMSG, "put_front never waits on a full queue");
  zassert_equal<u32>(peek(2), 3);
  zassert_equal<i32>(k_msgq_peek_at(q, rx, 3), -ENOMSG);
  zassert_equal<u32>(get(), 2);
  zassert_equal<u32>(get(), 1);
  zassert_equal<u32>(get(), 3);
});

ZTEST(msgq, "test_cleanup_frees_an_alloc_init_buffer_once", () => {
  const aq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
  zassert_equal<i32>(k_msgq_alloc_init(aq, 8, 4), 0);
  zassert_equal<u32>(aq.flags & K_MSGQ_FLAG_ALLOC, K_MSGQ_FLAG_ALLOC);
  zassert_equal<i32>(k_msgq_cleanup(aq), 0);
  zassert_equal<u32>(aq.flags & K_MSGQ_FLAG_ALLOC, 0, "the buffer is no longer the queue's");
  zassert_equal<i32>(k_msgq_cleanup(aq), 0, "a second cleanup frees nothing");
  k_msgq_init(q, qbuf, 4, 3);
  zassert_equal<i32>(k_msgq_cleanup(q), 0, "a caller's buffer is left alone");
  zassert_is_null(changetype<usize>(k_msgq_alloc(0xffffffff, 2)), "k_msgq_alloc: overflow");
  const hq = k_msgq_alloc(4, 2);
  zassert_true(hq != null);
  zassert_equal<i32>(k_msgq_cleanup(hq!), 0);
});
