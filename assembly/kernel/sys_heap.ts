// sys_heap (lib/heap/heap.c, heap.h, heap_validate.c): a general-purpose allocator over a
// caller's buffer, the engine under k_heap (kheap.ts). It has no lock of its own: k_heap's
// lock serializes it. This file holds only the allocator; blocking, waiters and resource
// pools are kheap.ts's.
//
// The design is Zephyr's. The buffer is cut into chunks, counted in SYS_HEAP_CHUNK_UNIT
// (8-byte) units from its first byte; a chunk id is its offset in units. Every chunk starts
// with a z_heap_chunk header {left_size, size_and_used}; an allocation's memory follows the
// header, so a free chunk keeps its free-list links {free_prev, free_next} where a used one
// has its payload:
//
//   chunk c (at heap + c * 8)                  chunk c + size
//   ╒═══════════╤══════════════╤═══════════════╕╒═══════════╤═══
//   │ left_size │ size << 1 |U │ payload ...   ││ left_size │ ...
//   ╘═══════════╧══════════════╧═══════════════╛╘═══════════╧═══
//   U: used. Free: payload starts with free_prev, free_next (chunk ids).
//
// Chunk 0 holds the z_heap header (its first two words are chunk 0's header) and the bucket
// heads; the last chunk, at end_chunk, is an end marker of size 0 marked used, so that
// neighbours of real chunks always exist. Free chunks sit in circular lists, one per
// power-of-two size class (bucket b: sizes 2^b + 1 .. 2^(b+1) units, the minimum chunk
// being 2 units); avail_buckets has bit b set while bucket b is non-empty.
// - alloc: a bounded first-fit in the request's own bucket (SYS_HEAP_ALLOC_LOOPS tries),
//   then the smallest non-empty larger bucket, whose first chunk surely fits; the chunk is
//   split and the remainder goes back to its bucket.
// - free: the chunk coalesces with a free left and right neighbour, so that no two free
//   chunks are ever adjacent (sys_heap_validate checks it).
// - A free chunk of one unit (a "solo" header: no room for the links) is in no list; it is
//   reclaimed when a neighbour is freed.
// Difference from Zephyr: headers are always 32-bit (Zephyr uses 16-bit fields for heaps
// under 256 KiB), so payloads are 8-aligned and the smallest chunk is 16 bytes.

import {
  sys_heap,
  sys_memory_stats,
  z_heap,
  SIZEOF_Z_HEAP,
  SYS_HEAP_CHUNK_UNIT,
  Z_HEAP_CHUNK_LEFT_SIZE,
  Z_HEAP_CHUNK_SIZE_AND_USED,
  Z_HEAP_CHUNK_FREE_PREV,
  Z_HEAP_CHUNK_FREE_NEXT,
  EINVAL,
} from "../generated/contract";
import { __ASSERT } from "./assert";

/** Bytes of a chunk header: what precedes an allocation's memory. */
// @ts-ignore: decorator
@inline const CHUNK_HEADER_BYTES: usize = Z_HEAP_CHUNK_FREE_PREV;
/** Bytes reserved at the end of the buffer for the end marker's header. */
// @ts-ignore: decorator
@inline const HEAP_FOOTER_BYTES: usize = CHUNK_HEADER_BYTES;
/** The smallest chunk that can hold a free list's links: header + 1 byte, in units (2). */
// @ts-ignore: decorator
@inline const MIN_CHUNK_SIZE: u32 = <u32>((CHUNK_HEADER_BYTES + 1 + SYS_HEAP_CHUNK_UNIT - 1) / SYS_HEAP_CHUNK_UNIT);
/** Chunks of the request's own bucket that alloc tries before a larger bucket (CONFIG_SYS_HEAP_ALLOC_LOOPS). */
// @ts-ignore: decorator
@inline const SYS_HEAP_ALLOC_LOOPS: i32 = 3;
/** Largest heap, in units: sizes are 31-bit (the used bit takes one). */
// @ts-ignore: decorator
@inline const MAX_CHUNKS: usize = 0x7fffffff;

