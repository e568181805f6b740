// The shared kernel heap: one heap for every CPU, under heap_lock.
//
// Kernel objects (threads, save areas, queue nodes) and all guest allocations come from here:
// the image builder redirects AssemblyScript's runtime (__alloc/__realloc/__free) to these
// functions, because the stock runtimes keep their heap pointer in a per-instance global
// (each CPU would hand out the same addresses). k_malloc and friends draw from it too, unless
// CONFIG_HEAP_MEM_POOL_SIZE gives them a system heap of their own (mempool.ts).
//
// The allocator is sys_heap (sys_heap.ts, Zephyr's lib/heap design) over the whole region
// between the kernel's static part and the scratch buffers (heap_start..heap_end, laid out by
// the host): freed chunks coalesce with free neighbours and any freed memory serves any later
// size, with Zephyr's bounds (bucketed free lists, a bounded first fit). The heap is set up
// by the first allocation, which every CPU's start function makes at once: under heap_lock.
// Blocks are 8-aligned (sys_heap's unit). There is no garbage collector: memory comes back
// only through a free (docs/api.md, "Memory").

import { sys_heap, sys_memory_stats, z_heap, EINVAL, K_ERR_KERNEL_OOPS } from "../generated/contract";
import { arch_curr_cpu, arch_irq_lock, kernel } from "../arch/cpu";
import { itoa_buffered } from "~lib/util/number";
import { z_fatal_error_text } from "./fatal";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import {
  sys_heap_aligned_alloc,
  sys_heap_aligned_realloc,
  sys_heap_free,
  sys_heap_init,
  sys_heap_is_allocated,
  sys_heap_largest_free,
  sys_heap_runtime_stats_get,
  sys_heap_runtime_stats_reset_max,
  sys_heap_usable_size,
  sys_heap_validate,
} from "./sys_heap";

/** The kernel heap's sys_heap (in z_kernel: one for every CPU). */
// @ts-ignore: decorator
@inline function kernel_heap(): sys_heap {
  return kernel().heap;
}

/** Takes heap_lock, setting the heap up on first use. */
function heap_lock(): k_spinlock_key_t {
  const k = kernel();
  const key = k_spin_lock(k.heap_lock);
  const h = k.heap;
  if (h.heap == 0) sys_heap_init(h, k.heap_start, k.heap_end - k.heap_start);
  return key;
}

// @ts-ignore: decorator
@inline function heap_unlock(key: k_spinlock_key_t): void {
  k_spin_unlock(kernel().heap_lock, key);
}

/** Allocates `size` bytes aligned to `align` (0 or a power of two; at least 8). Returns 0 when nothing fits. */
export function z_heap_aligned_alloc(align: usize, size: usize): usize {
  const key = heap_lock();
  const p = sys_heap_aligned_alloc(kernel_heap(), align, size == 0 ? 1 : size);
  heap_unlock(key);
  return p;
}

/** Allocates `size` bytes (8-aligned, not zeroed). Returns 0 when the heap is exhausted. */
export function z_heap_alloc(size: usize): usize {
  return z_heap_aligned_alloc(0, size);
}

/** Allocates `size` zeroed bytes, or returns 0. */
export function z_heap_calloc(size: usize): usize {
  const p = z_heap_alloc(size);
  if (p != 0) memory.fill(p, 0, size);
  return p;
}

/** Frees a block from z_heap_alloc. Returns false (and does nothing) for a pointer that is not a live block. */
export function z_heap_free(p: usize): bool {
  if (p == 0) return true;
  const key = heap_lock();
  const h = kernel_heap();
  const ok = sys_heap_is_allocated(h, p);
  if (ok) sys_heap_free(h, p);
  heap_unlock(key);
  return ok;
}

/** Resizes a block (in place when it can), else moves it. Returns 0 when out of memory (`p` stays valid). */
export function z_heap_realloc(p: usize, size: usize): usize {
  if (p == 0) return z_heap_alloc(size);
  const key = heap_lock();
  const q = sys_heap_aligned_realloc(kernel_heap(), p, 0, size == 0 ? 1 : size);
  heap_unlock(key);
  return q;
}

/** Bytes usable in the live block at `p`. */
export function z_heap_usable_size(p: usize): usize {
  const key = heap_lock();
  const n = sys_heap_usable_size(kernel_heap(), p);
  heap_unlock(key);
  return n;
}

