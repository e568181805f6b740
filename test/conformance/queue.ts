// Translation of Zephyr tests/kernel/queue (one program, five sources): src/main.c (the ZTEST
// API version, search-index file 55688598469), src/test_queue_contexts.c (zephyrproject-rtos/
// zephyr at 0c8069fee94db0b0b56fe33e173e78b67a9b420c), src/test_queue_fail.c (index file
// 55627330192), src/test_queue_loop.c (index file 421273278), src/test_queue_user.c (index
// file 54923729972) and src/test_queue.h (qdata_t). Its prj.conf is queue.conf.
// Same threads, priorities, timeouts, loop counts and assertions, with these differences:
// - Zephyr runs suites and tests in name order (ztest's iterable sections are sorted by
//   name); they are registered here in that order: queue_api, then queue_api_1cpu.
// - k_queue_alloc_append/prepend allocate from the kernel heap (wasmp has no per-thread
//   resource pools), so the suites' setup (k_thread_heap_assign(test_pool)) is dropped, and so
//   is the k_thread_heap_assign(mem_pool_pass) of test_queue_alloc_remove. test_queue_alloc,
//   which checks that a thread without a pool (or with a too small one) gets -ENOMEM, is not
//   translated (test/conformance/README.md).
// - test_queue_user.c is compiled only with CONFIG_USERSPACE. Its three tests that check kernel
//   behaviour, test_queue_supv_to_user, test_queue_alloc_prepend_user and
//   test_queue_alloc_append_user, run here in supervisor threads (no K_USER, no
//   IS_ENABLED(CONFIG_USERSPACE) skip); k_object_alloc(K_OBJ_QUEUE / K_OBJ_SEM) is
//   k_queue_alloc / k_sem_alloc. The user-mode fault tests (test_access_kernel_obj_with_priv_data,
//   the *_null tests and test_queue_cancel_wait_error of test_queue_fail.c) and test_auto_free
//   (pool accounting) are not translated.
// - C statics (qdata_t arrays, the K_SEM_DEFINE'd sem, queues, local sys_slist_t and arrays
//   that threads share) are static memory, shared by every CPU; a local `sys_slist_t` is a
//   SYS_SLIST_STATIC_INIT() list. k_thread_create takes no thread object or stack; the
//   returned thread is the handle. qdata_t is {snode: u32, data: u32, allocated: u8} (12 bytes).
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  zassert_is_null,
  zassert_not_null,
  zassert_ok,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  printk,
  irq_offload,
  k_thread_create,
  k_thread_abort,
  k_thread_join,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_sleep,
  k_yield,
  k_sem,
  k_sem_init,
  k_sem_alloc,
  k_sem_give,
  k_sem_take,
  K_SEM_DEFINE,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  K_HIGHEST_THREAD_PRIO,
  EINVAL,
  k_queue,
  SIZEOF_K_QUEUE,
  k_queue_init,
  K_QUEUE_DEFINE,
  k_queue_alloc,
  k_queue_insert,
  k_queue_append,
  k_queue_prepend,
  k_queue_alloc_append,
  k_queue_alloc_prepend,
  k_queue_append_list,
  k_queue_merge_slist,
  k_queue_get,
  k_queue_remove,
  k_queue_unique_append,
  k_queue_is_empty,
  k_queue_peek_head,
  k_queue_peek_tail,
  k_queue_cancel_wait,
  SYS_SLIST_STATIC_INIT,
  sys_slist_init,
  sys_slist_append,
  sys_slist_is_empty,
} from "wasmp";

// qdata_t (test_queue.h): sys_snode_t snode; uint32_t data; bool allocated.
const SIZEOF_QDATA: usize = 12;
const QDATA_DATA: usize = 4;
const QDATA_ALLOCATED: usize = 8;
function qd_data(qd: usize): u32 {
  return load<u32>(qd + QDATA_DATA);
}

// --- test_queue_contexts.c ----------------------------------------------------------------

