// Translation of Zephyr tests/kernel/mem_slab/mslab_api (zephyrproject-rtos/zephyr):
// src/test_mslab_api.c @ ba5a4e324c02d2c8a9b7e4d069f0cb2905d3dc74 and
// src/test_mslab_extern.c @ 1cde741f5d060ea5a978cdba2aca27df79c04008 (ZTEST(mslab_api, ...)),
// with src/test_mslab.h (the 2025 version, search-index file 66840499463: TIMEOUT 2000,
// BLK_NUM 3, BLK_ALIGN 8, BLK_SIZE 16 off CHERI). The stored src/main.c
// (@ d744a2709e71cab8041e8162f037d1058d30c7a4) still lists the tests for the old API; the
// suite here is the new API's, with mslab_setup as its setup, as test_mslab.h declares it.
// Same blocks, threads (HELPER at priority 7), timeouts and assertions, with these differences:
// - k_mem_slab_free takes the block (Zephyr >= 3.5: `void *mem`); this copy of the test still
//   passes &block[i] (the old `void **`), so the translation passes block[i].
// - `void *block[BLK_NUM]` locals are arrays of pointer-sized slots; `&block[i]` is the
//   slot's address (slot()). `struct k_mem_slab mslab` and the buffers are static memory.
// - test_mslab_kdefine_extern uses kmslab "from another file": one module here.
// - Tests are registered in source order (Zephyr runs a suite's tests sorted by name); none
//   depends on another's leftovers but mslab_setup's init, which runs first in both.
// - prj.conf (stored @ 7ce3164b88c9710b12bbdf7aa1151034247b2cf6, an old copy) set
//   CONFIG_MP_NUM_CPUS=1; the test itself handles SMP (test_mslab_alloc_timeout skips itself
//   unless arch_num_cpus() == 1, as in Zephyr), so it runs on every CPU of the board here.
//   CONFIG_MULTITHREADING is always on (the no-mt variant of testcase.yaml is not run).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_not_null,
  ztest_test_skip,
  k_mem_slab,
  K_MEM_SLAB_DEFINE,
  k_mem_slab_init,
  k_mem_slab_alloc,
  k_mem_slab_free,
  k_mem_slab_num_used_get,
  k_mem_slab_num_free_get,
  SIZEOF_K_MEM_SLAB,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_uptime_get,
  k_uptime_delta,
  arch_num_cpus,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  ENOMEM,
  EAGAIN,
  EINVAL,
} from "wasmp";

const TIMEOUT = 2000;
const BLK_NUM = 3;
const BLK_ALIGN = 8;
const BLK_SIZE = 16;
const STACKSIZE = 1024;

// TESTPOINT: Statically define and initialize a memory slab
const kmslab = K_MEM_SLAB_DEFINE(memory.data(BLK_SIZE * BLK_NUM, BLK_ALIGN), BLK_SIZE, BLK_NUM, BLK_ALIGN);
const tslab = memory.data(BLK_SIZE * BLK_NUM, BLK_ALIGN);
const mslab = changetype<k_mem_slab>(memory.data(SIZEOF_K_MEM_SLAB, 16));
const SEM_HELPERDONE = K_SEM_DEFINE(0, 1);
const SEM_REGRESSDONE = K_SEM_DEFINE(0, 1);

/** `&block[i]`: the address of slot i of an array of pointers. */
function slot(block: StaticArray<usize>, i: i32): usize {
  return changetype<usize>(block) + ((<usize>i) << 2);
}

function mslab_setup(): usize {
  k_mem_slab_init(mslab, tslab, BLK_SIZE, BLK_NUM);
  return 0;
}

function tmslab_alloc_free(pslab: k_mem_slab): void {
  const block = new StaticArray<usize>(BLK_NUM);
  // TESTPOINT: The memory slab's buffer contains @a slab_num_blocks memory blocks that are
  // @a slab_block_size bytes long.
  for (let i = 0; i < BLK_NUM; i++) {
    // TESTPOINT: Allocate memory from a memory slab. @retval 0 Memory allocated.
    zassert_true(k_mem_slab_alloc(pslab, slot(block, i), K_NO_WAIT) == 0);
    // TESTPOINT: The block address area pointed at by @a mem is set to the starting address
    // of the memory block.
    zassert_not_null(block[i]);
  }
  for (let i = 0; i < BLK_NUM; i++) {
    // TESTPOINT: Free memory allocated from a memory slab.
    k_mem_slab_free(pslab, block[i]);
  }
}

