// Translation of Zephyr tests/kernel/lifo/lifo_api (one program): src/test_lifo_contexts.c (the
// ZTEST API version, search-index file 54541353139: suites lifo_contexts and
// lifo_contexts_1cpu), src/test_lifo_fail.c (index file 55630632347: suite lifo_fail),
// src/test_lifo_loop.c (zephyrproject-rtos/zephyr at 0b6e4bc66f124970711cb3686fc33e995a510c13)
// and src/test_lifo.h (ldata_t). Its prj.conf is lifo_api.conf.
// All 6 tests, with the same threads, priorities, timeouts, loop counts and assertions.
// Differences:
// - The stored test_lifo_loop.c predates the ZTEST API: its main.c (index file 116638108) runs
//   test_lifo_loop as ztest_1cpu_unit_test, so it is registered here in a suite of its own
//   with the 1cpu hooks, named lifo_loop_1cpu (the name is ours).
// - Zephyr runs suites and tests in name order (ztest's iterable sections are sorted by
//   name); they are registered here in that order.
// - test_lifo_alloc_put: k_lifo_alloc_put allocates from the kernel heap (wasmp has no
//   per-thread resource pools), so k_thread_heap_assign(lifo_alloc_pool) is dropped.
// - C statics (ldata_t arrays, lifos, end_sema, payload) are static memory, shared by every
//   CPU; the thread's handle is what k_thread_create returns. ldata_t is {snode: u32, data: u32}.
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
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
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_lifo,
  k_lifo_init,
  K_LIFO_DEFINE,
  k_lifo_put,
  k_lifo_alloc_put,
  k_lifo_get,
} from "wasmp";

const SIZEOF_LDATA: usize = 8; // ldata_t { sys_snode_t snode; uint32_t data; }
function at(arr: usize, i: i32): usize {
  return arr + <usize>i * SIZEOF_LDATA;
}

// --- test_lifo_contexts.c -----------------------------------------------------------------

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE
const LIST_LEN = 2;
/**TESTPOINT: init via K_LIFO_DEFINE*/
const klifo = K_LIFO_DEFINE();
const lifo = K_LIFO_DEFINE(); // struct k_lifo lifo (k_lifo_init'ed by the tests)
const data = memory.data(<i32>(LIST_LEN * SIZEOF_LDATA), 4);
const end_sema = K_SEM_DEFINE(0, 1); // static struct k_sem end_sema (k_sem_init'ed before use)

function tlifo_put(plifo: k_lifo): void {
  for (let i = 0; i < LIST_LEN; i++) {
    /**TESTPOINT: lifo put*/
    k_lifo_put(plifo, at(data, i));
  }
}

function tlifo_get(plifo: k_lifo): void {
  // get lifo data
  for (let i = LIST_LEN - 1; i >= 0; i--) {
    /**TESTPOINT: lifo get*/
    zassert_equal<usize>(k_lifo_get(plifo, K_FOREVER), at(data, i));
  }
}

// entry of contexts
function tIsr_entry_put(p: usize): void {
  tlifo_put(changetype<k_lifo>(p));
}

function tIsr_entry_get(p: usize): void {
  tlifo_get(changetype<k_lifo>(p));
}

function tThread_entry(p1: usize, p2: usize, p3: usize): void {
  tlifo_get(changetype<k_lifo>(p1));
  k_sem_give(end_sema);
}

