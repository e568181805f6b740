// sys_heap and k_heap beyond what the conformance suite covers (assembly/kernel/sys_heap.ts,
// kheap.ts): a seeded random churn of alloc, aligned alloc, realloc and free that checks every
// invariant (sys_heap_validate) and every block's contents as it goes, coalescing back to one
// free chunk, and k_heap's blocking allocations (a waiter wakes when memory is freed, a
// timeout expires), calloc, realloc, and threads on every CPU sharing one k_heap.
// Prints "FAIL <what>" for each failure and "sys_heap: N failures"; main returns 1 on any.
import {
  printk,
  arch_num_cpus,
  sys_heap,
  SIZEOF_SYS_HEAP,
  sys_memory_stats,
  SIZEOF_SYS_MEMORY_STATS,
  sys_heap_init,
  sys_heap_alloc,
  sys_heap_aligned_alloc,
  sys_heap_free,
  sys_heap_realloc,
  sys_heap_usable_size,
  sys_heap_validate,
  sys_heap_runtime_stats_get,
  Z_HEAP_MIN_SIZE,
  K_HEAP_DEFINE,
  k_heap_alloc,
  k_heap_aligned_alloc,
  k_heap_calloc,
  k_heap_realloc,
  k_heap_free,
  k_thread_create,
  k_thread_join,
  k_msleep,
  k_uptime_get,
  k_tid_t,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  ATOMIC_DEFINE,
  atomic_inc,
  atomic_get,
} from "wasmp";

const failures = ATOMIC_DEFINE();

function check(ok: bool, what: string): void {
  if (!ok) {
    atomic_inc(failures);
    printk(`FAIL ${what}\n`);
  }
}

/** xorshift32, seeded (a failing seed can be replayed). */
class Rng {
  constructor(public s: u32) {}
  next(): u32 {
    let x = this.s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.s = x;
    return x;
  }
  below(n: u32): u32 {
    return this.next() % n;
  }
}

function fill(p: usize, n: usize, tag: u8): void {
  memory.fill(p, tag, n);
}
function intact(p: usize, n: usize, tag: u8): bool {
  for (let i: usize = 0; i < n; i++) if (load<u8>(p + i) != tag) return false;
  return true;
}

// --- the random churn ------------------------------------------------------------------------

const HEAP_BYTES = 65536;
const heap_buf = memory.data(HEAP_BYTES + 8, 8);
const MAX_LIVE = 96;

function free_bytes(h: sys_heap): u32 {
  const st = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 4));
  sys_heap_runtime_stats_get(h, st);
  return st.free_bytes;
}

function churn(seed: u32, ops: i32, offset: usize): void {
  const h = changetype<sys_heap>(memory.data(SIZEOF_SYS_HEAP, 4));
  // An unaligned buffer start (offset 0..7) exercises the rounding.
  sys_heap_init(h, heap_buf + offset, HEAP_BYTES);
  check(sys_heap_validate(h), `seed ${seed}: fresh heap invalid`);
  const empty = free_bytes(h);
  const rng = new Rng(seed);
  const ptr = new StaticArray<usize>(MAX_LIVE);
  const size = new StaticArray<usize>(MAX_LIVE);
  const tag = new StaticArray<u8>(MAX_LIVE);
  let allocs = 0,
    fails = 0;
  for (let op = 0; op < ops; op++) {
    const i = <i32>rng.below(MAX_LIVE);
    const kind = rng.below(8);
    // Sizes: mostly small, sometimes up to a quarter of the heap.
    const r = rng.below(100);
    const n: usize = r < 60 ? 1 + rng.below(64) : r < 90 ? 1 + rng.below(1024) : 1 + rng.below(HEAP_BYTES / 4);
    if (ptr[i] != 0 && kind < 3) {
      check(intact(ptr[i], size[i], tag[i]), `seed ${seed} op ${op}: block ${i} overwritten before free`);
      sys_heap_free(h, ptr[i]);
      ptr[i] = 0;
    } else if (ptr[i] != 0 && kind < 5) {
      check(intact(ptr[i], size[i], tag[i]), `seed ${seed} op ${op}: block ${i} overwritten before realloc`);
      const q = sys_heap_realloc(h, ptr[i], n);
      if (q == 0) {
        fails++;
        check(intact(ptr[i], size[i], tag[i]), `seed ${seed} op ${op}: failed realloc changed block ${i}`);
      } else {
        const kept = n < size[i] ? n : size[i];
        check(intact(q, kept, tag[i]), `seed ${seed} op ${op}: realloc lost the contents of block ${i}`);
        check((q & 7) == 0 && sys_heap_usable_size(h, q) >= n, `seed ${seed} op ${op}: realloc result`);
        ptr[i] = q;
        size[i] = n;
        fill(q, n, tag[i]);
      }
    } else if (ptr[i] == 0) {
      const align: usize = kind == 7 ? (<usize>16) << rng.below(5) : 0;
      const p = align != 0 ? sys_heap_aligned_alloc(h, align, n) : sys_heap_alloc(h, n);
      if (p == 0) {
        fails++;
      } else {
        allocs++;
        check((p & ((align != 0 ? align : 8) - 1)) == 0, `seed ${seed} op ${op}: misaligned block (align ${align})`);
        check(sys_heap_usable_size(h, p) >= n, `seed ${seed} op ${op}: usable size below the request`);
        check(
          p >= heap_buf && p + n <= heap_buf + offset + HEAP_BYTES,
          `seed ${seed} op ${op}: block outside the buffer`,
        );
        ptr[i] = p;
        size[i] = n;
        tag[i] = <u8>(1 + rng.below(255));
        fill(p, n, tag[i]);
      }
    }
    if ((op & 15) == 0 && !sys_heap_validate(h)) {
      check(false, `seed ${seed} op ${op}: heap invalid`);
      return;
    }
  }
  for (let i = 0; i < MAX_LIVE; i++) {
    if (ptr[i] != 0) {
      check(intact(ptr[i], size[i], tag[i]), `seed ${seed}: block ${i} overwritten at the end`);
      sys_heap_free(h, ptr[i]);
    }
  }
  check(sys_heap_validate(h), `seed ${seed}: heap invalid after freeing everything`);
  // Everything coalesced: the free space is one chunk again, as big as at the start.
  check(free_bytes(h) == empty, `seed ${seed}: free bytes ${free_bytes(h)} != ${empty} after freeing everything`);
  const whole = sys_heap_alloc(h, empty - 8);
  check(whole != 0, `seed ${seed}: the whole free space is not one chunk again`);
  sys_heap_free(h, whole);
  check(allocs > ops / 8 && fails > 0, `seed ${seed}: churn too easy (allocs ${allocs}, failures ${fails})`);
  printk(`churn seed=${seed} ops=${ops} allocs=${allocs} failed=${fails}\n`);
}

