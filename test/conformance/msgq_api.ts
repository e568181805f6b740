// Translation of Zephyr tests/kernel/msgq/msgq_api (one test program), the 2026 version: the
// search index's newest copies of src/main.c (file 982886832: suites msgq_api and
// msgq_api_1cpu, whose `after` joins tids[]), src/test_msgq.h (182977771),
// src/test_msgq_contexts.c (54544384024, with test_msgq_empty, test_msgq_full,
// test_msgq_thread_pending and test_msgq_peek_at), src/test_msgq_attrs.c (55807504376),
// src/test_msgq_fail.c (55604819597), src/test_msgq_purge.c (55811638747) and
// src/test_msgq_define.c @ 5c3f5167; the index does not record the commits of the others.
// Its prj.conf is msgq_api.conf. Same queues, threads, priorities, timeouts and assertions,
// with these differences:
// - tests.yaml's two scenarios, kernel.message_queue and kernel.message_queue.put_front
//   (CONFIG_TEST_MSGQ_PUT_FRONT=y), run in one image: suites msgq_api and msgq_api_1cpu,
//   then the same tests again as msgq_api.put_front and msgq_api_1cpu.put_front, whose setup
//   sets the word that IS_ENABLED(CONFIG_TEST_MSGQ_PUT_FRONT) reads (wasmp's Kconfig has no
//   test-defined options).
// - Order: Zephyr runs a suite's tests in name order (they sit in a linker section sorted by
//   name); the registrations at the end keep that order.
// - The ZTEST_USER tests under #ifdef CONFIG_USERSPACE (test_msgq_user_thread,
//   test_msgq_user_thread_overflow, test_msgq_user_attrs_get, test_msgq_user_put_fail,
//   test_msgq_user_get_fail, test_msgq_user_purge_when_put) are not translated: wasmp has no
//   user mode (test/conformance/README.md). test_msgq_peek_at (ZTEST_USER outside the #ifdef)
//   runs as a supervisor test, as it does in Zephyr without CONFIG_USERSPACE.
//   K_USER | K_INHERIT_PERMS thread options are 0; msgq_api_setup only grants user threads
//   access and assigns the test heap, so the suites have no setup of their own.
// - test_msgq_alloc: k_msgq_alloc_init allocates from the kernel heap, as wasmp has no
//   per-thread resource pools (k_thread_heap_assign, K_HEAP_DEFINE(test_pool, 256)); the
//   -ENOMEM request asks for 2 GiB (msg_size MSG_SIZE << 28) instead of 1 KiB
//   (MSG_SIZE * 128), more than the kernel heap can give and still without overflow.
//   OVERFLOW_SIZE_MSG is SIZE_MAX (32-bit), as in Zephyr on 32-bit targets.
// - K_MSGQ_DEFINE(name, msg_size, max_msgs, align) takes its buffer (static memory of
//   msg_size * max_msgs bytes, aligned to `align`); K_MSGQ_DEFINE_TYPE(name, T, n) is
//   K_MSGQ_DEFINE_TYPE<T>(buffer, n) over an @unmanaged class with the same fields, and
//   sizeof(struct typed_msgq_msg) is offsetof<typed_msgq_msg>() (16, as in C).
// - struct k_msgq / k_sem objects are zeroed static memory; each source file's static buffers
//   and `data` arrays keep their own storage; C locals whose address is passed (rx_data,
//   read_data, rx_buf, attrs) are words in static memory, one set per function (no function
//   runs in two threads at once); tids[] is two words in static memory (the `after` hook, on
//   the runner thread, joins them); _THREAD_PENDING is compared with k_thread.thread_state.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  k_msgq,
  k_msgq_attrs,
  SIZEOF_K_MSGQ,
  SIZEOF_K_MSGQ_ATTRS,
  SIZEOF_K_SEM,
  K_MSGQ_DEFINE,
  K_MSGQ_DEFINE_STATIC,
  K_MSGQ_DEFINE_TYPE,
  K_MSGQ_DEFINE_STATIC_TYPE,
  k_msgq_init,
  k_msgq_alloc_init,
  k_msgq_cleanup,
  k_msgq_put,
  k_msgq_put_front,
  k_msgq_get,
  k_msgq_peek,
  k_msgq_peek_at,
  k_msgq_purge,
  k_msgq_get_attrs,
  k_msgq_num_free_get,
  k_msgq_num_used_get,
  k_sem,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_thread_abort,
  k_thread_join,
  k_thread_priority_get,
  k_current_get,
  k_tid_t,
  k_msleep,
  irq_offload,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_timeout_t,
  _THREAD_PENDING,
  EAGAIN,
  EBUSY,
  EINVAL,
  ENOMEM,
  ENOMSG,
} from "wasmp";

