// The guest-facing spinlock API: K_SPINLOCK_DEFINE and the K_SPINLOCK block.

import { k_spinlock } from "../generated/layout";
import { k_spin_lock, k_spin_unlock, k_spin_trylock, k_spinlock_key_t } from "../kernel/spinlock";
export { k_spin_lock, k_spin_unlock, k_spin_trylock, k_spinlock_key_t };

/**
 * K_SPINLOCK_DEFINE: a spinlock in static memory, shared by every CPU. Use it at top level:
 * `const lock = K_SPINLOCK_DEFINE();` (each call site is its own lock).
 */
// @ts-ignore: decorator
@inline export function K_SPINLOCK_DEFINE(): k_spinlock {
  return changetype<k_spinlock>(memory.data(16, 16));
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
