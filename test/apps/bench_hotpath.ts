// Not a guest program: the Wasm side of the hot-path comparison (benchmarks/, issue #4).
//
// Thin exported wrappers around the kernel's REAL functions (assembly/kernel/spinlock.ts and
// sched.ts), compiled on their own by benchmarks/lib/harness.ts with asc (shared imported
// memory, threads, stub runtime), once with and once without KCONFIG_TICKET_SPINLOCKS. The
// kernel finds its state at kernel() = (__heap_base + 63) & ~63 and its CPU id in the
// per-instance global set by arch_cpu_set: the host lays out a z_kernel there
// (benchmarks/lib/fixture.ts) and calls hp_set_cpu before anything else.
//
// The hp_*_loop exports run the benchmark loops inside Wasm so that a measurement is the
// kernel code, not JS-to-Wasm call overhead; benchmarks/lib/loops.ts has the same loops
// for the TypeScript implementation, with the same PRNG, so their checksums must agree.

import { k_spinlock, k_thread, sys_dnode } from "../../assembly/generated/contract";
import { arch_cpu_set, kernel } from "../../assembly/arch/cpu";
import {
  k_spin_lock,
  k_spin_unlock,
  k_spin_trylock,
  arch_spin_acquire,
  arch_spin_release,
} from "../../assembly/kernel/spinlock";
import { z_priq_add, runq_add, runq_remove, runq_best } from "../../assembly/kernel/runq";
import {
  next_up,
  queue_thread,
  dequeue_thread,
  z_sched_switch_spin,
  ready_thread_locked,
  unready_thread_locked,
} from "../../assembly/kernel/sched";

export function hp_kernel_base(): usize {
  return changetype<usize>(kernel());
}
export function hp_set_cpu(id: i32): void {
  arch_cpu_set(id);
}

// --- spinlock ------------------------------------------------------------------------------
export function hp_spin_lock(l: usize): u32 {
  return k_spin_lock(changetype<k_spinlock>(l));
}
export function hp_spin_unlock(l: usize, key: u32): void {
  k_spin_unlock(changetype<k_spinlock>(l), key);
}
/** The key (an address | 1 bit, below 2^31) or -EBUSY: fits an i32, so JS gets a number. */
export function hp_spin_trylock(l: usize): i32 {
  return <i32>k_spin_trylock(changetype<k_spinlock>(l));
}
export function hp_arch_spin_acquire(l: usize): void {
  arch_spin_acquire(changetype<k_spinlock>(l));
}
export function hp_arch_spin_release(l: usize): void {
  arch_spin_release(changetype<k_spinlock>(l));
}

/** n times: lock, counter += 1 (plain, non-atomic: the lock must make it exact), unlock. */
export function hp_lock_loop(l: usize, counter: usize, n: i32): void {
  const lock = changetype<k_spinlock>(l);
  for (let i = 0; i < n; i++) {
    const key = k_spin_lock(lock);
    store<u32>(counter, load<u32>(counter) + 1);
    k_spin_unlock(lock, key);
  }
}

// --- run queue -----------------------------------------------------------------------------
export function hp_priq_add(list: usize, t: usize): void {
  z_priq_add(changetype<sys_dnode>(list), changetype<k_thread>(t));
}
export function hp_runq_add(t: usize): void {
  runq_add(changetype<k_thread>(t));
}
export function hp_runq_remove(t: usize): void {
  runq_remove(changetype<k_thread>(t));
}
export function hp_runq_best(): usize {
  const t = runq_best();
  return t == null ? 0 : changetype<usize>(t);
}
export function hp_next_up(): usize {
  return changetype<usize>(next_up());
}
export function hp_queue_thread(t: usize): void {
  queue_thread(changetype<k_thread>(t));
}
export function hp_dequeue_thread(t: usize): void {
  dequeue_thread(changetype<k_thread>(t));
}
export function hp_switch_spin(t: usize): void {
  z_sched_switch_spin(changetype<k_thread>(t));
}

/**
 * The run-queue benchmark loop (mirrored by runqLoop in benchmarks/lib/loops.ts). `threads`
 * is an array of `n` thread addresses, all queued. Each iteration draws x from xorshift32:
 * removes thread[x % n], gives it priority (x >> 8) % 32 - 16, inserts it again, then asks
 * runq_best on CPU (x >> 16) % ncpus. Returns an FNV-style hash of the chosen threads'
 * addresses (0 for none), so two implementations that choose alike return the same value.
 */
export function hp_runq_loop(threads: usize, n: u32, iters: i32, seed: u32, ncpus: u32): u32 {
  let x = seed;
  let sum: u32 = 0;
  for (let i = 0; i < iters; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    const t = changetype<k_thread>(load<u32>(threads + ((x % n) << 2)));
    runq_remove(t);
    t.prio = <i32>((x >> 8) % 32) - 16;
    runq_add(t);
    arch_cpu_set(<i32>((x >> 16) % ncpus));
    const b = runq_best();
    sum = (sum ^ (b == null ? 0 : <u32>changetype<usize>(b))) * 16777619;
  }
  return sum;
}

// --- used by the differential test's next_up scenarios --------------------------------------
export function hp_ready_thread(t: usize): void {
  ready_thread_locked(changetype<k_thread>(t));
}
export function hp_unready_thread(t: usize): void {
  unready_thread_locked(changetype<k_thread>(t));
}
