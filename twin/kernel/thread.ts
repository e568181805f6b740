// Mirrors halt_thread_locked of assembly/kernel/thread.ts (kernel/sched.c halt_thread): the
// one part of thread lifecycle the twin needs, for next_up's deferred abort/suspend of the
// current thread. Lock: the caller holds sched_lock, as in the kernel.

import {
  k_thread,
  _THREAD_ABORTING,
  _THREAD_DEAD,
  _THREAD_QUEUED,
  _THREAD_SUSPENDING,
} from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";
import { current, set_swap_ok, set_thread_state, thread_state, z_is_thread_queued } from "./kthread.js";
import { unpend_thread_no_timeout_locked, unready_thread_locked, z_sched_wake_locked } from "./sched.js";
import { z_abort_timeout_locked } from "./timeout.js";

/**
 * halt_thread_locked: marks `t` dead or suspended. A dead thread leaves its wait queue and
 * timeout and wakes its joiners; a suspended one keeps them (it may be suspended while
 * pending). Either wakes the threads waiting in its halt_queue. Halting a thread already in
 * `newState` only clears the pending request bits.
 */
export function halt_thread_locked(m: KernelMem, t: number, newState: number): void {
  if ((thread_state(m, t) & newState) !== 0) {
    set_thread_state(m, t, thread_state(m, t) & ~(_THREAD_ABORTING | _THREAD_SUSPENDING));
    return;
  }
  set_thread_state(m, t, thread_state(m, t) | newState);
  if (z_is_thread_queued(m, t)) unready_thread_locked(m, t);
  if (newState === _THREAD_DEAD) {
    if (m.u32[(t + k_thread.pended_on) >> 2] !== 0) unpend_thread_no_timeout_locked(m, t);
    z_abort_timeout_locked(m, t + k_thread.timeout);
    while (z_sched_wake_locked(m, t + k_thread.join_queue, 0)) {
      /* all joiners */
    }
  }
  while (z_sched_wake_locked(m, t + k_thread.halt_queue, 0)) {
    /* all waiters for the halt */
  }
  set_thread_state(
    m,
    t,
    thread_state(m, t) & ~(_THREAD_ABORTING | _THREAD_SUSPENDING | (newState === _THREAD_DEAD ? _THREAD_QUEUED : 0)),
  );
  if (t === current(m)) set_swap_ok(m, 1);
}
