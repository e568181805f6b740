// Spinlock pools (include/zephyr/spinlock.h, SPINLOCK_POOL_DEFINE / spinlock_find): a fixed,
// power-of-two number of spinlocks that many objects share, picked by the object's identity
// (usually its address). Two identities may map to one lock: a collision only costs
// concurrency. Never hold a pool lock while taking another lock of the same pool.
//
// The slot is z_spinlock_index(obj, size) = (obj >> 2) & (size - 1): word-aligned identities
// that differ below the pool's size land in distinct slots, and consecutive words cycle
// through every slot. (Zephyr's tests require exactly this of its hash; its body was not in the
// sources this was written from, so the exact slot of a given address may differ from Zephyr's.)

import { k_spinlock, SIZEOF_K_SPINLOCK } from "../generated/contract";

/** A pool: `size` spinlocks at `base` (static memory, shared by every CPU). */
export class spinlock_pool {
  constructor(
    public base: usize,
    public size: usize,
  ) {}
  /** The pool's i-th spinlock (Zephyr's &pool[i]). */
  at(i: usize): k_spinlock {
    return changetype<k_spinlock>(this.base + i * SIZEOF_K_SPINLOCK);
  }
}

/**
 * SPINLOCK_POOL_DEFINE(name, n): call at top level with the pool's storage, like
 * K_MSGQ_DEFINE (AssemblyScript cannot size static data from an argument):
 * `const pool = SPINLOCK_POOL_DEFINE(memory.data(8 * K_SPINLOCK_SIZE, 16), 8);`
 * `n` must be a power of two (Zephyr: BUILD_ASSERT; here the image traps at start).
 * Each CPU gets its own descriptor; the locks are the one shared storage.
 */
export function SPINLOCK_POOL_DEFINE(storage: usize, num_spinlocks: usize): spinlock_pool {
  assert(num_spinlocks > 0 && (num_spinlocks & (num_spinlocks - 1)) == 0, "spinlock pool count must be a power of two");
  return new spinlock_pool(storage, num_spinlocks);
}

/** sizeof(struct k_spinlock): a pool of n locks needs `memory.data(n * K_SPINLOCK_SIZE, 16)`. */
// @ts-ignore: decorator
@inline export const K_SPINLOCK_SIZE: usize = SIZEOF_K_SPINLOCK;

/** The pool slot of identity `obj` in a pool of `pool_size` (a power of two) spinlocks. */
// @ts-ignore: decorator
@inline export function z_spinlock_index(obj: usize, pool_size: usize): usize {
  return (obj >> 2) & (pool_size - 1);
}

/** spinlock_find(pool, obj): the spinlock associated with identity `obj` (an address or integer). */
export function spinlock_find(pool: spinlock_pool, obj: usize): k_spinlock {
  return pool.at(z_spinlock_index(obj, pool.size));
}
