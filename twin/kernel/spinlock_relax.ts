// Mirrors assembly/kernel/spinlock_relax.ts: the paravirtual relax policy of the spinlock wait
// loops (twin/kernel/spinlock.ts) and of k_spin_trylock. A waiter spins spin_budget times, then
// parks its host thread on the owner word (PARK_TIMEOUT_MS safety net); the next ticket in line
// spins NEXT_TICKET_ROUNDS budgets first; a trylock poller that keeps failing sleeps
// TRYLOCK_PARK_MS every TRYLOCK_POLLS_BETWEEN_SLEEPS polls once it has failed a budget's worth.
//
// Optimistic spinning (spin on while the holder's CPU runs) is mirrored in its shape only: the
// kernel spins optimistic_rounds() more budgets, more than one only when z_kernel.oversubscribed
// is set, but only while holder_running(), which needs CONFIG_SPIN_VALIDATE's thread_cpu. The
// twin does not mirror validation (neither does the benchmark harness's Wasm build), so
// holder_running is false here and a waiter parks after one budget, as the kernel built without
// CONFIG_SPIN_VALIDATE does.

import { k_spinlock } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";

/** A parked waiter re-checks the lock this often even if never notified. */
export const PARK_TIMEOUT_MS = 100;
/** Budgets the next ticket in line spins before parking. */
export const NEXT_TICKET_ROUNDS = 64;
/** Most extra spins while the holder's CPU runs, on an oversubscribed host. */
export const OPTIMISTIC_SPINS = 512;
/** A trylock poller sleeps this long after a streak of failures. */
export const TRYLOCK_PARK_MS = 1;
export const TRYLOCK_POLLS_BETWEEN_SLEEPS = 8;

/** Budgets of spinning a waiter may make while the holder runs: max(1, 512 / budget) when oversubscribed, else 1. */
export function optimistic_rounds(m: KernelMem, budget: number): number {
  if (m.oversubscribed() === 0) return 1;
  return Math.max(1, Math.floor(OPTIMISTIC_SPINS / Math.max(budget, 1)));
}

/** Whether the holder of `l` is on a running CPU: unknown without CONFIG_SPIN_VALIDATE, so false. */
export function holder_running(_m: KernelMem, _l: number): boolean {
  return false;
}

/** Paravirtual trylock relax after a failed k_spin_trylock on `l`. */
export function trylock_relax(m: KernelMem, l: number): void {
  if (m.trylockLock !== l) {
    m.trylockLock = l;
    m.trylockStreak = 0;
  }
  const budget = m.spinBudget();
  m.trylockStreak = (m.trylockStreak + 1) >>> 0;
  if (m.trylockStreak < budget) return;
  m.trylockStreak = budget > TRYLOCK_POLLS_BETWEEN_SLEEPS ? budget - TRYLOCK_POLLS_BETWEEN_SLEEPS : 0;
  if (holder_running(m, l)) {
    // a running holder releases soon: poll on
    m.trylockStreak = 0;
    return;
  }
  // No `parked` registration: a CAS release's one wake-up must go to a k_spin_lock waiter.
  const i32 = m.i32,
    owner = (l + k_spinlock.owner) >> 2;
  const now = Atomics.load(i32, owner);
  if (m.ticket ? now !== Atomics.load(i32, (l + k_spinlock.tail) >> 2) : now !== 0) {
    Atomics.wait(i32, owner, now, TRYLOCK_PARK_MS);
  }
}
