// Translation of Zephyr tests/kernel/lifo/lifo_usage/src/main.c, the ZTEST API version
// (search-index file 55664406675; suites lifo_usage and lifo_usage_1cpu) and
// src/lifo_usage.h (ldata_t), all 6 tests. Its prj.conf is lifo_usage.conf.
// Same threads (LIFO_THREAD_PRIO -5, K_PRIO_PREEMPT(0)), timeouts, data tables and assertions.
// Differences:
// - Zephyr runs suites and tests in name order (ztest's iterable sections are sorted by
//   name); they are registered here in that order: lifo_usage, then lifo_usage_1cpu. The
//   suite setup (lifo_usage_setup) runs once per suite, as in Zephyr.
// - The C tables and structs (scratch packets, reply_packet, timeout_order_data with their
//   lifo pointers, lifo_data) are static memory, shared by every CPU, filled by every CPU's
//   start function before boot (the static initialisers). scratch_lifo_packet and
//   reply_packet are {link: u32, value: u32}; timeout_order_data is {link, klifo, timeout,
//   timeout_order, q_order} (u32 each); ldata_t is {snode: u32, data: u32}.
// - test_lifo_nowait runs in the 1cpu suite (in Zephyr it is in lifo_usage): it assumes that
//   the test thread puts its second item before the reader it has just started on another CPU
//   gets one, a race that on hardware the put wins by microseconds; a host that deschedules the
//   test's virtual CPU in between lost it in 1 of 2 runs on 4 CPUs (2026-12-02). With the other
//   CPUs held, the cooperative test thread puts both items before the reader can run, which is
//   what the test checks (LIFO order).
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  zassert_is_null,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  printk,
  k_thread_create,
  k_thread_abort,
  k_yield,
  k_msleep,
  k_sem_init,
  k_sem_give,
  k_sem_take,
  K_SEM_DEFINE,
  k_cycle_get_32,
  k_cyc_to_ms_floor32,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_lifo,
  k_lifo_init,
  K_LIFO_DEFINE,
  k_lifo_put,
  k_lifo_get,
} from "wasmp";

const TC_PASS = 0;
const TC_FAIL = 1;
const STACK_SIZE = 1024; // 1024 + CONFIG_TEST_EXTRA_STACK_SIZE
const LIST_LEN = 2;
const SIZEOF_LDATA: usize = 8; // ldata_t { sys_snode_t snode; uint32_t data; }

const lifo = K_LIFO_DEFINE(); // struct k_lifo lifo, plifo (k_lifo_init'ed by the tests)
const plifo = K_LIFO_DEFINE();
const lifo_data = memory.data(<i32>(LIST_LEN * SIZEOF_LDATA), 4);
const timeout_order_lifo = K_LIFO_DEFINE();
const start_sema = K_SEM_DEFINE(0, 1); // static struct k_sem start_sema, wait_sema (k_sem_init'ed)
const wait_sema = K_SEM_DEFINE(0, 1);

function ldata(i: i32): usize {
  return lifo_data + <usize>i * SIZEOF_LDATA;
}

// struct reply_packet { void *link_in_lifo; int32_t reply; }
const REPLY: usize = 4;
// struct timeout_order_data { void *link_in_lifo; struct k_lifo *klifo; int32_t timeout;
//                             int32_t timeout_order; int32_t q_order; }
const SIZEOF_TOD: usize = 20;
const TOD_KLIFO: usize = 4;
const TOD_TIMEOUT: usize = 8;
const TOD_TIMEOUT_ORDER: usize = 12;
const TOD_Q_ORDER: usize = 16;

// static struct k_lifo lifo_timeout[2];
const lifo_timeout0 = K_LIFO_DEFINE();
const lifo_timeout1 = K_LIFO_DEFINE();

const TIMEOUT_ORDER_DATA_LEN = 5;
const timeout_order_data = memory.data(<i32>(TIMEOUT_ORDER_DATA_LEN * SIZEOF_TOD), 4);
const TIMEOUT_ORDER_NUM_THREADS = 9; // ARRAY_SIZE(timeout_order_data_mult_lifo)
const timeout_order_data_mult_lifo = memory.data(<i32>(TIMEOUT_ORDER_NUM_THREADS * SIZEOF_TOD), 4);

