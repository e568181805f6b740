// The kernel heap gives freed memory back to any size: fill it with small blocks, free them
// all, and the same memory serves large blocks (it used to keep each size class's blocks for
// that class only: k_malloc(3000) then failed with 9 % of the heap in use). Its figures
// (z_heap_runtime_stats_get) return to where they were (the churn's joined threads leave only
// their control blocks, in the quarantine), and a churn of mixed sizes from every
// CPU at once stays within a bound of its live data.
import {
  printk,
  arch_num_cpus,
  k_malloc,
  k_free,
  k_realloc,
  k_aligned_alloc,
  k_calloc,
  k_thread_create,
  k_thread_join,
  k_tid_t,
  K_FOREVER,
  K_NO_WAIT,
  sys_memory_stats,
  SIZEOF_K_THREAD,
  SIZEOF_SYS_MEMORY_STATS,
  z_heap_runtime_stats_get,
  z_heap_largest_free,
  z_heap_runtime_stats_reset_max,
  z_heap_validate,
  wasmp_free,
  ATOMIC_DEFINE,
  atomic_inc,
} from "wasmp";

const bad = ATOMIC_DEFINE();
const stats = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 8));

/** Allocates `size`-byte blocks until the heap is full, chaining them through their first word. Returns the chain. */
function fill(size: usize, count: usize): usize {
  let head: usize = 0;
  let n: usize = 0;
  while (true) {
    const p = k_malloc(size);
    if (p == 0) break;
    store<usize>(p, head);
    head = p;
    n++;
  }
  store<usize>(count, n);
  return head;
}

function free_chain(head: usize): void {
  while (head != 0) {
    const next = load<usize>(head);
    k_free(head);
    head = next;
  }
}

function allocated(): u32 {
  z_heap_runtime_stats_get(stats);
  return stats.allocated_bytes;
}

// A churn of mixed sizes: each thread keeps SLOTS blocks live, replacing a random one each step.
const SLOTS = 256;
const STEPS = 200000;

function churn(p1: usize, p2: usize, p3: usize): void {
  const slots = k_calloc(SLOTS, sizeof<usize>());
  const sizes = k_calloc(SLOTS, sizeof<usize>());
  let x = <u32>p1 * 2654435761 + 1;
  for (let i = 0; i < STEPS; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    const s = <usize>(x % SLOTS);
    const old = load<usize>(slots + s * sizeof<usize>());
    if (old != 0) {
      // the block still holds its pattern
      if (load<u32>(old) != <u32>old) atomic_inc(bad);
      k_free(old);
    }
    const size = <usize>(16 + ((x >> 8) % 4000));
    const p = k_malloc(size);
    if (p == 0) {
      atomic_inc(bad);
      break;
    }
    store<u32>(p, <u32>p);
    store<usize>(slots + s * sizeof<usize>(), p);
    store<usize>(sizes + s * sizeof<usize>(), size);
  }
  for (let s = 0; s < SLOTS; s++) k_free(load<usize>(slots + <usize>s * sizeof<usize>()));
  k_free(slots);
  k_free(sizes);
}

export function main(): i32 {
  const base = allocated();
  const count = memory.data(8, 8);

  const small = fill(100, count);
  const n_small = load<usize>(count);
  const small_bytes = allocated() - base;
  free_chain(small);
  const after_free = allocated();
  const big = k_malloc(3000);
  const big_ok = big != 0;
  k_free(big);

  // The same memory, now as 3000-byte blocks.
  const large = fill(3000, count);
  const n_large = load<usize>(count);
  const large_bytes = allocated() - base;
  free_chain(large);
  const largest = z_heap_largest_free();

  // realloc in place and moving, aligned allocation
  let r = k_malloc(10);
  store<u32>(r, 0xabcd1234);
  r = k_realloc(r, 100000);
  const realloc_ok = r != 0 && load<u32>(r) == 0xabcd1234;
  k_free(r);
  const a = k_aligned_alloc(256, 1000);
  const aligned_ok = a != 0 && (a & 255) == 0;
  k_free(a);

  // Strings and arrays made in a loop, each freed: the heap does not grow.
  const before_strings = allocated();
  let freed_all = true;
  for (let i = 0; i < 100000; i++) {
    const s = "ab".repeat(50 + (i % 50));
    const a = new Array<i32>(16 + (i % 16));
    a[0] = s.length;
    freed_all = wasmp_free(a.buffer) && wasmp_free(a) && wasmp_free(s) && freed_all;
  }
  const literal_refused = !wasmp_free("a literal lives in static data");
  const strings_ok = freed_all && literal_refused && allocated() == before_strings;

  // The churn, on every CPU at once.
  const n = arch_num_cpus();
  const t = new StaticArray<k_tid_t>(n);
  z_heap_runtime_stats_reset_max();
  const before_churn = allocated();
  for (let i = 0; i < n; i++) t[i] = k_thread_create(4096, churn, <usize>i + 1, 0, 0, 1, 0, K_NO_WAIT);
  for (let i = 0; i < n; i++) k_thread_join(t[i], K_FOREVER);
  z_heap_runtime_stats_get(stats);
  const peak = stats.max_allocated_bytes;
  const after_churn = stats.allocated_bytes;
  const largest_after = z_heap_largest_free();

  printk(`small=${n_small} small_bytes=${small_bytes} freed=${after_free == base ? 1 : 0} big_ok=${big_ok ? 1 : 0}\n`);
  printk(`large=${n_large} large_bytes=${large_bytes} largest=${largest}\n`);
  printk(`realloc_ok=${realloc_ok ? 1 : 0} aligned_ok=${aligned_ok ? 1 : 0} churn_bad=${load<i32>(bad)}\n`);
  printk(`strings_freed=${strings_ok ? 1 : 0}\n`);
  // Live data of the churn: at most SLOTS blocks of at most 4015 bytes (+ header) per thread.
  const live_bound = <u32>n * SLOTS * 4024 + 4096 * <u32>n;
  printk(
    `churn_peak_ok=${peak - before_churn <= live_bound ? 1 : 0} churn_freed=${after_churn - before_churn <= <u32>n * (<u32>SIZEOF_K_THREAD + 16) ? 1 : 0}\n`,
  );
  // Everything freed coalesced back: no two free chunks are adjacent, and one allocation can
  // again take nearly the whole heap (the churn's own live blocks aside).
  const coalesced = z_heap_validate() && <f64>largest_after >= 0.99 * <f64>largest;
  printk(`coalesced=${coalesced ? 1 : 0} largest_after=${largest_after} cpus=${n}\n`);
  return 0;
}
