// Priorities and atomics (include/zephyr/kernel.h, include/zephyr/sys/atomic.h). The priority
// bounds themselves are the contract's (../generated/contract); the macros built on them are here.

import {
  CONFIG_NUM_COOP_PRIORITIES,
  CONFIG_NUM_PREEMPT_PRIORITIES,
  K_HIGHEST_THREAD_PRIO,
  K_LOWEST_THREAD_PRIO,
} from "../generated/contract";
export { K_HIGHEST_THREAD_PRIO, K_LOWEST_THREAD_PRIO };

/** K_IDLE_PRIO: the idle threads' priority, the lowest there is. */
// @ts-ignore: decorator
@inline export const K_IDLE_PRIO: i32 = K_LOWEST_THREAD_PRIO;
// @ts-ignore: decorator
@inline export const K_LOWEST_APPLICATION_THREAD_PRIO: i32 = CONFIG_NUM_PREEMPT_PRIORITIES - 1;
// @ts-ignore: decorator
@inline export function K_PRIO_COOP(x: i32): i32 {
  return -(CONFIG_NUM_COOP_PRIORITIES - x);
}
// @ts-ignore: decorator
@inline export function K_PRIO_PREEMPT(x: i32): i32 {
  return x;
}

/** atomic_t: the address of a 32-bit word in shared memory. */
export type atomic_t = usize;

/** ATOMIC_DEFINE: a zeroed atomic word in static memory shared by every CPU (one per call site). */
// @ts-ignore: decorator
@inline export function ATOMIC_DEFINE(): atomic_t {
  return memory.data(4, 4);
}

export function atomic_get(a: atomic_t): i32 {
  return atomic.load<i32>(a);
}
/** Sets the value; returns the previous one. */
export function atomic_set(a: atomic_t, v: i32): i32 {
  return atomic.xchg<i32>(a, v);
}
/** Adds; returns the previous value. */
export function atomic_add(a: atomic_t, v: i32): i32 {
  return atomic.add<i32>(a, v);
}
export function atomic_inc(a: atomic_t): i32 {
  return atomic.add<i32>(a, 1);
}
export function atomic_dec(a: atomic_t): i32 {
  return atomic.sub<i32>(a, 1);
}
/** Compare and set: true if the value was `old` and is now `v`. */
export function atomic_cas(a: atomic_t, old: i32, v: i32): bool {
  return atomic.cmpxchg<i32>(a, old, v) == old;
}