/* test_msgq.h */
const TIMEOUT_MS = 100;
function TIMEOUT(): k_timeout_t {
  return K_MSEC(TIMEOUT_MS);
}
const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE (0); wasmp raises it to its minimum
const MSG_SIZE: u32 = 4;
const MSGQ_LEN: u32 = 2;
const MSG0: u32 = 0xabcd;
const MSG1: u32 = 0x1234;
const OVERFLOW_SIZE_MSG: u32 = u32.MAX_VALUE; // SIZE_MAX

/** IS_ENABLED(CONFIG_TEST_MSGQ_PUT_FRONT): set by the put_front suites' setup. */
const put_front_word = memory.data(4, 4);
function CONFIG_TEST_MSGQ_PUT_FRONT(): bool {
  return atomic.load<u32>(put_front_word) != 0;
}

/* main.c */

// extern k_tid_t tids[2]
const tids = memory.data(8, 4);
function tid_get(i: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(tids + 4 * <usize>i));
}
function tid_set(i: i32, t: k_tid_t | null): void {
  atomic.store<u32>(tids + 4 * <usize>i, <u32>changetype<usize>(t));
}

function test_end_threads_join(): void {
  for (let i = 0; i < 2; i++) {
    if (atomic.load<u32>(tids + 4 * <usize>i) != 0) {
      k_thread_join(tid_get(i), K_FOREVER);
      tid_set(i, null);
    }
  }
}

function msgq_api_test_after(data: usize): void {
  test_end_threads_join();
}

function msgq_api_test_1cpu_after(data: usize): void {
  test_end_threads_join();

  ztest_simple_1cpu_after(data);
}

/* test_msgq_contexts.c */

/**TESTPOINT: init via K_MSGQ_DEFINE*/
const kmsgq = K_MSGQ_DEFINE(memory.data(MSG_SIZE * MSGQ_LEN, 4), MSG_SIZE, MSGQ_LEN);
const kmsgq_test_alloc = K_MSGQ_DEFINE(memory.data(MSG_SIZE * MSGQ_LEN, 4), MSG_SIZE, MSGQ_LEN);
const msgq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const msgq1 = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
const tbuffer = memory.data(MSG_SIZE * MSGQ_LEN, 4);
const tbuffer1 = memory.data(MSG_SIZE, 4);
const data = memory.data<u32>([MSG0, MSG1]);
const msg3 = memory.data<u32>([0x2345]);
const end_sema = changetype<k_sem>(memory.data(SIZEOF_K_SEM, 16));

function data_at(i: u32): u32 {
  return load<u32>(data + 4 * <usize>i);
}
function data_addr(i: u32): usize {
  return data + 4 * <usize>i;
}

function put_msgq(pmsgq: k_msgq): void {
  const read_data = memory.data(4, 4);

  for (let i: u32 = 0; i < MSGQ_LEN; i++) {
    const ret = CONFIG_TEST_MSGQ_PUT_FRONT()
      ? k_msgq_put_front(pmsgq, data_addr(i))
      : k_msgq_put(pmsgq, data_addr(i), K_NO_WAIT);
    zassert_equal(ret, 0);

    /**TESTPOINT: Check if k_msgq_peek reads msgq.
     */
    zassert_equal(k_msgq_peek(pmsgq, read_data), 0);
    zassert_equal(load<u32>(read_data), CONFIG_TEST_MSGQ_PUT_FRONT() ? data_at(i) : data_at(0));

    /**TESTPOINT: msgq free get*/
    zassert_equal(k_msgq_num_free_get(pmsgq), MSGQ_LEN - 1 - i);
    /**TESTPOINT: msgq used get*/
    zassert_equal(k_msgq_num_used_get(pmsgq), i + 1);
  }
}

