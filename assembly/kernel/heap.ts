// The shared kernel heap: one heap for every CPU, under heap_lock.
//
// Kernel objects (threads, stacks) and all guest allocations come from here: the image
// builder redirects AssemblyScript's runtime (__alloc/__realloc/__free) to these functions,
// because the stock runtimes keep their heap pointer in a per-instance global (each CPU
// would hand out the same addresses).
//
// Segregated power-of-two free lists over a bump region. A block is 2^class bytes: a 16-byte
// header {class, magic} then the payload, 16-aligned as AssemblyScript expects. Freed blocks
// go back to their class list; nothing is coalesced. There is no garbage collector.

import { Z_KERNEL_HEAP_FREE } from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";

/** A block's header (guest-only; the host's dumps do not read it): class, magic, next free. */
// @ts-ignore: decorator
@inline const HDR: usize = 16;
// @ts-ignore: decorator
@inline const HDR_CLASS: usize = 0;
// @ts-ignore: decorator
@inline const HDR_MAGIC: usize = 4;
/** The next free block of the class, in a freed block's header (its spare word). */
// @ts-ignore: decorator
@inline const HDR_NEXT_FREE: usize = 8;
/** The largest request served (1 GiB): larger sizes would overflow the class arithmetic. */
// @ts-ignore: decorator
@inline const MAX_ALLOC: usize = 0x40000000;
// @ts-ignore: decorator
@inline const MAGIC_USED: u32 = 0x55534544; // "USED"
// @ts-ignore: decorator
@inline const MAGIC_FREE: u32 = 0x46524545; // "FREE"
// @ts-ignore: decorator
@inline const MIN_CLASS: u32 = 5;

function size_class(size: usize): u32 {
  const total = size + HDR;
  let c: u32 = MIN_CLASS;
  while ((<usize>1) << c < total) c++;
  return c;
}

/** Allocates `size` bytes (16-aligned, not zeroed). Returns 0 when the heap is exhausted. */
export function z_heap_alloc(size: usize): usize {
  if (size > MAX_ALLOC) return 0;
  const c = size_class(size);
  const k = kernel();
  const key = k_spin_lock(k.heap_lock);
  const head = changetype<usize>(k) + Z_KERNEL_HEAP_FREE + ((<usize>c) << 2);
  let block: usize = load<u32>(head);
  if (block != 0) {
    store<u32>(head, load<u32>(block, HDR_NEXT_FREE));
  } else {
    const brk = k.heap_brk;
    const bytes = (<usize>1) << c;
    if (brk + bytes > k.heap_end || brk + bytes < brk) {
      k_spin_unlock(k.heap_lock, key);
      return 0;
    }
    block = brk;
    k.heap_brk = brk + bytes;
  }
  store<u32>(block, c, HDR_CLASS);
  store<u32>(block, MAGIC_USED, HDR_MAGIC);
  k.heap_used = k.heap_used + ((<u32>1) << c);
  k_spin_unlock(k.heap_lock, key);
  return block + HDR;
}

/** Allocates `size` zeroed bytes, or returns 0. */
export function z_heap_calloc(size: usize): usize {
  const p = z_heap_alloc(size);
  if (p != 0) memory.fill(p, 0, size);
  return p;
}

/** Frees a block from z_heap_alloc. Returns false (and does nothing) for a bad pointer. */
export function z_heap_free(p: usize): bool {
  if (p == 0) return true;
  const block = p - HDR;
  const k = kernel();
  if (block < k.heap_start || p >= k.heap_brk || (p & (HDR - 1)) != 0) return false;
  const key = k_spin_lock(k.heap_lock);
  if (load<u32>(block, HDR_MAGIC) != MAGIC_USED) {
    k_spin_unlock(k.heap_lock, key);
    return false; // double free or not a heap block
  }
  const c = load<u32>(block, HDR_CLASS);
  const head = changetype<usize>(k) + Z_KERNEL_HEAP_FREE + ((<usize>c) << 2);
  store<u32>(block, MAGIC_FREE, HDR_MAGIC);
  store<u32>(block, load<u32>(head), HDR_NEXT_FREE);
  store<u32>(head, <u32>block);
  k.heap_used = k.heap_used - ((<u32>1) << c);
  k_spin_unlock(k.heap_lock, key);
  return true;
}

/** Resizes a block, moving it when it outgrows its class. Returns 0 when out of memory. */
export function z_heap_realloc(p: usize, size: usize): usize {
  if (p == 0) return z_heap_alloc(size);
  const c = load<u32>(p - HDR, HDR_CLASS);
  const cap = ((<usize>1) << c) - HDR;
  if (size <= cap) return p;
  const q = z_heap_alloc(size);
  if (q == 0) return 0;
  memory.copy(q, p, cap);
  z_heap_free(p);
  return q;
}

/** k_malloc / k_free / k_calloc (Zephyr's system heap API). */
export function k_malloc(size: usize): usize {
  return z_heap_alloc(size);
}
export function k_calloc(nmemb: usize, size: usize): usize {
  return z_heap_calloc(nmemb * size);
}
export function k_free(p: usize): void {
  z_heap_free(p);
}