const STACK_SIZE = 512; // 512 + CONFIG_TEST_EXTRA_STACK_SIZE
const LIST_LEN = 2;
/**TESTPOINT: init via K_QUEUE_DEFINE*/
const kqueue = K_QUEUE_DEFINE();
const queue = K_QUEUE_DEFINE(); // struct k_queue queue (k_queue_init'ed by the tests)
const data = memory.data(<i32>(LIST_LEN * SIZEOF_QDATA), 4);
const data_p = memory.data(<i32>(LIST_LEN * SIZEOF_QDATA), 4);
const data_l = memory.data(<i32>(LIST_LEN * SIZEOF_QDATA), 4);
const data_sl = memory.data(<i32>(LIST_LEN * SIZEOF_QDATA), 4);
const end_sema = K_SEM_DEFINE(0, 1); // static struct k_sem end_sema (k_sem_init'ed by each test)

function at(arr: usize, i: i32): usize {
  return arr + <usize>i * SIZEOF_QDATA;
}

function tqueue_append(pqueue: k_queue): void {
  k_queue_insert(pqueue, k_queue_peek_tail(pqueue), at(data, 0));
  for (let i = 1; i < LIST_LEN; i++) {
    /**TESTPOINT: queue append */
    k_queue_append(pqueue, at(data, i));
  }
  for (let i = LIST_LEN - 1; i >= 0; i--) {
    /**TESTPOINT: queue prepend */
    k_queue_prepend(pqueue, at(data_p, i));
  }
  /**TESTPOINT: queue append list*/
  const head = at(data_l, 0),
    tail = at(data_l, LIST_LEN - 1);
  store<u32>(head, <u32>tail); // head->snode.next = tail
  store<u32>(tail, 0); // tail->snode.next = NULL
  k_queue_append_list(pqueue, head, tail);
  /**TESTPOINT: queue merge slist*/
  const slist = SYS_SLIST_STATIC_INIT();
  sys_slist_init(slist);
  sys_slist_append(slist, at(data_sl, 0));
  sys_slist_append(slist, at(data_sl, 1));
  k_queue_merge_slist(pqueue, slist);
}

function tqueue_get(pqueue: k_queue): void {
  // get queue data from "queue_prepend"
  for (let i = 0; i < LIST_LEN; i++) {
    /**TESTPOINT: queue get*/
    zassert_equal<usize>(k_queue_get(pqueue, K_NO_WAIT), at(data_p, i));
  }
  // get queue data from "queue_append"
  for (let i = 0; i < LIST_LEN; i++) {
    zassert_equal<usize>(k_queue_get(pqueue, K_NO_WAIT), at(data, i));
  }
  // get queue data from "queue_append_list"
  for (let i = 0; i < LIST_LEN; i++) {
    zassert_equal<usize>(k_queue_get(pqueue, K_NO_WAIT), at(data_l, i));
  }
  // get queue data from "queue_merge_slist"
  for (let i = 0; i < LIST_LEN; i++) {
    zassert_equal<usize>(k_queue_get(pqueue, K_NO_WAIT), at(data_sl, i));
  }
}

// entry of contexts
function tIsr_entry_append(p: usize): void {
  tqueue_append(changetype<k_queue>(p));
}

function tIsr_entry_get(p: usize): void {
  tqueue_get(changetype<k_queue>(p));
}

function tThread_entry(p1: usize, p2: usize, p3: usize): void {
  tqueue_get(changetype<k_queue>(p1));
  k_sem_give(end_sema);
}

function tqueue_thread_thread(pqueue: k_queue): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-thread data passing via queue*/
  const tid = k_thread_create(
    STACK_SIZE,
    tThread_entry,
    changetype<usize>(pqueue),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  tqueue_append(pqueue);
  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid);
}

function tqueue_thread_isr(pqueue: k_queue): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-isr data passing via queue*/
  irq_offload(tIsr_entry_append, changetype<usize>(pqueue));
  tqueue_get(pqueue);
}

function tqueue_isr_thread(pqueue: k_queue): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: isr-thread data passing via queue*/
  tqueue_append(pqueue);
  irq_offload(tIsr_entry_get, changetype<usize>(pqueue));
}

function tqueue_merge_slist_wake_entry(p1: usize, p2: usize, p3: usize): void {
  // blocks until the main thread's k_queue_merge_slist() wakes us
  const rx_data = k_queue_get(queue, K_FOREVER);
  zassert_equal<usize>(rx_data, at(data_sl, 0));
  k_sem_give(end_sema);
}

function tThread_get(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_queue_get(changetype<k_queue>(p1), K_FOREVER) != 0);
  k_sem_give(end_sema);
}