function get_msgq(pmsgq: k_msgq): void {
  const rx_data = memory.data(4, 4);
  const read_data = memory.data(4, 4);

  for (let i: u32 = 0; i < MSGQ_LEN; i++) {
    zassert_equal(k_msgq_peek(pmsgq, read_data), 0);

    const ret = k_msgq_get(pmsgq, rx_data, K_FOREVER);
    zassert_equal(ret, 0);
    zassert_equal(load<u32>(rx_data), CONFIG_TEST_MSGQ_PUT_FRONT() ? data_at(MSGQ_LEN - i - 1) : data_at(i));

    /**TESTPOINT: Check if msg read is the msg deleted*/
    zassert_equal(load<u32>(read_data), load<u32>(rx_data));
    /**TESTPOINT: msgq free get*/
    zassert_equal(k_msgq_num_free_get(pmsgq), i + 1);
    /**TESTPOINT: msgq used get*/
    zassert_equal(k_msgq_num_used_get(pmsgq), MSGQ_LEN - 1 - i);
  }
}

function purge_msgq(pmsgq: k_msgq): void {
  const read_data = memory.data(4, 4);

  k_msgq_purge(pmsgq);
  zassert_equal(k_msgq_num_free_get(pmsgq), MSGQ_LEN);
  zassert_equal(k_msgq_num_used_get(pmsgq), 0);
  zassert_equal(k_msgq_peek(pmsgq, read_data), -ENOMSG);
}

function tisr_entry(p: usize): void {
  put_msgq(changetype<k_msgq>(p));
}

function thread_entry(p1: usize, p2: usize, p3: usize): void {
  get_msgq(changetype<k_msgq>(p1));
  k_sem_give(end_sema);
}

function msgq_thread(pmsgq: k_msgq): void {
  /**TESTPOINT: thread-thread data passing via message queue*/
  put_msgq(pmsgq);
  tid_set(
    0,
    k_thread_create(STACK_SIZE, thread_entry, changetype<usize>(pmsgq), 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT),
  );
  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid_get(0));

  /**TESTPOINT: msgq purge*/
  purge_msgq(pmsgq);
}

function thread_entry_overflow(p1: usize, p2: usize, p3: usize): void {
  const rx_buf = memory.data(4 * MSGQ_LEN, 4);

  let ret = k_msgq_get(changetype<k_msgq>(p1), rx_buf, K_FOREVER);

  zassert_equal(ret, 0);

  ret = k_msgq_get(changetype<k_msgq>(p1), rx_buf + 4, K_FOREVER);

  zassert_equal(ret, 0);

  k_sem_give(end_sema);
}

function msgq_thread_overflow(pmsgq: k_msgq): void {
  let ret = k_msgq_put(pmsgq, data_addr(0), K_FOREVER);

  zassert_equal(ret, 0);

  /**TESTPOINT: thread-thread data passing via message queue*/
  tid_set(
    0,
    k_thread_create(STACK_SIZE, thread_entry_overflow, changetype<usize>(pmsgq), 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT),
  );

  ret = k_msgq_put(pmsgq, data_addr(1), K_FOREVER);
  zassert_equal(ret, 0);

  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid_get(0));

  /**TESTPOINT: msgq purge*/
  k_msgq_purge(pmsgq);
}

function msgq_isr(pmsgq: k_msgq): void {
  /**TESTPOINT: thread-isr data passing via message queue*/
  irq_offload(tisr_entry, changetype<usize>(pmsgq));
  get_msgq(pmsgq);

  /**TESTPOINT: msgq purge*/
  purge_msgq(pmsgq);
}

function thread_entry_get_data(p1: usize, p2: usize, p3: usize): void {
  const rx_buf = memory.data(4 * MSGQ_LEN, 4);
  let i = 0;

  while (k_msgq_get(changetype<k_msgq>(p1), rx_buf + 4 * <usize>i, K_NO_WAIT) != 0) {
    ++i;
  }

  k_sem_give(end_sema);
}