/**
 * The smallest buffer sys_heap_init accepts, in bytes (Zephyr's Z_HEAP_MIN_SIZE; K_HEAP_DEFINE
 * raises its buffer to it): a header with the 3 buckets of such a heap (5 units), one minimal
 * chunk (2), the end marker (1) and one unit lost to rounding an unaligned buffer (1).
 */
// @ts-ignore: decorator
@inline export const Z_HEAP_MIN_SIZE: usize =
  ((SIZEOF_Z_HEAP + 3 * 4 + SYS_HEAP_CHUNK_UNIT - 1) / SYS_HEAP_CHUNK_UNIT + <usize>MIN_CHUNK_SIZE + 2) *
  SYS_HEAP_CHUNK_UNIT;

// --- chunk fields (h: the z_heap address, c: a chunk id) -----------------------------------

// @ts-ignore: decorator
@inline function chunk_addr(h: usize, c: u32): usize {
  return h + <usize>c * SYS_HEAP_CHUNK_UNIT;
}
// @ts-ignore: decorator
@inline function chunk_size(h: usize, c: u32): u32 {
  return load<u32>(chunk_addr(h, c), Z_HEAP_CHUNK_SIZE_AND_USED) >> 1;
}
// @ts-ignore: decorator
@inline function chunk_used(h: usize, c: u32): bool {
  return (load<u32>(chunk_addr(h, c), Z_HEAP_CHUNK_SIZE_AND_USED) & 1) != 0;
}
/** Sets the size and clears the used bit (a chunk is never in use while it is resized). */
// @ts-ignore: decorator
@inline function set_chunk_size(h: usize, c: u32, size: u32): void {
  store<u32>(chunk_addr(h, c), size << 1, Z_HEAP_CHUNK_SIZE_AND_USED);
}
function set_chunk_used(h: usize, c: u32, used: bool): void {
  const a = chunk_addr(h, c);
  const v = load<u32>(a, Z_HEAP_CHUNK_SIZE_AND_USED);
  store<u32>(a, used ? v | 1 : v & ~1, Z_HEAP_CHUNK_SIZE_AND_USED);
}
// @ts-ignore: decorator
@inline function left_chunk(h: usize, c: u32): u32 {
  return c - load<u32>(chunk_addr(h, c), Z_HEAP_CHUNK_LEFT_SIZE);
}
// @ts-ignore: decorator
@inline function right_chunk(h: usize, c: u32): u32 {
  return c + chunk_size(h, c);
}
// @ts-ignore: decorator
@inline function set_left_chunk_size(h: usize, c: u32, size: u32): void {
  store<u32>(chunk_addr(h, c), size, Z_HEAP_CHUNK_LEFT_SIZE);
}
// @ts-ignore: decorator
@inline function prev_free_chunk(h: usize, c: u32): u32 {
  return load<u32>(chunk_addr(h, c), Z_HEAP_CHUNK_FREE_PREV);
}
// @ts-ignore: decorator
@inline function next_free_chunk(h: usize, c: u32): u32 {
  return load<u32>(chunk_addr(h, c), Z_HEAP_CHUNK_FREE_NEXT);
}
// @ts-ignore: decorator
@inline function set_prev_free_chunk(h: usize, c: u32, v: u32): void {
  store<u32>(chunk_addr(h, c), v, Z_HEAP_CHUNK_FREE_PREV);
}
// @ts-ignore: decorator
@inline function set_next_free_chunk(h: usize, c: u32, v: u32): void {
  store<u32>(chunk_addr(h, c), v, Z_HEAP_CHUNK_FREE_NEXT);
}
/** A free chunk too small for the links; it is in no free list. */
// @ts-ignore: decorator
@inline function solo_free_header(h: usize, c: u32): bool {
  return chunk_size(h, c) < MIN_CHUNK_SIZE;
}
// @ts-ignore: decorator
@inline function chunk_mem(h: usize, c: u32): usize {
  return chunk_addr(h, c) + CHUNK_HEADER_BYTES;
}
/** The chunk whose memory starts at or after `p`'s header position (aligned allocations). */
// @ts-ignore: decorator
@inline function mem_to_chunkid(h: usize, p: usize): u32 {
  return <u32>((p - CHUNK_HEADER_BYTES - h) / SYS_HEAP_CHUNK_UNIT);
}
// @ts-ignore: decorator
@inline function bucket_head(h: usize, b: i32): usize {
  return h + SIZEOF_Z_HEAP + ((<usize>b) << 2);
}
/** Bucket of a chunk of `sz` units: floor(log2(sz - MIN_CHUNK_SIZE + 1)). */
// @ts-ignore: decorator
@inline function bucket_idx(sz: u32): i32 {
  return 31 - <i32>clz<u32>(sz - MIN_CHUNK_SIZE + 1);
}
// @ts-ignore: decorator
@inline function chunks_for(bytes: usize): u32 {
  return <u32>((bytes + SYS_HEAP_CHUNK_UNIT - 1) / SYS_HEAP_CHUNK_UNIT);
}
/** Units a chunk needs for `bytes` of memory plus its header, capped at end_chunk. */
function bytes_to_chunksz(h: usize, bytes: usize): u32 {
  const units =
    bytes / SYS_HEAP_CHUNK_UNIT +
    ((bytes % SYS_HEAP_CHUNK_UNIT) + CHUNK_HEADER_BYTES + SYS_HEAP_CHUNK_UNIT - 1) / SYS_HEAP_CHUNK_UNIT;
  const end = <usize>changetype<z_heap>(h).end_chunk;
  return <u32>(units < end ? units : end);
}
/** No chunk of the heap could hold `bytes` (also catches sizes that would overflow). */
// @ts-ignore: decorator
@inline function size_too_big(h: usize, bytes: usize): bool {
  return bytes / SYS_HEAP_CHUNK_UNIT >= <usize>changetype<z_heap>(h).end_chunk;
}

