// Translation of Zephyr tests/kernel/fifo/fifo_api (one program, five sources): src/main.c (the
// ZTEST API version, search-index file 62051426645: suites fifo_api and fifo_api_1cpu),
// src/test_fifo_contexts.c (zephyrproject-rtos/zephyr at
// 0dc914cd0aff86b47b87e2e33df391698bfd4a94), src/test_fifo_cancel.c (index file 55991300579),
// src/test_fifo_fail.c (index file 55594781630), src/test_fifo_loop.c (index file
// 55939964999) and src/test_fifo.h (fdata_t). Its prj.conf is fifo_api.conf.
// All 10 tests, with the same threads, priorities, timeouts, loop counts and assertions.
// Differences:
// - Zephyr runs suites and tests in name order (ztest's iterable sections are sorted by
//   name); they are registered here in that order: fifo_api, then fifo_api_1cpu.
// - test_fifo_alloc_put: k_fifo_alloc_put allocates from the kernel heap (wasmp has no
//   per-thread resource pools), so k_thread_heap_assign(fifo_alloc_pool) is dropped.
// - C statics (fdata_t arrays, fifos, the local sys_slist_t, payload) are static memory,
//   shared by every CPU; a local `sys_slist_t` is a SYS_SLIST_STATIC_INIT() list; the
//   thread's handle is what k_thread_create returns. fdata_t is {snode: u32, data: u32}.
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
  irq_offload,
  k_thread_create,
  k_thread_abort,
  k_sem_init,
  k_sem_give,
  k_sem_take,
  K_SEM_DEFINE,
  k_sleep,
  k_uptime_get_32,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_fifo,
  k_fifo_init,
  K_FIFO_DEFINE,
  k_fifo_put,
  k_fifo_alloc_put,
  k_fifo_put_list,
  k_fifo_put_slist,
  k_fifo_get,
  k_fifo_is_empty,
  k_fifo_peek_head,
  k_fifo_peek_tail,
  k_fifo_cancel_wait,
  SYS_SLIST_STATIC_INIT,
  sys_slist_init,
  sys_slist_append,
} from "wasmp";

// fdata_t (test_fifo.h): sys_snode_t snode; uint32_t data.
const SIZEOF_FDATA: usize = 8;
function at(arr: usize, i: i32): usize {
  return arr + <usize>i * SIZEOF_FDATA;
}

// --- test_fifo_contexts.c -----------------------------------------------------------------

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE
const LIST_LEN = 2;
/**TESTPOINT: init via K_FIFO_DEFINE*/
const kfifo = K_FIFO_DEFINE();
const fifo = K_FIFO_DEFINE(); // struct k_fifo fifo (k_fifo_init'ed by the tests)
const data = memory.data(<i32>(LIST_LEN * SIZEOF_FDATA), 4);
const data_l = memory.data(<i32>(LIST_LEN * SIZEOF_FDATA), 4);
const data_sl = memory.data(<i32>(LIST_LEN * SIZEOF_FDATA), 4);
const end_sema = K_SEM_DEFINE(0, 1); // static struct k_sem end_sema (k_sem_init'ed before use)

function tfifo_put(pfifo: k_fifo): void {
  for (let i = 0; i < LIST_LEN; i++) {
    /**TESTPOINT: fifo put*/
    k_fifo_put(pfifo, at(data, i));
  }
  /**TESTPOINT: fifo put list*/
  const head = at(data_l, 0),
    tail = at(data_l, LIST_LEN - 1);
  store<u32>(head, <u32>tail); // head->snode.next = tail
  store<u32>(tail, 0); // tail->snode.next = NULL
  k_fifo_put_list(pfifo, head, tail);
  /**TESTPOINT: fifo put slist*/
  const slist = SYS_SLIST_STATIC_INIT();
  sys_slist_init(slist);
  sys_slist_append(slist, at(data_sl, 0));
  sys_slist_append(slist, at(data_sl, 1));
  k_fifo_put_slist(pfifo, slist);
}

function tfifo_get(pfifo: k_fifo): void {
  // get fifo data from "fifo_put"
  for (let i = 0; i < LIST_LEN; i++) {
    /**TESTPOINT: fifo get*/
    zassert_equal<usize>(k_fifo_get(pfifo, K_NO_WAIT), at(data, i));
  }
  // get fifo data from "fifo_put_list"
  for (let i = 0; i < LIST_LEN; i++) zassert_equal<usize>(k_fifo_get(pfifo, K_NO_WAIT), at(data_l, i));
  // get fifo data from "fifo_put_slist"
  for (let i = 0; i < LIST_LEN; i++) zassert_equal<usize>(k_fifo_get(pfifo, K_NO_WAIT), at(data_sl, i));
}

// entry of contexts
function tIsr_entry_put(p: usize): void {
  tfifo_put(changetype<k_fifo>(p));
  zassert_false(k_fifo_is_empty(changetype<k_fifo>(p)) != 0);
}

function tIsr_entry_get(p: usize): void {
  tfifo_get(changetype<k_fifo>(p));
  zassert_true(k_fifo_is_empty(changetype<k_fifo>(p)) != 0);
}