function pend_thread_entry(p1: usize, p2: usize, p3: usize): void {
  const ret = CONFIG_TEST_MSGQ_PUT_FRONT()
    ? k_msgq_put_front(changetype<k_msgq>(p1), data_addr(1))
    : k_msgq_put(changetype<k_msgq>(p1), data_addr(1), TIMEOUT());
  zassert_equal(ret, CONFIG_TEST_MSGQ_PUT_FRONT() ? -ENOMSG : 0);
}

function msgq_thread_data_passing(pmsgq: k_msgq): void {
  while (
    CONFIG_TEST_MSGQ_PUT_FRONT()
      ? k_msgq_put_front(pmsgq, data_addr(0)) != 0
      : k_msgq_put(pmsgq, data_addr(0), K_NO_WAIT) != 0
  ) {}

  tid_set(
    0,
    k_thread_create(STACK_SIZE, pend_thread_entry, changetype<usize>(pmsgq), 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT),
  );

  tid_set(
    1,
    k_thread_create(STACK_SIZE, thread_entry_get_data, changetype<usize>(pmsgq), 0, 0, K_PRIO_PREEMPT(1), 0, K_NO_WAIT),
  );

  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid_get(0));
  k_thread_abort(tid_get(1));

  /**TESTPOINT: msgq purge*/
  k_msgq_purge(pmsgq);
}

function get_empty_entry(p1: usize, p2: usize, p3: usize): void {
  const rx_buf = memory.data(4 * MSGQ_LEN, 4);
  const q = changetype<k_msgq>(p1);

  /* make sure there is no message in the queue */
  let ret = k_msgq_peek(q, rx_buf);
  zassert_equal(ret, -ENOMSG, "Peek message from empty queue");

  ret = k_msgq_get(q, rx_buf, K_NO_WAIT);
  zassert_equal(ret, -ENOMSG, "Got message from empty queue");

  /* blocked to TIMEOUT */
  ret = k_msgq_get(q, rx_buf, TIMEOUT());
  zassert_equal(ret, -EAGAIN, "Got message from empty queue");

  k_sem_give(end_sema);
  /* blocked forever */
  ret = k_msgq_get(q, rx_buf, K_FOREVER);
  zassert_equal(ret, 0);
}

function put_full_entry(p1: usize, p2: usize, p3: usize): void {
  const q = changetype<k_msgq>(p1);

  /* make sure the queue is full */
  zassert_equal(k_msgq_num_free_get(q), 0);
  zassert_equal(k_msgq_num_used_get(q), 1);

  let ret = k_msgq_put(q, data_addr(1), K_NO_WAIT);
  zassert_equal(ret, -ENOMSG, "Put message to full queue");

  /* blocked to TIMEOUT */
  ret = k_msgq_put(q, data_addr(1), TIMEOUT());
  zassert_equal(ret, -EAGAIN, "Put message to full queue");

  k_sem_give(end_sema);
  /* blocked forever */
  ret = k_msgq_put(q, data_addr(1), K_FOREVER);
  zassert_equal(ret, 0);
}

function prepend_full_entry(p1: usize, p2: usize, p3: usize): void {
  const q = changetype<k_msgq>(p1);

  /* make sure the queue is full */
  zassert_equal(k_msgq_num_free_get(q), 0);
  zassert_equal(k_msgq_num_used_get(q), 2);
  k_sem_give(end_sema);

  /* prepend a new message */
  const ret = CONFIG_TEST_MSGQ_PUT_FRONT() ? k_msgq_put_front(q, msg3) : k_msgq_put(q, msg3, K_FOREVER);
  zassert_equal(ret, CONFIG_TEST_MSGQ_PUT_FRONT() ? -ENOMSG : 0);
}

/* Verify FIFO data passing through a message queue between two threads. */
function test_msgq_thread(): void {
  /**TESTPOINT: init via k_msgq_init*/
  k_msgq_init(msgq, tbuffer, MSG_SIZE, MSGQ_LEN);
  const ret = k_sem_init(end_sema, 0, 1);
  zassert_equal(ret, 0);

  msgq_thread(msgq);
  msgq_thread(kmsgq);
}