// --- free lists ----------------------------------------------------------------------------

function free_list_remove_bidx(h: usize, c: u32, b: i32): void {
  const zh = changetype<z_heap>(h);
  const head = bucket_head(h, b);
  if (next_free_chunk(h, c) == c) {
    // the only chunk of the bucket
    zh.avail_buckets = zh.avail_buckets & ~((<u32>1) << b);
    store<u32>(head, 0);
  } else {
    const first = prev_free_chunk(h, c);
    const second = next_free_chunk(h, c);
    store<u32>(head, second);
    set_next_free_chunk(h, first, second);
    set_prev_free_chunk(h, second, first);
  }
  zh.free_bytes = zh.free_bytes - chunk_size(h, c) * <u32>SYS_HEAP_CHUNK_UNIT;
}

function free_list_remove(h: usize, c: u32): void {
  if (!solo_free_header(h, c)) free_list_remove_bidx(h, c, bucket_idx(chunk_size(h, c)));
}

function free_list_add(h: usize, c: u32): void {
  if (solo_free_header(h, c)) return;
  const zh = changetype<z_heap>(h);
  const b = bucket_idx(chunk_size(h, c));
  const head = bucket_head(h, b);
  const second = load<u32>(head);
  if (second == 0) {
    zh.avail_buckets = zh.avail_buckets | ((<u32>1) << b);
    store<u32>(head, c);
    set_prev_free_chunk(h, c, c);
    set_next_free_chunk(h, c, c);
  } else {
    // Insert before the head: the head is where the next bounded search starts.
    const first = prev_free_chunk(h, second);
    set_prev_free_chunk(h, c, first);
    set_next_free_chunk(h, c, second);
    set_next_free_chunk(h, first, c);
    set_prev_free_chunk(h, second, c);
  }
  zh.free_bytes = zh.free_bytes + chunk_size(h, c) * <u32>SYS_HEAP_CHUNK_UNIT;
}

