// Mirrors the benchmark loops of the Wasm harness (test/apps/bench_hotpath.ts: hp_lock_loop,
// hp_runq_loop) for the TypeScript twin (twin/), with the same PRNG and the same checksum, so a
// benchmark run also checks that both implementations made the same choices.

import { k_thread, K_HIGHEST_THREAD_PRIO, K_NUM_THREAD_PRIO } from "../../src/generated/contract.js";
import { type KernelMem, k_spin_lock, k_spin_unlock, runq_add, runq_best, runq_remove } from "../../twin/index.js";

/** n times: lock, counter += 1 (plain read-modify-write: only the lock makes it exact), unlock. */
export function lockLoop(m: KernelMem, l: number, counter: number, n: number): void {
  const u32 = m.u32,
    c = counter >> 2;
  for (let i = 0; i < n; i++) {
    const key = k_spin_lock(m, l);
    u32[c] = u32[c]! + 1;
    k_spin_unlock(m, l, key);
  }
}

/**
 * hp_runq_loop: xorshift32 from `seed`; per iteration remove thread[x % n], set its priority to
 * (x >> 8) % K_NUM_THREAD_PRIO + K_HIGHEST_THREAD_PRIO (-16..15), insert it, then runq_best on CPU (x >> 16) % ncpus; returns the hash of
 * the chosen addresses. `threads` is the address of an array of n u32 thread addresses.
 */
export function runqLoop(m: KernelMem, threads: number, n: number, iters: number, seed: number, ncpus: number): number {
  const u32 = m.u32,
    i32 = m.i32;
  let x = seed | 0;
  let sum = 0;
  for (let i = 0; i < iters; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5; // u32 xorshift on i32 bit patterns
    const xu = x >>> 0;
    const t = u32[(threads >> 2) + (xu % n)]!;
    runq_remove(m, t);
    i32[(t + k_thread.prio) >> 2] = ((xu >>> 8) % K_NUM_THREAD_PRIO) + K_HIGHEST_THREAD_PRIO;
    runq_add(m, t);
    m.setCpu((xu >>> 16) % ncpus);
    sum = Math.imul(sum ^ runq_best(m), 16777619);
  }
  return sum >>> 0;
}