function tqueue_get_2threads(pqueue: k_queue): void {
  k_sem_init(end_sema, 0, 1);
  const q = changetype<usize>(pqueue);
  const tid = k_thread_create(STACK_SIZE, tThread_get, q, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
  const tid1 = k_thread_create(STACK_SIZE, tThread_get, q, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
  // Wait threads to initialize
  k_sleep(K_MSEC(10));
  k_queue_append(pqueue, at(data, 0));
  k_queue_append(pqueue, at(data, 1));
  // Wait threads to finalize
  k_sem_take(end_sema, K_FOREVER);
  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid);
  k_thread_abort(tid1);
}

// Does nothing but read items out of the queue and verify that they are non-null. Two such
// threads will be created. p2 is the address of the thread's counter.
function queue_poll_race_consume(p1: usize, p2: usize, p3: usize): void {
  const q = changetype<k_queue>(p1);
  while (true) {
    zassert_true(k_queue_get(q, K_FOREVER) != 0);
    atomic.add<i32>(p2, 1);
  }
}
// static volatile int mid_count, low_count;
const mid_count = memory.data(4, 4);
const low_count = memory.data(4, 4);

function low_prio_wait_for_queue(p1: usize, p2: usize, p3: usize): void {
  const ret = k_queue_get(changetype<k_queue>(p1), K_FOREVER);
  zassert_true(load<u32>(ret) == 0xccc, "The low priority thread get the queue data failed lastly");
}

function high_prio_t1_wait_for_queue(p1: usize, p2: usize, p3: usize): void {
  const ret = k_queue_get(changetype<k_queue>(p1), K_FOREVER);
  zassert_true(load<u32>(ret) == 0xaaa, "The highest priority and waited longest get the queue data failed firstly");
}

function high_prio_t2_wait_for_queue(p1: usize, p2: usize, p3: usize): void {
  const ret = k_queue_get(changetype<k_queue>(p1), K_FOREVER);
  zassert_true(load<u32>(ret) == 0xbbb, "The higher priority and waited longer get the queue data failed secondly");
}
const test_data = memory.data(3 * 4, 4); // uint32_t test_data[3] (the threads read it)

// test_queue_alloc_remove's static qdata_t alloc_remove_data / alloc_prepend_data
const alloc_remove_data = memory.data(<i32>SIZEOF_QDATA, 4);
const alloc_prepend_data = memory.data(<i32>SIZEOF_QDATA, 4);

const QUEUE_NUM = 10;
const queues = memory.data(QUEUE_NUM * <i32>SIZEOF_K_QUEUE, 16); // static struct k_queue queues[QUEUE_NUM]

// --- test_queue_fail.c --------------------------------------------------------------------

const TIMEOUT = K_MSEC(100);
const sem = K_SEM_DEFINE(0, 1);
const fail_queue = K_QUEUE_DEFINE(); // the static struct k_queue queue of each test
const fail_data_l = memory.data(<i32>(2 * SIZEOF_QDATA), 4); // static qdata_t data_l[2]
const fail_data_sl = memory.data(<i32>(2 * SIZEOF_QDATA), 4); // qdata_t data_sl[2]

// The sub-thread entry
function tThread_entry_fail(p1: usize, p2: usize, p3: usize): void {
  k_sem_give(sem);
  // wait the queue for data
  const p = k_queue_get(changetype<k_queue>(p1), K_FOREVER);
  zassert_equal<usize>(p, p2, "Failed to append a unnormal list");
}

// --- test_queue_loop.c --------------------------------------------------------------------

const LOOP_LIST_LEN = 4;
const LOOPS = 32;
const loop_data = memory.data(<i32>(LOOP_LIST_LEN * SIZEOF_QDATA), 4);
const loop_data_p = memory.data(<i32>(LOOP_LIST_LEN * SIZEOF_QDATA), 4);
const loop_data_r = memory.data(<i32>(LOOP_LIST_LEN * SIZEOF_QDATA), 4);
const loop_queue = K_QUEUE_DEFINE(); // static struct k_queue queue

function loop_tqueue_append(pqueue: k_queue): void {
  /**TESTPOINT: queue append*/
  for (let i = 0; i < LOOP_LIST_LEN; i++) k_queue_append(pqueue, at(loop_data, i));
  /**TESTPOINT: queue prepend*/
  for (let i = LOOP_LIST_LEN - 1; i >= 0; i--) k_queue_prepend(pqueue, at(loop_data_p, i));
  /**TESTPOINT: queue find and remove*/
  for (let i = LOOP_LIST_LEN - 1; i >= 0; i--) k_queue_prepend(pqueue, at(loop_data_r, i));
}

function loop_tqueue_get(pqueue: k_queue): void {
  // get queue data from "queue_prepend"
  for (let i = 0; i < LOOP_LIST_LEN; i++) {
    /**TESTPOINT: queue get*/
    zassert_equal<usize>(k_queue_get(pqueue, K_NO_WAIT), at(loop_data_p, i));
  }
  // get queue data from "queue_append"
  for (let i = 0; i < LOOP_LIST_LEN; i++) {
    zassert_equal<usize>(k_queue_get(pqueue, K_NO_WAIT), at(loop_data, i));
  }
}

function tqueue_find_and_remove(pqueue: k_queue): void {
  // remove queue data from "queue_find_and_remove"
  for (let i = 0; i < LOOP_LIST_LEN; i++) {
    /**TESTPOINT: queue find and remove*/
    zassert_true(k_queue_remove(pqueue, at(loop_data_r, i)));
  }
}

function loop_tIsr_entry(p: usize): void {
  const q = changetype<k_queue>(p);
  tqueue_find_and_remove(q);
  loop_tqueue_get(q);
  loop_tqueue_append(q);
}

function loop_tThread_entry(p1: usize, p2: usize, p3: usize): void {
  const q = changetype<k_queue>(p1);
  tqueue_find_and_remove(q);
  loop_tqueue_get(q);
  k_sem_give(end_sema);
  loop_tqueue_append(q);
  k_sem_give(end_sema);
}

// queue read write job
function tqueue_read_write(pqueue: k_queue): void {
  k_sem_init(end_sema, 0, 1);
  /**TESTPOINT: thread-isr-thread data passing via queue*/
  const tid = k_thread_create(
    STACK_SIZE,
    loop_tThread_entry,
    changetype<usize>(pqueue),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  loop_tqueue_append(pqueue);
  irq_offload(loop_tIsr_entry, changetype<usize>(pqueue));
  k_sem_take(end_sema, K_FOREVER);
  k_sem_take(end_sema, K_FOREVER);
  tqueue_find_and_remove(pqueue);
  loop_tqueue_get(pqueue);
  k_thread_abort(tid);
}

// --- test_queue_user.c --------------------------------------------------------------------

const USER_LIST_LEN = 5;
const qdata = memory.data(<i32>(USER_LIST_LEN * 2 * SIZEOF_QDATA), 4); // static struct qdata qdata[LIST_LEN * 2]

// Higher priority than the thread putting stuff in the queue
function child_thread_get(p1: usize, p2: usize, p3: usize): void {
  const q = changetype<k_queue>(p1);
  const s = changetype<k_sem>(p2);
  zassert_false(k_queue_is_empty(q) != 0);
  let qd = k_queue_peek_head(q);
  zassert_equal<u32>(qd_data(qd), 0);
  qd = k_queue_peek_tail(q);
  zassert_equal<u32>(qd_data(qd), USER_LIST_LEN * 2 - 1, `got ${qd_data(qd)} expected ${USER_LIST_LEN * 2 - 1}`);
  for (let i = 0; i < USER_LIST_LEN * 2; i++) {
    qd = k_queue_get(q, K_FOREVER);
    zassert_equal<u32>(qd_data(qd), <u32>i);
    if (load<u8>(qd + QDATA_ALLOCATED) != 0) {
      // snode should never have been touched
      zassert_is_null(load<u32>(qd));
    }
  }
  zassert_true(k_queue_is_empty(q) != 0);
  // This one gets canceled
  qd = k_queue_get(q, K_FOREVER);
  zassert_is_null(qd);
  k_sem_give(s);
}

// --- the suites ------------------------------------------------------------------------------

const queue_api = ZTEST_SUITE("queue_api");
const queue_api_1cpu = ZTEST_SUITE("queue_api_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/** @brief Operate on multiple independent queues */
ZTEST(queue_api, "test_multiple_queues", () => {
  // define multiple queues
  for (let i = 0; i < QUEUE_NUM; i++) {
    const q = changetype<k_queue>(queues + <usize>i * SIZEOF_K_QUEUE);
    k_queue_init(q);
    // Indicating that they are working
    tqueue_append(q);
    tqueue_get(q);
  }
});

ZTEST(queue_api, "test_queue_alloc_append_user", () => {
  const q = k_queue_alloc();
  zassert_not_null(changetype<usize>(q), "no memory for allocated queue object");
  k_queue_init(q);
  for (let i = 0; i < USER_LIST_LEN * 2; i++) {
    store<u32>(at(qdata, i) + QDATA_DATA, <u32>i);
    zassert_false(k_queue_alloc_append(q, at(qdata, i)) != 0);
  }
  for (let i = 0; i < USER_LIST_LEN * 2; i++) {
    const qd = k_queue_get(q, K_NO_WAIT);
    zassert_true(qd != 0);
    zassert_equal<u32>(qd_data(qd), <u32>i);
  }
});

ZTEST(queue_api, "test_queue_alloc_prepend_user", () => {
  const q = k_queue_alloc();
  zassert_not_null(changetype<usize>(q), "no memory for allocated queue object");
  k_queue_init(q);
  for (let i = 0; i < USER_LIST_LEN * 2; i++) {
    store<u32>(at(qdata, i) + QDATA_DATA, <u32>i);
    zassert_false(k_queue_alloc_prepend(q, at(qdata, i)) != 0);
  }
  for (let i = USER_LIST_LEN * 2 - 1; i >= 0; i--) {
    const qd = k_queue_get(q, K_NO_WAIT);
    zassert_true(qd != 0);
    zassert_equal<u32>(qd_data(qd), <u32>i);
  }
});

/** @brief Verify k_queue_remove works with alloc_append/alloc_prepend data. */
ZTEST(queue_api, "test_queue_alloc_remove", () => {
  // Verify both alloc append and alloc prepend entries can be removed.
  store<u32>(alloc_remove_data + QDATA_DATA, 0x42);
  store<u32>(alloc_prepend_data + QDATA_DATA, 0x43);
  k_queue_init(queue);
  // Append and remove an alloc append entry.
  zassert_ok(k_queue_alloc_append(queue, alloc_remove_data), "alloc_append failed");
  zassert_true(k_queue_remove(queue, alloc_remove_data), "k_queue_remove failed after alloc_append");
  // Prepend and remove an alloc prepend entry.
  zassert_ok(k_queue_alloc_prepend(queue, alloc_prepend_data), "alloc_prepend failed");
  zassert_true(k_queue_remove(queue, alloc_prepend_data), "k_queue_remove failed after alloc_prepend");
  // The queue must be empty after both removals.
  zassert_true(k_queue_is_empty(queue) != 0, "Queue should be empty after removals");
});

/** @brief Test k_queue_append_list() failure scenario */
ZTEST(queue_api, "test_queue_append_list_error", () => {
  let head: usize = 0,
    tail = fail_data_l + SIZEOF_QDATA;
  k_queue_init(fail_queue);
  memory.fill(fail_data_l, 0, 2 * SIZEOF_QDATA);
  // Check if the list of head is equal to null
  zassert_true(k_queue_append_list(fail_queue, head, tail) == -EINVAL, "failed to CHECKIF head == NULL");
  // Check if the list of tail is equal to null
  head = fail_data_l;
  tail = 0;
  zassert_true(k_queue_append_list(fail_queue, head, tail) == -EINVAL, "failed to CHECKIF tail == NULL");
  // Initializing the queue for re-using below
  k_queue_init(fail_queue);
  // Append unnormal list(just one node)into the queue for sub-thread
  head = fail_data_l;
  store<u32>(head, 0); // head->snode.next = NULL
  const tdata = k_thread_create(
    STACK_SIZE,
    tThread_entry_fail,
    changetype<usize>(fail_queue),
    head,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  // Delay for thread initializing
  k_sem_take(sem, K_FOREVER);
  k_queue_append_list(fail_queue, head, head);
  k_thread_join(tdata, K_FOREVER);
});

/** @brief Verify appending a singly-linked item list to the back of a queue. */
ZTEST(queue_api, "test_queue_append_list_order", () => {
  const head = at(data_l, 0),
    tail = at(data_l, LIST_LEN - 1);
  k_queue_init(queue);
  // a pre-existing item so the list is demonstrably appended behind it
  k_queue_append(queue, at(data, 0));
  store<u32>(head, <u32>tail);
  store<u32>(tail, 0);
  k_queue_append_list(queue, head, tail);
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data, 0));
  for (let i = 0; i < LIST_LEN; i++) zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data_l, i));
  zassert_is_null(k_queue_get(queue, K_NO_WAIT));
});