/* Verify the ring buffer wraps correctly across put/get cycles. */
function test_msgq_thread_overflow(): void {
  /**TESTPOINT: init via k_msgq_init*/
  k_msgq_init(msgq, tbuffer, MSG_SIZE, 2);
  let ret = k_sem_init(end_sema, 0, 1);
  zassert_equal(ret, 0);

  ret = k_msgq_put(msgq, data_addr(0), K_FOREVER);
  zassert_equal(ret, 0);

  msgq_thread_overflow(msgq);
  msgq_thread_overflow(kmsgq);

  /*verify the write pointer not reset to the buffer start*/
  zassert_false(msgq.write_ptr == msgq.buffer_start, "Invalid add operation of message queue");
}

/* Verify message passing from an ISR to a thread. */
function test_msgq_isr(): void {
  const stack_msgq = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16)); // static struct k_msgq

  /**TESTPOINT: init via k_msgq_init*/
  k_msgq_init(stack_msgq, tbuffer, MSG_SIZE, MSGQ_LEN);

  msgq_isr(stack_msgq);
  msgq_isr(kmsgq);
}

/* Verify a writer pending on a full queue is served when space frees. */
function test_msgq_pend_thread(): void {
  k_msgq_init(msgq1, tbuffer1, MSG_SIZE, 1);
  const ret = k_sem_init(end_sema, 0, 1);
  zassert_equal(ret, 0);

  msgq_thread_data_passing(msgq1);
}

/* Verify k_msgq_alloc_init() allocation success and failure paths. */
function test_msgq_alloc(): void {
  k_msgq_alloc_init(kmsgq_test_alloc, MSG_SIZE, MSGQ_LEN);
  msgq_isr(kmsgq_test_alloc);
  k_msgq_cleanup(kmsgq_test_alloc);

  /** Requesting buffer allocation from the test pool (here: more than the kernel heap, see
   * the header).*/
  let ret = k_msgq_alloc_init(kmsgq_test_alloc, MSG_SIZE << 28, MSGQ_LEN);
  zassert_true(ret == -ENOMEM, "resource pool is smaller then requested buffer");

  /* Requesting a huge size of MSG to validate overflow*/
  ret = k_msgq_alloc_init(kmsgq_test_alloc, OVERFLOW_SIZE_MSG, MSGQ_LEN);
  zassert_true(ret == -EINVAL, "Invalid request");
}

/* Verify get-from-empty timeout behavior and cleanup-while-pending. */
function test_msgq_empty(): void {
  const pri = k_thread_priority_get(k_current_get()) - 1;

  k_msgq_init(msgq1, tbuffer1, MSG_SIZE, 1);
  let ret = k_sem_init(end_sema, 0, 1);
  zassert_equal(ret, 0);

  tid_set(0, k_thread_create(STACK_SIZE, get_empty_entry, changetype<usize>(msgq1), 0, 0, pri, 0, K_NO_WAIT));

  k_sem_take(end_sema, K_FOREVER);
  /* that getting thread is being blocked now */
  zassert_equal(tid_get(0).thread_state, _THREAD_PENDING);
  /* since there is a thread is waiting for message, this queue
   * can't be cleanup
   */
  ret = k_msgq_cleanup(msgq1);
  zassert_equal(ret, -EBUSY);

  /* put a message to wake that getting thread */
  ret = k_msgq_put(msgq1, data_addr(0), K_NO_WAIT);
  zassert_equal(ret, 0);

  k_thread_abort(tid_get(0));
}

/* Verify put-to-full timeout behavior. */
function test_msgq_full(): void {
  const pri = k_thread_priority_get(k_current_get()) - 1;

  k_msgq_init(msgq1, tbuffer1, MSG_SIZE, 1);
  let ret = k_sem_init(end_sema, 0, 1);
  zassert_equal(ret, 0);

  ret = k_msgq_put(msgq1, data_addr(0), K_NO_WAIT);
  zassert_equal(ret, 0);

  tid_set(0, k_thread_create(STACK_SIZE, put_full_entry, changetype<usize>(msgq1), 0, 0, pri, 0, K_NO_WAIT));
  k_sem_take(end_sema, K_FOREVER);
  /* that putting thread is being blocked now */
  zassert_equal(tid_get(0).thread_state, _THREAD_PENDING);
  k_thread_abort(tid_get(0));
}