/** Splits free chunk `lc` at `rc` into two free chunks (the free lists are the caller's). */
function split_chunks(h: usize, lc: u32, rc: u32): void {
  const sz0 = chunk_size(h, lc);
  const lsz = rc - lc;
  const rsz = sz0 - lsz;
  set_chunk_size(h, lc, lsz);
  set_chunk_size(h, rc, rsz);
  set_left_chunk_size(h, rc, lsz);
  set_left_chunk_size(h, right_chunk(h, rc), rsz);
}

/** Joins `rc` onto its left neighbour `lc` (the free lists are the caller's). */
function merge_chunks(h: usize, lc: u32, rc: u32): void {
  const sz = chunk_size(h, lc) + chunk_size(h, rc);
  set_chunk_size(h, lc, sz);
  set_left_chunk_size(h, right_chunk(h, lc), sz);
}

/** Coalesces the free chunk `c` with free neighbours and lists the result. */
function free_chunk(h: usize, c: u32): void {
  const rc = right_chunk(h, c);
  if (!chunk_used(h, rc)) {
    free_list_remove(h, rc);
    merge_chunks(h, c, rc);
  }
  const lc = left_chunk(h, c);
  if (!chunk_used(h, lc)) {
    free_list_remove(h, lc);
    merge_chunks(h, lc, c);
    c = lc;
  }
  free_list_add(h, c);
}

/** Takes a free chunk of at least `sz` units off its list; 0 if none. */
function alloc_chunk(h: usize, sz: u32): u32 {
  const zh = changetype<z_heap>(h);
  const bi = bucket_idx(sz);
  const head = bucket_head(h, bi);
  // A bounded first fit in the request's own bucket, whose chunks may be too small; the
  // search advances the head, so the next one starts where this one stopped.
  if (load<u32>(head) != 0) {
    const first = load<u32>(head);
    let i = SYS_HEAP_ALLOC_LOOPS;
    do {
      const c = load<u32>(head);
      if (chunk_size(h, c) >= sz) {
        free_list_remove_bidx(h, c, bi);
        return c;
      }
      store<u32>(head, next_free_chunk(h, c));
    } while (--i > 0 && load<u32>(head) != first);
  }
  // Otherwise the smallest non-empty bucket above, whose every chunk fits.
  const above = bi + 1 >= 32 ? 0 : zh.avail_buckets & ~(((<u32>1) << (bi + 1)) - 1);
  if (above != 0) {
    const b = <i32>ctz<u32>(above);
    const c = load<u32>(bucket_head(h, b));
    free_list_remove_bidx(h, c, b);
    return c;
  }
  return 0;
}

function note_allocated(zh: z_heap, bytes: u32): void {
  zh.allocated_bytes = zh.allocated_bytes + bytes;
  if (zh.allocated_bytes > zh.max_allocated_bytes) zh.max_allocated_bytes = zh.allocated_bytes;
}

// --- the API -------------------------------------------------------------------------------

/**
 * Initialises `heap` over `bytes` bytes at `mem` (the buffer is the heap's from now on; its
 * start is rounded up and its end down to SYS_HEAP_CHUNK_UNIT). The buffer must be at least
 * Z_HEAP_MIN_SIZE bytes; a smaller one fails an __ASSERT and leaves a heap that allocates nothing.
 */