/** @brief Verify a queue defined at compile time is ready for use. */
ZTEST(queue_api, "test_queue_define", () => {
  // usable at boot without any run-time initialization
  zassert_true(k_queue_is_empty(kqueue) != 0);
  k_queue_append(kqueue, at(data, 0));
  zassert_equal<usize>(k_queue_get(kqueue, K_NO_WAIT), at(data, 0));
  // the queue is drained: a non-blocking get returns NULL
  zassert_is_null(k_queue_get(kqueue, K_NO_WAIT));
});

/** @brief Verify run-time initialization of a queue. */
ZTEST(queue_api, "test_queue_init", () => {
  k_queue_init(queue);
  zassert_true(k_queue_is_empty(queue) != 0);
  k_queue_append(queue, at(data, 0));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data, 0));
  // the queue is drained: a non-blocking get returns NULL
  zassert_is_null(k_queue_get(queue, K_NO_WAIT));
});

/** @brief Verify k_queue_insert() places an item after a given node. */
ZTEST(queue_api, "test_queue_insert_after", () => {
  k_queue_init(queue);
  k_queue_append(queue, at(data, 0));
  k_queue_append(queue, at(data, 1));
  // insert between the two appended items
  k_queue_insert(queue, at(data, 0), at(data_p, 0));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data, 0));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data_p, 0));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data, 1));
});

