// The system heap (kernel/mempool.c): k_malloc, k_calloc, k_aligned_alloc, k_realloc, k_free
// and k_thread_system_pool_assign.
//
// CONFIG_HEAP_MEM_POOL_SIZE sizes it as in Zephyr:
// - set to N > 0: the functions draw from a k_heap of N bytes (Zephyr's _system_heap), carved
//   from the kernel heap at boot (z_system_heap_init, from z_cstart; or by the first k_malloc,
//   if a start function calls one). Its sys_heap headers come out of the N bytes, as in Zephyr.
//   An allocation that does not fit returns 0 (NULL) and never waits (K_NO_WAIT). Everything
//   else (AssemblyScript's `new` and strings, threads, kernel objects) keeps using the kernel
//   heap (heap.ts), so a full system heap leaves them alone and the other way round.
// - set to 0: there is no system heap; k_malloc, k_calloc, k_aligned_alloc and k_realloc
//   return 0. (Zephyr does not even define k_malloc then; AssemblyScript has no #if.)
// - unset (the default): they draw from the whole kernel heap, as wasmp always did (its
//   programs, and the Zephyr tests translated in test/conformance, call k_malloc without
//   setting the option; Zephyr's default, 0, would take k_malloc away from them).
// k_free tells the heaps apart by address (Zephyr keeps the heap's address in a word before
// each block instead): memory inside the system heap's buffer goes back to it, anything else
// to the kernel heap (which ignores a pointer that is not one of its live blocks).

import {
  k_heap,
  k_spinlock,
  k_thread,
  SIZEOF_K_HEAP,
  SIZEOF_K_SPINLOCK,
  K_ERR_KERNEL_PANIC,
} from "../generated/contract";
import { CONFIG_HEAP_MEM_POOL_SIZE } from "./config";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_heap_aligned_alloc, z_heap_calloc, z_heap_free, z_heap_realloc } from "./heap";
import { k_heap_aligned_alloc, k_heap_calloc, k_heap_free, k_heap_init, k_heap_realloc } from "./kheap";
import { Z_HEAP_MIN_SIZE } from "./sys_heap";
import { K_NO_WAIT } from "./timeout";
import { z_fatal_error } from "./fatal";

/** The system heap, in static memory shared by every CPU (Zephyr's K_HEAP_DEFINE(_system_heap, ...)). */
const system_heap = changetype<k_heap>(memory.data(SIZEOF_K_HEAP, 16));
/** Guards its setup; `system_heap_ready` is 1 once it is set up (written under the lock, read atomically). */
const system_heap_lock = changetype<k_spinlock>(memory.data(SIZEOF_K_SPINLOCK, 16));
const system_heap_ready = memory.data(4, 4);

/** Whether k_malloc and friends have a system heap of their own (CONFIG_HEAP_MEM_POOL_SIZE > 0). */
// @ts-ignore: decorator
@inline function has_system_heap(): bool {
  return CONFIG_HEAP_MEM_POOL_SIZE > 0;
}

/**
 * Carves the system heap out of the kernel heap, once (z_cstart calls it at boot). A kernel
 * heap without room for it is a kernel panic at boot, naming the option.
 */
export function z_system_heap_init(): void {
  if (!has_system_heap() || atomic.load<u32>(system_heap_ready) != 0) return;
  const key = k_spin_lock(system_heap_lock);
  if (load<u32>(system_heap_ready) == 0) {
    // K_HEAP_DEFINE raises a buffer below Z_HEAP_MIN_SIZE to it.
    const bytes = max(<usize>CONFIG_HEAP_MEM_POOL_SIZE, Z_HEAP_MIN_SIZE);
    const mem = z_heap_aligned_alloc(0, bytes);
    if (mem == 0) {
      k_spin_unlock(system_heap_lock, key);
      z_fatal_error(
        K_ERR_KERNEL_PANIC,
        "CONFIG_HEAP_MEM_POOL_SIZE: the kernel heap has no room for a system heap of that size",
      );
      return;
    }
    k_heap_init(system_heap, mem, bytes);
    atomic.store<u32>(system_heap_ready, 1); // after the heap is whole: readers take it without the lock
  }
  k_spin_unlock(system_heap_lock, key);
}

/** The system heap, set up if it was not yet. Only with has_system_heap(). */
function z_system_heap(): k_heap {
  if (atomic.load<u32>(system_heap_ready) == 0) z_system_heap_init();
  return system_heap;
}

/** Whether `p` is memory of the system heap's buffer. */
function in_system_heap(p: usize): bool {
  if (!has_system_heap() || atomic.load<u32>(system_heap_ready) == 0) return false;
  const h = system_heap.heap;
  return p >= h.init_mem && p - h.init_mem < <usize>h.init_bytes;
}

/** k_aligned_alloc: `size` bytes aligned to `align` (a power of two) from the system heap, or 0 (NULL). */
export function k_aligned_alloc(align: usize, size: usize): usize {
  if (CONFIG_HEAP_MEM_POOL_SIZE == 0) return 0;
  if (has_system_heap()) return k_heap_aligned_alloc(z_system_heap(), align, size, K_NO_WAIT);
  return z_heap_aligned_alloc(align, size);
}

/** k_malloc: `size` bytes from the system heap (8-aligned), or 0 (NULL). */
export function k_malloc(size: usize): usize {
  return k_aligned_alloc(0, size);
}

/** k_calloc: `nmemb * size` zeroed bytes from the system heap, or 0 (also when the product overflows). */
export function k_calloc(nmemb: usize, size: usize): usize {
  if (size != 0 && nmemb > <usize>-1 / size) return 0;
  if (CONFIG_HEAP_MEM_POOL_SIZE == 0) return 0;
  if (has_system_heap()) return k_heap_calloc(z_system_heap(), nmemb, size, K_NO_WAIT);
  return z_heap_calloc(nmemb * size);
}

/**
 * k_realloc: resizes `ptr` (0 allocates as k_malloc; size 0 frees and returns 0), in place
 * when it can. Returns 0 and keeps `ptr` when nothing fits.
 */
export function k_realloc(ptr: usize, size: usize): usize {
  if (size == 0) {
    k_free(ptr);
    return 0;
  }
  if (ptr == 0) return k_malloc(size);
  if (in_system_heap(ptr)) return k_heap_realloc(system_heap, ptr, size, K_NO_WAIT);
  return z_heap_realloc(ptr, size);
}

/** k_free: frees memory from k_malloc, k_calloc, k_aligned_alloc or k_realloc (0 is ignored). */
export function k_free(p: usize): void {
  if (p == 0) return;
  if (in_system_heap(p)) k_heap_free(system_heap, p);
  else z_heap_free(p);
}

/**
 * Makes the system heap the resource pool of `thread` (z_thread_malloc, k_stack_alloc_init);
 * without one (CONFIG_HEAP_MEM_POOL_SIZE unset or 0), the kernel heap.
 */
export function k_thread_system_pool_assign(thread: k_thread): void {
  thread.resource_pool = has_system_heap() ? changetype<usize>(z_system_heap()) : 0;
}
