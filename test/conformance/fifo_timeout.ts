// Translation of Zephyr tests/kernel/fifo/fifo_timeout/src/main.c, the ZTEST API version
// (search-index file 55657445954; suites fifo_timeout and fifo_timeout_1cpu), all 6 tests.
// Its prj.conf is fifo_timeout.conf.
// Same threads (FIFO_THREAD_PRIO -5, K_PRIO_PREEMPT(0)), timeouts, data tables and assertions.
// Differences:
// - Zephyr runs suites and tests in name order (ztest's iterable sections are sorted by
//   name); they are registered here in that order: fifo_timeout, then fifo_timeout_1cpu. The
//   suite setup (test_timeout_setup) runs once per suite, as in Zephyr.
// - Zephyr's prj.conf (at 1714a888) sets CONFIG_MP_MAX_NUM_CPUS=1; here every CPU of the
//   board boots and the five timing tests run in the _1cpu suite, which holds the other CPUs
//   (ztest_simple_1cpu_before), as the test's own suites do; CONFIG_TIMESLICING=n is kept.
// - The C tables and structs (scratch packets, reply_packet, timeout_order_data with their
//   fifo pointers) are static memory, shared by every CPU, filled by every CPU's start
//   function before boot (the static initialisers). LOG_DBG lines are not printed.
//   scratch_fifo_packet and reply_packet are {link: u32, value: u32}; timeout_order_data is
//   {link, fifo, timeout, timeout_order, q_order} (u32 each).
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  zassert_not_null,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  printk,
  k_thread_create,
  k_yield,
  k_msleep,
  k_cycle_get_32,
  k_cyc_to_ns_floor64,
  k_ms_to_ticks_ceil32,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_fifo,
  k_fifo_init,
  K_FIFO_DEFINE,
  k_fifo_put,
  k_fifo_get,
} from "wasmp";

const TC_PASS = 0;
const TC_FAIL = 1;
const NSEC_PER_USEC: u64 = 1000;
const USEC_PER_MSEC: u32 = 1000;

// struct scratch_fifo_packet { void *link_in_fifo; void *data_if_needed; }
const SIZEOF_SCRATCH: usize = 8;
// struct reply_packet { void *link_in_fifo; int32_t reply; }
const REPLY: usize = 4;
// struct timeout_order_data { void *link_in_fifo; struct k_fifo *fifo; uint32_t timeout;
//                             int32_t timeout_order; int32_t q_order; }
const SIZEOF_TOD: usize = 20;
const TOD_FIFO: usize = 4;
const TOD_TIMEOUT: usize = 8;
const TOD_TIMEOUT_ORDER: usize = 12;
const TOD_Q_ORDER: usize = 16;
function tod_fifo(d: usize): k_fifo {
  return changetype<k_fifo>(load<u32>(d + TOD_FIFO));
}
function tod_timeout(d: usize): u32 {
  return load<u32>(d + TOD_TIMEOUT);
}
function tod_timeout_order(d: usize): i32 {
  return load<i32>(d + TOD_TIMEOUT_ORDER);
}
function tod_q_order(d: usize): i32 {
  return load<i32>(d + TOD_Q_ORDER);
}

const NUM_SCRATCH_FIFO_PACKETS = 20;
const scratch_fifo_packets = memory.data(<i32>(NUM_SCRATCH_FIFO_PACKETS * SIZEOF_SCRATCH), 4);
const scratch_fifo_packets_fifo = K_FIFO_DEFINE();

// static struct k_fifo fifo_timeout[2];
const fifo_timeout0 = K_FIFO_DEFINE();
const fifo_timeout1 = K_FIFO_DEFINE();
const timeout_order_fifo = K_FIFO_DEFINE();

const TIMEOUT_ORDER_DATA_LEN = 5;
const timeout_order_data = memory.data(<i32>(TIMEOUT_ORDER_DATA_LEN * SIZEOF_TOD), 4);
const TIMEOUT_ORDER_DATA_MULT_FIFO_LEN = 9;
const timeout_order_data_mult_fifo = memory.data(<i32>(TIMEOUT_ORDER_DATA_MULT_FIFO_LEN * SIZEOF_TOD), 4);