/** @brief Verify data passes from a thread to an ISR through a queue. */
ZTEST(queue_api, "test_queue_isr2thread", () => {
  /**TESTPOINT: test k_queue_init queue*/
  k_queue_init(queue);
  tqueue_isr_thread(queue);
  /**TESTPOINT: test K_QUEUE_DEFINE queue*/
  tqueue_isr_thread(kqueue);
});

/** @brief Test k_queue_merge_slist() failure scenario */
ZTEST(queue_api, "test_queue_merge_list_error", () => {
  const slist = SYS_SLIST_STATIC_INIT();
  k_queue_init(fail_queue);
  sys_slist_init(slist);
  memory.fill(fail_data_sl, 0, 2 * SIZEOF_QDATA);
  // Check if the slist is empty
  zassert_true(k_queue_merge_slist(fail_queue, slist) == -EINVAL, "Failed to CHECKIF slist is empty");
  // Check if the tail of the slist is null
  sys_slist_append(slist, fail_data_sl);
  sys_slist_append(slist, fail_data_sl + SIZEOF_QDATA);
  slist.tail = 0;
  zassert_true(k_queue_merge_slist(fail_queue, slist) != 0, "Failed to CHECKIF the tail of slist == null");
});

/** @brief Verify merging a sys_slist empties the list into the queue. */
ZTEST(queue_api, "test_queue_merge_slist_order", () => {
  const slist = SYS_SLIST_STATIC_INIT();
  k_queue_init(queue);
  // a pre-existing item so the merged nodes land behind it
  k_queue_append(queue, at(data, 0));
  sys_slist_init(slist);
  sys_slist_append(slist, at(data_sl, 0));
  sys_slist_append(slist, at(data_sl, 1));
  k_queue_merge_slist(queue, slist);
  // the source list is emptied by the merge
  zassert_true(sys_slist_is_empty(slist));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data, 0));
  for (let i = 0; i < LIST_LEN; i++) zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data_sl, i));
  zassert_is_null(k_queue_get(queue, K_NO_WAIT));
});