/* Verify message ordering when a writer pends on a full queue. */
function test_msgq_thread_pending(): void {
  const rx_data = memory.data(4, 4);
  const pri = k_thread_priority_get(k_current_get()) - 1;

  k_msgq_init(msgq1, tbuffer, MSG_SIZE, 2);
  let ret = k_sem_init(end_sema, 0, 1);
  zassert_equal(ret, 0);

  ret = CONFIG_TEST_MSGQ_PUT_FRONT()
    ? k_msgq_put_front(msgq1, data_addr(1))
    : k_msgq_put(msgq1, data_addr(0), K_NO_WAIT);
  zassert_equal(ret, 0);
  ret = CONFIG_TEST_MSGQ_PUT_FRONT()
    ? k_msgq_put(msgq1, data_addr(0), K_NO_WAIT)
    : k_msgq_put_front(msgq1, data_addr(1));
  zassert_equal(ret, 0);

  const tid = k_thread_create(STACK_SIZE, prepend_full_entry, changetype<usize>(msgq1), 0, 0, pri, 0, K_NO_WAIT);

  /* that putting thread is being blocked now */
  k_sem_take(end_sema, K_FOREVER);

  ret = k_msgq_get(msgq1, rx_data, K_FOREVER);
  zassert_equal(ret, 0);
  zassert_equal(load<u32>(rx_data), data_at(1));

  ret = k_msgq_get(msgq1, rx_data, K_FOREVER);
  zassert_equal(ret, 0);
  zassert_equal(load<u32>(rx_data), data_at(0));
  k_thread_abort(tid);
}

/* Test peeking at a message by index without removing it */
function test_msgq_peek_at(): void {
  const read_data = memory.data(4, 4);

  k_msgq_purge(kmsgq);

  zassert_equal(k_msgq_put(kmsgq, data_addr(0), K_NO_WAIT), 0);
  zassert_equal(k_msgq_put(kmsgq, data_addr(1), K_NO_WAIT), 0);

  /* Peek at each index; messages are queued FIFO so index 0 is oldest. */
  zassert_equal(k_msgq_peek_at(kmsgq, read_data, 0), 0);
  zassert_equal(load<u32>(read_data), data_at(0));
  zassert_equal(k_msgq_peek_at(kmsgq, read_data, 1), 0);
  zassert_equal(load<u32>(read_data), data_at(1));

  /* Peeking must not remove any message. */
  zassert_equal(k_msgq_num_used_get(kmsgq), MSGQ_LEN);

  /* An index at or beyond the number of queued messages returns -ENOMSG. */
  zassert_equal(k_msgq_peek_at(kmsgq, read_data, MSGQ_LEN), -ENOMSG);

  k_msgq_purge(kmsgq);
}

/* test_msgq_attrs.c */

const attrs_tbuffer = memory.data(MSG_SIZE * MSGQ_LEN, 4);
const attrs_send_buf = memory.data<u32>([MSG0, MSG1]);
const attrs_rec_buf = memory.data<u32>([MSG0, MSG1]);

function attrs_get(q: k_msgq): void {
  const attrs = changetype<k_msgq_attrs>(memory.data(SIZEOF_K_MSGQ_ATTRS, 4));

  k_msgq_get_attrs(q, attrs);
  zassert_equal(attrs.used_msgs, 0);

  /*fill the queue to full*/
  for (let i: u32 = 0; i < MSGQ_LEN; i++) {
    const ret = k_msgq_put(q, attrs_send_buf + 4 * <usize>i, K_NO_WAIT);
    zassert_equal(ret, 0);
  }

  k_msgq_get_attrs(q, attrs);
  zassert_equal(attrs.used_msgs, MSGQ_LEN);

  for (let i: u32 = 0; i < MSGQ_LEN; i++) {
    const ret = k_msgq_get(q, attrs_rec_buf + 4 * <usize>i, K_NO_WAIT);
    zassert_equal(ret, 0);
  }

  k_msgq_get_attrs(q, attrs);
  zassert_equal(attrs.used_msgs, 0);
}

/* Verify k_msgq_get_attrs() reports the used-message count. */
function test_msgq_attrs_get(): void {
  k_msgq_init(msgq, attrs_tbuffer, MSG_SIZE, MSGQ_LEN);
  attrs_get(msgq);
}

/* test_msgq_fail.c */

