// Spinlocks (include/zephyr/spinlock.h): k_spin_lock, k_spin_trylock, k_spin_unlock and the
// lock word (arch_spin_acquire / arch_spin_release) with its wait loops. What a waiter does
// while it waits is the paravirtual relax policy (spinlock_relax.ts); the CONFIG_SPIN_VALIDATE
// checks are spinlock_validate.ts (kernel/spinlock_validate.c).
//
// k_spin_lock masks local interrupts, then (SMP) takes the lock word by CAS, or by ticket
// under CONFIG_TICKET_SPINLOCKS (FIFO: "the FIFO tail value is atomically incremented while
// its original value is saved as a ticket; we spin until the head equals the ticket"). The
// key it returns is the lock's address | the interrupt state (the contract's spinlock-key
// encoding, docs/contract.md).
//
// Not recursive: relocking a lock this CPU holds is a fatal error under CONFIG_SPIN_VALIDATE
// (and a deadlock without it). Holding a spinlock across a context switch is illegal.

import { k_spinlock, K_SPINLOCK_OWNER, K_SPINLOCK_TAIL, K_SPINLOCK_PARKED, EBUSY } from "../generated/contract";
import { arch_irq_lock, arch_irq_unlock, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { CONFIG_SMP, CONFIG_TICKET_SPINLOCKS, CONFIG_SPIN_VALIDATE } from "./config";
import { z_spin_lock_set_owner, z_spin_lock_valid, z_spin_unlock_valid } from "./spinlock_validate";
import {
  NEXT_TICKET_ROUNDS,
  PARK_TIMEOUT_MS,
  holder_running,
  optimistic_rounds,
  trylock_relax,
  trylock_relax_reset,
} from "./spinlock_relax";

/** The interrupt state saved by k_spin_lock, tagged with the lock's address (bit 0 = masked). */
export type k_spinlock_key_t = u32;

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
      return -EBUSY;
    }
    trylock_relax_reset();
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

/**
 * Releases `l` but leaves interrupts masked (Zephyr's internal k_spin_release; used by z_swap).
 * Zephyr's takes only the lock; `key`, when given, is also checked against the lock (0 = none).
 */
export function k_spin_release(l: k_spinlock, key: k_spinlock_key_t = 0): void {
  if (CONFIG_SPIN_VALIDATE) z_spin_unlock_valid(l, key);
  if (CONFIG_SMP) arch_spin_release(l);
}

/** True if some CPU holds `l` (k_spin_is_locked, for assertions). */
export function z_spin_is_locked(l: k_spinlock): bool {
  if (CONFIG_TICKET_SPINLOCKS) return l.owner != l.tail;
  return l.owner != 0;
}

// --- the lock word ------------------------------------------------------------------------

export function arch_spin_acquire(l: k_spinlock): void {
  const p = changetype<usize>(l);
  if (CONFIG_TICKET_SPINLOCKS) {
    const ticket = atomic.add<u32>(p, 1, K_SPINLOCK_TAIL); // i32.atomic.rmw.add offset=4
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

/** Waits for a CAS lock: a budget of spins, optimistic rounds while the holder runs, then park. */
function wait_cas(p: usize): void {
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  let rounds: u32 = 0;
  while (true) {
    if (atomic.load<u32>(p, K_SPINLOCK_OWNER) == 0 && atomic.cmpxchg<u32>(p, 0, 1, K_SPINLOCK_OWNER) == 0) return;
    if (++spins < budget) continue;
    spins = 0;
    if (++rounds < optimistic_rounds(budget) && holder_running(p)) continue;
    rounds = 0;
    atomic.add<u32>(p, 1, K_SPINLOCK_PARKED);
    if (atomic.load<u32>(p, K_SPINLOCK_OWNER) != 0) host_park(p + K_SPINLOCK_OWNER, 1, PARK_TIMEOUT_MS);
    atomic.sub<u32>(p, 1, K_SPINLOCK_PARKED);
    spins = 0;
  }
}

/** Waits for `ticket`: as wait_cas, and the next ticket in line spins NEXT_TICKET_ROUNDS budgets first. */
function wait_ticket(p: usize, ticket: u32): void {
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  let next_rounds: u32 = 0;
  let rounds: u32 = 0;
  while (true) {
    const owner = atomic.load<u32>(p, K_SPINLOCK_OWNER);
    if (owner == ticket) return;
    if (++spins < budget) continue;
    spins = 0;
    // The next ticket in line spins on for a while (NEXT_TICKET_ROUNDS budgets): a hand-off
    // to a parked waiter costs a host wake-up, and with short critical sections every
    // hand-off would cost one (a convoy).
    if (ticket - owner == 1 && ++next_rounds < NEXT_TICKET_ROUNDS) continue;
    next_rounds = 0;
    if (++rounds < optimistic_rounds(budget) && holder_running(p)) continue;
    rounds = 0;
    atomic.add<u32>(p, 1, K_SPINLOCK_PARKED);
    const now = atomic.load<u32>(p, K_SPINLOCK_OWNER);
    if (now != ticket) host_park(p + K_SPINLOCK_OWNER, now, PARK_TIMEOUT_MS);
    atomic.sub<u32>(p, 1, K_SPINLOCK_PARKED);
    spins = 0;
  }
}