/** Splitting and coalescing, step by step: frees in every order give back one chunk. */
function coalescing(): void {
  const h = changetype<sys_heap>(memory.data(SIZEOF_SYS_HEAP, 4));
  const buf = memory.data(4096, 8);
  sys_heap_init(h, buf, 4096);
  const empty = free_bytes(h);
  const orders: u32[] = [0x012, 0x021, 0x102, 0x120, 0x201, 0x210];
  for (let o = 0; o < orders.length; o++) {
    const p = new StaticArray<usize>(3);
    for (let i = 0; i < 3; i++) p[i] = sys_heap_alloc(h, 100);
    check(p[0] != 0 && p[1] > p[0] && p[2] > p[1], "three allocations are laid out in order");
    for (let k = 2; k >= 0; k--) {
      sys_heap_free(h, p[(orders[o] >> ((<u32>k) << 2)) & 0xf]);
      check(sys_heap_validate(h), `order ${orders[o].toString(16)}: heap invalid`);
    }
    check(free_bytes(h) == empty, `order ${orders[o].toString(16)}: not coalesced`);
  }
  // A freed middle block is reused by a request that fits it (first fit in its bucket).
  const a = sys_heap_alloc(h, 200),
    b = sys_heap_alloc(h, 200),
    c = sys_heap_alloc(h, 200);
  sys_heap_free(h, b);
  const b2 = sys_heap_alloc(h, 200);
  check(b2 == b, "a freed block is reused in place");
  // realloc grows in place into a free right neighbour, and shrinks in place.
  sys_heap_free(h, c);
  const a2 = sys_heap_realloc(h, b2, 400);
  check(a2 == b2, "realloc grows in place into the free neighbour");
  const a3 = sys_heap_realloc(h, a2, 16);
  check(a3 == a2 && sys_heap_validate(h), "realloc shrinks in place");
  sys_heap_free(h, a3);
  sys_heap_free(h, a);
  check(free_bytes(h) == empty && sys_heap_validate(h), "all coalesced after realloc");
  check(sys_heap_alloc(h, 0) == 0 && sys_heap_alloc(h, 5000) == 0, "0 bytes and oversize requests fail");
  check(sys_heap_aligned_alloc(h, 1024, 10) % 1024 == 0, "1024-aligned allocation");
  // Zephyr's rewind bit: align 64 | 8 gives memory 8 bytes before a 64-byte boundary.
  for (let i = 0; i < 4; i++) {
    const r = sys_heap_aligned_alloc(h, 64 | 8, 24 + i);
    check(r != 0 && (r + 8) % 64 == 0, "aligned allocation with a rewind");
  }
  check(sys_heap_validate(h), "heap valid after aligned allocations");
  // The smallest heap, at every misalignment of its buffer, still holds one small block.
  const tiny = memory.data(Z_HEAP_MIN_SIZE + 8, 8);
  for (let off: usize = 0; off < 8; off++) {
    sys_heap_init(h, tiny + off, Z_HEAP_MIN_SIZE);
    check(sys_heap_validate(h) && sys_heap_alloc(h, 1) != 0, `Z_HEAP_MIN_SIZE heap at offset ${off}`);
  }
}

// --- k_heap ------------------------------------------------------------------------------------

