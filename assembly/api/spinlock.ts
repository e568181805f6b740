// The guest-facing spinlock and interrupt-mask API.
//
// An application that unmasks this CPU's interrupts (k_spin_unlock, irq_unlock or
// arch_irq_unlock restoring an unmasked key) takes any interrupt that became pending while
// they were masked right there, as a CPU does when it re-enables interrupts — not only at the
// next loop-header safepoint. The kernel's own code uses the non-polling forms: it reaches a
// scheduling point anyway, and polling inside it would make every allocating function
// asyncify-instrumented.

import { k_spinlock, SIZEOF_K_SPINLOCK } from "../generated/contract";
import {
  k_spin_lock,
  k_spin_unlock as z_spin_unlock,
  k_spin_trylock,
  k_spinlock_key_t,
  k_spin_release,
} from "../kernel/spinlock";
import { z_spin_get_held_lock } from "../kernel/spinlock_validate";
import { sched_lock } from "../kernel/sched";
import { arch_irq_unlock as z_arch_irq_unlock, arch_irq_unlocked } from "../arch/cpu";
import { irq_unlock as z_irq_unlock } from "../kernel/irq_lock";
import { z_safepoint } from "../kernel/irq";
export { k_spin_lock, k_spin_trylock, k_spinlock_key_t, k_spin_release, z_spin_get_held_lock };

/**
 * Zephyr's _sched_spinlock (kernel/sched.c): the scheduler's lock, which z_swap holds while it
 * switches. For tests whose assert_post_action runs inside a switch and must release it.
 */
export const _sched_spinlock: k_spinlock = sched_lock();

/** Unlocks `l`, restores interrupts from `key`, and takes pending interrupts if that unmasked them. */
export function k_spin_unlock(l: k_spinlock, key: k_spinlock_key_t): void {
  z_spin_unlock(l, key);
  if (arch_irq_unlocked(key)) z_safepoint();
}

/** Restores interrupts from `key`; takes pending interrupts if that unmasked them. */
export function arch_irq_unlock(key: u32): void {
  z_arch_irq_unlock(key);
  if (arch_irq_unlocked(key)) z_safepoint();
}

/** irq_unlock: undoes one irq_lock; takes pending interrupts if interrupts are now unmasked. */
export function irq_unlock(key: u32): void {
  z_irq_unlock(key);
  if (arch_irq_unlocked(key)) z_safepoint();
}

/**
 * K_SPINLOCK_DEFINE: a spinlock in static memory, shared by every CPU. Use it at top level:
 * `const lock = K_SPINLOCK_DEFINE();` (each call site is its own lock).
 */
// @ts-ignore: decorator
@inline export function K_SPINLOCK_DEFINE(): k_spinlock {
  return changetype<k_spinlock>(memory.data(SIZEOF_K_SPINLOCK, 16));
}

/**
 * K_SPINLOCK: runs `body` with `l` held and releases it when `body` returns. Return `true`
 * from body to leave early (Zephyr's K_SPINLOCK_BREAK); the lock is released either way.
 */
export function K_SPINLOCK(l: k_spinlock, body: () => bool): void {
  const key = k_spin_lock(l);
  body();
  k_spin_unlock(l, key);
}
