// Spinlocks (include/zephyr/spinlock.h, kernel/spinlock_validate.c).
//
// k_spin_lock masks local interrupts, then (SMP) takes the lock word by CAS, or by ticket
// under CONFIG_TICKET_SPINLOCKS (FIFO: "the FIFO tail value is atomically incremented while
// its original value is saved as a ticket; we spin until the head equals the ticket").
//
// Paravirtual relax: a waiter spins kernel().spin_budget times; then, if the holder's CPU is
// running (known under CONFIG_SPIN_VALIDATE; kernel/vcpu_yield.ts), it spins on for up to
// OPTIMISTIC_SPINS more spins (optimistic spinning; only when the budget is short, i.e. with
// more CPUs than host cores: longer spinning made cross-CPU wake-ups up to 2x slower), else
// it parks its host thread in Atomics.wait on the owner word (host_park) and
// the release wakes it (one waiter for CAS, all for ticket). With more virtual CPUs than host
// cores a pure spinner would burn the slice the holder needs.
//
// Not recursive: relocking a lock this CPU holds is a fatal error under CONFIG_SPIN_VALIDATE
// (and a deadlock without it). Holding a spinlock across a context switch is illegal.

import { k_spinlock, k_thread, K_SPINLOCK_OWNER, K_SPINLOCK_TAIL, K_SPINLOCK_PARKED, K_SPINLOCK_THREAD_CPU, HELD_LOCKS_MAX } from "../generated/contract";
import { z_vcpu_holder_running } from "./vcpu_yield";
import { k_cycle_get_32 } from "./timeout";
import { arch_irq_lock, arch_irq_unlock, arch_curr_cpu, cpu_id, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { CONFIG_SMP, CONFIG_TICKET_SPINLOCKS, CONFIG_SPIN_VALIDATE } from "./config";
import { z_assert_fail } from "./assert";
import { current_thread_id, _THREAD_DUMMY, _THREAD_DEAD } from "./sched";

/** The interrupt state saved by k_spin_lock, tagged with the lock's address (bit 0 = masked). */
export type k_spinlock_key_t = u32;

/** A safety net only: a parked waiter re-checks the lock this often even if never notified. */
// @ts-ignore: decorator
@inline const PARK_TIMEOUT_MS: f64 = 100;
// @ts-ignore: decorator
@inline const NEXT_TICKET_ROUNDS: u32 = 64;
/**
 * Extra spins a waiter makes at most while the holder's CPU runs, before it parks anyway, in
 * rounds of spin_budget: 8 rounds with the budget of an oversubscribed host (64), none with
 * the budget of one with a core per CPU (2000), where the budget itself spins that long.
 */
// @ts-ignore: decorator
@inline const OPTIMISTIC_SPINS: u32 = 512;

// @ts-ignore: decorator
@inline function optimistic_rounds(budget: u32): u32 {
  return budget >= OPTIMISTIC_SPINS ? 1 : OPTIMISTIC_SPINS / max(budget, 1);
}

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

/**
 * Optimistic spinning: after each spin_budget spins a waiter looks at the holder (known under
 * CONFIG_SPIN_VALIDATE) and spins on while the holder's CPU runs (kernel/vcpu_yield.ts); it
 * parks when the holder's CPU is blocked or starved, or when the holder is unknown.
 */
function holder_running(p: usize): bool {
  if (!CONFIG_SPIN_VALIDATE) return false;
  const tc = atomic.load<u32>(p, K_SPINLOCK_THREAD_CPU);
  if (tc == 0) return false;
  const c = <i32>(tc & 0xff) - 1;
  return c != cpu_id && z_vcpu_holder_running(c);
}

function wait_cas(p: usize): void {
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  let rounds: u32 = 0;
  while (true) {
    if (atomic.load<u32>(p, K_SPINLOCK_OWNER) == 0
        && atomic.cmpxchg<u32>(p, 0, 1, K_SPINLOCK_OWNER) == 0) return;
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

// --- CONFIG_SPIN_VALIDATE ------------------------------------------------------------------
// thread_cpu = (current thread id << 8) | (cpu id + 1); 0 means free.
// Per CPU (kernel/spinlock_validate.c): locks_held counts every lock held (Zephyr's
// z_held_spinlock_count); held_outer is Zephyr's z_held_spinlock, set by a lock taken while it
// is 0 and cleared when that lock is released, so after lock(A) lock(B) unlock(A) it is 0
// while B is still counted; held[] lists the locks (for releasing them when a thread dies
// and for the host's dumps). A failed check is a kernel assertion (kernel/assert.ts): it
// prints the report and takes the post action, a kernel panic unless the application
// registered assert_post_action; if that returns, the operation goes on as in Zephyr.

// @ts-ignore: decorator
@inline const SPINLOCK_TS = "kernel/spinlock.ts";
// `__LINE__` below is replaced by its source line at compile time (src/image/transform.ts).

function z_spin_lock_valid(l: k_spinlock): void {
  const tc = l.thread_cpu;
  if (tc != 0 && (tc & 0xff) == <u32>(cpu_id + 1)) {
    z_assert_fail("z_spin_lock_valid(l)", SPINLOCK_TS, __LINE__, "Recursive spinlock: this CPU already holds it", changetype<usize>(l));
  }
}

function z_spin_lock_set_owner(l: k_spinlock): void {
  l.thread_cpu = (current_thread_id() << 8) | <u32>(cpu_id + 1);
  if (kernel().spin_lock_time_limit != 0) l.lock_time = k_cycle_get_32();
  const cpu = arch_curr_cpu();
  if (cpu.held_outer == 0) cpu.held_outer = changetype<usize>(l);
  const n = cpu.locks_held;
  if (n < <u32>HELD_LOCKS_MAX) cpu.set_held_at(n, changetype<usize>(l));
  cpu.locks_held = n + 1;
}

/**
 * The unlock check (Zephyr's z_spin_unlock_valid, which checks only thread_cpu: "Not my
 * spinlock"): `l` must be held by this CPU. wasmp also checks a given key (key != 0) against
 * the lock. As in Zephyr, the lock's owner and the outermost-lock slot are cleared even when
 * the check fails; the hold count is decremented only when it passes.
 */
function z_spin_unlock_valid(l: k_spinlock, key: k_spinlock_key_t): void {
  const tc = l.thread_cpu;
  const cpu = arch_curr_cpu();
  l.thread_cpu = 0;
  if (cpu.held_outer == changetype<usize>(l)) cpu.held_outer = 0;
  if (tc == 0) {
    z_assert_fail("z_spin_unlock_valid(l)", SPINLOCK_TS, __LINE__, "Unlock of a spinlock that is not held", changetype<usize>(l));
    return;
  }
  if ((tc & 0xff) != <u32>(cpu_id + 1)) {
    z_assert_fail("z_spin_unlock_valid(l)", SPINLOCK_TS, __LINE__, "Not my spinlock: held by another CPU", changetype<usize>(l));
    return;
  }
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
  if (key != 0 && (key & ~3) != <u32>changetype<usize>(l)) {
    z_assert_fail("key matches l", SPINLOCK_TS, __LINE__, "Spinlock unlocked with the key of another lock", changetype<usize>(l));
  }
  // CONFIG_SPIN_LOCK_TIME_LIMIT: checked after the ownership check, as in Zephyr's
  // k_spin_unlock; the lock no longer counts as held by this CPU, only its word is still taken.
  const limit = kernel().spin_lock_time_limit;
  if (limit != 0) {
    const delta = k_cycle_get_32() - l.lock_time;
    if (delta >= limit) {
      z_assert_fail("delta < CONFIG_SPIN_LOCK_TIME_LIMIT", SPINLOCK_TS, __LINE__, "Spin lock held " + delta.toString() +
        " cycles, longer than limit of " + limit.toString() + " cycles", changetype<usize>(l));
    }
  }
}

/**
 * The outermost spinlock this CPU holds (Zephyr's z_spin_get_held_lock, a CONFIG_TEST helper),
 * or null. It is the first lock taken while this CPU held none, until that lock is released:
 * after lock(A) lock(B) unlock(A) it is null although B is held.
 */
export function z_spin_get_held_lock(): k_spinlock | null {
  const key = arch_irq_lock();
  const l = arch_curr_cpu().held_outer;
  arch_irq_unlock(key);
  return changetype<k_spinlock | null>(l);
}

/**
 * Checks that a context switch is legal (Zephyr's z_assert_can_swap, called by z_swap under
 * CONFIG_SPIN_VALIDATE before the caller's lock is released). `swap_lock` is the lock the
 * switch releases (it may be held) or null; `key` is the caller's interrupt key, which must
 * show interrupts unmasked (else the switch breaks an irq_lock or arch_irq_lock of someone up
 * the stack) unless the current thread is a dummy (boot) thread or dead.
 */
export function z_assert_can_swap(key: k_spinlock_key_t, swap_lock: k_spinlock | null): void {
  const cpu = arch_curr_cpu();
  const held = cpu.held_outer;
  const count = <i32>cpu.locks_held;
  const extra = swap_lock != null ? count - 1 : count;
  if (extra < 0) {
    z_assert_fail("extra >= 0", SPINLOCK_TS, __LINE__, "swap_lock is not tracked in the spinlock hold count", changetype<usize>(swap_lock));
  }
  if (held != 0 && held != changetype<usize>(swap_lock)) {
    z_assert_fail("held == NULL || held == swap_lock", SPINLOCK_TS, __LINE__, "Context switching while holding lock", held);
  }
  // Catches lock(A) lock(B) unlock(A) z_swap(): A's release cleared held_outer, B still counts.
  if (extra > 0) {
    z_assert_fail("extra == 0", SPINLOCK_TS, __LINE__, `Context switching while holding ${extra} extra spinlock(s)`);
  }
  const t = changetype<k_thread>(cpu.current);
  if ((key & 1) != 0 && (t.thread_state & (_THREAD_DUMMY | _THREAD_DEAD)) == 0) {
    z_assert_fail("arch_irq_unlocked(key) || dummy or dead thread", SPINLOCK_TS, __LINE__, "Context switching with irq_lock held");
  }
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
  cpu.held_outer = 0;
}

/** CONFIG_SPIN_LOCK_TIME_LIMIT as configured (0 when off or without CONFIG_SPIN_VALIDATE). */
export function z_spin_lock_time_limit(): u32 { return kernel().spin_lock_time_limit; }