const fail_tbuffer = memory.data(MSG_SIZE * MSGQ_LEN, 4);
const fail_data = memory.data<u32>([MSG0, MSG1]);

function put_fail(q: k_msgq): void {
  let ret = k_msgq_put(q, fail_data, K_NO_WAIT);

  zassert_false(ret != 0);
  ret = k_msgq_put(q, fail_data, K_NO_WAIT);
  zassert_false(ret != 0);
  /**TESTPOINT: msgq put returns -ENOMSG*/
  ret = k_msgq_put(q, fail_data + 4, K_NO_WAIT);
  zassert_equal(ret, -ENOMSG);
  /**TESTPOINT: msgq put returns -EAGAIN*/
  ret = k_msgq_put(q, fail_data, TIMEOUT());
  zassert_equal(ret, -EAGAIN);

  k_msgq_purge(q);
}

function get_fail(q: k_msgq): void {
  const rx_data = memory.data(4, 4);

  /**TESTPOINT: msgq get returns -ENOMSG*/
  let ret = k_msgq_get(q, rx_data, K_NO_WAIT);

  zassert_equal(ret, -ENOMSG);
  /**TESTPOINT: msgq get returns -EAGAIN*/
  ret = k_msgq_get(q, rx_data, TIMEOUT());
  zassert_equal(ret, -EAGAIN);
}

/* Verify k_msgq_put() error codes when the queue is full. */
function test_msgq_put_fail(): void {
  k_msgq_init(msgq, fail_tbuffer, MSG_SIZE, MSGQ_LEN);
  put_fail(msgq);
}

/* Verify k_msgq_get() error codes when the queue is empty. */
function test_msgq_get_fail(): void {
  k_msgq_init(msgq, fail_tbuffer, MSG_SIZE, MSGQ_LEN);
  get_fail(msgq);
}

/* test_msgq_purge.c */

const purge_tbuffer = memory.data(MSG_SIZE * MSGQ_LEN, 4);
const purge_data = memory.data<u32>([MSG0, MSG1]);

function tThread_entry(p1: usize, p2: usize, p3: usize): void {
  const ret = k_msgq_put(changetype<k_msgq>(p1), purge_data, TIMEOUT());

  zassert_equal(ret, -ENOMSG);
}

function purge_when_put(q: k_msgq): void {
  /*fill the queue to full*/
  for (let i: u32 = 0; i < MSGQ_LEN; i++) {
    const ret = k_msgq_put(q, purge_data + 4 * <usize>i, K_NO_WAIT);
    zassert_equal(ret, 0);
  }
  /*create another thread waiting to put msg*/
  tid_set(0, k_thread_create(STACK_SIZE, tThread_entry, changetype<usize>(q), 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT));
  k_msleep(TIMEOUT_MS >> 1);
  /**TESTPOINT: msgq purge while another thread waiting to put msg*/
  k_msgq_purge(q);

  /*verify msg put after purge*/
  for (let i: u32 = 0; i < MSGQ_LEN; i++) {
    const ret = k_msgq_put(q, purge_data + 4 * <usize>i, K_NO_WAIT);
    zassert_equal(ret, 0);
  }

  k_thread_abort(tid_get(0));
}

/* Verify k_msgq_purge() drops messages and wakes a pending writer. */
function test_msgq_purge_when_put(): void {
  k_msgq_init(msgq, purge_tbuffer, MSG_SIZE, MSGQ_LEN);

  purge_when_put(msgq);
}

/* test_msgq_define.c */

@unmanaged
class typed_msgq_msg {
  num1: u8;
  num2: u64;
}

const kmsgq_public = K_MSGQ_DEFINE(memory.data(MSG_SIZE * MSGQ_LEN, 4), MSG_SIZE, MSGQ_LEN);
const kmsgq_static = K_MSGQ_DEFINE_STATIC(memory.data(MSG_SIZE * MSGQ_LEN, 4), MSG_SIZE, MSGQ_LEN);
const kmsgq_type = K_MSGQ_DEFINE_TYPE<typed_msgq_msg>(memory.data(16 * MSGQ_LEN, 8), MSGQ_LEN);
const kmsgq_static_type = K_MSGQ_DEFINE_STATIC_TYPE<typed_msgq_msg>(memory.data(16 * MSGQ_LEN, 8), MSGQ_LEN);