/** @brief Verify prepended items are dequeued before appended ones. */
ZTEST(queue_api, "test_queue_prepend_order", () => {
  k_queue_init(queue);
  k_queue_append(queue, at(data, 0));
  k_queue_prepend(queue, at(data_p, 1));
  k_queue_prepend(queue, at(data_p, 0));
  // prepended items precede the appended one, most recent first
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data_p, 0));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data_p, 1));
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data, 0));
});

/** @brief Verify data passes from an ISR to a thread through a queue. */
ZTEST(queue_api, "test_queue_thread2isr", () => {
  /**TESTPOINT: init via k_queue_init*/
  k_queue_init(queue);
  tqueue_thread_isr(queue);
  /**TESTPOINT: test K_QUEUE_DEFINEed queue*/
  tqueue_thread_isr(kqueue);
});

/** @brief Verify k_queue_unique_append() rejects duplicate entries. */
ZTEST(queue_api, "test_queue_unique_append", () => {
  k_queue_init(queue);
  let ret = k_queue_unique_append(queue, at(data, 0));
  zassert_true(ret, "queue unique append failed");
  ret = k_queue_unique_append(queue, at(data, 0));
  zassert_false(ret, "queue unique append should fail");
  ret = k_queue_unique_append(queue, at(data, 1));
  zassert_true(ret, "queue unique append failed");
});