function tod_set(table: usize, i: i32, fifo: k_fifo, timeout: u32, timeout_order: i32, q_order: i32): void {
  const d = table + <usize>i * SIZEOF_TOD;
  store<u32>(d, 0);
  store<u32>(d + TOD_FIFO, <u32>changetype<usize>(fifo));
  store<u32>(d + TOD_TIMEOUT, timeout);
  store<i32>(d + TOD_TIMEOUT_ORDER, timeout_order);
  store<i32>(d + TOD_Q_ORDER, q_order);
}
// The static initialisers of timeout_order_data[] and timeout_order_data_mult_fifo[].
tod_set(timeout_order_data, 0, fifo_timeout0, 20, 2, 0);
tod_set(timeout_order_data, 1, fifo_timeout0, 40, 4, 1);
tod_set(timeout_order_data, 2, fifo_timeout0, 0, 0, 2);
tod_set(timeout_order_data, 3, fifo_timeout0, 10, 1, 3);
tod_set(timeout_order_data, 4, fifo_timeout0, 30, 3, 4);
tod_set(timeout_order_data_mult_fifo, 0, fifo_timeout1, 0, 0, 0);
tod_set(timeout_order_data_mult_fifo, 1, fifo_timeout0, 30, 3, 1);
tod_set(timeout_order_data_mult_fifo, 2, fifo_timeout0, 50, 5, 2);
tod_set(timeout_order_data_mult_fifo, 3, fifo_timeout1, 80, 8, 3);
tod_set(timeout_order_data_mult_fifo, 4, fifo_timeout1, 70, 7, 4);
tod_set(timeout_order_data_mult_fifo, 5, fifo_timeout0, 10, 1, 5);
tod_set(timeout_order_data_mult_fifo, 6, fifo_timeout0, 60, 6, 6);
tod_set(timeout_order_data_mult_fifo, 7, fifo_timeout0, 20, 2, 7);
tod_set(timeout_order_data_mult_fifo, 8, fifo_timeout1, 40, 4, 8);

const TSTACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE
const FIFO_THREAD_PRIO = -5;

function get_scratch_packet(): usize {
  const packet = k_fifo_get(scratch_fifo_packets_fifo, K_NO_WAIT);
  zassert_true(packet != 0);
  return packet;
}

function put_scratch_packet(packet: usize): void {
  k_fifo_put(scratch_fifo_packets_fifo, packet);
}

function is_timeout_in_range(start_time: u32, timeout: u32): bool {
  const stop_time = k_cycle_get_32();
  let diff = <u32>(k_cyc_to_ns_floor64(<u64>(stop_time - start_time)) / NSEC_PER_USEC);
  diff = diff / USEC_PER_MSEC;
  return timeout <= diff;
}

// a thread sleeps then puts data on the fifo
function test_thread_put_timeout(p1: usize, p2: usize, p3: usize): void {
  const timeout = load<u32>(p2);
  k_msleep(<i32>timeout);
  k_fifo_put(changetype<k_fifo>(p1), get_scratch_packet());
}

// a thread pends on a fifo then times out
function test_thread_pend_and_timeout(p1: usize, p2: usize, p3: usize): void {
  const d = p1;
  k_msleep(1); // Align to ticks
  const start_time = k_cycle_get_32();
  const packet = k_fifo_get(tod_fifo(d), K_MSEC(tod_timeout(d)));
  zassert_true(packet == 0);
  zassert_true(is_timeout_in_range(start_time, tod_timeout(d)));
  k_fifo_put(timeout_order_fifo, d);
}

// Spins several threads that pend and timeout on fifos
function test_multiple_threads_pending(test_data: usize, test_data_size: i32): i32 {
  for (let ii = 0; ii < test_data_size; ii++) {
    k_thread_create(
      TSTACK_SIZE,
      test_thread_pend_and_timeout,
      test_data + <usize>ii * SIZEOF_TOD,
      0,
      0,
      FIFO_THREAD_PRIO,
      0,
      K_NO_WAIT,
    );
  }
  // In general, there is no guarantee of wakeup order when multiple threads are woken up on
  // the same tick. This can especially happen when the system is loaded. However, in this
  // particular test, we are controlling the system state and hence we can make a reasonable
  // estimation of a timeout occurring with the max deviation of an additional tick. Hence the
  // timeout order may slightly be different from what we normally expect.
  for (let ii = 0; ii < test_data_size; ii++) {
    const data = k_fifo_get(timeout_order_fifo, K_FOREVER);
    zassert_not_null(data);
    if (tod_timeout_order(data) != ii) {
      // Get the index of the thread which should have actually timed out.
      let j = 0;
      for (j = 0; j < test_data_size; j++) {
        if (tod_timeout_order(test_data + <usize>j * SIZEOF_TOD) == ii) break;
      }
      const tj = tod_timeout(test_data + <usize>j * SIZEOF_TOD);
      const diff_ms = tod_timeout(data) > tj ? tod_timeout(data) - tj : tj - tod_timeout(data);
      if (k_ms_to_ticks_ceil32(diff_ms) != 1) {
        printk(` *** thread ${tod_q_order(data)} woke up, expected ${j}\n`);
        return TC_FAIL;
      }
    }
  }
  return TC_PASS;
}

// a thread pends on a fifo with a timeout and gets the data in time
function test_thread_pend_and_get_data(p1: usize, p2: usize, p3: usize): void {
  const d = p1;
  const packet = k_fifo_get(tod_fifo(d), K_MSEC(tod_timeout(d)));
  zassert_true(packet != 0);
  put_scratch_packet(packet);
  k_fifo_put(timeout_order_fifo, d);
}