/** The kernel heap's figures (sys_heap_runtime_stats_get): free, allocated and peak bytes, headers included. */
export function z_heap_runtime_stats_get(stats: sys_memory_stats | null): i32 {
  if (stats == null) return -EINVAL;
  const key = heap_lock();
  const rc = sys_heap_runtime_stats_get(kernel_heap(), stats);
  heap_unlock(key);
  return rc;
}

/** Resets the kernel heap's peak (max_allocated_bytes) to what is allocated now. */
export function z_heap_runtime_stats_reset_max(): void {
  const key = heap_lock();
  sys_heap_runtime_stats_reset_max(kernel_heap());
  heap_unlock(key);
}

/** Checks every invariant of the kernel heap (sys_heap_validate: no two free chunks adjacent, lists sound). For tests: it walks the heap. */
export function z_heap_validate(): bool {
  const key = heap_lock();
  const ok = sys_heap_validate(kernel_heap());
  heap_unlock(key);
  return ok;
}

/** The largest block one allocation could get now. */
export function z_heap_largest_free(): usize {
  const key = heap_lock();
  const n = sys_heap_largest_free(kernel_heap());
  heap_unlock(key);
  return n;
}

// --- AssemblyScript objects ----------------------------------------------------------------

/** Bytes of AssemblyScript's object header in front of every managed object (~lib/rt/common: OBJECT_OVERHEAD). */
// @ts-ignore: decorator
@inline const AS_OBJECT_OVERHEAD: usize = 16;

/** Appends the code units of `s` at `p`; returns the end. */
function put_text(p: usize, s: string): usize {
  const n = (<usize>s.length) << 1;
  memory.copy(p, changetype<usize>(s), n);
  return p + n;
}

/** Appends `v` in decimal at `p`; returns the end. */
function put_decimal(p: usize, v: u64): usize {
  return p + ((<usize>itoa_buffered<u64>(p, v)) << 1);
}

/**
 * AssemblyScript's runtime could not get `size` bytes from the kernel heap (`new`, a string or
 * an array: z_rt_alloc; `grow`: z_rt_realloc growing one): a fatal error of the calling thread,
 * K_ERR_KERNEL_OOPS as any runtime abort, whose message names the size and the heap's state
 * (bytes used and free, headers included, and the largest block one allocation could get).
 * The host adds where it happened, from the Wasm stack (src/cpu/core.ts). Never returns.
 *
 * Nothing can be allocated here, so the message is written into this CPU's unwind scratch
 * area: it is used only while a context is switched out, and with interrupts masked nothing
 * switches before the host has read the message (z_fatal_error_text).
 */
export function z_rt_alloc_failed(size: usize, grow: bool): void {
  arch_irq_lock();
  const key = heap_lock();
  const zh = changetype<z_heap>(kernel_heap().heap);
  const used = zh.allocated_bytes;
  const free = zh.free_bytes;
  const largest = sys_heap_largest_free(kernel_heap());
  heap_unlock(key);
  const start = arch_curr_cpu().scratch;
  // The runtime asks for an object with its header (~lib/rt/stub: OBJECT_OVERHEAD + size).
  const payload = size >= AS_OBJECT_OVERHEAD ? size - AS_OBJECT_OVERHEAD : 0;
  let p = put_text(
    start,
    grow ? "out of memory: could not grow an object to " : "out of memory: could not allocate an object of ",
  );
  p = put_decimal(p, <u64>payload);
  p = put_text(p, " bytes (");
  p = put_decimal(p, <u64>size);
  p = put_text(p, " with its header; kernel heap: ");
  p = put_decimal(p, <u64>used);
  p = put_text(p, " bytes used, ");
  p = put_decimal(p, <u64>free);
  p = put_text(p, " free, largest free block ");
  p = put_decimal(p, <u64>largest);
  p = put_text(p, ")");
  z_fatal_error_text(K_ERR_KERNEL_OOPS, start, <i32>((p - start) >> 1));
}

/**
 * Frees a managed object that `new`, a string operation or an array made (there is no garbage
 * collector): a string, an ArrayBuffer, a StaticArray, a class instance. Only its own block:
 * an Array's or a typed array's data is a separate ArrayBuffer (`wasmp_free(a.buffer)` first),
 * and an object's fields are not followed. Returns false, freeing nothing, for what is not a
 * live heap object (a literal in static data, a freed object). The object must not be used
 * afterwards, from any CPU.
 */
export function wasmp_free<T>(obj: T): bool {
  if (!isReference<T>()) ERROR("wasmp_free: takes an object, a string or an array");
  const p = changetype<usize>(obj);
  if (p == 0) return true;
  return z_heap_free(p - AS_OBJECT_OVERHEAD);
}
