// Mirrors the thread-selection half of assembly/kernel/sched.ts: next_up() and what it calls
// (queue_thread, dequeue_thread, should_preempt, and for a deferred abort/suspend of the
// current thread halt_thread_locked from assembly/kernel/thread.ts with the unpend, timeout
// and wake-up helpers it needs), plus ready/unready_thread_locked and flag_ipi
// (assembly/kernel/ipi.ts). Same _cpu and k_thread structs, same rules:
// - a CPU's current thread is never in the run queue; _THREAD_QUEUED on it means "requeue me
//   at my next switch-out";
// - only a strictly higher priority preempts, an equal one only if swap_ok (k_yield);
//   cooperative (prio < 0) and sched-locked threads are not preempted;
// - threads whose cpu_mask excludes this CPU are skipped (runq_best).
// Lock: the caller holds sched_lock, as in the kernel. Not mirrored: CONFIG_SPIN_VALIDATE's
// "idle thread queued" check.

import { _cpu, _timeout, k_thread, z_kernel } from "../generated/contract.js";
import type { KernelMem } from "./mem.js";
import { runq_add, runq_best, runq_remove, sys_dlist_peek_head, sys_dlist_remove, sys_dnode_is_linked,
  thread_of_qnode } from "./runq.js";

// thread_state bits (assembly/kernel/sched.ts, from kernel/include/kthread.h).
export const _THREAD_DUMMY = 1 << 0;
export const _THREAD_PENDING = 1 << 1;
export const _THREAD_SLEEPING = 1 << 2;
export const _THREAD_DEAD = 1 << 3;
export const _THREAD_SUSPENDED = 1 << 4;
export const _THREAD_ABORTING = 1 << 5;
export const _THREAD_SUSPENDING = 1 << 6;
export const _THREAD_QUEUED = 1 << 7;
export const _THREAD_STARTED = 1 << 8;
/** user_options bit of idle threads (wasmp-internal, bit 24). */
export const K_IDLE_THREAD = 1 << 24;
export const K_IDLE_PRIO = 15;

const NOT_READY = _THREAD_PENDING | _THREAD_SLEEPING | _THREAD_DEAD | _THREAD_DUMMY | _THREAD_SUSPENDED;
const EINVAL = 22;

// --- field access ---------------------------------------------------------------------------

const state = (m: KernelMem, t: number): number => m.u32[(t + k_thread.thread_state) >> 2]!;
const setState = (m: KernelMem, t: number, v: number): void => { m.u32[(t + k_thread.thread_state) >> 2] = v >>> 0; };
const prio = (m: KernelMem, t: number): number => m.i32[(t + k_thread.prio) >> 2]!;
/** _current: this CPU's current thread. */
export const current = (m: KernelMem): number => m.u32[(m.cpuBase + _cpu.current) >> 2]!;
const setSwapOk = (m: KernelMem, v: number): void => { m.u32[(m.cpuBase + _cpu.swap_ok) >> 2] = v; };

export function z_is_thread_ready(m: KernelMem, t: number): boolean { return (state(m, t) & NOT_READY) === 0; }
export function z_is_thread_queued(m: KernelMem, t: number): boolean { return (state(m, t) & _THREAD_QUEUED) !== 0; }
export function z_is_idle_thread_object(m: KernelMem, t: number): boolean {
  return (m.u32[(t + k_thread.user_options) >> 2]! & K_IDLE_THREAD) !== 0;
}
/** memcmp-style: > 0 if t1 has the higher priority (numerically lower); i32 arithmetic. */
export function z_sched_prio_cmp(m: KernelMem, t1: number, t2: number): number { return (prio(m, t2) - prio(m, t1)) | 0; }
function thread_is_preemptible(m: KernelMem, t: number): boolean {
  return prio(m, t) >= 0 && m.i32[(t + k_thread.sched_locked) >> 2] === 0;
}

// --- queueing -------------------------------------------------------------------------------

function should_queue_thread(m: KernelMem, t: number): boolean { return t !== current(m); }

export function queue_thread(m: KernelMem, t: number): void {
  setState(m, t, state(m, t) | _THREAD_QUEUED);
  if (should_queue_thread(m, t)) runq_add(m, t);
  else setSwapOk(m, 1); // "add current to end of queue means 'yield'"
}