/** @brief Verify two threads blocked on a queue are each woken by an append. */
ZTEST(queue_api_1cpu, "test_queue_get_2threads", () => {
  /**TESTPOINT: test k_queue_init queue*/
  k_queue_init(queue);
  tqueue_get_2threads(queue);
});

/** @brief Test k_queue_get() failure scenario */
ZTEST(queue_api_1cpu, "test_queue_get_fail", () => {
  k_queue_init(fail_queue);
  /**TESTPOINT: queue get returns NULL*/
  zassert_is_null(k_queue_get(fail_queue, K_NO_WAIT));
  zassert_is_null(k_queue_get(fail_queue, TIMEOUT));
});

/** @brief Test queue operations in loop */
ZTEST(queue_api_1cpu, "test_queue_loop", () => {
  k_queue_init(loop_queue);
  for (let i = 0; i < LOOPS; i++) {
    printk(`* Pass data by queue in loop ${i}\n`);
    tqueue_read_write(loop_queue);
  }
});

/** @brief Verify k_queue_merge_slist() wakes a thread pending on the queue. */
ZTEST(queue_api_1cpu, "test_queue_merge_slist_wake", () => {
  const slist = SYS_SLIST_STATIC_INIT();
  k_queue_init(queue);
  k_sem_init(end_sema, 0, 1);
  const tid = k_thread_create(STACK_SIZE, tqueue_merge_slist_wake_entry, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
  // let the thread reach k_queue_get() and pend on the empty queue
  k_sleep(K_MSEC(10));
  sys_slist_init(slist);
  sys_slist_append(slist, at(data_sl, 0));
  sys_slist_append(slist, at(data_sl, 1));
  k_queue_merge_slist(queue, slist);
  // the merge woke the pending thread, which took the first node
  k_sem_take(end_sema, K_FOREVER);
  k_thread_abort(tid);
  // the second node remains queued behind the consumed one
  zassert_equal<usize>(k_queue_get(queue, K_NO_WAIT), at(data_sl, 1));
  zassert_is_null(k_queue_get(queue, K_NO_WAIT));
});

/** @brief Verify queued data is delivered by priority then wait time. */
ZTEST(queue_api_1cpu, "test_queue_multithread_competition", () => {
  const old_prio = k_thread_priority_get(k_current_get());
  const prio = 10;
  memory.fill(test_data, 0, 3 * 4);
  k_thread_priority_set(k_current_get(), prio);
  k_queue_init(queue);
  zassert_true(k_queue_is_empty(queue) != 0, " Initializing queue failed");
  // Set up some values
  store<u32>(test_data, 0xaaa);
  store<u32>(test_data + 4, 0xbbb);
  store<u32>(test_data + 8, 0xccc);
  const q = changetype<usize>(queue);
  const tdata = k_thread_create(STACK_SIZE, low_prio_wait_for_queue, q, 0, 0, prio + 4, 0, K_NO_WAIT);
  const tdata1 = k_thread_create(STACK_SIZE, high_prio_t1_wait_for_queue, q, 0, 0, prio + 2, 0, K_NO_WAIT);
  // Make thread tdata and tdata1 wait more time
  k_sleep(K_MSEC(10));
  const tdata2 = k_thread_create(STACK_SIZE, high_prio_t2_wait_for_queue, q, 0, 0, prio + 2, 0, K_NO_WAIT);
  // Initialize them and block
  k_sleep(K_MSEC(50));
  // Insert some data to wake up thread
  k_queue_append(queue, test_data);
  k_queue_append(queue, test_data + 4);
  k_queue_append(queue, test_data + 8);
  // Wait for thread exiting
  k_thread_join(tdata, K_FOREVER);
  k_thread_join(tdata1, K_FOREVER);
  k_thread_join(tdata2, K_FOREVER);
  // Revert priority of the main thread
  k_thread_priority_set(k_current_get(), old_prio);
});

/** @brief Verify an append wakes exactly one waiter (CONFIG_POLL race). */
ZTEST(queue_api_1cpu, "test_queue_poll_race", () => {
  const prio = k_thread_priority_get(k_current_get());
  atomic.store<i32>(mid_count, 0);
  atomic.store<i32>(low_count, 0);
  k_queue_init(queue);
  const q = changetype<usize>(queue);
  const tdata = k_thread_create(STACK_SIZE, queue_poll_race_consume, q, mid_count, 0, prio + 1, 0, K_NO_WAIT);
  const tdata1 = k_thread_create(STACK_SIZE, queue_poll_race_consume, q, low_count, 0, prio + 2, 0, K_NO_WAIT);
  // Let them initialize and block
  k_sleep(K_MSEC(10));
  // Insert two items. This will wake up both threads, but the higher priority thread (tdata1)
  // might (if CONFIG_POLL) consume both. The lower priority thread should stay asleep.
  k_queue_append(queue, at(data, 0));
  k_queue_append(queue, at(data, 1));
  zassert_true(atomic.load<i32>(low_count) == 0);
  zassert_true(atomic.load<i32>(mid_count) == 0);
  k_sleep(K_MSEC(10));
  zassert_true(atomic.load<i32>(low_count) + atomic.load<i32>(mid_count) == 2);
  k_thread_abort(tdata);
  k_thread_abort(tdata1);
});

/** @brief Verify supervisor-queued data reaches a user thread and cancel wait. */
ZTEST(queue_api_1cpu, "test_queue_supv_to_user", () => {
  // Supervisor mode will add a bunch of data, some with alloc and some not
  const q = k_queue_alloc();
  zassert_not_null(changetype<usize>(q), "no memory for allocated queue object");
  k_queue_init(q);
  const s = k_sem_alloc(0, 1);
  zassert_not_null(changetype<usize>(s), "no memory for semaphore object");
  k_sem_init(s, 0, 1);
  for (let i = 0; i < USER_LIST_LEN * 2; i = i + 2) {
    // Just for test purposes -- not safe to do this in the real world as user mode shouldn't
    // have any access to the snode struct
    store<u32>(at(qdata, i) + QDATA_DATA, <u32>i);
    store<u8>(at(qdata, i) + QDATA_ALLOCATED, 0);
    store<u32>(at(qdata, i), 0);
    k_queue_append(q, at(qdata, i));
    store<u32>(at(qdata, i + 1) + QDATA_DATA, <u32>(i + 1));
    store<u8>(at(qdata, i + 1) + QDATA_ALLOCATED, 1);
    store<u32>(at(qdata, i + 1), 0);
    zassert_false(k_queue_alloc_append(q, at(qdata, i + 1)) != 0);
  }
  k_thread_create(
    STACK_SIZE,
    child_thread_get,
    changetype<usize>(q),
    changetype<usize>(s),
    0,
    K_HIGHEST_THREAD_PRIO,
    0,
    K_NO_WAIT,
  );
  k_yield();
  // child thread runs until blocking on the last k_queue_get() call
  k_queue_cancel_wait(q);
  k_sem_take(s, K_FOREVER);
});

/** @brief Verify data passes between two threads through a queue in order. */
ZTEST(queue_api_1cpu, "test_queue_thread2thread", () => {
  /**TESTPOINT: init via k_queue_init*/
  k_queue_init(queue);
  tqueue_thread_thread(queue);
  /**TESTPOINT: test K_QUEUE_DEFINEed queue*/
  tqueue_thread_thread(kqueue);
});