const kheap = K_HEAP_DEFINE(memory.data(1024, 8), 1024);
const hog = memory.data(4, 4); // the block the main thread holds while a waiter waits
const got = memory.data(4, 4);

function waiter(p1: usize, p2: usize, p3: usize): void {
  const start = k_uptime_get();
  const p = k_heap_alloc(kheap, 512, K_FOREVER);
  atomic.store<u32>(got, <u32>p);
  check(p != 0, "a K_FOREVER waiter gets memory once it is freed");
  check(k_uptime_get() - start >= 40, "the waiter waited for the free");
  k_heap_free(kheap, p);
}

function kheap_blocking(): void {
  const big = k_heap_alloc(kheap, 700, K_NO_WAIT);
  check(big != 0, "k_heap_alloc of 700 of 1024 bytes");
  atomic.store<u32>(hog, <u32>big);
  check(k_heap_alloc(kheap, 512, K_NO_WAIT) == 0, "K_NO_WAIT fails at once when nothing fits");
  const t0 = k_uptime_get();
  check(k_heap_alloc(kheap, 512, K_MSEC(50)) == 0, "a timed allocation fails after its timeout");
  check(k_uptime_get() - t0 >= 50, "the timed allocation waited 50 ms");
  const t = k_thread_create(4096, waiter, 0, 0, 0, 5, 0, K_NO_WAIT);
  k_msleep(50);
  check(atomic.load<u32>(got) == 0, "the waiter is still waiting");
  k_heap_free(kheap, big); // wakes the waiter
  k_thread_join(t, K_FOREVER);
  // calloc zeroes; an overflowing product fails.
  const junk = k_heap_alloc(kheap, 256, K_NO_WAIT);
  memory.fill(junk, 0xee, 256);
  k_heap_free(kheap, junk);
  const z = k_heap_calloc(kheap, 64, 4, K_NO_WAIT);
  check(z != 0 && intact(z, 256, 0), "k_heap_calloc zeroes");
  check(k_heap_calloc(kheap, 0x10000, 0x10001, K_NO_WAIT) == 0, "k_heap_calloc overflow fails");
  // realloc keeps the contents, aligned alloc aligns.
  memory.fill(z, 0x5a, 256);
  const z2 = k_heap_realloc(kheap, z, 400, K_NO_WAIT);
  check(z2 != 0 && intact(z2, 256, 0x5a), "k_heap_realloc keeps the contents");
  const al = k_heap_aligned_alloc(kheap, 64, 32, K_NO_WAIT);
  check(al != 0 && (al & 63) == 0, "k_heap_aligned_alloc aligns to 64");
  k_heap_free(kheap, al);
  check(k_heap_realloc(kheap, z2, 0, K_NO_WAIT) == 0, "k_heap_realloc to 0 bytes frees");
  check(sys_heap_validate(kheap.heap), "k_heap valid after the blocking tests");
}

// Threads on every CPU churn one shared k_heap; block contents catch any overlap.
const shared = K_HEAP_DEFINE(memory.data(32768, 8), 32768);

function sharer(p1: usize, p2: usize, p3: usize): void {
  const rng = new Rng(<u32>p1 * 2654435761 + 1);
  const live = new StaticArray<usize>(16);
  const sz = new StaticArray<usize>(16);
  const tag = <u8>(p1 + 1);
  for (let op = 0; op < 3000; op++) {
    const i = <i32>rng.below(16);
    if (live[i] != 0) {
      check(intact(live[i], sz[i], tag), `thread ${p1}: block overwritten by another CPU`);
      k_heap_free(shared, live[i]);
      live[i] = 0;
    } else {
      const n: usize = 1 + rng.below(400);
      const p = k_heap_alloc(shared, n, K_MSEC(20));
      if (p != 0) {
        fill(p, n, tag);
        live[i] = p;
        sz[i] = n;
      }
    }
  }
  for (let i = 0; i < 16; i++) if (live[i] != 0) k_heap_free(shared, live[i]);
}

function kheap_smp(): void {
  const n = arch_num_cpus();
  const t = new StaticArray<k_tid_t>(n);
  for (let i = 0; i < n; i++) t[i] = k_thread_create(4096, sharer, <usize>i, 0, 0, 5, 0, K_NO_WAIT);
  for (let i = 0; i < n; i++) k_thread_join(t[i], K_FOREVER);
  check(sys_heap_validate(shared.heap), "shared k_heap valid after every CPU churned it");
  const st = changetype<sys_memory_stats>(memory.data(SIZEOF_SYS_MEMORY_STATS, 4));
  sys_heap_runtime_stats_get(shared.heap, st);
  check(st.allocated_bytes == 0, `shared k_heap: ${st.allocated_bytes} bytes still allocated`);
}

export function main(): i32 {
  const seeds: u32[] = [1, 0x9e3779b9, 12345, 0xdeadbeef];
  for (let i = 0; i < seeds.length; i++) churn(seeds[i], 4000, <usize>i * 3);
  coalescing();
  kheap_blocking();
  kheap_smp();
  const f = atomic_get(failures);
  printk(`sys_heap: ${f} failures\n`);
  return f == 0 ? 0 : 1;
}
