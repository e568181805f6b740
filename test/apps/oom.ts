// An allocation of AssemblyScript's runtime that the kernel heap cannot serve is a fatal error
// of the thread that asked (K_ERR_KERNEL_OOPS), reported with the size, the allocation site
// and the heap's state (test/memory.test.ts checks the report); the other threads and CPUs go
// on. Two threads run out: `hog` with `new ArrayBuffer`, `pusher` growing an Array (a realloc).
import {
  printk,
  arch_num_cpus,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  k_thread_cpu_pin,
  k_thread_start,
  k_msleep,
  k_tid_t,
  K_FOREVER,
  ATOMIC_DEFINE,
  atomic_inc,
  atomic_get,
  atomic_set,
  wasmp_free,
  z_heap_largest_free,
} from "wasmp";

const CHUNK = 1 << 20;
const MAX_HELD = 4096;
/** What `hog` allocated, shared so that main can free it once hog is dead. */
const hoard = memory.data(MAX_HELD * 4, 4);
const held = ATOMIC_DEFINE();
const beats = ATOMIC_DEFINE();
const stop = ATOMIC_DEFINE();
/** The Array `pusher` grows (its address), for main to free. */
const pushed = memory.data(4, 4);

/** The allocation site the report names: allocates 1 MiB buffers until the heap is full. */
function grow(): void {
  for (let i = 0; i < MAX_HELD; i++) {
    const b = new ArrayBuffer(CHUNK);
    store<usize>(hoard + ((<usize>i) << 2), changetype<usize>(b));
    atomic_inc(held);
  }
}

function hog(p1: usize, p2: usize, p3: usize): void {
  grow();
}

/** Doubles an Array's buffer (a realloc) until it cannot. */
function push_forever(a: Array<i64>): void {
  for (let i: i64 = 0; ; i++) a.push(i);
}

function pusher(p1: usize, p2: usize, p3: usize): void {
  const a = new Array<i64>();
  store<usize>(pushed, changetype<usize>(a));
  push_forever(a);
}

/** Runs on another CPU while the others run out of memory. */
function beater(p1: usize, p2: usize, p3: usize): void {
  while (atomic_get(stop) == 0) {
    atomic_inc(beats);
    k_msleep(1);
  }
}

function spawn(entry: (p1: usize, p2: usize, p3: usize) => void, name: string, cpu: i32): k_tid_t {
  const t = k_thread_create(8192, entry, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(t, name);
  k_thread_cpu_pin(t, cpu);
  k_thread_start(t);
  return t;
}

function free_hoard(): void {
  const n = atomic_get(held);
  for (let i = 0; i < n; i++) wasmp_free(changetype<ArrayBuffer>(load<usize>(hoard + ((<usize>i) << 2))));
  atomic_set(held, 0);
}

export function main(): i32 {
  const n = arch_num_cpus();
  const last = n - 1;
  const b = spawn(beater, "beater", 0);
  k_thread_join(spawn(hog, "hog", last), K_FOREVER);
  const beats_then = atomic_get(beats);
  const hog_held = atomic_get(held);
  free_hoard();
  const recovered = z_heap_largest_free() >= <usize>CHUNK;
  k_thread_join(spawn(pusher, "pusher", last), K_FOREVER);
  const a = changetype<Array<i64>>(load<usize>(pushed));
  const pushed_len = a.length;
  wasmp_free(a.buffer);
  wasmp_free(a);
  k_msleep(20);
  const beats_now = atomic_get(beats);
  atomic_set(stop, 1);
  k_thread_join(b, K_FOREVER);
  printk(
    `hog_held=${hog_held} recovered=${recovered ? 1 : 0} pushed=${pushed_len} beats_went_on=${beats_now > beats_then ? 1 : 0} free_after=${z_heap_largest_free() >= <usize>CHUNK ? 1 : 0}\n`,
  );
  return 0;
}
