// Mirrors the thread-selection half of assembly/kernel/sched.ts: next_up() and what it calls
// (queue_thread, dequeue_thread, should_preempt; for a deferred abort/suspend of the current
// thread halt_thread_locked, twin/kernel/thread.ts), ready/unready_thread_locked, the wait-queue
// helpers halt_thread_locked needs (unpend_thread_no_timeout_locked, z_sched_wake_locked), and
// the switch-handle wait and hand-over (z_sched_switch_spin, switch_to_locked's take). Same
// _cpu and k_thread structs, same rules:
// - a CPU's current thread is never in the run queue; _THREAD_QUEUED on it means "requeue me
//   at my next switch-out";
// - only a strictly higher priority preempts, an equal one only if swap_ok (k_yield);
//   cooperative (prio < 0) and sched-locked threads are not preempted;
// - threads whose cpu_mask excludes this CPU are skipped (runq_best).
// Lock: the caller holds sched_lock, as in the kernel. Not mirrored: CONFIG_SPIN_VALIDATE's
// "idle thread queued" check.
//
// Switch handles: k_thread.switch_handle is NULL (0) while the thread runs or is still being
// saved, and the thread's own address once its context is fully saved (published by the host:
// twin/arch/switch.ts). A CPU that picked the thread spins up to spin_budget times on the
// word, then parks on it (SWITCH_PARK_TIMEOUT_MS safety timeout) until it is non-zero; then it
// takes the handle and stores 0 (running threads have NULL).

import {
  _cpu,
  k_thread,
  _THREAD_ABORTING,
  _THREAD_DEAD,
  _THREAD_PENDING,
  _THREAD_QUEUED,
  _THREAD_SUSPENDED,
  _THREAD_SUSPENDING,
} from "../../src/generated/contract.js";
import type { KernelMem } from "../arch/cpu.js";
import { sys_dlist_peek_head, sys_dlist_remove } from "./dlist.js";
import { flag_ipi, ipi_mask_create } from "./ipi.js";
import {
  current,
  set_swap_ok,
  set_thread_state,
  thread_is_preemptible,
  thread_of_qnode,
  thread_state,
  z_is_idle_thread_object,
  z_is_thread_queued,
  z_is_thread_ready,
  z_sched_prio_cmp,
} from "./kthread.js";
import { runq_add, runq_best, runq_remove } from "./runq.js";
import { halt_thread_locked } from "./thread.js";
import { z_abort_timeout_locked } from "./timeout.js";

/** Safety-net timeout of a park in z_sched_switch_spin (the publisher always notifies). */
export const SWITCH_PARK_TIMEOUT_MS = 10;

// --- queueing -------------------------------------------------------------------------------

function should_queue_thread(m: KernelMem, t: number): boolean {
  return t !== current(m);
}

export function queue_thread(m: KernelMem, t: number): void {
  set_thread_state(m, t, thread_state(m, t) | _THREAD_QUEUED);
  if (should_queue_thread(m, t)) runq_add(m, t);
  else set_swap_ok(m, 1); // "add current to end of queue means 'yield'"
}

export function dequeue_thread(m: KernelMem, t: number): void {
  set_thread_state(m, t, thread_state(m, t) & ~_THREAD_QUEUED);
  if (should_queue_thread(m, t)) runq_remove(m, t);
}

export function ready_thread_locked(m: KernelMem, t: number): void {
  if (!z_is_thread_queued(m, t) && z_is_thread_ready(m, t)) {
    queue_thread(m, t);
    set_swap_ok(m, 0); // update_cache(0)
    flag_ipi(m, ipi_mask_create(m));
  }
}

export function unready_thread_locked(m: KernelMem, t: number): void {
  if (z_is_thread_queued(m, t)) dequeue_thread(m, t);
  set_swap_ok(m, t === current(m) ? 1 : 0); // update_cache
}

// --- wait queues (only what halt_thread_locked needs) ----------------------------------------

export function unpend_thread_no_timeout_locked(m: KernelMem, t: number): void {
  if (m.u32[(t + k_thread.pended_on) >> 2] !== 0) {
    sys_dlist_remove(m, t + k_thread.qnode);
    m.u32[(t + k_thread.pended_on) >> 2] = 0;
  }
  set_thread_state(m, t, thread_state(m, t) & ~_THREAD_PENDING);
}

export function z_sched_wake_locked(m: KernelMem, wq: number, retval: number): boolean {
  const n = sys_dlist_peek_head(m, wq);
  if (n === 0) return false;
  const t = thread_of_qnode(n);
  unpend_thread_no_timeout_locked(m, t);
  z_abort_timeout_locked(m, t + k_thread.timeout);
  m.i32[(t + k_thread.swap_retval) >> 2] = retval;
  ready_thread_locked(m, t);
  return true;
}

// --- selection ------------------------------------------------------------------------------

function should_preempt(m: KernelMem, _thread: number, preemptOk: number): boolean {
  if (preemptOk !== 0) return true;
  const cur = current(m);
  if (!z_is_thread_ready(m, cur)) return true;
  return thread_is_preemptible(m, cur);
}

/** Picks the thread this CPU (m.cpuId) runs next and updates queues and swap_ok like the kernel. */
export function next_up(m: KernelMem): number {
  const cpu = m.cpuBase;
  const u32 = m.u32;
  const cur = current(m);
  // Deferred halt of current requested by another CPU (k_thread_abort / k_thread_suspend).
  const st = thread_state(m, cur);
  if ((st & (_THREAD_ABORTING | _THREAD_SUSPENDING)) !== 0) {
    halt_thread_locked(m, cur, (st & _THREAD_ABORTING) !== 0 ? _THREAD_DEAD : _THREAD_SUSPENDED);
  }
  let thread = runq_best(m);
  const queued = z_is_thread_queued(m, cur);
  const active = z_is_thread_ready(m, cur);
  if (thread === 0) thread = u32[(cpu + _cpu.idle_thread) >> 2]!;
  if (active) {
    const cmp = z_sched_prio_cmp(m, cur, thread);
    // Ties only switch if state says we yielded.
    if (cmp > 0 || (cmp === 0 && u32[(cpu + _cpu.swap_ok) >> 2] === 0)) thread = cur;
    if (!should_preempt(m, thread, u32[(cpu + _cpu.swap_ok) >> 2]!)) thread = cur;
  }
  if (thread !== cur && active && !queued && !z_is_idle_thread_object(m, cur)) queue_thread(m, cur);
  if (z_is_thread_queued(m, thread)) dequeue_thread(m, thread);
  set_swap_ok(m, 0);
  return thread;
}

// --- switch handles -------------------------------------------------------------------------

/** Waits until `t`'s context is fully saved by the CPU that switched it out. */
export function z_sched_switch_spin(m: KernelMem, t: number): void {
  const i32 = m.i32;
  const p = (t + k_thread.switch_handle) >> 2;
  if (Atomics.load(i32, p) !== 0) return;
  const budget = m.spinBudget();
  let spins = 0;
  while (Atomics.load(i32, p) === 0) {
    if (++spins < budget) continue;
    Atomics.wait(i32, p, 0, SWITCH_PARK_TIMEOUT_MS);
    spins = 0;
  }
}

/** switch_to_locked's hand-over: reads `next`'s published handle and clears it (next runs now). */
export function z_take_switch_handle(m: KernelMem, next: number): number {
  const p = (next + k_thread.switch_handle) >> 2;
  const h = Atomics.load(m.i32, p) >>> 0;
  Atomics.store(m.i32, p, 0);
  return h;
}
