// Memory slabs (kernel/mem_slab.c): fixed-size blocks from a buffer. Free blocks form a list
// through their first word; a free that finds a thread waiting hands it the block directly
// (through its swap_data), so num_used does not change. Each slab has its own lock
// (slab->lock), taken before sched_lock. CONFIG_MEM_SLAB_TRACE_MAX_UTILIZATION is always on.

import {
  k_mem_slab,
  sys_memory_stats,
  SIZEOF_K_MEM_SLAB,
  SIZEOF_K_SPINLOCK,
  EINVAL,
  ENOMEM,
  WAIT_MEM_SLAB,
} from "../generated/contract";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import { ready_thread_locked, sched_lock, z_pend_curr, z_reschedule, z_unpend_first_thread_locked } from "./sched";
import { __ASSERT, __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/mem_slab.ts:<line>`. */
// @ts-ignore: decorator
@inline const MEM_SLAB_TS = "kernel/mem_slab.ts";

/** Rounds `n` up to a multiple of the word size (Zephyr's WB_UP). */
// @ts-ignore: decorator
@inline export function WB_UP(n: usize): usize {
  return (n + sizeof<usize>() - 1) & ~(sizeof<usize>() - 1);
}

/** Links every block into the free list. Returns 0, or -EINVAL unless the buffer and block size are word-aligned. */
function create_free_list(slab: k_mem_slab): i32 {
  if (((<usize>slab.block_size | slab.buffer) & (sizeof<usize>() - 1)) != 0) return -EINVAL;
  slab.free_list = 0;
  let p = slab.buffer;
  for (let j: u32 = 0; j < slab.num_blocks; j++) {
    store<usize>(p, slab.free_list);
    slab.free_list = p;
    p += slab.block_size;
  }
  return 0;
}

/**
 * Initialises `slab` over `buffer`: `num_blocks` blocks of `block_size` bytes. Returns 0, or
 * -EINVAL unless `buffer` and `block_size` are multiples of the word size (4).
 */
export function k_mem_slab_init(slab: k_mem_slab, buffer: usize, block_size: usize, num_blocks: u32): i32 {
  __ASSERT_OBJ(slab, "k_mem_slab_init", MEM_SLAB_TS, __LINE__);
  slab.num_blocks = num_blocks;
  slab.block_size = <u32>block_size;
  slab.buffer = buffer;
  slab.num_used = 0;
  slab.max_used = 0;
  memory.fill(changetype<usize>(slab.lock), 0, SIZEOF_K_SPINLOCK);
  const rc = create_free_list(slab);
  if (rc < 0) return rc;
  z_waitq_init(slab.wait_q);
  return 0;
}

/**
 * K_MEM_SLAB_DEFINE: a slab in static memory shared by every CPU, over `buffer`, which must
 * be static too and hold num_blocks * WB_UP(block_size) bytes aligned to `align`
 * (AssemblyScript cannot size static data from an argument):
 * `const slab = K_MEM_SLAB_DEFINE(memory.data(3 * 16, 8), 16, 3, 8);`. Zephyr rounds the
 * block size up to a word (WB_UP) and so does this. A misaligned buffer leaves the slab
 * empty (every allocation fails), as Zephyr's boot-time init would fail. Top level only:
 * every CPU's start function writes the same free list before boot.
 */
// @ts-ignore: decorator
@inline export function K_MEM_SLAB_DEFINE(
  buffer: usize,
  block_size: usize,
  num_blocks: u32,
  align: usize,
): k_mem_slab {
  const s = changetype<k_mem_slab>(memory.data(SIZEOF_K_MEM_SLAB, 16));
  z_mem_slab_define(s, buffer, WB_UP(block_size), num_blocks, align);
  return s;
}

/** K_MEM_SLAB_DEFINE_STATIC: K_MEM_SLAB_DEFINE (a C file-local slab; every slab is a module-level object here). */
// @ts-ignore: decorator
@inline export function K_MEM_SLAB_DEFINE_STATIC(
  buffer: usize,
  block_size: usize,
  num_blocks: u32,
  align: usize,
): k_mem_slab {
  const s = changetype<k_mem_slab>(memory.data(SIZEOF_K_MEM_SLAB, 16));
  z_mem_slab_define(s, buffer, WB_UP(block_size), num_blocks, align);
  return s;
}

/** The boot-time half of K_MEM_SLAB_DEFINE: the buffer must also honour `align`. */
export function z_mem_slab_define(
  s: k_mem_slab,
  buffer: usize,
  block_size: usize,
  num_blocks: u32,
  align: usize,
): void {
  if (align > 1 && (buffer & (align - 1)) != 0) {
    k_mem_slab_init(s, buffer, block_size, 0);
    return;
  }
  if (k_mem_slab_init(s, buffer, block_size, num_blocks) != 0) k_mem_slab_init(s, buffer, sizeof<usize>(), 0);
}

/**
 * Takes a block into `*mem` (a pointer-sized slot), waiting up to `timeout` for one to be
 * freed. Returns 0; -ENOMEM (and *mem = 0) if none is free with K_NO_WAIT; -EAGAIN if the
 * timeout expired. A waiter freed a block gets it: the highest priority, longest waiting one.
 */
export function k_mem_slab_alloc(slab: k_mem_slab, mem: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(slab, "k_mem_slab_alloc", MEM_SLAB_TS, __LINE__);
  const key = k_spin_lock(slab.lock);
  const block = slab.free_list;
  if (block != 0) {
    store<usize>(mem, block);
    slab.free_list = load<usize>(block);
    slab.num_used = slab.num_used + 1;
    if (slab.num_used > slab.max_used) slab.max_used = slab.num_used;
    k_spin_unlock(slab.lock, key);
    return 0;
  }
  if (timeout == K_NO_WAIT) {
    store<usize>(mem, 0);
    k_spin_unlock(slab.lock, key);
    return -ENOMEM;
  }
  const ret = z_pend_curr(slab.lock, key, slab.wait_q, timeout, WAIT_MEM_SLAB);
  if (ret == 0) store<usize>(mem, current().swap_data);
  return ret;
}

/**
 * Returns block `mem` to `slab`: to the first waiting thread if any, else to the free list.
 * `mem` must be a block of this slab that is in use (checked under CONFIG_ASSERT).
 */
export function k_mem_slab_free(slab: k_mem_slab, mem: usize): void {
  __ASSERT_OBJ(slab, "k_mem_slab_free", MEM_SLAB_TS, __LINE__);
  const key = k_spin_lock(slab.lock);
  __ASSERT(
    mem >= slab.buffer &&
      slab.block_size != 0 &&
      (mem - slab.buffer) % slab.block_size == 0 &&
      mem <= slab.buffer + <usize>slab.block_size * (slab.num_blocks - 1),
    "k_mem_slab_free: invalid memory pointer provided",
  );
  if (slab.free_list == 0) {
    const skey = k_spin_lock(sched_lock());
    const t = z_unpend_first_thread_locked(slab.wait_q);
    if (t != null) {
      t.swap_retval = 0;
      t.swap_data = mem;
      ready_thread_locked(t);
      k_spin_unlock(sched_lock(), skey);
      z_reschedule(slab.lock, key);
      return;
    }
    k_spin_unlock(sched_lock(), skey);
  }
  store<usize>(mem, slab.free_list);
  slab.free_list = mem;
  slab.num_used = slab.num_used - 1;
  k_spin_unlock(slab.lock, key);
}

/** Blocks in use. */
export function k_mem_slab_num_used_get(slab: k_mem_slab): u32 {
  __ASSERT_OBJ(slab, "k_mem_slab_num_used_get", MEM_SLAB_TS, __LINE__);
  return slab.num_used;
}

/** Most blocks in use at once since init or the last k_mem_slab_runtime_stats_reset_max. */
export function k_mem_slab_max_used_get(slab: k_mem_slab): u32 {
  __ASSERT_OBJ(slab, "k_mem_slab_max_used_get", MEM_SLAB_TS, __LINE__);
  return slab.max_used;
}

/** Blocks free. */
export function k_mem_slab_num_free_get(slab: k_mem_slab): u32 {
  __ASSERT_OBJ(slab, "k_mem_slab_num_free_get", MEM_SLAB_TS, __LINE__);
  return slab.num_blocks - slab.num_used;
}

/** Fills `stats` (bytes free, allocated, most allocated). Returns 0, or -EINVAL for a null argument. */
export function k_mem_slab_runtime_stats_get(slab: k_mem_slab | null, stats: sys_memory_stats | null): i32 {
  if (slab == null || stats == null) return -EINVAL;
  const key = k_spin_lock(slab.lock);
  stats.allocated_bytes = slab.num_used * slab.block_size;
  stats.free_bytes = (slab.num_blocks - slab.num_used) * slab.block_size;
  stats.max_allocated_bytes = slab.max_used * slab.block_size;
  k_spin_unlock(slab.lock, key);
  return 0;
}

/** Resets the maximum to the blocks in use now. Returns 0, or -EINVAL for null. */
export function k_mem_slab_runtime_stats_reset_max(slab: k_mem_slab | null): i32 {
  if (slab == null) return -EINVAL;
  const key = k_spin_lock(slab.lock);
  slab.max_used = slab.num_used;
  k_spin_unlock(slab.lock, key);
  return 0;
}