export function dequeue_thread(m: KernelMem, t: number): void {
  setState(m, t, state(m, t) & ~_THREAD_QUEUED);
  if (should_queue_thread(m, t)) runq_remove(m, t);
}

/** ipi_mask_create (no CONFIG_IPI_OPTIMIZE: every CPU). */
export function ipi_mask_create(m: KernelMem): number {
  if (!m.smp) return 0;
  const n = m.numCpus();
  if (n <= 1) return 0;
  return n >= 32 ? 0xffffffff : ((1 << n) - 1) >>> 0;
}

/** flag_ipi: ORs `mask` into z_kernel.pending_ipi (sent later by signal_pending_ipi). */
export function flag_ipi(m: KernelMem, mask: number): void {
  if (m.smp && m.schedIpi && m.numCpus() > 1) Atomics.or(m.i32, (m.kernelBase + z_kernel.pending_ipi) >> 2, mask | 0);
}

export function ready_thread_locked(m: KernelMem, t: number): void {
  if (!z_is_thread_queued(m, t) && z_is_thread_ready(m, t)) {
    queue_thread(m, t);
    setSwapOk(m, 0); // update_cache(0)
    flag_ipi(m, ipi_mask_create(m));
  }
}

export function unready_thread_locked(m: KernelMem, t: number): void {
  if (z_is_thread_queued(m, t)) dequeue_thread(m, t);
  setSwapOk(m, t === current(m) ? 1 : 0); // update_cache
}

// --- wait queues and timeouts (only what halt_thread_locked needs) ---------------------------

export function z_abort_timeout_locked(m: KernelMem, to: number): number {
  if (!sys_dnode_is_linked(m, to + _timeout.node)) return -EINVAL;
  sys_dlist_remove(m, to + _timeout.node);
  m.u32[(to + _timeout.fn) >> 2] = 0;
  return 0;
}

export function unpend_thread_no_timeout_locked(m: KernelMem, t: number): void {
  if (m.u32[(t + k_thread.pended_on) >> 2] !== 0) {
    sys_dlist_remove(m, t + k_thread.qnode);
    m.u32[(t + k_thread.pended_on) >> 2] = 0;
  }
  setState(m, t, state(m, t) & ~_THREAD_PENDING);
}

function z_sched_wake_locked(m: KernelMem, wq: number, retval: number): boolean {
  const n = sys_dlist_peek_head(m, wq);
  if (n === 0) return false;
  const t = thread_of_qnode(n);
  unpend_thread_no_timeout_locked(m, t);
  z_abort_timeout_locked(m, t + k_thread.timeout);
  m.i32[(t + k_thread.swap_retval) >> 2] = retval;
  ready_thread_locked(m, t);
  return true;
}

/**
 * halt_thread_locked (assembly/kernel/thread.ts): marks `t` dead or suspended. A dead thread
 * leaves its wait queue and timeout and wakes its joiners; a suspended one keeps them (it may be
 * suspended while pending). Either wakes the threads waiting in its halt_queue. Halting a thread
 * already in `newState` only clears the pending request bits.
 */
export function halt_thread_locked(m: KernelMem, t: number, newState: number): void {
  if ((state(m, t) & newState) !== 0) {
    setState(m, t, state(m, t) & ~(_THREAD_ABORTING | _THREAD_SUSPENDING));
    return;
  }
  setState(m, t, state(m, t) | newState);
  if (z_is_thread_queued(m, t)) unready_thread_locked(m, t);
  if (newState === _THREAD_DEAD) {
    if (m.u32[(t + k_thread.pended_on) >> 2] !== 0) unpend_thread_no_timeout_locked(m, t);
    z_abort_timeout_locked(m, t + k_thread.timeout);
    while (z_sched_wake_locked(m, t + k_thread.join_queue, 0)) { /* all joiners */ }
  }
  while (z_sched_wake_locked(m, t + k_thread.halt_queue, 0)) { /* all waiters for the halt */ }
  setState(m, t, state(m, t) & ~(_THREAD_ABORTING | _THREAD_SUSPENDING | (newState === _THREAD_DEAD ? _THREAD_QUEUED : 0)));
  if (t === current(m)) setSwapOk(m, 1);
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
  const st = state(m, cur);
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
  setSwapOk(m, 0);
  return thread;
}
