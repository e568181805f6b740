// Thread predicates (kernel/include/kthread.h, the state tests of kernel/include/ksched.h):
// who is current on this CPU, and what a thread's state and priority say about it. Only
// reads: nothing here changes a thread or takes a lock, so every kernel file may use it
// without importing the scheduler (sched.ts). The thread_state and user_options bits are
// the contract's (../generated/contract).

import {
  k_thread,
  K_THREAD_QNODE,
  K_THREAD_THREAD_STATE,
  K_IDLE_THREAD,
  _THREAD_DEAD,
  _THREAD_DUMMY,
  _THREAD_PENDING,
  _THREAD_QUEUED,
  _THREAD_SLEEPING,
  _THREAD_SUSPENDED,
} from "../generated/contract";
import { arch_curr_cpu } from "../arch/cpu";

// @ts-ignore: decorator
@inline export function current(): k_thread {
  return changetype<k_thread>(arch_curr_cpu().current);
}

/** Id of this CPU's current thread, 0 before the first thread exists. */
export function current_thread_id(): u32 {
  const t = arch_curr_cpu().current;
  return t == 0 ? 0 : changetype<k_thread>(t).id;
}

// @ts-ignore: decorator
@inline export function thread_of_qnode(n: usize): k_thread {
  return changetype<k_thread>(n - K_THREAD_QNODE);
}

// @ts-ignore: decorator
@inline export function z_is_idle_thread_object(t: k_thread): bool {
  return (t.user_options & K_IDLE_THREAD) != 0;
}

/** memcmp-style: > 0 if t1 has the higher priority (numerically lower). */
// @ts-ignore: decorator
@inline export function z_sched_prio_cmp(t1: k_thread, t2: k_thread): i32 {
  return t2.prio - t1.prio;
}

/** Not prevented from running: not pending, sleeping, dead, dummy or suspended. */
// @ts-ignore: decorator
@inline export function z_is_thread_ready(t: k_thread): bool {
  return (
    (t.thread_state & (_THREAD_PENDING | _THREAD_SLEEPING | _THREAD_DEAD | _THREAD_DUMMY | _THREAD_SUSPENDED)) == 0
  );
}

/** Zephyr's internal test helper, used by its SMP tests: pending, sleeping, dead, dummy or suspended. */
export function z_is_thread_prevented_from_running(t: k_thread): bool {
  return (
    (atomic.load<u32>(changetype<usize>(t), K_THREAD_THREAD_STATE) &
      (_THREAD_PENDING | _THREAD_SLEEPING | _THREAD_DEAD | _THREAD_DUMMY | _THREAD_SUSPENDED)) !=
    0
  );
}

/** Zephyr's internal helpers, used by its SMP tests. */
export function z_is_thread_pending(t: k_thread): bool {
  return (atomic.load<u32>(changetype<usize>(t), K_THREAD_THREAD_STATE) & _THREAD_PENDING) != 0;
}
/** Zephyr's z_is_thread_ready() for tests: not prevented from running (see z_is_thread_ready). */
export function z_thread_is_ready(t: k_thread): bool {
  return !z_is_thread_prevented_from_running(t);
}

// @ts-ignore: decorator
@inline export function z_is_thread_queued(t: k_thread): bool {
  return (t.thread_state & _THREAD_QUEUED) != 0;
}

/** Preemptible: non-negative priority and not holding k_sched_lock. */
// @ts-ignore: decorator
@inline export function thread_is_preemptible(t: k_thread): bool {
  return t.prio >= 0 && t.sched_locked == 0;
}