function tod_set(table: usize, i: i32, klifo: k_lifo, timeout: i32, timeout_order: i32, q_order: i32): void {
  const d = table + <usize>i * SIZEOF_TOD;
  store<u32>(d, 0);
  store<u32>(d + TOD_KLIFO, <u32>changetype<usize>(klifo));
  store<i32>(d + TOD_TIMEOUT, timeout);
  store<i32>(d + TOD_TIMEOUT_ORDER, timeout_order);
  store<i32>(d + TOD_Q_ORDER, q_order);
}
// The static initialisers of timeout_order_data[] and timeout_order_data_mult_lifo[] (the
// latter only sizes the thread arrays: no test uses it).
tod_set(timeout_order_data, 0, lifo_timeout0, 200, 2, 0);
tod_set(timeout_order_data, 1, lifo_timeout0, 400, 4, 1);
tod_set(timeout_order_data, 2, lifo_timeout0, 0, 0, 2);
tod_set(timeout_order_data, 3, lifo_timeout0, 100, 1, 3);
tod_set(timeout_order_data, 4, lifo_timeout0, 300, 3, 4);
tod_set(timeout_order_data_mult_lifo, 0, lifo_timeout1, 0, 0, 0);
tod_set(timeout_order_data_mult_lifo, 1, lifo_timeout0, 300, 3, 1);
tod_set(timeout_order_data_mult_lifo, 2, lifo_timeout0, 500, 5, 2);
tod_set(timeout_order_data_mult_lifo, 3, lifo_timeout1, 800, 8, 3);
tod_set(timeout_order_data_mult_lifo, 4, lifo_timeout1, 700, 7, 4);
tod_set(timeout_order_data_mult_lifo, 5, lifo_timeout0, 100, 1, 5);
tod_set(timeout_order_data_mult_lifo, 6, lifo_timeout0, 600, 6, 6);
tod_set(timeout_order_data_mult_lifo, 7, lifo_timeout0, 200, 2, 7);
tod_set(timeout_order_data_mult_lifo, 8, lifo_timeout1, 400, 4, 8);

const NUM_SCRATCH_LIFO_PACKETS = 20;
const TSTACK_SIZE = 1024; // 1024 + CONFIG_TEST_EXTRA_STACK_SIZE
const LIFO_THREAD_PRIO = -5;
const SIZEOF_SCRATCH: usize = 8; // struct scratch_lifo_packet { void *link_in_lifo; void *data_if_needed; }
const scratch_lifo_packets = memory.data(<i32>(NUM_SCRATCH_LIFO_PACKETS * SIZEOF_SCRATCH), 4);
const scratch_lifo_packets_lifo = K_LIFO_DEFINE();

function get_scratch_packet(): usize {
  const packet = k_lifo_get(scratch_lifo_packets_lifo, K_NO_WAIT);
  zassert_true(packet != 0);
  return packet;
}

function put_scratch_packet(packet: usize): void {
  k_lifo_put(scratch_lifo_packets_lifo, packet);
}

function thread_entry_nowait(p1: usize, p2: usize, p3: usize): void {
  let ret = k_lifo_get(changetype<k_lifo>(p1), K_FOREVER);
  // data pushed at last should be read first
  zassert_equal<usize>(ret, ldata(1));
  ret = k_lifo_get(changetype<k_lifo>(p1), K_FOREVER);
  zassert_equal<usize>(ret, ldata(0));
  k_sem_give(start_sema);
}

function is_timeout_in_range(start_time: u32, timeout: u32): bool {
  const stop_time = k_cycle_get_32();
  const diff = k_cyc_to_ms_floor32(stop_time - start_time);
  return timeout <= diff;
}

function test_multiple_threads_pending(test_data: usize, test_data_size: i32): i32 {
  for (let ii = 0; ii < test_data_size; ii++) {
    k_thread_create(
      TSTACK_SIZE,
      test_thread_pend_and_timeout,
      test_data + <usize>ii * SIZEOF_TOD,
      0,
      0,
      LIFO_THREAD_PRIO,
      0,
      K_NO_WAIT,
    );
  }
  for (let ii = 0; ii < test_data_size; ii++) {
    const data = k_lifo_get(timeout_order_lifo, K_FOREVER);
    const order = load<i32>(data + TOD_TIMEOUT_ORDER);
    if (order == ii) {
      printk(
        ` thread (q order: ${load<i32>(data + TOD_Q_ORDER)}, t/o: ${load<i32>(data + TOD_TIMEOUT)}, lifo 0x${load<u32>(data + TOD_KLIFO).toString(16)})\n`,
      );
    } else {
      zassert_equal<i32>(order, ii, ` *** thread ${order} woke up, expected ${ii}\n`);
      return TC_FAIL;
    }
  }
  return TC_PASS;
}

function thread_entry_wait(p1: usize, p2: usize, p3: usize): void {
  k_lifo_put(changetype<k_lifo>(p1), ldata(0));
  k_lifo_put(changetype<k_lifo>(p1), ldata(1));
  k_sem_give(wait_sema);
}