function tmslab_alloc_align(pslab: k_mem_slab): void {
  const block = new StaticArray<usize>(BLK_NUM);
  for (let i = 0; i < BLK_NUM; i++) {
    zassert_true(k_mem_slab_alloc(pslab, slot(block, i), K_NO_WAIT) == 0);
    // TESTPOINT: To ensure that each memory block is similarly aligned to this boundary
    zassert_true(block[i] % BLK_ALIGN == 0);
  }
  for (let i = 0; i < BLK_NUM; i++) k_mem_slab_free(pslab, block[i]);
}

function tmslab_alloc_timeout(pslab: k_mem_slab): void {
  const block = new StaticArray<usize>(BLK_NUM);
  const block_fail = new StaticArray<usize>(1);
  const tms = new StaticArray<i64>(1);
  for (let i = 0; i < BLK_NUM; i++) zassert_true(k_mem_slab_alloc(pslab, slot(block, i), K_NO_WAIT) == 0);
  // TESTPOINT: Use K_NO_WAIT to return without waiting
  // TESTPOINT: -ENOMEM Returned without waiting.
  zassert_equal(k_mem_slab_alloc(pslab, slot(block_fail, 0), K_NO_WAIT), -ENOMEM);
  tms[0] = k_uptime_get();
  const err = k_mem_slab_alloc(pslab, slot(block_fail, 0), K_MSEC(TIMEOUT));
  // CONFIG_MULTITHREADING
  // TESTPOINT: -EAGAIN Waiting period timed out
  zassert_equal(err, -EAGAIN);
  // TESTPOINT: timeout Maximum time to wait for operation to complete (in milliseconds)
  zassert_true(k_uptime_delta(changetype<usize>(tms)) >= TIMEOUT);
  for (let i = 0; i < BLK_NUM; i++) k_mem_slab_free(pslab, block[i]);
}

function tmslab_used_get(pslab: k_mem_slab): void {
  const block = new StaticArray<usize>(BLK_NUM);
  const block_fail = new StaticArray<usize>(1);
  for (let i = 0; i < BLK_NUM; i++) {
    zassert_true(k_mem_slab_alloc(pslab, slot(block, i), K_NO_WAIT) == 0);
    // TESTPOINT: Get the number of used blocks in a memory slab.
    zassert_equal(k_mem_slab_num_used_get(pslab), <u32>(i + 1));
    // TESTPOINT: Get the number of unused blocks in a memory slab.
    zassert_equal(k_mem_slab_num_free_get(pslab), <u32>(BLK_NUM - 1 - i));
  }
  zassert_equal(k_mem_slab_alloc(pslab, slot(block_fail, 0), K_NO_WAIT), -ENOMEM);
  // free get on allocation failure
  zassert_equal(k_mem_slab_num_free_get(pslab), 0);
  // used get on allocation failure
  zassert_equal(k_mem_slab_num_used_get(pslab), <u32>BLK_NUM);
  zassert_equal(k_mem_slab_alloc(pslab, slot(block_fail, 0), K_MSEC(TIMEOUT)), -EAGAIN);
  zassert_equal(k_mem_slab_num_free_get(pslab), 0);
  zassert_equal(k_mem_slab_num_used_get(pslab), <u32>BLK_NUM);
  for (let i = 0; i < BLK_NUM; i++) {
    k_mem_slab_free(pslab, block[i]);
    zassert_equal(k_mem_slab_num_free_get(pslab), <u32>(i + 1));
    zassert_equal(k_mem_slab_num_used_get(pslab), <u32>(BLK_NUM - 1 - i));
  }
}

