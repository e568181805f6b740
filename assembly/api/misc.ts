// Priorities (include/zephyr/kernel.h); the atomic API is api/atomic.ts. The priority
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