export function sys_heap_init(heap: sys_heap, mem: usize, bytes: usize): void {
  heap.init_mem = mem;
  heap.init_bytes = <u32>bytes;
  heap.heap = 0;
  const addr = (mem + SYS_HEAP_CHUNK_UNIT - 1) & ~(SYS_HEAP_CHUNK_UNIT - 1);
  const end = bytes > HEAP_FOOTER_BYTES ? (mem + bytes - HEAP_FOOTER_BYTES) & ~(SYS_HEAP_CHUNK_UNIT - 1) : 0;
  const heap_sz_units = end > addr ? (end - addr) / SYS_HEAP_CHUNK_UNIT : 0;
  const fits = heap_sz_units >= <usize>MIN_CHUNK_SIZE && heap_sz_units <= MAX_CHUNKS;
  const nb_buckets = fits ? bucket_idx(<u32>heap_sz_units) + 1 : 0;
  const chunk0_size = chunks_for(SIZEOF_Z_HEAP + ((<usize>nb_buckets) << 2));
  if (!fits || <usize>chunk0_size + MIN_CHUNK_SIZE > heap_sz_units) {
    // The heap stays unusable (every allocation fails) if the assertion returns.
    __ASSERT(false, "sys_heap_init: heap size is too small (or too big)");
    return;
  }
  const heap_sz = <u32>heap_sz_units;
  const h = addr;
  const zh = changetype<z_heap>(h);
  heap.heap = h;
  zh.end_chunk = heap_sz;
  zh.avail_buckets = 0;
  zh.free_bytes = 0;
  zh.allocated_bytes = 0;
  zh.max_allocated_bytes = 0;
  for (let b = 0; b < nb_buckets; b++) store<u32>(bucket_head(h, b), 0);
  // chunk 0: the header itself, used
  set_chunk_size(h, 0, chunk0_size);
  set_left_chunk_size(h, 0, 0);
  set_chunk_used(h, 0, true);
  // the free space
  set_chunk_size(h, chunk0_size, heap_sz - chunk0_size);
  set_left_chunk_size(h, chunk0_size, chunk0_size);
  // the end marker
  set_chunk_size(h, heap_sz, 0);
  set_left_chunk_size(h, heap_sz, heap_sz - chunk0_size);
  set_chunk_used(h, heap_sz, true);
  free_list_add(h, chunk0_size);
}

/** Allocates `bytes` bytes, 8-aligned. Returns 0 for 0 bytes or when nothing fits. */
export function sys_heap_alloc(heap: sys_heap, bytes: usize): usize {
  const h = heap.heap;
  if (h == 0 || bytes == 0 || size_too_big(h, bytes)) return 0;
  const sz = bytes_to_chunksz(h, bytes);
  const c = alloc_chunk(h, sz);
  if (c == 0) return 0;
  if (chunk_size(h, c) > sz) {
    split_chunks(h, c, c + sz);
    free_list_add(h, c + sz);
  }
  set_chunk_used(h, c, true);
  note_allocated(changetype<z_heap>(h), chunk_size(h, c) * <u32>SYS_HEAP_CHUNK_UNIT);
  return chunk_mem(h, c);
}

/**
 * Allocates `bytes` bytes aligned to `align` (a power of two). As in Zephyr, `align` may carry
 * one extra lower bit, a rewind: align = 32 | 8 returns memory 8 bytes before a 32-byte
 * boundary (z_thread_malloc puts its heap reference there). Returns 0 when nothing fits.
 */