function tThread_entry(p1: usize, p2: usize, p3: usize): void {
  tfifo_get(changetype<k_fifo>(p1));
  k_sem_give(end_sema);
}

function tfifo_thread_thread(pfifo: k_fifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-thread data passing via fifo*/
  const tid = k_thread_create(
    STACK_SIZE,
    tThread_entry,
    changetype<usize>(pfifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  tfifo_put(pfifo);
  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid);
}

function tfifo_thread_isr(pfifo: k_fifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: isr-thread data passing via fifo*/
  irq_offload(tIsr_entry_put, changetype<usize>(pfifo));
  tfifo_get(pfifo);
}

function tfifo_isr_thread(pfifo: k_fifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-isr data passing via fifo*/
  tfifo_put(pfifo);
  irq_offload(tIsr_entry_get, changetype<usize>(pfifo));
}

function tfifo_is_empty(p: usize): void {
  const pfifo = changetype<k_fifo>(p);
  tfifo_put(fifo);
  /**TESTPOINT: return false when data available*/
  zassert_false(k_fifo_is_empty(pfifo) != 0);
  tfifo_get(fifo);
  /**TESTPOINT: return true with data unavailable*/
  zassert_true(k_fifo_is_empty(pfifo) != 0);
}

const payload = memory.data<u32>([0xdeadbeef]); // test_fifo_alloc_put's static uint32_t payload

// --- test_fifo_cancel.c -------------------------------------------------------------------

/**TESTPOINT: init via K_FIFO_DEFINE*/
const kfifo_c = K_FIFO_DEFINE();
const fifo_c = K_FIFO_DEFINE(); // struct k_fifo fifo_c (k_fifo_init'ed)

function t_cancel_wait_entry(p1: usize, p2: usize, p3: usize): void {
  k_sleep(K_MSEC(50));
  k_fifo_cancel_wait(changetype<k_fifo>(p1));
}

function tfifo_cancel_thread_thread(pfifo: k_fifo): void {
  const tid = k_thread_create(
    STACK_SIZE,
    t_cancel_wait_entry,
    changetype<usize>(pfifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  const start_t = k_uptime_get_32();
  const ret = k_fifo_get(pfifo, K_MSEC(500));
  const dur = k_uptime_get_32() - start_t;
  // While we observed the side effect of the last statement (call to k_fifo_cancel_wait) of
  // the thread, it's not fact that it returned, within the thread. Then it may happen that
  // the test runner below will try to create another thread in the same stack space, then 1st
  // thread returns from the call, leading to crash.
  k_thread_abort(tid);
  zassert_is_null(ret, "k_fifo_get didn't get 'timeout expired' status");
  // 80 includes generous fuzz factor as k_sleep() will add an extra tick for non-tickless
  // systems, and we may cross another tick boundary while doing this. We just want to ensure
  // we didn't hit the timeout anyway.
  zassert_true(dur < 80, "k_fifo_get didn't get cancelled in expected timeframe");
}

// --- test_fifo_fail.c ---------------------------------------------------------------------

const TIMEOUT = K_MSEC(100);
const fail_fifo = K_FIFO_DEFINE(); // static struct k_fifo fifo

// --- test_fifo_loop.c ---------------------------------------------------------------------

const LOOP_LIST_LEN = 4;
const LOOPS = 32;
const loop_data = memory.data(<i32>(LOOP_LIST_LEN * SIZEOF_FDATA), 4);
const loop_fifo = K_FIFO_DEFINE(); // static struct k_fifo fifo

function loop_tfifo_put(pfifo: k_fifo): void {
  /**TESTPOINT: fifo put*/
  for (let i = 0; i < LOOP_LIST_LEN; i++) k_fifo_put(pfifo, at(loop_data, i));
}

function loop_tfifo_get(pfifo: k_fifo): void {
  // get fifo data from "fifo_put"
  for (let i = 0; i < LOOP_LIST_LEN; i++) {
    /**TESTPOINT: fifo get*/
    zassert_equal<usize>(k_fifo_get(pfifo, K_NO_WAIT), at(loop_data, i));
  }
}

function loop_tIsr_entry(p: usize): void {
  printk("isr fifo get\n");
  loop_tfifo_get(changetype<k_fifo>(p));
  printk("isr fifo put ---> ");
  loop_tfifo_put(changetype<k_fifo>(p));
}

function loop_tThread_entry(p1: usize, p2: usize, p3: usize): void {
  printk("thread fifo get\n");
  loop_tfifo_get(changetype<k_fifo>(p1));
  k_sem_give(end_sema);
  printk("thread fifo put ---> ");
  loop_tfifo_put(changetype<k_fifo>(p1));
  k_sem_give(end_sema);
}

// fifo read write job
function tfifo_read_write(pfifo: k_fifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-isr-thread data passing via fifo*/
  const tid = k_thread_create(
    STACK_SIZE,
    loop_tThread_entry,
    changetype<usize>(pfifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  printk("main fifo put ---> ");
  loop_tfifo_put(pfifo);
  irq_offload(loop_tIsr_entry, changetype<usize>(pfifo));
  k_sem_take(end_sema, K_FOREVER);
  k_sem_take(end_sema, K_FOREVER);
  printk("main fifo get\n");
  loop_tfifo_get(pfifo);
  k_thread_abort(tid);
  printk("\n");
}

// --- the suites (main.c) ---------------------------------------------------------------------

const fifo_api = ZTEST_SUITE("fifo_api");
const fifo_api_1cpu = ZTEST_SUITE("fifo_api_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/** @brief Test enqueuing a data item to a FIFO with implicit memory allocation */
ZTEST(fifo_api, "test_fifo_alloc_put", () => {
  k_fifo_init(fifo);
  /**TESTPOINT: allocate the queue container from the thread resource pool*/
  zassert_equal<i32>(k_fifo_alloc_put(fifo, payload), 0);
  zassert_equal<usize>(k_fifo_get(fifo, K_NO_WAIT), payload);
});

/** @brief Verify k_fifo_get() on an empty FIFO returns NULL. */
ZTEST(fifo_api, "test_fifo_get_fail", () => {
  k_fifo_init(fail_fifo);
  /**TESTPOINT: fifo get returns NULL*/
  zassert_is_null(k_fifo_get(fail_fifo, K_NO_WAIT));
  zassert_is_null(k_fifo_get(fail_fifo, TIMEOUT));
});

/** @brief Verify k_fifo_is_empty() tracks FIFO contents in ISR context. */
ZTEST(fifo_api, "test_fifo_is_empty_isr", () => {
  k_fifo_init(fifo);
  /**TESTPOINT: check fifo is empty from isr*/
  irq_offload(tfifo_is_empty, changetype<usize>(fifo));
});

/** @brief Verify k_fifo_is_empty() tracks FIFO contents in thread context. */
ZTEST(fifo_api, "test_fifo_is_empty_thread", () => {
  k_fifo_init(fifo);
  /**TESTPOINT: k_fifo_is_empty after init*/
  zassert_true(k_fifo_is_empty(fifo) != 0);
  /**TESTPONT: check fifo is empty from thread*/
  tfifo_is_empty(changetype<usize>(fifo));
});

/** @brief Verify FIFO data passing from a thread to an ISR. */
ZTEST(fifo_api, "test_fifo_isr2thread", () => {
  /**TESTPOINT: test k_fifo_init fifo*/
  k_fifo_init(fifo);
  tfifo_isr_thread(fifo);
  /**TESTPOINT: test K_FIFO_DEFINE fifo*/
  tfifo_isr_thread(kfifo);
});

/** @brief Test peeking at the front and back items of a FIFO */
ZTEST(fifo_api, "test_fifo_peek", () => {
  k_fifo_init(fifo);
  k_fifo_put(fifo, at(data, 0));
  k_fifo_put(fifo, at(data, 1));
  /**TESTPOINT: peek front and back without removing*/
  zassert_equal<usize>(k_fifo_peek_head(fifo), at(data, 0));
  zassert_equal<usize>(k_fifo_peek_tail(fifo), at(data, 1));
  // Peeking does not dequeue: both items are still retrievable in order.
  zassert_equal<usize>(k_fifo_get(fifo, K_NO_WAIT), at(data, 0));
  zassert_equal<usize>(k_fifo_get(fifo, K_NO_WAIT), at(data, 1));
  /**TESTPOINT: peek of an empty fifo returns NULL*/
  zassert_is_null(k_fifo_peek_head(fifo));
  zassert_is_null(k_fifo_peek_tail(fifo));
});

/** @brief Verify FIFO data passing from an ISR to a thread. */
ZTEST(fifo_api, "test_fifo_thread2isr", () => {
  /**TESTPOINT: init via k_fifo_init*/
  k_fifo_init(fifo);
  tfifo_thread_isr(fifo);
  /**TESTPOINT: test K_FIFO_DEFINEed fifo*/
  tfifo_thread_isr(kfifo);
});

/** @brief Verify k_fifo_cancel_wait() wakes a pending getter with NULL. */
ZTEST(fifo_api_1cpu, "test_fifo_cancel_wait", () => {
  /**TESTPOINT: init via k_fifo_init*/
  k_fifo_init(fifo_c);
  tfifo_cancel_thread_thread(fifo_c);
  /**TESTPOINT: test K_FIFO_DEFINEed fifo*/
  tfifo_cancel_thread_thread(kfifo_c);
});

/** @brief Verify FIFO data integrity under repeated cross-context traffic. */
ZTEST(fifo_api_1cpu, "test_fifo_loop", () => {
  k_fifo_init(loop_fifo);
  for (let i = 0; i < LOOPS; i++) {
    printk(`* Pass data by fifo in loop ${i}\n`);
    tfifo_read_write(loop_fifo);
  }
});

/** @brief Verify FIFO data passing between two threads. */
ZTEST(fifo_api_1cpu, "test_fifo_thread2thread", () => {
  /**TESTPOINT: init via k_fifo_init*/
  k_fifo_init(fifo);
  tfifo_thread_thread(fifo);
  /**TESTPOINT: test K_FIFO_DEFINEed fifo*/
  tfifo_thread_thread(kfifo);
});
