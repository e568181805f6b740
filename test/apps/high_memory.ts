// Memory above 2 GiB (issue 10): fills the heap with 256 MiB blocks, so that what is allocated
// next (threads, their save areas, a semaphore, strings) comes from the top of memory, then
// runs threads there that switch, migrate and hand a semaphore round, and one that faults (its
// fatal report names it). At CONFIG_WASMP_MEMORY_MB=4095 every address involved is above
// 2 GiB, where a signed 32-bit view of an address is negative. test/boot.test.ts runs it.
import {
  printk,
  k_malloc,
  k_free,
  k_sem_alloc,
  k_sem_give,
  k_sem_take,
  k_sem,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  k_thread_start,
  k_tid_t,
  k_msleep,
  arch_curr_cpu_id,
  K_FOREVER,
  K_NO_WAIT,
} from "wasmp";

// @ts-ignore: decorator
@inline const BLOCK: usize = (256 << 20) - 16; // a 256 MiB block with its 16-byte header
// @ts-ignore: decorator
@inline const MAX_BLOCKS: i32 = 16;
// @ts-ignore: decorator
@inline const ROUNDS: i32 = 2000;
// @ts-ignore: decorator
@inline const WORKERS: i32 = 4;

// [0] the semaphore (u32), [4] passes counted (u32), [8] CPUs seen (u32 mask).
const words = memory.data(12, 4);

function worker(p1: usize, p2: usize, p3: usize): void {
  const sem = changetype<k_sem>(load<u32>(words, 0));
  for (let i = 0; i < ROUNDS; i++) {
    k_sem_take(sem, K_FOREVER);
    atomic.add<u32>(words, 1, 4);
    atomic.or<u32>(words, 1 << arch_curr_cpu_id(), 8);
    k_sem_give(sem);
    if (i % 256 == 0) k_msleep(1); // switch out and back, maybe on another CPU
  }
}

function faulty(p1: usize, p2: usize, p3: usize): void {
  const v = load<u32>(0xfffffff0); // above the end of memory
  printk(`not reached ${v}\n`);
}

export function main(): i32 {
  // Fill the heap: nothing is coalesced, so every later allocation comes from what is left at
  // the top (below the CPUs' unwind scratch areas).
  const blocks = new StaticArray<usize>(MAX_BLOCKS);
  let n = 0;
  while (n < MAX_BLOCKS) {
    const b = k_malloc(BLOCK);
    if (b == 0) break;
    store<u8>(b + BLOCK - 1, <u8>n); // the block is usable to its last byte
    blocks[n++] = b;
  }
  let ok = true;
  for (let i = 0; i < n; i++) ok = ok && load<u8>(blocks[i] + BLOCK - 1) == <u8>i;
  const last = n > 0 ? blocks[n - 1] + BLOCK : 0;
  printk(`blocks ${n} last_end 0x${last.toString(16)} intact ${ok ? "yes" : "no"}\n`);

  const sem = k_sem_alloc(1, 1);
  store<u32>(words, <u32>changetype<usize>(sem), 0);
  const t = new StaticArray<k_tid_t>(WORKERS);
  for (let i = 0; i < WORKERS; i++) t[i] = k_thread_create(4096, worker, 0, 0, 0, 1, 0, K_NO_WAIT);
  const f = k_thread_create(4096, faulty, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(f, "high_faulty");
  k_thread_start(f);
  for (let i = 0; i < WORKERS; i++) k_thread_join(t[i], K_FOREVER);
  k_thread_join(f, K_FOREVER);
  const s = `a string made at the top (${n} blocks below)`;
  printk(
    `thread 0x${changetype<usize>(t[0]).toString(16)} sem 0x${changetype<usize>(sem).toString(16)} string 0x${changetype<usize>(s).toString(16)}\n`,
  );
  printk(`passes ${atomic.load<u32>(words, 4)} cpus 0x${atomic.load<u32>(words, 8).toString(16)}\n`);
  for (let i = 0; i < n; i++) k_free(blocks[i]);
  return ok ? 0 : 1;
}
