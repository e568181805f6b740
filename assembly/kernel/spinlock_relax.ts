// The paravirtual relax policy: what a CPU that cannot take a spinlock does instead of
// spinning forever (wasmp's own; Zephyr's arch_spin_relax is a pause instruction). A virtual
// CPU is a host thread, and a host with fewer cores than virtual CPUs does not run all of them:
// a pure spinner would burn the core that the lock holder needs. So every wait loop in wasmp
// spins kernel().spin_budget times and then parks its host thread in Atomics.wait (host_park)
// on the word it waits for, until the word changes or a timeout passes:
//
// - spinlock waiters (spinlock.ts wait_cas / wait_ticket) use the policy of this file: after
//   each budget of spins, optimistic spinning (below), then park on the owner word; the
//   release wakes parked waiters (one for CAS, all for ticket). The next ticket in line spins
//   on for NEXT_TICKET_ROUNDS budgets before it parks: a hand-off to a parked waiter costs a
//   host wake-up, and with short critical sections every hand-off would cost one (a convoy).
// - k_spin_trylock pollers: trylock_relax ("pause-loop exiting", below).
// - the other wait loops only spin a budget, then park with a short timeout, and repeat; none
//   of them decodes anything from the budget: irq_lock.ts (the global irq_lock), sched.ts
//   z_sched_switch_spin (a switched-out thread's handle), thread.ts thread_halt_spin (a thread
//   halting on another CPU). vcpu_yield.ts does not spin on a word; it decides from beats.
//
// Optimistic spinning (Linux's, for a mutex whose owner is on a CPU): while the holder's CPU
// runs (known under CONFIG_SPIN_VALIDATE from the lock's thread_cpu; vcpu_yield.ts decides
// "runs"), a waiter spins on for up to OPTIMISTIC_SPINS spins before it parks anyway. Only on
// an oversubscribed host (z_kernel.oversubscribed, written by the host: more virtual CPUs than
// host cores), where parking then waking costs more than the holder takes; with a core per
// CPU, longer spinning made cross-CPU wake-ups up to 2x slower, so there rounds = 1: one
// budget, then park.

import {
  k_spinlock,
  K_SPINLOCK_OWNER,
  K_SPINLOCK_TAIL,
  K_SPINLOCK_THREAD_CPU,
  thread_cpu_cpu_plus_one,
} from "../generated/contract";
import { cpu_id, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { CONFIG_SPIN_VALIDATE, CONFIG_TICKET_SPINLOCKS } from "./config";
import { z_vcpu_holder_running } from "./vcpu_yield";

/** A safety net only: a parked waiter re-checks the lock this often even if never notified. */
// @ts-ignore: decorator
@inline export const PARK_TIMEOUT_MS: f64 = 100;
/** Budgets of spins the next ticket in line makes before it parks (see the header). */
// @ts-ignore: decorator
@inline export const NEXT_TICKET_ROUNDS: u32 = 64;
/**
 * Spins a waiter makes at most while the holder's CPU runs, before it parks anyway, on an
 * oversubscribed host: 8 rounds of its spin budget of 64.
 */
// @ts-ignore: decorator
@inline export const OPTIMISTIC_SPINS: u32 = 512;

/** Rounds of `budget` spins a waiter makes while the holder runs: 1 unless oversubscribed. */
// @ts-ignore: decorator
@inline export function optimistic_rounds(budget: u32): u32 {
  if (kernel().oversubscribed == 0) return 1;
  return max<u32>(1, OPTIMISTIC_SPINS / max<u32>(budget, 1));
}

/**
 * Optimistic spinning: true while the holder of the lock at `p` is known (CONFIG_SPIN_VALIDATE)
 * and its CPU, not this one, runs (kernel/vcpu_yield.ts). False when the holder is unknown.
 */
export function holder_running(p: usize): bool {
  if (!CONFIG_SPIN_VALIDATE) return false;
  const tc = atomic.load<u32>(p, K_SPINLOCK_THREAD_CPU);
  if (tc == 0) return false;
  const c = <i32>thread_cpu_cpu_plus_one(tc) - 1;
  return c != cpu_id && z_vcpu_holder_running(c);
}

// --- paravirtual trylock relax ("pause-loop exiting") --------------------------------------
// A guest that retries k_spin_trylock in a tight loop spins exactly like a lock waiter, and on
// an oversubscribed host it burns the core that a descheduled holder needs. Hypervisors detect
// such pause loops and yield the spinning vCPU; wasmp does the same: after spin_budget
// consecutive failures on the same lock, unless the holder's CPU is seen running
// (holder_running, under CONFIG_SPIN_VALIDATE), this CPU sleeps its host thread on the lock word until
// the word changes or TRYLOCK_PARK_MS passes, then returns -EBUSY as usual (and, while the
// streak lasts, sleeps again after every few failures). The guest sees a
// trylock that took longer, as if its virtual CPU had been descheduled; it never sees a
// trylock succeed or fail differently. Not done when this CPU itself holds the lock (an ISR
// polling a lock its interrupted thread holds): that holder cannot run until the ISR returns.
// Per-CPU state (Wasm globals are per instance): the lock last failed on and the streak.

/** How long a trylock poller sleeps: short, since it gets no wake-up (see trylock_relax). */
// @ts-ignore: decorator
@inline const TRYLOCK_PARK_MS: f64 = 1;
/** Failures between two sleeps while a streak lasts. */
// @ts-ignore: decorator
@inline const TRYLOCK_POLLS_BETWEEN_SLEEPS: u32 = 8;
let trylock_lock: usize = 0;
let trylock_streak: u32 = 0;

/** A k_spin_trylock succeeded: the streak of failures ends. */
// @ts-ignore: decorator
@inline export function trylock_relax_reset(): void {
  trylock_streak = 0;
}

/** A k_spin_trylock on `l` failed: counts the streak and, past the budget, may sleep. */
export function trylock_relax(l: k_spinlock): void {
  const p = changetype<usize>(l);
  if (trylock_lock != p) {
    trylock_lock = p;
    trylock_streak = 0;
  }
  const budget = kernel().spin_budget;
  if (++trylock_streak < budget) return;
  // While the streak goes on (no success, same lock), poll only a few times between sleeps:
  // a holder stalled for milliseconds then costs the poller a few failures per millisecond.
  trylock_streak = budget > TRYLOCK_POLLS_BETWEEN_SLEEPS ? budget - TRYLOCK_POLLS_BETWEEN_SLEEPS : 0;
  if (CONFIG_SPIN_VALIDATE && thread_cpu_cpu_plus_one(l.thread_cpu) == <u32>(cpu_id + 1)) return;
  // A holder whose CPU runs will release soon: poll on, as a lock waiter spins on.
  if (holder_running(p)) {
    trylock_streak = 0;
    return;
  }
  // No `parked` registration: a CAS release wakes one parked waiter, and that wake-up must go
  // to a k_spin_lock waiter, never be spent on a trylock poller. The short timeout bounds it.
  const now = atomic.load<u32>(p, K_SPINLOCK_OWNER);
  if (CONFIG_TICKET_SPINLOCKS) {
    if (now != atomic.load<u32>(p, K_SPINLOCK_TAIL)) host_park(p + K_SPINLOCK_OWNER, now, TRYLOCK_PARK_MS);
  } else if (now != 0) {
    host_park(p + K_SPINLOCK_OWNER, now, TRYLOCK_PARK_MS);
  }
}