export function sys_heap_aligned_alloc(heap: sys_heap, align: usize, bytes: usize): usize {
  const h = heap.heap;
  let rew = align & (0 - align);
  let gap: usize;
  if (align != rew) {
    align -= rew;
    gap = rew < CHUNK_HEADER_BYTES ? rew : CHUNK_HEADER_BYTES;
  } else {
    if (align <= CHUNK_HEADER_BYTES) return sys_heap_alloc(heap, bytes);
    rew = 0;
    gap = CHUNK_HEADER_BYTES;
  }
  __ASSERT((align & (align - 1)) == 0, "sys_heap_aligned_alloc: align must be a power of 2");
  if (h == 0 || bytes == 0 || size_too_big(h, bytes) || size_too_big(h, bytes + align)) return 0;
  // Over-allocate by the alignment, then give back the unused prefix and suffix.
  const padded_sz = bytes_to_chunksz(h, bytes + align - gap);
  const c0 = alloc_chunk(h, padded_sz);
  if (c0 == 0) return 0;
  const mem = ((chunk_mem(h, c0) + rew + align - 1) & ~(align - 1)) - rew;
  const end = (mem + bytes + SYS_HEAP_CHUNK_UNIT - 1) & ~(SYS_HEAP_CHUNK_UNIT - 1);
  const c = mem_to_chunkid(h, mem);
  const c_end = <u32>((end - h) / SYS_HEAP_CHUNK_UNIT);
  if (c > c0) {
    split_chunks(h, c0, c);
    free_list_add(h, c0);
  }
  if (right_chunk(h, c) > c_end) {
    split_chunks(h, c, c_end);
    free_list_add(h, c_end);
  }
  set_chunk_used(h, c, true);
  note_allocated(changetype<z_heap>(h), chunk_size(h, c) * <u32>SYS_HEAP_CHUNK_UNIT);
  return mem;
}

/** Frees memory from this heap's alloc calls (0 is ignored). A double free fails an __ASSERT (a kernel panic by default). */
export function sys_heap_free(heap: sys_heap, mem: usize): void {
  if (mem == 0) return;
  const h = heap.heap;
  const zh = changetype<z_heap>(h);
  if (mem < h + CHUNK_HEADER_BYTES || mem - h >= <usize>zh.end_chunk * SYS_HEAP_CHUNK_UNIT) {
    __ASSERT(false, "sys_heap_free: pointer outside the heap");
    return;
  }
  const c = mem_to_chunkid(h, mem);
  // Cheap checks that catch most double frees and overruns, made always as in Zephyr; the
  // block is left alone if the assertion returns.
  if (!chunk_used(h, c)) {
    __ASSERT(false, "sys_heap_free: unexpected heap state (double free?)");
    return;
  }
  if (left_chunk(h, right_chunk(h, c)) != c) {
    __ASSERT(false, "sys_heap_free: corrupted heap bounds (buffer overflow?)");
    return;
  }
  set_chunk_used(h, c, false);
  zh.allocated_bytes = zh.allocated_bytes - chunk_size(h, c) * <u32>SYS_HEAP_CHUNK_UNIT;
  free_chunk(h, c);
}

/**
 * Whether `mem` is the start of an allocation of `heap` that is still live: inside the heap,
 * on a used chunk whose right neighbour points back at it (the checks sys_heap_free makes
 * before it asserts). For callers that report a bad free themselves.
 */
export function sys_heap_is_allocated(heap: sys_heap, mem: usize): bool {
  const h = heap.heap;
  if (h == 0 || (mem & (SYS_HEAP_CHUNK_UNIT - 1)) != 0) return false;
  const zh = changetype<z_heap>(h);
  if (mem < h + CHUNK_HEADER_BYTES || mem - h >= <usize>zh.end_chunk * SYS_HEAP_CHUNK_UNIT) return false;
  const c = mem_to_chunkid(h, mem);
  if (c == 0 || !chunk_used(h, c) || chunk_size(h, c) == 0) return false;
  const rc = right_chunk(h, c);
  return rc <= zh.end_chunk && left_chunk(h, rc) == c && chunk_mem(h, c) <= mem;
}

