// CONFIG_HEAP_MEM_POOL_SIZE (assembly/kernel/mempool.ts): k_malloc draws from a system heap of
// that size, carved from the kernel heap at boot, and fails with NULL once it is full, while
// `new` (the kernel heap) still works; k_free gives the memory back to the system heap.
// test/memory.test.ts runs this with the option set to 4096, to 0, and unset.
import {
  printk,
  k_malloc,
  k_calloc,
  k_aligned_alloc,
  k_realloc,
  k_free,
  CONFIG_HEAP_MEM_POOL_SIZE,
  sys_memory_stats,
  SIZEOF_SYS_MEMORY_STATS,
  z_heap_runtime_stats_get,
  wasmp_free,
} from "wasmp";

const BLOCK: usize = 64;
const MAX_BLOCKS = 4096;
const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 8));

/** Bytes in use on the kernel heap. */
function kernel_heap_allocated(): u32 {
  z_heap_runtime_stats_get(stats);
  return stats.allocated_bytes;
}

function b(v: bool): i32 {
  return v ? 1 : 0;
}

export function main(): i32 {
  const blocks = new StaticArray<usize>(MAX_BLOCKS);
  const k0 = kernel_heap_allocated();
  let n = 0;
  while (n < MAX_BLOCKS) {
    const p = k_malloc(BLOCK);
    if (p == 0) break;
    memory.fill(p, <u8>n, BLOCK);
    blocks[n++] = p;
  }
  const k1 = kernel_heap_allocated();
  printk(`pool=${CONFIG_HEAP_MEM_POOL_SIZE} blocks=${n} kernel_heap_growth=${k1 - k0}\n`);
  // The system heap is full (or absent): every k_malloc-family call fails. `new` does not.
  const m = k_malloc(BLOCK);
  const c = k_calloc(4, 16);
  const a = k_aligned_alloc(64, BLOCK);
  const r = k_realloc(0, BLOCK);
  const buf = new ArrayBuffer(1 << 20);
  const str = "x".repeat(100000);
  const new_ok = buf.byteLength == 1 << 20 && str.length == 100000;
  printk(`full: malloc=${m} calloc=${c} aligned=${a} realloc=${r} new_ok=${b(new_ok)}\n`);
  wasmp_free(str);
  wasmp_free(buf);
  if (m != 0 || c != 0 || a != 0 || r != 0) {
    // unset: the kernel heap is not full; give these back
    k_free(m);
    k_free(c);
    k_free(a);
    k_free(r);
  }
  if (n == 0) return 0;
  // k_free gives a block back to the system heap: the next k_malloc fits again.
  k_free(blocks[n - 1]);
  const again = k_malloc(BLOCK);
  blocks[n - 1] = again;
  if (again != 0) memory.fill(again, <u8>(n - 1), BLOCK);
  let intact = true;
  for (let i = 0; i < n; i++) {
    for (let j: usize = 0; j < BLOCK; j++) if (load<u8>(blocks[i] + j) != <u8>i) intact = false;
  }
  // Freed blocks coalesce: with all of them back, one block of half the pool fits, and grows.
  for (let i = 0; i < n; i++) k_free(blocks[i]);
  const half = CONFIG_HEAP_MEM_POOL_SIZE > 0 ? <usize>CONFIG_HEAP_MEM_POOL_SIZE / 2 : 2048;
  const big = k_malloc(half);
  const grown = big != 0 ? k_realloc(big, half + half / 2) : 0;
  printk(`refill=${b(again != 0)} intact=${b(intact)} big=${b(big != 0)} grown=${b(grown != 0)}\n`);
  k_free(grown != 0 ? grown : big);
  const k2 = kernel_heap_allocated(); // before the printk: its builder is live while ${} parts are evaluated
  printk(`after_free kernel_heap_growth=${k2 - k0}\n`);
  return 0;
}
