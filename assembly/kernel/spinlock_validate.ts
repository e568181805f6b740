// Spinlock validation (kernel/spinlock_validate.c; CONFIG_SPIN_VALIDATE): who holds which
// lock, the checks k_spin_lock / k_spin_unlock make (spinlock.ts calls them), the check that
// a context switch is legal (z_assert_can_swap, called by z_swap), and the force-release of a
// dying thread's locks (fatal.ts).
//
// A lock's thread_cpu records its holder with the contract's encoding (thread_cpu_pack: CPU
// id + 1 in the low byte, the thread id above it; 0 means free). Per CPU: locks_held counts
// every lock held (Zephyr's z_held_spinlock_count); held_outer is Zephyr's z_held_spinlock,
// set by a lock taken while it is 0 and cleared when that lock is released, so after lock(A)
// lock(B) unlock(A) it is 0 while B is still counted; held[] lists the locks (for releasing
// them when a thread dies and for the host's dumps). A failed check is a kernel assertion
// (kernel/assert.ts): it prints the report and takes the post action, a kernel panic unless
// the application registered assert_post_action; if that returns, the operation goes on as
// in Zephyr.

import {
  k_spinlock,
  k_thread,
  HELD_LOCKS_MAX,
  _THREAD_DEAD,
  _THREAD_DUMMY,
  SPINLOCK_KEY_IRQ_MASKED_MASK,
  SPINLOCK_KEY_RESERVED_MASK,
  SPINLOCK_KEY_RESERVED_SHIFT,
  spinlock_key_irq_masked,
  thread_cpu_cpu_plus_one,
  thread_cpu_pack,
} from "../generated/contract";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock, cpu_id, kernel } from "../arch/cpu";
import { CONFIG_SMP, CONFIG_SPIN_VALIDATE } from "./config";
import { z_assert_fail } from "./assert";
import { current_thread_id } from "./kthread";
import { k_cycle_get_32 } from "./timeout";
import { arch_spin_release, k_spinlock_key_t } from "./spinlock";

/** The key's bits below the lock address (irq_masked, reserved): a key is the lock's address | these. */
// @ts-ignore: decorator
@inline const SPINLOCK_KEY_LOW_BITS: u32 =
  SPINLOCK_KEY_IRQ_MASKED_MASK | (SPINLOCK_KEY_RESERVED_MASK << SPINLOCK_KEY_RESERVED_SHIFT);

/** The file a failed check names in its report: `ASSERTION FAIL [...] @ kernel/spinlock_validate.ts:<line>`. */
// @ts-ignore: decorator
@inline const SPINLOCK_VALIDATE_TS = "kernel/spinlock_validate.ts";
// `__LINE__` below is replaced by its source line at compile time (src/image/transform.ts).

export function z_spin_lock_valid(l: k_spinlock): void {
  const tc = l.thread_cpu;
  if (tc != 0 && thread_cpu_cpu_plus_one(tc) == <u32>(cpu_id + 1)) {
    z_assert_fail(
      "z_spin_lock_valid(l)",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "Recursive spinlock: this CPU already holds it",
      changetype<usize>(l),
    );
  }
}

export function z_spin_lock_set_owner(l: k_spinlock): void {
  l.thread_cpu = thread_cpu_pack(<u32>(cpu_id + 1), current_thread_id());
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
export function z_spin_unlock_valid(l: k_spinlock, key: k_spinlock_key_t): void {
  const tc = l.thread_cpu;
  const cpu = arch_curr_cpu();
  l.thread_cpu = 0;
  if (cpu.held_outer == changetype<usize>(l)) cpu.held_outer = 0;
  if (tc == 0) {
    z_assert_fail(
      "z_spin_unlock_valid(l)",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "Unlock of a spinlock that is not held",
      changetype<usize>(l),
    );
    return;
  }
  if (thread_cpu_cpu_plus_one(tc) != <u32>(cpu_id + 1)) {
    z_assert_fail(
      "z_spin_unlock_valid(l)",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "Not my spinlock: held by another CPU",
      changetype<usize>(l),
    );
    return;
  }
  const n = cpu.locks_held;
  // Locks are normally released innermost first; find this one and close the gap.
  let found = -1;
  for (let i = <i32>min(n, <u32>HELD_LOCKS_MAX) - 1; i >= 0; i--) {
    if (cpu.held_at(i) == changetype<usize>(l)) {
      found = i;
      break;
    }
  }
  if (found >= 0) {
    for (let i = found; i < <i32>min(n, <u32>HELD_LOCKS_MAX) - 1; i++) cpu.set_held_at(i, cpu.held_at(i + 1));
  }
  cpu.locks_held = n - 1;
  if (key != 0 && (key & ~SPINLOCK_KEY_LOW_BITS) != <u32>changetype<usize>(l)) {
    z_assert_fail(
      "key matches l",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "Spinlock unlocked with the key of another lock",
      changetype<usize>(l),
    );
  }
  // CONFIG_SPIN_LOCK_TIME_LIMIT: checked after the ownership check, as in Zephyr's
  // k_spin_unlock; the lock no longer counts as held by this CPU, only its word is still taken.
  const limit = kernel().spin_lock_time_limit;
  if (limit != 0) {
    const delta = k_cycle_get_32() - l.lock_time;
    if (delta >= limit) {
      z_assert_fail(
        "delta < CONFIG_SPIN_LOCK_TIME_LIMIT",
        SPINLOCK_VALIDATE_TS,
        __LINE__,
        "Spin lock held " + delta.toString() + " cycles, longer than limit of " + limit.toString() + " cycles",
        changetype<usize>(l),
      );
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
    z_assert_fail(
      "extra >= 0",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "swap_lock is not tracked in the spinlock hold count",
      changetype<usize>(swap_lock),
    );
  }
  if (held != 0 && held != changetype<usize>(swap_lock)) {
    z_assert_fail(
      "held == NULL || held == swap_lock",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "Context switching while holding lock",
      held,
    );
  }
  // Catches lock(A) lock(B) unlock(A) z_swap(): A's release cleared held_outer, B still counts.
  if (extra > 0) {
    z_assert_fail(
      "extra == 0",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      `Context switching while holding ${extra} extra spinlock(s)`,
    );
  }
  const t = changetype<k_thread>(cpu.current);
  if (spinlock_key_irq_masked(key) != 0 && (t.thread_state & (_THREAD_DUMMY | _THREAD_DEAD)) == 0) {
    z_assert_fail(
      "arch_irq_unlocked(key) || dummy or dead thread",
      SPINLOCK_VALIDATE_TS,
      __LINE__,
      "Context switching with irq_lock held",
    );
  }
}

/** Force-releases every lock this CPU holds: used when a thread dies of a fatal error. */
export function z_spin_release_all_held(): void {
  if (!CONFIG_SPIN_VALIDATE) return;
  const cpu = arch_curr_cpu();
  while (cpu.locks_held > 0) {
    const n = cpu.locks_held;
    if (n > <u32>HELD_LOCKS_MAX) {
      cpu.locks_held = n - 1;
      continue;
    }
    const l = changetype<k_spinlock>(cpu.held_at(n - 1));
    l.thread_cpu = 0;
    if (CONFIG_SMP) arch_spin_release(l);
    cpu.locks_held = n - 1;
  }
  cpu.held_outer = 0;
}

/** CONFIG_SPIN_LOCK_TIME_LIMIT as configured (0 when off or without CONFIG_SPIN_VALIDATE). */
export function z_spin_lock_time_limit(): u32 {
  return kernel().spin_lock_time_limit;
}
