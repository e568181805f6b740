// Mirrors assembly/kernel/spinlock.ts (k_spin_lock, k_spin_trylock, k_spin_unlock,
// k_spin_release, z_spin_is_locked, arch_spin_acquire/release, wait_cas, wait_ticket) over the
// same k_spinlock words, so that Wasm CPUs and TypeScript workers can share one lock. When a
// waiter spins on and when it parks is the relax policy of twin/kernel/spinlock_relax.ts.
//
// Not mirrored: CONFIG_SPIN_VALIDATE (thread_cpu and the per-CPU held-locks list,
// assembly/kernel/spinlock_validate.ts), and with it the kernel's optimistic spinning (a waiter
// spins on while the holder's CPU runs). These functions behave like the kernel built without
// it; benchmarks/lib/harness.ts builds the Wasm side the same way.
//
// The protocol, word for word the same as the Wasm one:
//   CAS:    owner is 0 (free) or 1. acquire = CAS(owner, 0, 1); release = store(owner, 0).
//   ticket: ticket = fetch_add(tail, 1); the lock is ours when owner == ticket;
//           release = fetch_add(owner, 1). Free when owner == tail. Words wrap at 2^32.
//   park:   after spin_budget failed spins a waiter increments `parked`, re-reads owner and,
//           if the lock is still not available, Atomics.wait(owner, seen value, PARK_TIMEOUT_MS);
//           then decrements `parked`. A release stores owner FIRST and then notifies owner
//           if `parked != 0` (1 waiter for CAS, all for ticket: only one ticket can proceed
//           and we do not know which waiter holds it). Because a waiter publishes `parked`
//           before its re-read, and Atomics.wait re-checks the value atomically, a wake-up
//           cannot be lost; the PARK_TIMEOUT_MS timeout is only a safety net. The next ticket
//           in line spins NEXT_TICKET_ROUNDS budgets before it parks.
// Int32Array atomics operate on i32: u32 words are compared as i32 bit patterns (`| 0`).

import { errno, k_spinlock } from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";
import {
  holder_running,
  NEXT_TICKET_ROUNDS,
  optimistic_rounds,
  PARK_TIMEOUT_MS,
  trylock_relax,
} from "./spinlock_relax.js";

/** Locks the k_spinlock at `l`, masking interrupts; returns the key for k_spin_unlock. */
export function k_spin_lock(m: KernelMem, l: number): number {
  const key = m.irqLock();
  if (m.smp) arch_spin_acquire(m, l);
  return (l | key) >>> 0;
}

/**
 * Tries once. Returns the key (>= 0), or -EBUSY with interrupts left as they were.
 * Ticket mode takes a ticket only if it would be served at once: CAS(tail, owner, owner + 1).
 */
export function k_spin_trylock(m: KernelMem, l: number): number {
  const key = m.irqLock();
  if (m.smp) {
    const i32 = m.i32;
    let got: boolean;
    if (m.ticket) {
      const owner = Atomics.load(i32, (l + k_spinlock.owner) >> 2);
      got = Atomics.compareExchange(i32, (l + k_spinlock.tail) >> 2, owner, (owner + 1) | 0) === owner;
    } else {
      got = Atomics.compareExchange(i32, (l + k_spinlock.owner) >> 2, 0, 1) === 0;
    }
    if (!got) {
      trylock_relax(m, l);
      m.irqUnlock(key);
      return -errno.EBUSY;
    }
    m.trylockStreak = 0;
  }
  return (l | key) >>> 0;
}

/** Unlocks `l` and restores interrupts from `key`. */
export function k_spin_unlock(m: KernelMem, l: number, key: number): void {
  k_spin_release(m, l, key);
  m.irqUnlock(key);
}

/** Releases `l` leaving interrupts masked (z_swap's k_spin_release). */
export function k_spin_release(m: KernelMem, l: number, _key: number): void {
  if (m.smp) arch_spin_release(m, l);
}

/** True if some CPU holds `l`. */
export function z_spin_is_locked(m: KernelMem, l: number): boolean {
  if (m.ticket) return m.u32[(l + k_spinlock.owner) >> 2] !== m.u32[(l + k_spinlock.tail) >> 2];
  return m.u32[(l + k_spinlock.owner) >> 2] !== 0;
}

// --- the lock word ------------------------------------------------------------------------

export function arch_spin_acquire(m: KernelMem, l: number): void {
  const i32 = m.i32;
  if (m.ticket) {
    const ticket = Atomics.add(i32, (l + k_spinlock.tail) >> 2, 1);
    if (Atomics.load(i32, (l + k_spinlock.owner) >> 2) !== ticket) wait_ticket(m, l, ticket);
  } else {
    if (Atomics.compareExchange(i32, (l + k_spinlock.owner) >> 2, 0, 1) !== 0) wait_cas(m, l);
  }
}

export function arch_spin_release(m: KernelMem, l: number): void {
  const i32 = m.i32;
  const owner = (l + k_spinlock.owner) >> 2;
  // Ordering: the release store comes first, then the `parked` check (see the header).
  if (m.ticket) {
    Atomics.add(i32, owner, 1);
    if (Atomics.load(i32, (l + k_spinlock.parked) >> 2) !== 0) Atomics.notify(i32, owner);
  } else {
    Atomics.store(i32, owner, 0);
    if (Atomics.load(i32, (l + k_spinlock.parked) >> 2) !== 0) Atomics.notify(i32, owner, 1);
  }
}

function wait_cas(m: KernelMem, l: number): void {
  const i32 = m.i32;
  const owner = (l + k_spinlock.owner) >> 2,
    parked = (l + k_spinlock.parked) >> 2;
  const budget = m.spinBudget();
  let spins = 0,
    rounds = 0;
  for (;;) {
    if (Atomics.load(i32, owner) === 0 && Atomics.compareExchange(i32, owner, 0, 1) === 0) return;
    // u32 `++spins < budget`: budget 0 means "park after every failed attempt", as in Wasm.
    if (++spins < budget) continue;
    spins = 0;
    if (++rounds < optimistic_rounds(m, budget) && holder_running(m, l)) continue;
    rounds = 0;
    Atomics.add(i32, parked, 1);
    if (Atomics.load(i32, owner) !== 0) Atomics.wait(i32, owner, 1, PARK_TIMEOUT_MS);
    Atomics.sub(i32, parked, 1);
    spins = 0;
  }
}

function wait_ticket(m: KernelMem, l: number, ticket: number): void {
  const i32 = m.i32;
  const owner = (l + k_spinlock.owner) >> 2,
    parked = (l + k_spinlock.parked) >> 2;
  const budget = m.spinBudget();
  let spins = 0,
    nextRounds = 0,
    rounds = 0;
  for (;;) {
    const seen = Atomics.load(i32, owner);
    if (seen === ticket) return;
    if (++spins < budget) continue;
    spins = 0;
    // The next ticket in line spins on for NEXT_TICKET_ROUNDS budgets (as the kernel does).
    if (((ticket - seen) | 0) === 1 && ++nextRounds < NEXT_TICKET_ROUNDS) continue;
    nextRounds = 0;
    if (++rounds < optimistic_rounds(m, budget) && holder_running(m, l)) continue;
    rounds = 0;
    Atomics.add(i32, parked, 1);
    const now = Atomics.load(i32, owner);
    if (now !== ticket) Atomics.wait(i32, owner, now, PARK_TIMEOUT_MS);
    Atomics.sub(i32, parked, 1);
    spins = 0;
  }
}
