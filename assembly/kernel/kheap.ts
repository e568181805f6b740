// Kernel heaps (kernel/kheap.c) and thread resource pools (kernel/mempool.c: z_thread_malloc,
// k_thread_heap_assign). A k_heap is a sys_heap (sys_heap.ts, the allocator) with a lock
// and a wait queue: an allocation that does not fit may wait, and every free wakes all
// waiters to try again (z_unpend_all), as in Zephyr. Each k_heap has its own lock
// (kernel/kheap.c's h->lock), taken before sched_lock.
//
// The kernel heap of every other object (heap.ts: the threads' save areas, AssemblyScript's
// objects) is not a k_heap; it stays as it is. The system heap of k_malloc (mempool.ts) is one
// when CONFIG_HEAP_MEM_POOL_SIZE is set. z_thread_malloc, which kernel objects use for buffers
// a thread asks for (k_stack_alloc_init), allocates from the calling thread's resource pool.
// Difference from Zephyr: a thread without a pool (the default) gets the kernel heap, where
// Zephyr's z_thread_malloc fails.

import { k_heap, k_thread, SIZEOF_K_HEAP, WAIT_HEAP } from "../generated/contract";
import { arch_curr_cpu, arch_is_in_isr } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { K_FOREVER, K_NO_WAIT, k_timeout_t, z_timeout_end, z_timeout_left } from "./timeout";
import { sched_lock, z_pend_curr, z_reschedule, z_sched_wake_all_locked } from "./sched";
import { z_heap_aligned_alloc, z_heap_free } from "./heap";
import { __ASSERT, __ASSERT_OBJ } from "./assert";
import { sys_heap_aligned_alloc, sys_heap_aligned_realloc, sys_heap_free, sys_heap_init } from "./sys_heap";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/kheap.ts:<line>`. */
// @ts-ignore: decorator
@inline const KHEAP_TS = "kernel/kheap.ts";

/** Initialises `h` over `bytes` bytes at `mem` (at least Z_HEAP_MIN_SIZE). */
export function k_heap_init(h: k_heap, mem: usize, bytes: usize): void {
  __ASSERT_OBJ(h, "k_heap_init", KHEAP_TS, __LINE__);
  z_waitq_init(h.wait_q);
  sys_heap_init(h.heap, mem, bytes);
}

/**
 * K_HEAP_DEFINE: a heap in static memory shared by every CPU, over `buffer` (also static:
 * AssemblyScript cannot size static data from an argument), at top level:
 * `const pool = K_HEAP_DEFINE(memory.data(384, 8), 384);` A buffer under Z_HEAP_MIN_SIZE is
 * an assertion failure (Zephyr's K_HEAP_DEFINE rounds it up). Every CPU's start function
 * writes the same header before boot.
 */
// @ts-ignore: decorator
@inline export function K_HEAP_DEFINE(buffer: usize, bytes: usize): k_heap {
  const h = changetype<k_heap>(memory.data(SIZEOF_K_HEAP, 16));
  k_heap_init(h, buffer, bytes);
  return h;
}

/** The tick at which a wait of `timeout` ends (z_timeout_end): -1 for K_FOREVER, 0 for K_NO_WAIT. */
function timepoint_calc(timeout: k_timeout_t): i64 {
  if (timeout == K_FOREVER) return -1;
  return timeout == K_NO_WAIT ? 0 : z_timeout_end(timeout); // relative or absolute
}

/** What is left until `end` (z_timeout_left): K_FOREVER, an absolute timeout, K_NO_WAIT once reached. */
function timepoint_timeout(end: i64): k_timeout_t {
  return end < 0 ? K_FOREVER : z_timeout_left(end);
}

/**
 * Allocates `bytes` bytes aligned to `align` (a power of two) from `h`, waiting up to
 * `timeout` for memory to be freed. Returns the memory, or 0 if none became available (at
 * once with K_NO_WAIT). An ISR may only pass K_NO_WAIT.
 */
export function k_heap_aligned_alloc(h: k_heap, align: usize, bytes: usize, timeout: k_timeout_t): usize {
  __ASSERT_OBJ(h, "k_heap_aligned_alloc", KHEAP_TS, __LINE__);
  const end = timepoint_calc(timeout);
  __ASSERT(!arch_is_in_isr() || timeout == K_NO_WAIT, "k_heap_aligned_alloc: an ISR cannot wait");
  let key = k_spin_lock(h.lock);
  let ret: usize = 0;
  while (true) {
    ret = sys_heap_aligned_alloc(h.heap, align, bytes);
    if (ret != 0 || timeout == K_NO_WAIT) break;
    timeout = timepoint_timeout(end);
    if (timeout == K_NO_WAIT) break;
    // Woken by a free (or the timeout): try again with what is left of the timeout.
    z_pend_curr(h.lock, key, h.wait_q, timeout, WAIT_HEAP);
    key = k_spin_lock(h.lock);
  }
  k_spin_unlock(h.lock, key);
  return ret;
}

/** k_heap_alloc: k_heap_aligned_alloc with word alignment (memory is 8-aligned anyway). */
export function k_heap_alloc(h: k_heap, bytes: usize, timeout: k_timeout_t): usize {
  return k_heap_aligned_alloc(h, sizeof<usize>(), bytes, timeout);
}

/** Allocates `num` * `size` zeroed bytes; 0 if the product overflows or nothing fits in time. */
export function k_heap_calloc(h: k_heap, num: usize, size: usize, timeout: k_timeout_t): usize {
  if (size != 0 && num > <usize>-1 / size) return 0;
  const bytes = num * size;
  const ret = k_heap_alloc(h, bytes, timeout);
  if (ret != 0) memory.fill(ret, 0, bytes);
  return ret;
}

/**
 * Resizes `ptr` (from `h`) to `bytes`, in place if it can, else by moving it, waiting up to
 * `timeout` for memory. ptr 0 allocates; bytes 0 frees and returns 0. Returns the memory, or 0
 * (ptr untouched) if none became available.
 */
export function k_heap_realloc(h: k_heap, ptr: usize, bytes: usize, timeout: k_timeout_t): usize {
  __ASSERT_OBJ(h, "k_heap_realloc", KHEAP_TS, __LINE__);
  if (bytes == 0) {
    k_heap_free(h, ptr);
    return 0;
  }
  const end = timepoint_calc(timeout);
  __ASSERT(!arch_is_in_isr() || timeout == K_NO_WAIT, "k_heap_realloc: an ISR cannot wait");
  let key = k_spin_lock(h.lock);
  let ret: usize = 0;
  while (true) {
    ret = sys_heap_aligned_realloc(h.heap, ptr, sizeof<usize>(), bytes);
    if (ret != 0 || timeout == K_NO_WAIT) break;
    timeout = timepoint_timeout(end);
    if (timeout == K_NO_WAIT) break;
    z_pend_curr(h.lock, key, h.wait_q, timeout, WAIT_HEAP);
    key = k_spin_lock(h.lock);
  }
  k_spin_unlock(h.lock, key);
  return ret;
}

/** Frees `mem` (from `h`; 0 is ignored) and wakes every thread waiting for memory of `h`. */
export function k_heap_free(h: k_heap, mem: usize): void {
  __ASSERT_OBJ(h, "k_heap_free", KHEAP_TS, __LINE__);
  const key = k_spin_lock(h.lock);
  sys_heap_free(h.heap, mem);
  const skey = k_spin_lock(sched_lock());
  const woke = z_sched_wake_all_locked(h.wait_q, 0);
  k_spin_unlock(sched_lock(), skey);
  if (woke) z_reschedule(h.lock, key);
  else k_spin_unlock(h.lock, key);
}

// --- thread resource pools -----------------------------------------------------------------

/**
 * Bytes before a z_thread_malloc block: the k_heap it came from (0: the kernel heap) sits in
 * the word just below the block, so that z_thread_free finds it (Zephyr's heap_ref, padded to
 * keep the block 8-aligned).
 */
// @ts-ignore: decorator
@inline const HEAP_REF_BYTES: usize = 8;
/** Makes `heap` the pool z_thread_malloc uses for `thread` (null: the kernel heap). Threads it creates inherit it. */
export function k_thread_heap_assign(thread: k_thread, heap: k_heap | null): void {
  thread.resource_pool = changetype<usize>(heap);
}

/**
 * Allocates `size` bytes aligned to `align` (0 or a power of two) from the caller's resource
 * pool without waiting, or from the kernel heap in an ISR or when the thread has none. Free
 * with z_thread_free. Returns 0 if nothing fits.
 */
export function z_thread_aligned_alloc(align: usize, size: usize): usize {
  if (size > <usize>-1 - HEAP_REF_BYTES) return 0;
  const cur = arch_curr_cpu().current;
  const pool = arch_is_in_isr() || cur == 0 ? 0 : changetype<k_thread>(cur).resource_pool;
  // The rewind bit (align | HEAP_REF_BYTES) aligns the memory after the reference.
  const mem =
    pool == 0
      ? z_heap_aligned_alloc(align | HEAP_REF_BYTES, size + HEAP_REF_BYTES)
      : k_heap_aligned_alloc(changetype<k_heap>(pool), align | HEAP_REF_BYTES, size + HEAP_REF_BYTES, K_NO_WAIT);
  if (mem == 0) return 0;
  store<usize>(mem, pool);
  return mem + HEAP_REF_BYTES;
}

/** z_thread_malloc: z_thread_aligned_alloc without an alignment constraint. */
export function z_thread_malloc(size: usize): usize {
  return z_thread_aligned_alloc(0, size);
}

/** Frees memory from z_thread_malloc (0 is ignored), back to the heap it came from. */
export function z_thread_free(ptr: usize): void {
  if (ptr == 0) return;
  const pool = load<usize>(ptr - HEAP_REF_BYTES);
  if (pool == 0) z_heap_free(ptr - HEAP_REF_BYTES);
  else k_heap_free(changetype<k_heap>(pool), ptr - HEAP_REF_BYTES);
}