/* Test public-scope message queue defined at compile time */
function test_define_public(): void {
  zassert_equal(k_msgq_num_free_get(kmsgq_public), MSGQ_LEN);
  zassert_equal(k_msgq_num_used_get(kmsgq_public), 0);
  zassert_equal(kmsgq_public.msg_size, MSG_SIZE);
}

/* Test static-scope message queue defined at compile time */
function test_define_static(): void {
  zassert_equal(k_msgq_num_free_get(kmsgq_static), MSGQ_LEN);
  zassert_equal(k_msgq_num_used_get(kmsgq_static), 0);
  zassert_equal(kmsgq_static.msg_size, MSG_SIZE);
}

/* Test public-scope, typed message queue defined at compile time */
function test_define_type(): void {
  zassert_equal(k_msgq_num_free_get(kmsgq_type), MSGQ_LEN);
  zassert_equal(k_msgq_num_used_get(kmsgq_type), 0);
  zassert_equal(kmsgq_type.msg_size, <u32>offsetof<typed_msgq_msg>());
}

/* Test static-scope, typed message queue defined at compile time */
function test_define_static_type(): void {
  zassert_equal(k_msgq_num_free_get(kmsgq_static_type), MSGQ_LEN);
  zassert_equal(k_msgq_num_used_get(kmsgq_static_type), 0);
  zassert_equal(kmsgq_static_type.msg_size, <u32>offsetof<typed_msgq_msg>());
}

/* Registration, in Zephyr's order (see the header), once per tests.yaml scenario. */

function scenario_default(): usize {
  atomic.store<u32>(put_front_word, 0);
  return 0;
}
function scenario_put_front(): usize {
  atomic.store<u32>(put_front_word, 1);
  return 0;
}

function register(suffix: string, setup: () => usize): void {
  // ZTEST_SUITE(msgq_api, NULL, msgq_api_setup, NULL, msgq_api_test_after, NULL)
  const msgq_api = ZTEST_SUITE("msgq_api" + suffix, setup, null, msgq_api_test_after);
  ZTEST(msgq_api, "test_define_public", test_define_public);
  ZTEST(msgq_api, "test_define_static", test_define_static);
  ZTEST(msgq_api, "test_define_static_type", test_define_static_type);
  ZTEST(msgq_api, "test_define_type", test_define_type);
  ZTEST(msgq_api, "test_msgq_alloc", test_msgq_alloc);
  ZTEST(msgq_api, "test_msgq_attrs_get", test_msgq_attrs_get);
  ZTEST(msgq_api, "test_msgq_isr", test_msgq_isr);
  ZTEST(msgq_api, "test_msgq_peek_at", test_msgq_peek_at);
  ZTEST(msgq_api, "test_msgq_thread_overflow", test_msgq_thread_overflow);

  // ZTEST_SUITE(msgq_api_1cpu, NULL, msgq_api_setup, ztest_simple_1cpu_before,
  //             msgq_api_test_1cpu_after, NULL)
  const msgq_api_1cpu = ZTEST_SUITE(
    "msgq_api_1cpu" + suffix,
    setup,
    ztest_simple_1cpu_before,
    msgq_api_test_1cpu_after,
  );
  ZTEST(msgq_api_1cpu, "test_msgq_empty", test_msgq_empty);
  ZTEST(msgq_api_1cpu, "test_msgq_full", test_msgq_full);
  ZTEST(msgq_api_1cpu, "test_msgq_get_fail", test_msgq_get_fail);
  ZTEST(msgq_api_1cpu, "test_msgq_pend_thread", test_msgq_pend_thread);
  ZTEST(msgq_api_1cpu, "test_msgq_purge_when_put", test_msgq_purge_when_put);
  ZTEST(msgq_api_1cpu, "test_msgq_put_fail", test_msgq_put_fail);
  ZTEST(msgq_api_1cpu, "test_msgq_thread", test_msgq_thread);
  ZTEST(msgq_api_1cpu, "test_msgq_thread_pending", test_msgq_thread_pending);
}

register("", scenario_default); // kernel.message_queue
register(".put_front", scenario_put_front); // kernel.message_queue.put_front