// Spins child threads that get fifo data in time, except the last one
function test_multiple_threads_get_data(test_data: usize, test_data_size: i32): i32 {
  let ii = 0;
  for (ii = 0; ii < test_data_size - 1; ii++) {
    k_thread_create(
      TSTACK_SIZE,
      test_thread_pend_and_get_data,
      test_data + <usize>ii * SIZEOF_TOD,
      0,
      0,
      K_PRIO_PREEMPT(0),
      0,
      K_NO_WAIT,
    );
  }
  k_thread_create(
    TSTACK_SIZE,
    test_thread_pend_and_timeout,
    test_data + <usize>ii * SIZEOF_TOD,
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  for (ii = 0; ii < test_data_size - 1; ii++) {
    k_fifo_put(tod_fifo(test_data + <usize>ii * SIZEOF_TOD), get_scratch_packet());
    const data = k_fifo_get(timeout_order_fifo, K_FOREVER);
    if (data == 0) {
      printk(`thread ${ii} got NULL value from fifo\n`);
      return TC_FAIL;
    }
    if (tod_q_order(data) != ii) {
      printk(` *** thread ${tod_q_order(data)} woke up, expected ${ii}\n`);
      return TC_FAIL;
    }
  }
  const data = k_fifo_get(timeout_order_fifo, K_FOREVER);
  if (data == 0) {
    printk(`thread ${ii} got NULL value from fifo\n`);
    return TC_FAIL;
  }
  if (tod_q_order(data) != ii) {
    printk(` *** thread ${tod_q_order(data)} woke up, expected ${ii}\n`);
    return TC_FAIL;
  }
  return TC_PASS;
}

// try getting data on fifo with special timeout value, return result in fifo
function test_thread_timeout_reply_values(p1: usize, p2: usize, p3: usize): void {
  const reply_packet = p1;
  store<i32>(reply_packet + REPLY, k_fifo_get(fifo_timeout0, K_NO_WAIT) != 0 ? 1 : 0);
  k_fifo_put(timeout_order_fifo, reply_packet);
}

function test_thread_timeout_reply_values_wfe(p1: usize, p2: usize, p3: usize): void {
  const reply_packet = p1;
  store<i32>(reply_packet + REPLY, k_fifo_get(fifo_timeout0, K_FOREVER) != 0 ? 1 : 0);
  k_fifo_put(timeout_order_fifo, reply_packet);
}

const reply_packet = memory.data(8, 4); // test_timeout_fifo_thread's struct reply_packet
const timeout_word = memory.data(4, 4); // its uint32_t timeout (the child reads it)

/** Suite setup: initialize the FIFOs used by the tests and pre-fill the scratch packet pool. */
function test_timeout_setup(): usize {
  // Init kernel objects
  k_fifo_init(fifo_timeout0);
  k_fifo_init(fifo_timeout1);
  k_fifo_init(timeout_order_fifo);
  k_fifo_init(scratch_fifo_packets_fifo);
  // Fill scratch fifo
  for (let ii = 0; ii < NUM_SCRATCH_FIFO_PACKETS; ii++) {
    const p = scratch_fifo_packets + <usize>ii * SIZEOF_SCRATCH;
    store<u32>(p + 4, <u32>ii); // data_if_needed = (void *)ii
    k_fifo_put(scratch_fifo_packets_fifo, p);
  }
  return 0;
}

const fifo_timeout = ZTEST_SUITE("fifo_timeout", test_timeout_setup);
const fifo_timeout_1cpu = ZTEST_SUITE(
  "fifo_timeout_1cpu",
  test_timeout_setup,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);

/** @brief Verify k_fifo_get() returns queued data without waiting. */
ZTEST(fifo_timeout, "test_timeout_non_empty_fifo", () => {
  // Test k_fifo_get with K_NO_WAIT
  let scratch_packet = get_scratch_packet();
  k_fifo_put(fifo_timeout0, scratch_packet);
  let packet = k_fifo_get(fifo_timeout0, K_NO_WAIT);
  zassert_true(packet != 0);
  put_scratch_packet(scratch_packet);
  // Test k_fifo_get with K_FOREVER
  scratch_packet = get_scratch_packet();
  k_fifo_put(fifo_timeout0, scratch_packet);
  packet = k_fifo_get(fifo_timeout0, K_FOREVER);
  zassert_true(packet != 0);
  put_scratch_packet(scratch_packet);
});

/** @brief Verify k_fifo_get() timeout behavior on an empty FIFO. */
ZTEST(fifo_timeout_1cpu, "test_timeout_empty_fifo", () => {
  k_msleep(1); // Align to ticks
  // Test empty fifo with timeout
  const timeout: u32 = 10;
  const start_time = k_cycle_get_32();
  let packet = k_fifo_get(fifo_timeout0, K_MSEC(timeout));
  zassert_true(packet == 0);
  zassert_true(is_timeout_in_range(start_time, timeout));
  // Test empty fifo with timeout of K_NO_WAIT
  packet = k_fifo_get(fifo_timeout0, K_NO_WAIT);
  zassert_true(packet == 0);
});

/** @brief Verify k_fifo_get() wakes when a thread supplies data within timeout. */
ZTEST(fifo_timeout_1cpu, "test_timeout_fifo_thread", () => {
  k_msleep(1); // Align to ticks
  // Test fifo with some timeout and child thread that puts data on the fifo on time
  const timeout: u32 = 10;
  store<u32>(timeout_word, timeout);
  const start_time = k_cycle_get_32();
  k_thread_create(
    TSTACK_SIZE,
    test_thread_put_timeout,
    changetype<usize>(fifo_timeout0),
    timeout_word,
    0,
    FIFO_THREAD_PRIO,
    0,
    K_NO_WAIT,
  );
  let packet = k_fifo_get(fifo_timeout0, K_MSEC(timeout + 10));
  zassert_true(packet != 0);
  zassert_true(is_timeout_in_range(start_time, timeout));
  put_scratch_packet(packet);
  // Test k_fifo_get with timeout of K_NO_WAIT and the fifo should be filled be filled by the
  // child thread based on the data availability on another fifo. In this test child thread
  // does not find data on fifo.
  k_thread_create(TSTACK_SIZE, test_thread_timeout_reply_values, reply_packet, 0, 0, FIFO_THREAD_PRIO, 0, K_NO_WAIT);
  k_yield();
  packet = k_fifo_get(timeout_order_fifo, K_NO_WAIT);
  zassert_true(packet != 0);
  zassert_false(load<i32>(reply_packet + REPLY) != 0);
  // Test k_fifo_get with timeout of K_NO_WAIT and the fifo should be filled be filled by the
  // child thread based on the data availability on another fifo. In this test child thread
  // does find data on fifo.
  let scratch_packet = get_scratch_packet();
  k_fifo_put(fifo_timeout0, scratch_packet);
  k_thread_create(TSTACK_SIZE, test_thread_timeout_reply_values, reply_packet, 0, 0, FIFO_THREAD_PRIO, 0, K_NO_WAIT);
  k_yield();
  packet = k_fifo_get(timeout_order_fifo, K_NO_WAIT);
  zassert_true(packet != 0);
  zassert_true(load<i32>(reply_packet + REPLY) != 0);
  put_scratch_packet(scratch_packet);
  // Test k_fifo_get with timeout of K_FOREVER and the fifo should be filled be filled by the
  // child thread based on the data availability on another fifo. In this test child thread
  // does find data on fifo.
  scratch_packet = get_scratch_packet();
  k_fifo_put(fifo_timeout0, scratch_packet);
  k_thread_create(
    TSTACK_SIZE,
    test_thread_timeout_reply_values_wfe,
    reply_packet,
    0,
    0,
    FIFO_THREAD_PRIO,
    0,
    K_NO_WAIT,
  );
  packet = k_fifo_get(timeout_order_fifo, K_FOREVER);
  zassert_true(packet != 0);
  zassert_true(load<i32>(reply_packet + REPLY) != 0);
  put_scratch_packet(scratch_packet);
});

/** @brief Verify timeout is recomputed when pending getters are satisfied early. */
ZTEST(fifo_timeout_1cpu, "test_timeout_threads_pend_fail_on_fifo", () => {
  // Test multiple threads pending on same fifo with different timeouts, but getting the data
  // in time, except the last one.
  const rv = test_multiple_threads_get_data(timeout_order_data, TIMEOUT_ORDER_DATA_LEN);
  zassert_equal<i32>(rv, TC_PASS);
});

/** @brief Verify threads pending on two FIFOs time out in global timeout order. */
ZTEST(fifo_timeout_1cpu, "test_timeout_threads_pend_on_dual_fifos", () => {
  // Test multiple threads pending on different fifos with different timeouts
  const rv = test_multiple_threads_pending(timeout_order_data_mult_fifo, TIMEOUT_ORDER_DATA_MULT_FIFO_LEN);
  zassert_equal<i32>(rv, TC_PASS);
});

/** @brief Verify multiple threads pending on one FIFO time out in timeout order. */
ZTEST(fifo_timeout_1cpu, "test_timeout_threads_pend_on_fifo", () => {
  // Test multiple threads pending on the same fifo with different timeouts
  const rv = test_multiple_threads_pending(timeout_order_data, TIMEOUT_ORDER_DATA_LEN);
  zassert_equal<i32>(rv, TC_PASS);
});