/** Bytes of the largest free chunk's memory (what one allocation could still get), 0 if none. */
export function sys_heap_largest_free(heap: sys_heap): usize {
  const h = heap.heap;
  if (h == 0) return 0;
  const zh = changetype<z_heap>(h);
  let best: u32 = 0;
  // Only the highest non-empty bucket can hold the largest chunk; walk its circular list.
  const avail = zh.avail_buckets;
  if (avail == 0) return 0;
  const b = 31 - <i32>clz<u32>(avail);
  const first = load<u32>(bucket_head(h, b));
  let c = first;
  do {
    const sz = chunk_size(h, c);
    if (sz > best) best = sz;
    c = next_free_chunk(h, c);
  } while (c != first && c != 0);
  return best == 0 ? 0 : <usize>best * SYS_HEAP_CHUNK_UNIT - CHUNK_HEADER_BYTES;
}

/** Bytes usable at `mem` (at least what was asked for). */
export function sys_heap_usable_size(heap: sys_heap, mem: usize): usize {
  const h = heap.heap;
  const c = mem_to_chunkid(h, mem);
  return <usize>chunk_size(h, c) * SYS_HEAP_CHUNK_UNIT - (mem - chunk_addr(h, c));
}

/**
 * Resizes `ptr` to `bytes`, keeping it aligned to `align` (0: no constraint): in place when
 * the chunk shrinks or its free right neighbour has room, else by allocating, copying and
 * freeing. ptr 0 allocates; bytes 0 frees and returns 0. Returns 0 (ptr untouched) when
 * nothing fits.
 */
export function sys_heap_aligned_realloc(heap: sys_heap, ptr: usize, align: usize, bytes: usize): usize {
  const h = heap.heap;
  if (ptr == 0) return sys_heap_aligned_alloc(heap, align, bytes);
  if (bytes == 0) {
    sys_heap_free(heap, ptr);
    return 0;
  }
  __ASSERT((align & (align - 1)) == 0, "sys_heap_aligned_realloc: align must be a power of 2");
  if (size_too_big(h, bytes)) return 0;
  const zh = changetype<z_heap>(h);
  const c = mem_to_chunkid(h, ptr);
  const rc = right_chunk(h, c);
  const align_gap = ptr - chunk_mem(h, c);
  const need = bytes_to_chunksz(h, bytes + align_gap);
  const size = chunk_size(h, c);
  if (align != 0 && (ptr & (align - 1)) != 0) {
    // not aligned enough: move
  } else if (size == need) {
    return ptr;
  } else if (size > need) {
    // Shrink in place: split off the suffix and free it (it may coalesce on the right).
    zh.allocated_bytes = zh.allocated_bytes - (size - need) * <u32>SYS_HEAP_CHUNK_UNIT;
    split_chunks(h, c, c + need);
    set_chunk_used(h, c, true);
    free_chunk(h, c + need);
    return ptr;
  } else if (!chunk_used(h, rc) && size + chunk_size(h, rc) >= need) {
    // Grow in place into the free right neighbour.
    const split_size = need - size;
    note_allocated(zh, split_size * <u32>SYS_HEAP_CHUNK_UNIT);
    free_list_remove(h, rc);
    if (split_size < chunk_size(h, rc)) {
      split_chunks(h, rc, rc + split_size);
      free_list_add(h, rc + split_size);
    }
    merge_chunks(h, c, rc);
    set_chunk_used(h, c, true);
    return ptr;
  }
  const ptr2 = sys_heap_aligned_alloc(heap, align, bytes);
  if (ptr2 != 0) {
    const prev = <usize>size * SYS_HEAP_CHUNK_UNIT - CHUNK_HEADER_BYTES - align_gap;
    memory.copy(ptr2, ptr, prev < bytes ? prev : bytes);
    sys_heap_free(heap, ptr);
  }
  return ptr2;
}

/** sys_heap_realloc: sys_heap_aligned_realloc without an alignment constraint. */
export function sys_heap_realloc(heap: sys_heap, ptr: usize, bytes: usize): usize {
  return sys_heap_aligned_realloc(heap, ptr, 0, bytes);
}

