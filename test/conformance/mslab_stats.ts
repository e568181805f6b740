// Translation of Zephyr tests/kernel/mem_slab/mslab_stats/src/main.c (zephyrproject-rtos/zephyr
// @ e42ae87c4a671d38e8bede584542b8d8c2e4192a): both tests of lib_mem_slab_stats_test, with the
// same slab (8 blocks of 64 bytes, 4-aligned), steps and assertions. Its prj.conf is
// mslab_stats.conf. Differences: CONFIG_MEM_SLAB_TRACE_MAX_UTILIZATION is always on in wasmp
// (not a Kconfig option) and CONFIG_MP_MAX_NUM_CPUS=1 is dropped (one thread uses the slab);
// NULL arguments are `null`; `void *memory[3]` is an array of pointer-sized slots.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  k_mem_slab,
  K_MEM_SLAB_DEFINE,
  k_mem_slab_alloc,
  k_mem_slab_free,
  k_mem_slab_runtime_stats_get,
  k_mem_slab_runtime_stats_reset_max,
  sys_memory_stats,
  SIZEOF_SYS_MEMORY_STATS,
  K_NO_WAIT,
  EINVAL,
} from "wasmp";

const BLK_SZ = 64;
const NUM_BLOCKS = 8;

const kmslab = K_MEM_SLAB_DEFINE(memory.data(BLK_SZ * NUM_BLOCKS, 4), BLK_SZ, NUM_BLOCKS, 4);

function slot(p: StaticArray<usize>, i: i32): usize {
  return changetype<usize>(p) + ((<usize>i) << 2);
}

const lib_mem_slab_stats_test = ZTEST_SUITE("lib_mem_slab_stats_test");

ZTEST(lib_mem_slab_stats_test, "test_mem_slab_stats_invalid_params", () => {
  const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 4));
  // Verify that k_mem_slab_runtime_stats_get() returns -EINVAL when an invalid parameter is passed.
  let status = k_mem_slab_runtime_stats_get(null, stats);
  zassert_equal(status, -EINVAL, `Routine returned ${status} instead of ${-EINVAL}`);
  status = k_mem_slab_runtime_stats_get(kmslab, null);
  zassert_equal(status, -EINVAL, `Routine returned ${status} instead of ${-EINVAL}`);
  // Verify that k_mem_slab_runtime_stats_reset_max() returns -EINVAL when an invalid parameter is passed.
  status = k_mem_slab_runtime_stats_reset_max(null);
  zassert_equal(status, -EINVAL, `Routine returned ${status} instead of ${-EINVAL}`);
});

function expect_stats(slab: k_mem_slab, free: u32, allocated: u32, max: u32): void {
  const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 4));
  const status = k_mem_slab_runtime_stats_get(slab, stats);
  zassert_equal(status, 0, `Routine failed with status ${status}`);
  zassert_equal(stats.free_bytes, free, `Expected ${free} free bytes, not ${stats.free_bytes}`);
  zassert_equal(
    stats.allocated_bytes,
    allocated,
    `Expected ${allocated} allocated bytes, not ${stats.allocated_bytes}`,
  );
  zassert_equal(
    stats.max_allocated_bytes,
    max,
    `Expected ${max} max allocated bytes, not ${stats.max_allocated_bytes}`,
  );
}

ZTEST(lib_mem_slab_stats_test, "test_mem_slab_runtime_stats", () => {
  const mem = new StaticArray<usize>(3);
  // Verify initial stats
  expect_stats(kmslab, BLK_SZ * NUM_BLOCKS, 0, 0);
  // Allocate three blocks, and then verify the stats.
  let status = k_mem_slab_alloc(kmslab, slot(mem, 0), K_NO_WAIT);
  zassert_equal(status, 0, `Routine failed to allocate 1st block (${status})`);
  status = k_mem_slab_alloc(kmslab, slot(mem, 1), K_NO_WAIT);
  zassert_equal(status, 0, `Routine failed to allocate 2nd block (${status})`);
  status = k_mem_slab_alloc(kmslab, slot(mem, 2), K_NO_WAIT);
  zassert_equal(status, 0, `Routine failed to allocate 3rd block (${status})`);
  expect_stats(kmslab, BLK_SZ * (NUM_BLOCKS - 3), 3 * BLK_SZ, 3 * BLK_SZ);
  // Free blocks 1 and 2, and then verify the stats.
  k_mem_slab_free(kmslab, mem[2]);
  k_mem_slab_free(kmslab, mem[1]);
  expect_stats(kmslab, BLK_SZ * (NUM_BLOCKS - 1), 1 * BLK_SZ, 3 * BLK_SZ);
  // Allocate 1 block and verify the max is still at 3
  status = k_mem_slab_alloc(kmslab, slot(mem, 1), K_NO_WAIT);
  zassert_equal(status, 0, `Routine failed with status ${status}`);
  expect_stats(kmslab, BLK_SZ * (NUM_BLOCKS - 2), 2 * BLK_SZ, 3 * BLK_SZ);
  // Reset the max allocated blocks; verify max is 2 blocks
  status = k_mem_slab_runtime_stats_reset_max(kmslab);
  zassert_equal(status, 0, `Routine failed with status ${status}`);
  expect_stats(kmslab, BLK_SZ * (NUM_BLOCKS - 2), 2 * BLK_SZ, 2 * BLK_SZ);
  // Free the last two blocks; verify stats results
  k_mem_slab_free(kmslab, mem[0]);
  k_mem_slab_free(kmslab, mem[1]);
  expect_stats(kmslab, BLK_SZ * NUM_BLOCKS, 0, 2 * BLK_SZ);
});