function tlifo_thread_thread(plifo: k_lifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-thread data passing via lifo*/
  const tid = k_thread_create(
    STACK_SIZE,
    tThread_entry,
    changetype<usize>(plifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  tlifo_put(plifo);
  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid);
}

function tlifo_thread_isr(plifo: k_lifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-isr data passing via lifo*/
  irq_offload(tIsr_entry_put, changetype<usize>(plifo));
  tlifo_get(plifo);
}

function tlifo_isr_thread(plifo: k_lifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: isr-thread data passing via lifo*/
  tlifo_put(plifo);
  irq_offload(tIsr_entry_get, changetype<usize>(plifo));
}

const payload = memory.data<u32>([0xdeadbeef]); // test_lifo_alloc_put's static uint32_t payload

// --- test_lifo_fail.c ---------------------------------------------------------------------

const TIMEOUT = K_MSEC(100);
const fail_lifo = K_LIFO_DEFINE(); // static struct k_lifo lifo

// --- test_lifo_loop.c ---------------------------------------------------------------------

const LOOP_LIST_LEN = 4;
const LOOPS = 32;
const loop_data = memory.data(<i32>(LOOP_LIST_LEN * SIZEOF_LDATA), 4);
const loop_lifo = K_LIFO_DEFINE(); // static struct k_lifo lifo

function loop_tlifo_put(plifo: k_lifo): void {
  for (let i = 0; i < LOOP_LIST_LEN; i++) {
    /**TESTPOINT: lifo put*/
    k_lifo_put(plifo, at(loop_data, i));
  }
}

function loop_tlifo_get(plifo: k_lifo): void {
  // get lifo data
  for (let i = LOOP_LIST_LEN - 1; i >= 0; i--) {
    /**TESTPOINT: lifo get*/
    zassert_equal<usize>(k_lifo_get(plifo, K_FOREVER), at(loop_data, i));
  }
}

function loop_tIsr_entry(p: usize): void {
  printk("isr lifo get\n");
  loop_tlifo_get(changetype<k_lifo>(p));
  printk("isr lifo put ---> ");
  loop_tlifo_put(changetype<k_lifo>(p));
}

function loop_tThread_entry(p1: usize, p2: usize, p3: usize): void {
  printk("thread lifo get\n");
  loop_tlifo_get(changetype<k_lifo>(p1));
  k_sem_give(end_sema);
  printk("thread lifo put ---> ");
  loop_tlifo_put(changetype<k_lifo>(p1));
  k_sem_give(end_sema);
}

// lifo read write job
function tlifo_read_write(plifo: k_lifo): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-isr-thread data passing via lifo*/
  const tid = k_thread_create(
    STACK_SIZE,
    loop_tThread_entry,
    changetype<usize>(plifo),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  printk("main lifo put ---> ");
  loop_tlifo_put(plifo);
  irq_offload(loop_tIsr_entry, changetype<usize>(plifo));
  k_sem_take(end_sema, K_FOREVER);
  k_sem_take(end_sema, K_FOREVER);
  printk("main lifo get\n");
  loop_tlifo_get(plifo);
  k_thread_abort(tid);
  printk("\n");
}

// --- the suites ------------------------------------------------------------------------------

const lifo_contexts = ZTEST_SUITE("lifo_contexts");
const lifo_contexts_1cpu = ZTEST_SUITE("lifo_contexts_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);
const lifo_fail = ZTEST_SUITE("lifo_fail");
const lifo_loop_1cpu = ZTEST_SUITE("lifo_loop_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/** @brief Test enqueuing a data item to a LIFO with implicit memory allocation */
ZTEST(lifo_contexts, "test_lifo_alloc_put", () => {
  k_lifo_init(lifo);
  /**TESTPOINT: allocate the queue container from the thread resource pool*/
  zassert_equal<i32>(k_lifo_alloc_put(lifo, payload), 0);
  zassert_equal<usize>(k_lifo_get(lifo, K_NO_WAIT), payload);
});

/** @brief Verify LIFO data passing from a thread to an ISR. */
ZTEST(lifo_contexts, "test_lifo_isr2thread", () => {
  /**TESTPOINT: test k_lifo_init lifo*/
  k_lifo_init(lifo);
  tlifo_isr_thread(lifo);
  /**TESTPOINT: test K_LIFO_DEFINE lifo*/
  tlifo_isr_thread(klifo);
});

/** @brief Verify LIFO data passing from an ISR to a thread. */
ZTEST(lifo_contexts, "test_lifo_thread2isr", () => {
  /**TESTPOINT: init via k_lifo_init*/
  k_lifo_init(lifo);
  tlifo_thread_isr(lifo);
  /**TESTPOINT: test K_LIFO_DEFINEed lifo*/
  tlifo_thread_isr(klifo);
});

/** @brief Verify LIFO data passing between two threads in LIFO order. */
ZTEST(lifo_contexts_1cpu, "test_lifo_thread2thread", () => {
  /**TESTPOINT: init via k_lifo_init*/
  k_lifo_init(lifo);
  tlifo_thread_thread(lifo);
  /**TESTPOINT: test K_LIFO_DEFINEed lifo*/
  tlifo_thread_thread(klifo);
});

/** @brief Test LIFO get fail */
ZTEST(lifo_fail, "test_lifo_get_fail", () => {
  k_lifo_init(fail_lifo);
  /**TESTPOINT: lifo get returns NULL*/
  zassert_is_null(k_lifo_get(fail_lifo, K_NO_WAIT));
  zassert_is_null(k_lifo_get(fail_lifo, TIMEOUT));
});

/** @brief Verify zephyr lifo continuous read write in loop */
ZTEST(lifo_loop_1cpu, "test_lifo_loop", () => {
  k_lifo_init(loop_lifo);
  for (let i = 0; i < LOOPS; i++) {
    printk(`* Pass data by lifo in loop ${i}\n`);
    tlifo_read_write(loop_lifo);
  }
});
