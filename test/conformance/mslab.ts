// Translation of Zephyr tests/kernel/mem_slab/mslab/src/main.c (zephyrproject-rtos/zephyr @
// e0d7ab78afc41f0d7f38d23406ed76fdb63dee24): test_mslab in suite memory_slab_1cpu, with the
// HELPER thread (K_THREAD_DEFINE, priority 7), NUMBLOCKS 4 blocks of 1024 bytes, the 20 ms and
// 50 ms timeouts and the same assertions and prints (TC_PRINT is printk). Its prj.conf is
// mslab.conf. Differences: prj.conf's CONFIG_MP_MAX_NUM_CPUS=1 is dropped (and CONFIG_BT=n,
// which wasmp has no use for): the suite is a 1cpu suite (ztest_simple_1cpu_before/after),
// so its test runs on one CPU while the others are held, on any board. `void *ptr[NUMBLOCKS]`
// is an array of pointer-sized slots; `&p[i]` is slot(). (The older src/slab.c
// @ 649364dafbb37d3240da18f9c431f2dfb62e5fdc is the pre-ztest version of the same test.)
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  printk,
  K_MEM_SLAB_DEFINE,
  k_mem_slab_alloc,
  k_mem_slab_free,
  k_mem_slab_num_used_get,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  K_THREAD_DEFINE,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  ENOMEM,
  EAGAIN,
} from "wasmp";

// size of stack area used by each thread
const STACKSIZE = 1024;
// Number of memory blocks. The minimum number of blocks needed to run the test is 2
const NUMBLOCKS = 4;

const SEM_HELPERDONE = K_SEM_DEFINE(0, 1);
const SEM_REGRESSDONE = K_SEM_DEFINE(0, 1);
const map_lgblks = K_MEM_SLAB_DEFINE(memory.data(1024 * NUMBLOCKS, 4), 1024, NUMBLOCKS, 4);

function slot(p: StaticArray<usize>, i: i32): usize {
  return changetype<usize>(p) + ((<usize>i) << 2);
}

// Helper task: gets all blocks from the memory slab, synchronised with the test by
// SEM_REGRESSDONE and SEM_HELPERDONE.
function helper_thread(p1: usize, p2: usize, p3: usize): void {
  const ptr = new StaticArray<usize>(NUMBLOCKS); // Pointer to memory block
  // Wait for part 1 to complete
  k_sem_take(SEM_REGRESSDONE, K_FOREVER);
  // Part 2 of test
  printk(`(2) - Allocate ${NUMBLOCKS} blocks in <helper_thread>\n`);
  // Test k_mem_slab_alloc
  test_slab_get_all_blocks(ptr);
  k_sem_give(SEM_HELPERDONE); // Indicate part 2 is complete
  // Wait for part 3 to complete
  k_sem_take(SEM_REGRESSDONE, K_FOREVER);
  // Part 4 of test. Free the first memory block. RegressionTask is currently blocked waiting
  // (with a timeout) for a memory block. Freeing the memory block will unblock RegressionTask.
  printk("(4) - Free a block in <helper_thread> to unblock the other task from alloc timeout\n");
  printk("helper_thread: About to free a memory block\n");
  k_mem_slab_free(map_lgblks, ptr[0]);
  k_sem_give(SEM_HELPERDONE);
  // Part 5 of test
  k_sem_take(SEM_REGRESSDONE, K_FOREVER);
  printk("(5) <helper_thread> freeing the next block\n");
  printk("helper_thread: About to free another memory block\n");
  k_mem_slab_free(map_lgblks, ptr[1]);
  // Free all the other blocks. The first 2 blocks are freed by this task
  for (let i = 2; i < NUMBLOCKS; i++) k_mem_slab_free(map_lgblks, ptr[i]);
  printk("helper_thread: freed all blocks allocated by this task\n");
  k_sem_give(SEM_HELPERDONE);
}