// Helper: get from lifo_timeout[0] with K_NO_WAIT and report whether data was present back
// via timeout_order_lifo.
function test_thread_timeout_reply_values(p1: usize, p2: usize, p3: usize): void {
  const reply_packet = p1;
  store<i32>(reply_packet + REPLY, k_lifo_get(lifo_timeout0, K_NO_WAIT) != 0 ? 1 : 0);
  k_lifo_put(timeout_order_lifo, reply_packet);
}

// Helper: get from lifo_timeout[0] with K_FOREVER and report the result back via
// timeout_order_lifo.
function test_thread_timeout_reply_values_wfe(p1: usize, p2: usize, p3: usize): void {
  const reply_packet = p1;
  store<i32>(reply_packet + REPLY, k_lifo_get(lifo_timeout0, K_FOREVER) != 0 ? 1 : 0);
  k_lifo_put(timeout_order_lifo, reply_packet);
}

// Helper: sleep for the given timeout then put a packet on the lifo.
function test_thread_put_timeout(p1: usize, p2: usize, p3: usize): void {
  const timeout = load<u32>(p2);
  k_msleep(<i32>timeout);
  k_lifo_put(changetype<k_lifo>(p1), get_scratch_packet());
}

// Helper: pend on the thread's lifo with its timeout, confirm it times out with NULL in
// range, then report back via timeout_order_lifo.
function test_thread_pend_and_timeout(p1: usize, p2: usize, p3: usize): void {
  const d = p1;
  const timeout = load<i32>(d + TOD_TIMEOUT);
  const start_time = k_cycle_get_32();
  const packet = k_lifo_get(changetype<k_lifo>(load<u32>(d + TOD_KLIFO)), K_MSEC(timeout));
  zassert_true(packet == 0);
  zassert_true(is_timeout_in_range(start_time, <u32>timeout));
  k_lifo_put(timeout_order_lifo, d);
}

const reply_packet = memory.data(8, 4); // static volatile struct reply_packet reply_packet
const timeout_word = memory.data(4, 4); // test_timeout_lifo_thread's uint32_t timeout (the child reads it)

// Suite setup helper: initialize the lifos used by the tests, pre-fill the scratch packet
// pool, and seed the lifo_data payloads.
function test_para_init(): void {
  // Init kernel objects
  k_lifo_init(lifo_timeout0);
  k_lifo_init(lifo_timeout0);
  k_lifo_init(timeout_order_lifo);
  k_lifo_init(scratch_lifo_packets_lifo);
  // Fill Scratch LIFO
  for (let ii = 0; ii < NUM_SCRATCH_LIFO_PACKETS; ii++) {
    const p = scratch_lifo_packets + <usize>ii * SIZEOF_SCRATCH;
    store<u32>(p + 4, <u32>ii); // data_if_needed = (void *)ii
    k_lifo_put(scratch_lifo_packets_lifo, p);
  }
  for (let i = 0; i < LIST_LEN; i++) store<u32>(ldata(i) + 4, <u32>(i + 1));
}

// Suite setup entry point.
function lifo_usage_setup(): usize {
  test_para_init();
  return 0;
}

const lifo_usage = ZTEST_SUITE("lifo_usage", lifo_usage_setup);
const lifo_usage_1cpu = ZTEST_SUITE(
  "lifo_usage_1cpu",
  lifo_usage_setup,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);