/** Copies the heap's statistics into `stats`. Returns 0, or -EINVAL for a null argument. */
export function sys_heap_runtime_stats_get(heap: sys_heap | null, stats: sys_memory_stats | null): i32 {
  if (heap == null || stats == null) return -EINVAL;
  const zh = changetype<z_heap>(heap.heap);
  stats.free_bytes = zh.free_bytes;
  stats.allocated_bytes = zh.allocated_bytes;
  stats.max_allocated_bytes = zh.max_allocated_bytes;
  return 0;
}

/** Resets max_allocated_bytes to what is allocated now. Returns 0, or -EINVAL for null. */
export function sys_heap_runtime_stats_reset_max(heap: sys_heap | null): i32 {
  if (heap == null) return -EINVAL;
  const zh = changetype<z_heap>(heap.heap);
  zh.max_allocated_bytes = zh.allocated_bytes;
  return 0;
}

/**
 * Checks every invariant of the heap (heap_validate.c): the chunks tile the buffer from
 * chunk 0 to the end marker with matching left sizes; no two free chunks are adjacent; each
 * bucket's circular list is well linked, holds only free chunks of its size class and
 * matches avail_buckets; every free chunk with room for links is in exactly one list; the
 * statistics add up. Returns false at the first violation. For tests: it walks the heap.
 */
export function sys_heap_validate(heap: sys_heap): bool {
  const h = heap.heap;
  if (h == 0) return false;
  const zh = changetype<z_heap>(h);
  const end = zh.end_chunk;
  if (end < MIN_CHUNK_SIZE) return false;
  const nb = bucket_idx(end) + 1;
  // Walk the chunks.
  if (!chunk_used(h, 0) || load<u32>(chunk_addr(h, 0), Z_HEAP_CHUNK_LEFT_SIZE) != 0) return false;
  if (chunk_size(h, 0) != chunks_for(SIZEOF_Z_HEAP + ((<usize>nb) << 2))) return false;
  let listable: u32 = 0;
  let free_bytes: u32 = 0;
  let alloc_bytes: u32 = 0;
  let c: u32 = 0;
  let prev_free = false;
  while (c < end) {
    const sz = chunk_size(h, c);
    if (sz == 0 || sz > end - c) return false;
    const rc = c + sz;
    if (load<u32>(chunk_addr(h, rc), Z_HEAP_CHUNK_LEFT_SIZE) != sz) return false;
    const used = chunk_used(h, c);
    if (!used) {
      if (prev_free) return false; // two adjacent free chunks: a missed coalesce
      if (!solo_free_header(h, c)) {
        listable++;
        free_bytes += sz * <u32>SYS_HEAP_CHUNK_UNIT;
      }
    } else if (c != 0) {
      alloc_bytes += sz * <u32>SYS_HEAP_CHUNK_UNIT;
    }
    prev_free = !used;
    c = rc;
  }
  if (c != end || chunk_size(h, end) != 0 || !chunk_used(h, end)) return false;
  // Walk the free lists.
  let listed: u32 = 0;
  for (let b = 0; b < 32; b++) {
    const bit = (zh.avail_buckets & ((<u32>1) << b)) != 0;
    if (b >= nb) {
      if (bit) return false;
      continue;
    }
    const first = load<u32>(bucket_head(h, b));
    if (first == 0) {
      if (bit) return false;
      continue;
    }
    if (!bit) return false;
    let n = first;
    do {
      if (n == 0 || n >= end || chunk_used(h, n) || solo_free_header(h, n)) return false;
      if (bucket_idx(chunk_size(h, n)) != b) return false;
      const next = next_free_chunk(h, n);
      if (next == 0 || next >= end || prev_free_chunk(h, next) != n) return false;
      if (++listed > listable) return false; // more list entries than free chunks: a cycle or a duplicate
      n = next;
    } while (n != first);
  }
  if (listed != listable) return false;
  return zh.free_bytes == free_bytes && zh.allocated_bytes == alloc_bytes && zh.max_allocated_bytes >= alloc_bytes;
}