// Gets all blocks from the memory slab, then tries one more, which must fail.
function test_slab_get_all_blocks(p: StaticArray<usize>): void {
  const errptr = new StaticArray<usize>(1); // Pointer to block
  for (let i = 0; i < NUMBLOCKS; i++) {
    // Verify number of used blocks in the map
    zassert_equal(k_mem_slab_num_used_get(map_lgblks), <u32>i, "Failed k_mem_slab_num_used_get");
    // Get memory block
    zassert_equal(k_mem_slab_alloc(map_lgblks, slot(p, i), K_NO_WAIT), 0, "Failed k_mem_slab_alloc");
  }
  // Verify number of used blocks in the map - expect all blocks are used
  zassert_equal(k_mem_slab_num_used_get(map_lgblks), <u32>NUMBLOCKS, "Failed k_mem_slab_num_used_get");
  // Try to get one more block and it should fail
  zassert_equal(k_mem_slab_alloc(map_lgblks, slot(errptr, 0), K_NO_WAIT), -ENOMEM, "Failed k_mem_slab_alloc");
}

// Frees all memory blocks, checking the number of used blocks.
function test_slab_free_all_blocks(p: StaticArray<usize>): void {
  for (let i = 0; i < NUMBLOCKS; i++) {
    // Verify number of used blocks in the map
    zassert_equal(k_mem_slab_num_used_get(map_lgblks), <u32>(NUMBLOCKS - i), "Failed k_mem_slab_num_used_get");
    printk(`  block ptr to free p[${i}] = 0x${p[i].toString(16)}\n`);
    // Free memory block
    k_mem_slab_free(map_lgblks, p[i]);
    printk(`map_lgblks freed ${i + 1} block\n`);
  }
  // Verify number of used blocks in the map - should be 0 as no blocks are used
  zassert_equal(k_mem_slab_num_used_get(map_lgblks), 0, "Failed k_mem_slab_num_used_get");
}

const memory_slab_1cpu = ZTEST_SUITE("memory_slab_1cpu", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

// Gets and frees all blocks, then waits for a block with and without a timeout while the
// helper holds them all.
ZTEST(memory_slab_1cpu, "test_mslab", () => {
  const b = new StaticArray<usize>(1); // Pointer to memory block
  const ptr = new StaticArray<usize>(NUMBLOCKS); // Pointer to memory block
  // Part 1 of test
  printk(`(1) - Allocate and free ${NUMBLOCKS} blocks in <test_mslab>\n`);
  // Test k_mem_slab_alloc
  test_slab_get_all_blocks(ptr);
  // Test task_mem_map_free
  test_slab_free_all_blocks(ptr);
  k_sem_give(SEM_REGRESSDONE); // Allow helper thread to run
  // Wait for helper thread to finish
  k_sem_take(SEM_HELPERDONE, K_FOREVER);
  // Part 3 of test. helper thread got all memory blocks. There is no free block left. The
  // call will timeout. Note that control does not switch back to helper thread as it is
  // waiting for SEM_REGRESSDONE.
  printk("(3) - Further allocation results in  timeout in <test_mslab>\n");
  let ret_value = k_mem_slab_alloc(map_lgblks, slot(b, 0), K_MSEC(20));
  zassert_equal(-EAGAIN, ret_value, `Failed k_mem_slab_alloc, retValue ${ret_value}`);
  printk("test_mslab: start to wait for block\n");
  k_sem_give(SEM_REGRESSDONE); // Allow helper thread to run part 4
  ret_value = k_mem_slab_alloc(map_lgblks, slot(b, 0), K_MSEC(50));
  zassert_equal(0, ret_value, `Failed k_mem_slab_alloc, ret_value ${ret_value}`);
  // Wait for helper thread to complete
  k_sem_take(SEM_HELPERDONE, K_FOREVER);
  printk("test_mslab: start to wait for block\n");
  k_sem_give(SEM_REGRESSDONE); // Allow helper thread to run part 5
  ret_value = k_mem_slab_alloc(map_lgblks, slot(b, 0), K_FOREVER);
  zassert_equal(0, ret_value, `Failed k_mem_slab_alloc, ret_value ${ret_value}`);
  // Wait for helper thread to complete
  k_sem_take(SEM_HELPERDONE, K_FOREVER);
  // Free memory block
  printk(`test_mslab: Used ${k_mem_slab_num_used_get(map_lgblks)} block\n`);
  k_mem_slab_free(map_lgblks, b[0]);
  printk(`test_mslab: 1 block freed, used ${k_mem_slab_num_used_get(map_lgblks)} block\n`);
});

K_THREAD_DEFINE(STACKSIZE, helper_thread, 0, 0, 0, 7, 0, 0, "HELPER");