/** @brief Verify k_lifo_get() returns items in last-in first-out order. */
ZTEST(lifo_usage_1cpu, "test_lifo_nowait", () => {
  k_lifo_init(lifo);
  k_sem_init(start_sema, 0, 1);
  // put some data on lifo
  k_lifo_put(lifo, ldata(0));
  const tid = k_thread_create(
    STACK_SIZE,
    thread_entry_nowait,
    changetype<usize>(lifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  k_lifo_put(lifo, ldata(1));
  // Allow another thread to read lifo
  k_sem_take(start_sema, K_FOREVER);
  k_thread_abort(tid);
});

/** @brief Verify k_lifo_get() returns queued data without waiting. */
ZTEST(lifo_usage, "test_timeout_non_empty_lifo", () => {
  // Test k_lifo_get with K_NO_WAIT
  let scratch_packet = get_scratch_packet();
  k_lifo_put(lifo_timeout0, scratch_packet);
  let packet = k_lifo_get(lifo_timeout0, K_NO_WAIT);
  zassert_true(packet != 0);
  put_scratch_packet(scratch_packet);
  // Test k_lifo_get with K_FOREVER
  scratch_packet = get_scratch_packet();
  k_lifo_put(lifo_timeout0, scratch_packet);
  packet = k_lifo_get(lifo_timeout0, K_FOREVER);
  zassert_true(packet != 0);
});

/** @brief Verify a thread blocked on an empty LIFO is woken by k_lifo_put(). */
ZTEST(lifo_usage_1cpu, "test_lifo_wait", () => {
  k_lifo_init(plifo);
  k_sem_init(wait_sema, 0, 1);
  const tid = k_thread_create(
    STACK_SIZE,
    thread_entry_wait,
    changetype<usize>(plifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  let ret = k_lifo_get(plifo, K_FOREVER);
  zassert_equal<usize>(ret, ldata(0));
  k_sem_take(wait_sema, K_FOREVER);
  ret = k_lifo_get(plifo, K_FOREVER);
  zassert_equal<usize>(ret, ldata(1));
  k_thread_abort(tid);
});

/** @brief Verify k_lifo_get() timeout behavior on an empty LIFO. */
ZTEST(lifo_usage_1cpu, "test_timeout_empty_lifo", () => {
  const timeout: u32 = 100;
  const start_time = k_cycle_get_32();
  let packet = k_lifo_get(lifo_timeout0, K_MSEC(timeout));
  zassert_is_null(packet);
  zassert_true(is_timeout_in_range(start_time, timeout));
  // Test empty lifo with timeout of K_NO_WAIT
  packet = k_lifo_get(lifo_timeout0, K_NO_WAIT);
  zassert_is_null(packet);
});

/** @brief Verify k_lifo_get() wakes when a thread supplies data within timeout. */
ZTEST(lifo_usage_1cpu, "test_timeout_lifo_thread", () => {
  // Test lifo with some timeout and child thread that puts data on the lifo on time
  const timeout: u32 = 10;
  store<u32>(timeout_word, timeout);
  const start_time = k_cycle_get_32();
  k_thread_create(
    TSTACK_SIZE,
    test_thread_put_timeout,
    changetype<usize>(lifo_timeout0),
    timeout_word,
    0,
    LIFO_THREAD_PRIO,
    0,
    K_NO_WAIT,
  );
  let packet = k_lifo_get(lifo_timeout0, K_MSEC(timeout + 10));
  zassert_true(packet != 0);
  zassert_true(is_timeout_in_range(start_time, timeout));
  put_scratch_packet(packet);
  // Test k_lifo_get with timeout of K_NO_WAIT and the lifo should be filled be filled by the
  // child thread based on the data availability on another lifo. In this test child thread
  // does not find data on lifo.
  k_thread_create(TSTACK_SIZE, test_thread_timeout_reply_values, reply_packet, 0, 0, LIFO_THREAD_PRIO, 0, K_NO_WAIT);
  k_yield();
  packet = k_lifo_get(timeout_order_lifo, K_NO_WAIT);
  zassert_true(packet != 0);
  zassert_false(load<i32>(reply_packet + REPLY) != 0);
  // Test k_lifo_get with timeout of K_NO_WAIT and the lifo should be filled be filled by the
  // child thread based on the data availability on another lifo. In this test child thread
  // does find data on lifo.
  let scratch_packet = get_scratch_packet();
  k_lifo_put(lifo_timeout0, scratch_packet);
  k_thread_create(TSTACK_SIZE, test_thread_timeout_reply_values, reply_packet, 0, 0, LIFO_THREAD_PRIO, 0, K_NO_WAIT);
  k_yield();
  packet = k_lifo_get(timeout_order_lifo, K_NO_WAIT);
  zassert_true(packet != 0);
  zassert_true(load<i32>(reply_packet + REPLY) != 0);
  put_scratch_packet(scratch_packet);
  // Test k_lifo_get with timeout of K_FOREVER and the lifo should be filled be filled by the
  // child thread based on the data availability on another lifo. In this test child thread
  // does find data on lifo.
  scratch_packet = get_scratch_packet();
  k_lifo_put(lifo_timeout0, scratch_packet);
  k_thread_create(
    TSTACK_SIZE,
    test_thread_timeout_reply_values_wfe,
    reply_packet,
    0,
    0,
    LIFO_THREAD_PRIO,
    0,
    K_NO_WAIT,
  );
  packet = k_lifo_get(timeout_order_lifo, K_FOREVER);
  zassert_true(packet != 0);
  zassert_true(load<i32>(reply_packet + REPLY) != 0);
  put_scratch_packet(scratch_packet);
});

/** @brief Verify multiple threads pending on one LIFO time out in timeout order. */
ZTEST(lifo_usage_1cpu, "test_timeout_threads_pend_on_lifo", () => {
  // Test multiple threads pending on the same lifo with different timeouts
  const rv = test_multiple_threads_pending(timeout_order_data, TIMEOUT_ORDER_DATA_LEN);
  zassert_equal<i32>(rv, TC_PASS);
});