function helper_thread(p0: usize, p1: usize, p2: usize): void {
  const ptr = new StaticArray<usize>(BLK_NUM); // Pointer to memory block
  k_sem_take(SEM_REGRESSDONE, K_FOREVER);
  // Get all blocks from the memory slab
  for (let i = 0; i < BLK_NUM; i++) {
    // Verify number of used blocks in the map
    zassert_equal(k_mem_slab_num_used_get(kmslab), <u32>i, "Failed k_mem_slab_num_used_get");
    // Get memory block
    zassert_equal(k_mem_slab_alloc(kmslab, slot(ptr, i), K_NO_WAIT), 0, "Failed k_mem_slab_alloc");
  }
  k_sem_give(SEM_HELPERDONE);
  k_sem_take(SEM_REGRESSDONE, K_FOREVER);
  k_mem_slab_free(kmslab, ptr[0]);
  k_sem_take(SEM_REGRESSDONE, K_FOREVER);
  // Free all the other blocks. The first block are freed by this task
  for (let i = 1; i < BLK_NUM; i++) k_mem_slab_free(kmslab, ptr[i]);
  k_sem_give(SEM_HELPERDONE);
}

const mslab_api = ZTEST_SUITE("mslab_api", mslab_setup);

// Initialize 3 memory blocks of block size 8 bytes using k_mem_slab_init() and check if
// number of used blocks is 0 and free blocks is equal to number of blocks initialized.
ZTEST(mslab_api, "test_mslab_kinit", () => {
  // if a block_size is not word aligned, slab init return error
  zassert_equal(k_mem_slab_init(mslab, tslab, BLK_SIZE + 1, BLK_NUM), -EINVAL);
  k_mem_slab_init(mslab, tslab, BLK_SIZE, BLK_NUM);
  zassert_equal(k_mem_slab_num_used_get(mslab), 0);
  zassert_equal(k_mem_slab_num_free_get(mslab), <u32>BLK_NUM);
});

// Verify K_MEM_SLAB_DEFINE() with allocates/frees blocks.
ZTEST(mslab_api, "test_mslab_kdefine", () => {
  zassert_equal(k_mem_slab_num_used_get(kmslab), 0);
  zassert_equal(k_mem_slab_num_free_get(kmslab), <u32>BLK_NUM);
});

// test_mslab_extern.c: mem_slab access outside the module where it is defined.
ZTEST(mslab_api, "test_mslab_kdefine_extern", () => {
  tmslab_alloc_free(kmslab);
});

// Verify alloc and free of blocks from mem_slab
ZTEST(mslab_api, "test_mslab_alloc_free_thread", () => {
  tmslab_alloc_free(mslab);
});

// Allocate 3 blocks of memory from 2 memory slabs respectively and check if all blocks are
// aligned to 8 bytes and free them.
ZTEST(mslab_api, "test_mslab_alloc_align", () => {
  tmslab_alloc_align(mslab);
  tmslab_alloc_align(kmslab);
});

// Allocation with timeouts: -ENOMEM with K_NO_WAIT, then -EAGAIN after at least 2000 ms.
ZTEST(mslab_api, "test_mslab_alloc_timeout", () => {
  if (arch_num_cpus() != 1) ztest_test_skip();
  tmslab_alloc_timeout(mslab);
});

// Count of allocated blocks, with allocations that fail at once and after a timeout.
ZTEST(mslab_api, "test_mslab_used_get", () => {
  tmslab_used_get(mslab);
  tmslab_used_get(kmslab);
});

// The helper thread takes every block; an allocation with a timeout fails with -EAGAIN; one
// without waits until the helper frees a block.
ZTEST(mslab_api, "test_mslab_pending", () => {
  const b = new StaticArray<usize>(1); // Pointer to memory block
  k_thread_create(STACKSIZE, helper_thread, 0, 0, 0, 7, 0, K_NO_WAIT);
  k_sem_give(SEM_REGRESSDONE); // Allow helper thread to run
  k_sem_take(SEM_HELPERDONE, K_FOREVER); // Wait for helper thread to finish
  let ret_value = k_mem_slab_alloc(kmslab, slot(b, 0), K_MSEC(20));
  zassert_equal(-EAGAIN, ret_value, `Failed k_mem_slab_alloc, retValue ${ret_value}`);
  k_sem_give(SEM_REGRESSDONE);
  // Wait for helper thread to free a block
  ret_value = k_mem_slab_alloc(kmslab, slot(b, 0), K_FOREVER);
  zassert_equal(0, ret_value, `Failed k_mem_slab_alloc, ret_value ${ret_value}`);
  k_sem_give(SEM_REGRESSDONE);
  // Wait for helper thread to complete
  k_sem_take(SEM_HELPERDONE, K_FOREVER);
  // Free memory block
  k_mem_slab_free(kmslab, b[0]);
});
