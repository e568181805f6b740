// Translation of Zephyr tests/kernel/mem_slab/mslab_concept (zephyrproject-rtos/zephyr):
// src/test_mslab_alloc_wait.c @ da32ae25f7612aecc2af5deab84ed9665304e533, src/main.c
// @ e73a95bd640faae758279457546cdecdaa790a36 (suite mslab_concept) and src/test_mslab.h
// @ cf308cbb6829aba7cf33b1ddb900514b641783a2 (TIMEOUT K_MSEC(2000), BLK_NUM 3, BLK_ALIGN 8,
// BLK_SIZE 16). Same threads (priorities K_PRIO_PREEMPT(1), K_PRIO_PREEMPT(0) and
// K_PRIO_PREEMPT(0)), timeouts and assertions. Scaled: the two start delays and the test's
// sleep are 10x Zephyr's (100, 200 and 300 ms instead of 10, 20 and 30 ms; DELAY_SCALE). A host
// that stalls the virtual CPU for more than 10 ms (seen once in 3 runs on the 2-core machine
// under load) makes all three timers expire in one tick announcement; the test thread, of
// higher priority, then frees the block before the delayed threads wait for it, and the
// low-priority waiter gets it, as it would on a Zephyr target whose timer interrupt came that
// late. The test has no prj.conf of its own (ZTEST);
// it runs on every CPU of the board. Differences: `void *block[BLK_NUM]` is an array of
// pointer-sized slots (`&block[i]` is slot()); k_mem_slab_free takes the block (Zephyr >= 3.5),
// where this copy passes &block[i]; thread objects and stacks come from the kernel heap;
// `static struct k_sem sync_sema` is static storage (K_SEM_DEFINE) that the test k_sem_inits.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  K_MEM_SLAB_DEFINE,
  k_mem_slab_alloc,
  k_mem_slab_free,
  K_SEM_DEFINE,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_thread_abort,
  k_sleep,
  k_tid_t,
  K_PRIO_PREEMPT,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  EAGAIN,
} from "wasmp";

const TIMEOUT = K_MSEC(2000);
const DELAY_SCALE = 10; // see the header
const BLK_NUM = 3;
const BLK_ALIGN = 8;
const BLK_SIZE = 16;
const THREAD_NUM = 3;
const STACK_SIZE = 512;

const mslab1 = K_MEM_SLAB_DEFINE(memory.data(BLK_SIZE * BLK_NUM, BLK_ALIGN), BLK_SIZE, BLK_NUM, BLK_ALIGN);
const sync_sema = K_SEM_DEFINE(0, 1);
const block_ok = memory.data(4, 4); // static void *block_ok

function slot(block: StaticArray<usize>, i: i32): usize {
  return changetype<usize>(block) + ((<usize>i) << 2);
}

// thread entry
function tmslab_alloc_wait_timeout(p1: usize, p2: usize, p3: usize): void {
  const block = new StaticArray<usize>(1);
  zassert_true(k_mem_slab_alloc(mslab1, slot(block, 0), TIMEOUT) == -EAGAIN);
  k_sem_give(sync_sema);
}

function tmslab_alloc_wait_ok(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_mem_slab_alloc(mslab1, block_ok, TIMEOUT) == 0);
  k_sem_give(sync_sema);
}

const mslab_concept = ZTEST_SUITE("mslab_concept");

// Allocate every block, then start a low-priority waiter at once and two higher-priority ones
// later (10 and 20 ms in Zephyr); one freed block must go to the highest-priority thread that
// has waited the longest, and the other two time out.
ZTEST(mslab_concept, "test_mslab_alloc_wait_prio", () => {
  const block = new StaticArray<usize>(BLK_NUM);
  const tid = new StaticArray<k_tid_t>(THREAD_NUM);
  k_sem_init(sync_sema, 0, THREAD_NUM);
  // allocated up all blocks
  for (let i = 0; i < BLK_NUM; i++) zassert_equal(k_mem_slab_alloc(mslab1, slot(block, i), K_NO_WAIT), 0);
  // TESTPOINT: Any number of threads may wait on an empty memory slab simultaneously; when a
  // memory block becomes available, it is given to the highest-priority thread that has
  // waited the longest.
  // TESTPOINT: If all the blocks are currently in use, a thread can optionally wait for one
  // to become available.
  // the low-priority thread
  tid[0] = k_thread_create(STACK_SIZE, tmslab_alloc_wait_timeout, 0, 0, 0, K_PRIO_PREEMPT(1), 0, K_NO_WAIT);
  // the highest-priority thread that has waited the longest
  tid[1] = k_thread_create(STACK_SIZE, tmslab_alloc_wait_ok, 0, 0, 0, K_PRIO_PREEMPT(0), 0, K_MSEC(10 * DELAY_SCALE));
  // the highest-priority thread that has waited shorter
  tid[2] = k_thread_create(
    STACK_SIZE,
    tmslab_alloc_wait_timeout,
    0,
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_MSEC(20 * DELAY_SCALE),
  );
  // relinquish CPU for above threads to start
  k_sleep(K_MSEC(30 * DELAY_SCALE));
  // free one block, expected to unblock thread "tid[1]"
  k_mem_slab_free(mslab1, block[0]);
  // wait for all threads exit
  for (let i = 0; i < THREAD_NUM; i++) k_sem_take(sync_sema, K_FOREVER);
  // test case tear down
  for (let i = 0; i < THREAD_NUM; i++) k_thread_abort(tid[i]);
  k_mem_slab_free(mslab1, load<usize>(block_ok));
  for (let i = 1; i < BLK_NUM; i++) k_mem_slab_free(mslab1, block[i]);
});
