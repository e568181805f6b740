// Translation of Zephyr tests/kernel/mem_slab/mslab_threadsafe/src/test_mslab_threadsafe.c
// (zephyrproject-rtos/zephyr), the 2025 version (ZTEST(mslab_threadsafe, ...), CHERI support,
// k_thread_join and success[]; search-index file 66739402774; the older copy
// @ ca345690412fe0f27ef459bcaa7423d022b6e365 waited on a semaphore instead). Its prj.conf is
// mslab_threadsafe.conf. Same 4 threads at K_PRIO_PREEMPT(1), LOOP 10, 3 blocks each with
// K_MSEC(200) timeouts, the same slabs (SLAB_BLOCKS = 9 of 16 and of 8 bytes) and assertions.
// Differences: prj.conf's CONFIG_MP_NUM_CPUS=1 is dropped, so the threads really run in
// parallel on every CPU of the board (the slab lock is what the test exercises); `void
// *block[BLK_NUM]` is an array of pointer-sized slots; `slabs[]` and `success[]` are static words.
// Zephyr checks success[i] right after joining tid[i], but success[] is indexed by the id a
// thread draws from slab_id, not by creation order: with the threads really in parallel, the
// thread that drew id i may still be running when tid[i] has ended ("thread 1 failed" in 1 of
// 10 runs on 4 CPUs, 2026-12-02). The translation joins every thread, then checks every flag:
// the same assertions, without the race that one CPU hides.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  k_mem_slab,
  K_MEM_SLAB_DEFINE,
  k_mem_slab_init,
  k_mem_slab_alloc,
  k_mem_slab_free,
  SIZEOF_K_MEM_SLAB,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  K_PRIO_PREEMPT,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  ATOMIC_DEFINE,
  atomic_inc,
} from "wasmp";

const LOOP = 10;
const STACK_SIZE = 512;
const THREAD_NUM = 4;
const SLAB_NUM = 2;
const TIMEOUT = K_MSEC(200);
const BLK_NUM = 3;
const BLK_ALIGN = 8;
const BLK_SIZE1 = 16;
const BLK_SIZE2 = 8;

// Blocks per slab. Note this number carefully, because if it is smaller than this the test
// can deadlock. There are 4 threads allocating 3 blocks each, so it's possible in exhaustion
// situations for all four threads to have already allocated 2 blocks, with three of them
// having gone to sleep waiting on a fourth. There must remain at least one free block for
// that final allocation, otherwise all four threads will end up sleeping forever (or until
// the allocation timeout hits and the test fails).
const SLAB_BLOCKS = THREAD_NUM * (BLK_NUM - 1) + 1;

const mslab1 = K_MEM_SLAB_DEFINE(memory.data(BLK_SIZE1 * SLAB_BLOCKS, BLK_ALIGN), BLK_SIZE1, SLAB_BLOCKS, BLK_ALIGN);
const mslab2 = changetype<k_mem_slab>(memory.data(SIZEOF_K_MEM_SLAB, 16));
const tslab = memory.data(BLK_SIZE2 * SLAB_BLOCKS, BLK_ALIGN);
const slab_id = ATOMIC_DEFINE();
const success = memory.data(4 * THREAD_NUM, 4); // static volatile bool success[THREAD_NUM]

function slab_of(i: i32): k_mem_slab {
  return i == 0 ? mslab1 : mslab2; // slabs[SLAB_NUM] = { &mslab1, &mslab2 }
}

// thread entry simply invoke the APIs
function tmslab_api(p1: usize, p2: usize, p3: usize): void {
  const block = new StaticArray<usize>(BLK_NUM);
  const id = atomic_inc(slab_id);
  const slab = slab_of(id % SLAB_NUM);
  let j = LOOP;
  while (j-- > 0) {
    for (let i = 0; i < BLK_NUM; i++) block[i] = 0;
    for (let i = 0; i < BLK_NUM; i++) {
      const ret = k_mem_slab_alloc(slab, changetype<usize>(block) + ((<usize>i) << 2), TIMEOUT);
      zassert_false(ret != 0, "memory is not allocated");
    }
    for (let i = 0; i < BLK_NUM; i++) {
      if (block[i] != 0) {
        k_mem_slab_free(slab, block[i]);
        block[i] = 0;
      }
    }
  }
  atomic.store<u32>(success + ((<usize>id) << 2), 1);
}

const mslab_threadsafe = ZTEST_SUITE("mslab_threadsafe");

// 4 preemptive threads of equal priority allocate and free blocks of two slabs at once.
ZTEST(mslab_threadsafe, "test_mslab_threadsafe", () => {
  const tid = new StaticArray<k_tid_t>(THREAD_NUM);
  k_mem_slab_init(mslab2, tslab, BLK_SIZE2, SLAB_BLOCKS);
  // create multiple threads to invoke same memory slab APIs
  for (let i = 0; i < THREAD_NUM; i++) {
    tid[i] = k_thread_create(STACK_SIZE, tmslab_api, 0, 0, 0, K_PRIO_PREEMPT(1), 0, K_NO_WAIT);
  }
  // wait for completion (all of them before any success[] check: see the header)
  for (let i = 0; i < THREAD_NUM; i++) {
    const ret = k_thread_join(tid[i], K_FOREVER);
    zassert_false(ret != 0, "k_thread_join() failed");
  }
  for (let i = 0; i < THREAD_NUM; i++) {
    zassert_true(atomic.load<u32>(success + ((<usize>i) << 2)) != 0, `thread ${i} failed`);
  }
});
