// Spinlocks (include/zephyr/spinlock.h, kernel/spinlock_validate.c).
//
// k_spin_lock masks local interrupts, then (SMP) takes the lock word by CAS, or by ticket
// under CONFIG_TICKET_SPINLOCKS (FIFO: "the FIFO tail value is atomically incremented while
// its original value is saved as a ticket; we spin until the head equals the ticket").
//
// Paravirtual relax: a waiter spins at most kernel().spin_budget times, then parks its host
// thread in Atomics.wait on the owner word (host_park) and is woken by the release. With more
// virtual CPUs than host cores a pure spinner would burn the slice the holder needs.
//
// Not recursive: relocking a lock this CPU holds is a fatal error under CONFIG_SPIN_VALIDATE
// (and a deadlock without it). Holding a spinlock across a context switch is illegal.

import { k_spinlock, K_SPINLOCK_OWNER, K_SPINLOCK_TAIL, K_SPINLOCK_PARKED, HELD_LOCKS_MAX } from "../generated/layout";
import { arch_irq_lock, arch_irq_unlock, arch_curr_cpu, cpu_id, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { CONFIG_SMP, CONFIG_TICKET_SPINLOCKS, CONFIG_SPIN_VALIDATE } from "./config";
import { z_spin_validate_fail } from "./fatal";
import { current_thread_id } from "./sched";

/** The interrupt state saved by k_spin_lock, tagged with the lock's address (bit 0 = masked). */
export type k_spinlock_key_t = u32;

/** A safety net only: a parked waiter re-checks the lock this often even if never notified. */
// @ts-ignore: decorator
@inline const PARK_TIMEOUT_MS: f64 = 100;

/**
 * Locks `l`, masking interrupts on this CPU. Returns the key that k_spin_unlock needs.
 * Illegal: taking a lock this CPU already holds (fatal under CONFIG_SPIN_VALIDATE).
 */
export function k_spin_lock(l: k_spinlock): k_spinlock_key_t {
  const key = arch_irq_lock();
  if (CONFIG_SPIN_VALIDATE) z_spin_lock_valid(l);
  if (CONFIG_SMP) arch_spin_acquire(l);
  if (CONFIG_SPIN_VALIDATE) z_spin_lock_set_owner(l);
  return <u32>changetype<usize>(l) | key;
}

/**
 * Tries to lock `l` once. Returns the key (as a non-negative i64), or -EBUSY if another CPU
 * holds it (interrupts are then left as they were). Zephyr returns the key through a pointer.
 */
export function k_spin_trylock(l: k_spinlock): i64 {
  const key = arch_irq_lock();
  if (CONFIG_SPIN_VALIDATE) z_spin_lock_valid(l);
  if (CONFIG_SMP) {
    let got = false;
    if (CONFIG_TICKET_SPINLOCKS) {
      const owner = atomic.load<u32>(changetype<usize>(l), K_SPINLOCK_OWNER);
      got = atomic.cmpxchg<u32>(changetype<usize>(l), owner, owner + 1, K_SPINLOCK_TAIL) == owner;
    } else {
      got = atomic.cmpxchg<u32>(changetype<usize>(l), 0, 1, K_SPINLOCK_OWNER) == 0;
    }
    if (!got) {
      trylock_relax(l);
      arch_irq_unlock(key);
      return -16; // -EBUSY
    }
    trylock_streak = 0;
  }
  if (CONFIG_SPIN_VALIDATE) z_spin_lock_set_owner(l);
  return <i64>(<u32>changetype<usize>(l) | key);
}

/**
 * Unlocks `l` and restores interrupts from `key`. Illegal: unlocking a lock this CPU does not
 * hold, or with another lock's key (both fatal under CONFIG_SPIN_VALIDATE).
 */
export function k_spin_unlock(l: k_spinlock, key: k_spinlock_key_t): void {
  k_spin_release(l, key);
  arch_irq_unlock(key);
}

/** Releases `l` but leaves interrupts masked (Zephyr's k_spin_release; used by z_swap). */
export function k_spin_release(l: k_spinlock, key: k_spinlock_key_t): void {
  if (CONFIG_SPIN_VALIDATE) z_spin_unlock_valid(l, key);
  if (CONFIG_SMP) arch_spin_release(l);
}

/** True if some CPU holds `l` (k_spin_is_locked, for assertions). */
export function z_spin_is_locked(l: k_spinlock): bool {
  if (CONFIG_TICKET_SPINLOCKS) return l.owner != l.tail;
  return l.owner != 0;
}

// --- paravirtual trylock relax ("pause-loop exiting") --------------------------------------
// A guest that retries k_spin_trylock in a tight loop spins exactly like a lock waiter, and on
// an oversubscribed host it burns the core that a descheduled holder needs. Hypervisors detect
// such pause loops and yield the spinning vCPU; wasmp does the same: after spin_budget
// consecutive failures on the same lock this CPU sleeps its host thread on the lock word until
// the word changes or TRYLOCK_PARK_MS passes, then returns -EBUSY as usual (and, while the
// streak lasts, sleeps again after every few failures). The guest sees a trylock that took
// longer, as if its virtual CPU had been descheduled; it never sees a trylock succeed or fail
// differently. Not done when this CPU itself holds the lock (an ISR polling a lock its
// interrupted thread holds): that holder cannot run until the ISR returns.
// Per-CPU state (Wasm globals are per instance): the lock last failed on and the streak.

// @ts-ignore: decorator
@inline const TRYLOCK_PARK_MS: f64 = 1;
// @ts-ignore: decorator
@inline const TRYLOCK_POLLS_BETWEEN_SLEEPS: u32 = 8;
let trylock_lock: usize = 0;
let trylock_streak: u32 = 0;

function trylock_relax(l: k_spinlock): void {
  const p = changetype<usize>(l);
  if (trylock_lock != p) { trylock_lock = p; trylock_streak = 0; }
  const budget = kernel().spin_budget;
  if (++trylock_streak < budget) return;
  // While the streak goes on (no success, same lock), poll only a few times between sleeps:
  // a holder stalled for milliseconds then costs the poller a few failures per millisecond.
  trylock_streak = budget > TRYLOCK_POLLS_BETWEEN_SLEEPS ? budget - TRYLOCK_POLLS_BETWEEN_SLEEPS : 0;
  if (CONFIG_SPIN_VALIDATE && (l.thread_cpu & 0xff) == <u32>(cpu_id + 1)) return;
  // No `parked` registration: a CAS release wakes one parked waiter, and that wake-up must go
  // to a k_spin_lock waiter, never be spent on a trylock poller. The short timeout bounds it.
  const now = atomic.load<u32>(p, K_SPINLOCK_OWNER);
  if (CONFIG_TICKET_SPINLOCKS) {
    if (now != atomic.load<u32>(p, K_SPINLOCK_TAIL)) host_park(p + K_SPINLOCK_OWNER, now, TRYLOCK_PARK_MS);
  } else if (now != 0) {
    host_park(p + K_SPINLOCK_OWNER, now, TRYLOCK_PARK_MS);
  }
}

// --- the lock word ------------------------------------------------------------------------

export function arch_spin_acquire(l: k_spinlock): void {
  const p = changetype<usize>(l);
  if (CONFIG_TICKET_SPINLOCKS) {
    const ticket = atomic.add<u32>(p, 1, K_SPINLOCK_TAIL);          // i32.atomic.rmw.add offset=4
    if (atomic.load<u32>(p, K_SPINLOCK_OWNER) != ticket) wait_ticket(p, ticket);
  } else {
    if (atomic.cmpxchg<u32>(p, 0, 1, K_SPINLOCK_OWNER) != 0) wait_cas(p); // i32.atomic.rmw.cmpxchg
  }
}

export function arch_spin_release(l: k_spinlock): void {
  const p = changetype<usize>(l);
  // Ordering: the release store comes first; a waiter increments `parked` before it re-reads
  // the owner word, and Atomics.wait re-checks the value, so no wake-up is lost.
  if (CONFIG_TICKET_SPINLOCKS) {
    atomic.add<u32>(p, 1, K_SPINLOCK_OWNER);
    if (atomic.load<u32>(p, K_SPINLOCK_PARKED) != 0) atomic.notify(p + K_SPINLOCK_OWNER, -1);
  } else {
    atomic.store<u32>(p, 0, K_SPINLOCK_OWNER);
    if (atomic.load<u32>(p, K_SPINLOCK_PARKED) != 0) atomic.notify(p + K_SPINLOCK_OWNER, 1);
  }
}

function wait_cas(p: usize): void {
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  while (true) {
    if (atomic.load<u32>(p, K_SPINLOCK_OWNER) == 0
        && atomic.cmpxchg<u32>(p, 0, 1, K_SPINLOCK_OWNER) == 0) return;
    if (++spins < budget) continue;
    atomic.add<u32>(p, 1, K_SPINLOCK_PARKED);
    if (atomic.load<u32>(p, K_SPINLOCK_OWNER) != 0) host_park(p + K_SPINLOCK_OWNER, 1, PARK_TIMEOUT_MS);
    atomic.sub<u32>(p, 1, K_SPINLOCK_PARKED);
    spins = 0;
  }
}

function wait_ticket(p: usize, ticket: u32): void {
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  while (true) {
    const owner = atomic.load<u32>(p, K_SPINLOCK_OWNER);
    if (owner == ticket) return;
    if (++spins < budget) continue;
    atomic.add<u32>(p, 1, K_SPINLOCK_PARKED);
    const now = atomic.load<u32>(p, K_SPINLOCK_OWNER);
    if (now != ticket) host_park(p + K_SPINLOCK_OWNER, now, PARK_TIMEOUT_MS);
    atomic.sub<u32>(p, 1, K_SPINLOCK_PARKED);
    spins = 0;
  }
}

// --- CONFIG_SPIN_VALIDATE ------------------------------------------------------------------
// thread_cpu = (current thread id << 8) | (cpu id + 1); 0 means free.

function z_spin_lock_valid(l: k_spinlock): void {
  const tc = l.thread_cpu;
  if (tc != 0 && (tc & 0xff) == <u32>(cpu_id + 1)) {
    z_spin_validate_fail(l, "Recursive spinlock: this CPU already holds it");
  }
}

function z_spin_lock_set_owner(l: k_spinlock): void {
  l.thread_cpu = (current_thread_id() << 8) | <u32>(cpu_id + 1);
  const cpu = arch_curr_cpu();
  const n = cpu.locks_held;
  if (n < <u32>HELD_LOCKS_MAX) cpu.set_held_at(n, changetype<usize>(l));
  cpu.locks_held = n + 1;
}

function z_spin_unlock_valid(l: k_spinlock, key: k_spinlock_key_t): void {
  const tc = l.thread_cpu;
  if (tc == 0) z_spin_validate_fail(l, "Unlock of a spinlock that is not held");
  if ((tc & 0xff) != <u32>(cpu_id + 1)) z_spin_validate_fail(l, "Not my spinlock: held by another CPU");
  if ((key & ~3) != <u32>changetype<usize>(l)) z_spin_validate_fail(l, "Spinlock unlocked with the key of another lock");
  l.thread_cpu = 0;
  const cpu = arch_curr_cpu();
  const n = cpu.locks_held;
  // Locks are normally released innermost first; find this one and close the gap.
  let found = -1;
  for (let i = <i32>min(n, <u32>HELD_LOCKS_MAX) - 1; i >= 0; i--) {
    if (cpu.held_at(i) == changetype<usize>(l)) { found = i; break; }
  }
  if (found >= 0) {
    for (let i = found; i < <i32>min(n, <u32>HELD_LOCKS_MAX) - 1; i++) cpu.set_held_at(i, cpu.held_at(i + 1));
  }
  cpu.locks_held = n - 1;
}

/** Moves validation ownership of `l` to the thread now current on this CPU (z_swap hand-off). */
export function z_spin_lock_set_owner_current(l: k_spinlock): void {
  if (CONFIG_SPIN_VALIDATE) l.thread_cpu = (current_thread_id() << 8) | <u32>(cpu_id + 1);
}

/** Force-releases every lock this CPU holds: used when a thread dies of a fatal error. */
export function z_spin_release_all_held(): void {
  if (!CONFIG_SPIN_VALIDATE) return;
  const cpu = arch_curr_cpu();
  while (cpu.locks_held > 0) {
    const n = cpu.locks_held;
    if (n > <u32>HELD_LOCKS_MAX) { cpu.locks_held = n - 1; continue; }
    const l = changetype<k_spinlock>(cpu.held_at(n - 1));
    l.thread_cpu = 0;
    if (CONFIG_SMP) arch_spin_release(l);
    cpu.locks_held = n - 1;
  }
}
