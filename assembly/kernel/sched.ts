// The scheduler: one run queue, per-CPU selection (next_up), switch-based context switching,
// pending on wait queues, and rescheduling points (kernel/sched.c, kswap.h, run_q.h).
//
// SMP rules kept here (../shared/spec/zephyr-smp.md §5):
// - Invariant: a CPU's current thread is never in the run queue. _THREAD_QUEUED on a current
//   thread means "put me back at my next switch-out" (z_requeue_current).
// - Only a strictly higher priority preempts; an equal one only if swap_ok (k_yield).
//   Cooperative (prio < 0) and sched-locked threads are not preempted.
// - switch_handle is NULL while a thread runs or is still being saved; a CPU that picks a
//   thread waits (z_sched_switch_spin) until the host has published it.
// The uniprocessor build uses the same discipline (current not queued); it is observably
// the same as Zephyr's UP cache.
//
// Lock: everything here that touches thread state or a queue needs sched_lock; functions
// that expect it held end in _locked or say so.

import { k_thread, _cpu, sys_dnode, k_spinlock, _timeout, _priq_rb, _priq_mq, K_THREAD_QNODE, K_THREAD_SWITCH_HANDLE, K_THREAD_THREAD_STATE,
  K_THREAD_TIMEOUT, NO_DEADLINE, EAGAIN } from "../generated/contract";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock, arch_irq_unlocked, arch_is_in_isr,
  arch_num_cpus, cpu_at, cpu_id, kernel } from "../arch/cpu";
import { arch_switch, host_park } from "../arch/imports";
import { k_spin_lock, k_spin_release, k_spin_unlock, k_spinlock_key_t, z_assert_can_swap } from "./spinlock";
import { sys_dlist_append, sys_dlist_insert, sys_dlist_peek_head, sys_dlist_peek_next,
  sys_dlist_remove, sys_dnode_is_linked } from "./dlist";
import { CONFIG_SMP, CONFIG_SPIN_VALIDATE, CONFIG_SCHED_SCALABLE, CONFIG_SCHED_MULTIQ,
  CONFIG_SCHED_CPU_MASK_PIN_ONLY, CONFIG_SCHED_IPI_CASCADE } from "./config";
import { z_priq_rb_add, z_priq_rb_remove, z_priq_rb_mask_best } from "./priq_rb";
import { z_priq_mq_add, z_priq_mq_remove, z_priq_mq_mask_best } from "./priq_mq";
import { flag_ipi, ipi_mask_create, signal_pending_ipi } from "./ipi";
import { z_spin_validate_fail } from "./fatal";
import { sys_clock_program, k_ticks_now } from "./timeout";
import { halt_thread_locked } from "./thread";
import { z_reset_time_slice_locked, z_time_slice_locked } from "./timeslicing";
import { z_smp_global_lock_switch_in, z_smp_global_lock_switch_out } from "./irq_lock";
import { z_timer_run_expired } from "./timer";

// thread_state bits (kernel/include/kthread.h)
// @ts-ignore: decorator
@inline export const _THREAD_DUMMY: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const _THREAD_PENDING: u32 = 1 << 1;
/** Sleeping, or created but not yet started (Zephyr folded PRESTART into SLEEPING). */
// @ts-ignore: decorator
@inline export const _THREAD_SLEEPING: u32 = 1 << 2;
// @ts-ignore: decorator
@inline export const _THREAD_DEAD: u32 = 1 << 3;
// @ts-ignore: decorator
@inline export const _THREAD_SUSPENDED: u32 = 1 << 4;
// @ts-ignore: decorator
@inline export const _THREAD_ABORTING: u32 = 1 << 5;
// @ts-ignore: decorator
@inline export const _THREAD_SUSPENDING: u32 = 1 << 6;
// @ts-ignore: decorator
@inline export const _THREAD_QUEUED: u32 = 1 << 7;
/** Set on a thread that has been started once (k_thread_start is then a no-op). */
// @ts-ignore: decorator
@inline export const _THREAD_STARTED: u32 = 1 << 8;

// user_options bits (include/zephyr/kernel.h), plus wasmp-internal ones from bit 24.
// @ts-ignore: decorator
@inline export const K_ESSENTIAL: u32 = 1 << 0;
// @ts-ignore: decorator
@inline export const K_IDLE_THREAD: u32 = 1 << 24;

// @ts-ignore: decorator
@inline export const K_IDLE_PRIO: i32 = 15;

// @ts-ignore: decorator
@inline export function sched_lock(): k_spinlock { return kernel().sched_lock; }

// @ts-ignore: decorator
@inline export function current(): k_thread { return changetype<k_thread>(arch_curr_cpu().current); }

/** Id of this CPU's current thread, 0 before the first thread exists. */
export function current_thread_id(): u32 {
  const t = arch_curr_cpu().current;
  return t == 0 ? 0 : changetype<k_thread>(t).id;
}

// @ts-ignore: decorator
@inline export function thread_of_qnode(n: usize): k_thread { return changetype<k_thread>(n - K_THREAD_QNODE); }

// @ts-ignore: decorator
@inline export function z_is_idle_thread_object(t: k_thread): bool { return (t.user_options & K_IDLE_THREAD) != 0; }

/** memcmp-style: > 0 if t1 has the higher priority (numerically lower). */
// @ts-ignore: decorator
@inline export function z_sched_prio_cmp(t1: k_thread, t2: k_thread): i32 { return t2.prio - t1.prio; }

/** Not prevented from running: not pending, sleeping, dead, dummy or suspended. */
// @ts-ignore: decorator
@inline export function z_is_thread_ready(t: k_thread): bool {
  return (t.thread_state & (_THREAD_PENDING | _THREAD_SLEEPING | _THREAD_DEAD | _THREAD_DUMMY | _THREAD_SUSPENDED)) == 0;
}

/** Zephyr's internal test helper, used by its SMP tests: pending, sleeping, dead, dummy or suspended. */
export function z_is_thread_prevented_from_running(t: k_thread): bool {
  return (atomic.load<u32>(changetype<usize>(t), K_THREAD_THREAD_STATE)
    & (_THREAD_PENDING | _THREAD_SLEEPING | _THREAD_DEAD | _THREAD_DUMMY | _THREAD_SUSPENDED)) != 0;
}

/** Zephyr's internal helpers, used by its SMP tests. */
export function z_is_thread_pending(t: k_thread): bool {
  return (atomic.load<u32>(changetype<usize>(t), K_THREAD_THREAD_STATE) & _THREAD_PENDING) != 0;
}
/** Zephyr's z_is_thread_ready() for tests: not prevented from running (see z_is_thread_ready). */
export function z_thread_is_ready(t: k_thread): bool { return !z_is_thread_prevented_from_running(t); }

// @ts-ignore: decorator
@inline export function z_is_thread_queued(t: k_thread): bool { return (t.thread_state & _THREAD_QUEUED) != 0; }

/** Preemptible: non-negative priority and not holding k_sched_lock. */
// @ts-ignore: decorator
@inline export function thread_is_preemptible(t: k_thread): bool { return t.prio >= 0 && t.sched_locked == 0; }

// --- the run queue ------------------------------------------------------------------------
// Backend by choice SCHED_ALGORITHM (../shared/spec/zephyr-smp.md §5.2): CONFIG_SCHED_SIMPLE
// (default: the sorted dlist z_kernel.runq), CONFIG_SCHED_SCALABLE (red-black tree,
// priq_rb.ts) or CONFIG_SCHED_MULTIQ (per-priority lists + bitmap, priq_mq.ts). Every backend
// keeps priority order and FIFO among equals, and runq_best is mask-aware (mask_best: the
// first thread in that order whose cpu_mask has this CPU). With CONFIG_SCHED_CPU_MASK_PIN_ONLY
// each CPU has its own queue (_cpu.runq / runq_rb / runq_mq) and a thread lives in the queue
// of the lowest CPU of its mask (CPU 0 for an empty mask). Wait queues always use the sorted
// list (z_priq_add: Zephyr's default WAITQ_SIMPLE). Lock: sched_lock for all of it.

/** The CPU whose queue holds `t` under PIN_ONLY: ctz(cpu_mask), 0 if the mask is empty. */
// @ts-ignore: decorator
@inline function thread_runq_cpu(t: k_thread): i32 {
  const m = t.cpu_mask;
  return m == 0 ? 0 : <i32>ctz(m);
}

/** thread_runq: address of the backend queue that holds (or will hold) `t`. */
// @ts-ignore: decorator
@inline function thread_runq(t: k_thread): usize {
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) {
    const c = cpu_at(thread_runq_cpu(t));
    if (CONFIG_SCHED_SCALABLE) return changetype<usize>(c.runq_rb);
    if (CONFIG_SCHED_MULTIQ) return changetype<usize>(c.runq_mq);
    return changetype<usize>(c.runq);
  }
  return global_runq();
}

/** curr_cpu_runq: the queue this CPU picks from. */
// @ts-ignore: decorator
@inline function curr_cpu_runq(): usize {
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) {
    const c = arch_curr_cpu();
    if (CONFIG_SCHED_SCALABLE) return changetype<usize>(c.runq_rb);
    if (CONFIG_SCHED_MULTIQ) return changetype<usize>(c.runq_mq);
    return changetype<usize>(c.runq);
  }
  return global_runq();
}

// @ts-ignore: decorator
@inline function global_runq(): usize {
  const k = kernel();
  if (CONFIG_SCHED_SCALABLE) return changetype<usize>(k.runq_rb);
  if (CONFIG_SCHED_MULTIQ) return changetype<usize>(k.runq_mq);
  return changetype<usize>(k.runq);
}

export function runq_add(t: k_thread): void {
  if (CONFIG_SPIN_VALIDATE && z_is_idle_thread_object(t)) z_spin_validate_fail(sched_lock(), "idle thread queued");
  const q = thread_runq(t);
  if (CONFIG_SCHED_SCALABLE) z_priq_rb_add(changetype<_priq_rb>(q), t);
  else if (CONFIG_SCHED_MULTIQ) z_priq_mq_add(changetype<_priq_mq>(q), t);
  else z_priq_add(changetype<sys_dnode>(q), t);
}

/** Takes `t` out of its run queue; under PIN_ONLY its mask must not have changed since runq_add. */
export function runq_remove(t: k_thread): void {
  if (CONFIG_SCHED_SCALABLE) z_priq_rb_remove(changetype<_priq_rb>(thread_runq(t)), t);
  else if (CONFIG_SCHED_MULTIQ) z_priq_mq_remove(changetype<_priq_mq>(thread_runq(t)), t);
  else sys_dlist_remove(t.qnode);
}

/** Inserts before the first thread of strictly lower priority (sorted, FIFO among equals). */
export function z_priq_add(list: sys_dnode, t: k_thread): void {
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    if (z_sched_prio_cmp(t, thread_of_qnode(n)) > 0) {
      sys_dlist_insert(changetype<sys_dnode>(n), t.qnode);
      return;
    }
    n = sys_dlist_peek_next(list, n);
  }
  sys_dlist_append(list, t.qnode);
}

/**
 * z_priq_simple_mask_best: the first thread of the list whose cpu_mask has `bit` (also MULTIQ's
 * per-level scan).
 */
export function z_priq_simple_mask_best(list: sys_dnode, bit: u32): k_thread | null {
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    const t = thread_of_qnode(n);
    if ((t.cpu_mask & bit) != 0) return t;
    n = sys_dlist_peek_next(list, n);
  }
  return null;
}

/** The best queued thread whose cpu_mask includes this CPU, or null. */
export function runq_best(): k_thread | null {
  const q = curr_cpu_runq();
  const bit: u32 = 1 << <u32>cpu_id;
  if (CONFIG_SCHED_SCALABLE) return z_priq_rb_mask_best(changetype<_priq_rb>(q), bit);
  if (CONFIG_SCHED_MULTIQ) return z_priq_mq_mask_best(changetype<_priq_mq>(q), bit);
  return z_priq_simple_mask_best(changetype<sys_dnode>(q), bit);
}

function should_queue_thread(t: k_thread): bool {
  return changetype<usize>(t) != arch_curr_cpu().current;
}

export function queue_thread(t: k_thread): void {
  t.thread_state |= _THREAD_QUEUED;
  if (should_queue_thread(t)) runq_add(t);
  else arch_curr_cpu().swap_ok = 1; // "add current to end of queue means 'yield'"
}

export function dequeue_thread(t: k_thread): void {
  t.thread_state &= ~_THREAD_QUEUED;
  if (should_queue_thread(t)) runq_remove(t);
}

/**
 * move_current_to_end_of_prio_q: the current thread yields to its equal-priority peers at
 * this CPU's next scheduling point. Lock: sched_lock.
 */
export function z_requeue_current_locked(cur: k_thread): void {
  if (z_is_thread_ready(cur) && !z_is_idle_thread_object(cur)) {
    if (z_is_thread_queued(cur)) dequeue_thread(cur);
    queue_thread(cur);
    update_cache(1);
  }
}

/** The CPU other than this one on which `t` is running, or null. Lock: sched_lock. */
export function thread_active_elsewhere(t: k_thread): _cpu | null {
  if (!CONFIG_SMP) return null;
  const cpu = cpu_at(<i32>t.cpu);
  if (cpu.current == changetype<usize>(t) && <i32>t.cpu != cpu_id) return cpu;
  return null;
}

// @ts-ignore: decorator
@inline function update_cache(preempt_ok: u32): void { arch_curr_cpu().swap_ok = preempt_ok; }

/** Makes `t` runnable if it is not queued and nothing prevents it. Lock: sched_lock. */
export function ready_thread_locked(t: k_thread): void {
  if (!z_is_thread_queued(t) && z_is_thread_ready(t)) {
    queue_thread(t);
    update_cache(0);
    flag_ipi(ipi_mask_create(t));
  }
}

/** Takes `t` out of the run queue. Lock: sched_lock. */
export function unready_thread_locked(t: k_thread): void {
  if (z_is_thread_queued(t)) dequeue_thread(t);
  update_cache(changetype<usize>(t) == arch_curr_cpu().current ? 1 : 0);
}

/** z_ready_thread: readies `t` unless it runs on another CPU. */
export function z_ready_thread(t: k_thread): void {
  const key = k_spin_lock(sched_lock());
  if (thread_active_elsewhere(t) == null) ready_thread_locked(t);
  k_spin_unlock(sched_lock(), key);
}

function should_preempt(thread: k_thread, preempt_ok: u32): bool {
  if (preempt_ok != 0) return true;
  const cur = current();
  if (!z_is_thread_ready(cur)) return true;
  if (thread_is_preemptible(cur)) return true;
  return false;
}

/** Picks the thread this CPU runs next (SMP next_up). Lock: sched_lock. */
export function next_up(): k_thread {
  const cpu = arch_curr_cpu();
  const cur = current();
  // Deferred halt of current requested by another CPU (k_thread_abort / k_thread_suspend).
  if ((cur.thread_state & (_THREAD_ABORTING | _THREAD_SUSPENDING)) != 0) {
    halt_thread_locked(cur, (cur.thread_state & _THREAD_ABORTING) != 0 ? _THREAD_DEAD : _THREAD_SUSPENDED);
  }
  let thread = runq_best();
  const queued = z_is_thread_queued(cur);
  const active = z_is_thread_ready(cur);
  if (thread == null) thread = changetype<k_thread>(cpu.idle_thread);
  if (active) {
    const cmp = z_sched_prio_cmp(cur, thread);
    // Ties only switch if state says we yielded.
    if (cmp > 0 || (cmp == 0 && cpu.swap_ok == 0)) thread = cur;
    if (!should_preempt(thread, cpu.swap_ok)) thread = cur;
  }
  if (thread != cur && active && !queued && !z_is_idle_thread_object(cur)) queue_thread(cur);
  if (z_is_thread_queued(thread)) dequeue_thread(thread);
  cpu.swap_ok = 0;
  return thread;
}

/** Waits until `t`'s context is fully saved by the CPU that switched it out. */
export function z_sched_switch_spin(t: k_thread): void {
  const p = changetype<usize>(t) + K_THREAD_SWITCH_HANDLE;
  if (atomic.load<u32>(p) != 0) return;
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  while (atomic.load<u32>(p) == 0) {
    if (++spins < budget) continue;
    host_park(p, 0, 10); // the host notifies this word when it publishes the handle
    spins = 0;
  }
}

/**
 * Switches this CPU from its current thread to `next` (already chosen by next_up).
 * Lock: sched_lock held with interrupts masked; it is released before the switch, and the
 * switch itself publishes old's handle once old is saved. Returns once old runs again.
 */
function switch_to_locked(old: k_thread, next: k_thread): void {
  const cpu = arch_curr_cpu();
  cpu.swap_ok = 0;
  next.cpu = <u32>cpu_id;
  z_sched_switch_spin(next);
  cpu.current = changetype<usize>(next);
  z_reset_time_slice_locked(next);
  // z_requeue_current: old becomes visible to other CPUs only now that we are committed.
  if (z_is_thread_queued(old)) runq_add(old);
  signal_pending_ipi();
  const newsh = atomic.load<u32>(changetype<usize>(next), K_THREAD_SWITCH_HANDLE);
  atomic.store<u32>(changetype<usize>(next), 0, K_THREAD_SWITCH_HANDLE); // active threads have NULL here
  const held = old.global_lock_count;
  k_spin_release(sched_lock(), <u32>changetype<usize>(sched_lock()) | 1);
  z_smp_global_lock_switch_out(held);
  arch_switch(newsh, changetype<usize>(old) + K_THREAD_SWITCH_HANDLE);
  z_smp_global_lock_switch_in();
}

/**
 * The context switch (do_swap). `lock` is the caller's spinlock (released here) or null when
 * the caller only masked interrupts; `key` is the caller's interrupt key, restored when this
 * thread resumes. Returns the thread's swap_retval (-EAGAIN unless a waker set it).
 * Illegal: holding any other spinlock, or switching with interrupts masked by the caller's
 * caller (an irq_lock), except for dummy and dead threads: assertions under CONFIG_SPIN_VALIDATE.
 */
export function z_swap(lock: k_spinlock | null, key: k_spinlock_key_t): i32 {
  const old = current();
  old.swap_retval = -EAGAIN;
  const is_sched = lock != null && changetype<usize>(lock) == changetype<usize>(sched_lock());
  // A failed check is an assertion; a post action that returns lets the switch go on.
  if (CONFIG_SPIN_VALIDATE) z_assert_can_swap(key, lock);
  if (lock != null && !is_sched) k_spin_release(lock, key);
  if (!is_sched) k_spin_lock(sched_lock());
  const next = next_up();
  if (next != old) {
    switch_to_locked(old, next);
  } else {
    signal_pending_ipi();
    k_spin_release(sched_lock(), <u32>changetype<usize>(sched_lock()) | 1);
  }
  arch_irq_unlock(key);
  return current().swap_retval;
}

/** z_swap_unlocked: a switch point with nothing locked by the caller. */
export function z_swap_unlocked(): void {
  z_swap(null, arch_irq_lock());
}

/**
 * Interrupt exit (z_get_next_switch_handle): called with interrupts masked and nested == 0.
 * Switches if next_up() picks another thread; the interrupted thread resumes here later.
 */
export function z_irq_exit_switch(): void {
  const key = k_spin_lock(sched_lock());
  const old = current();
  const next = next_up();
  if (next != old) {
    // CONFIG_SCHED_IPI_CASCADE (z_get_next_switch_handle, spec §5.9): old is still runnable
    // and switch_to_locked requeues it. If a CPU-restricted thread displaced it and old may
    // run elsewhere, interrupt the CPUs where it would preempt (switch_to_locked signals).
    if (CONFIG_SCHED_IPI_CASCADE && z_is_thread_queued(old) && next.cpu_mask != 0xffffffff
        && old.cpu_mask != <u32>1 << <u32>cpu_id) {
      flag_ipi(ipi_mask_create(old));
    }
    switch_to_locked(old, next);
    return;
  }
  signal_pending_ipi();
  k_spin_release(sched_lock(), key);
}

/** Reschedules if the caller may be switched out, else only sends flagged IPIs. */
export function z_reschedule(lock: k_spinlock, key: k_spinlock_key_t): void {
  arch_curr_cpu().swap_ok = 0;
  if (arch_irq_unlocked(key) && !arch_is_in_isr()) {
    z_swap(lock, key);
  } else {
    signal_pending_ipi();
    k_spin_unlock(lock, key);
  }
}

/** z_reschedule_unlocked: a scheduling point from code that holds nothing. */
export function z_reschedule_unlocked(): void {
  const key = k_spin_lock(sched_lock());
  z_reschedule(sched_lock(), key);
}

// --- pending on wait queues ----------------------------------------------------------------

/** Blocks the current thread on `wq` until woken or `timeout` ticks (K_FOREVER = -1). */
function pend_locked(t: k_thread, wq: sys_dnode, timeout: i64): void {
  unready_thread_locked(t);
  t.thread_state |= _THREAD_PENDING;
  t.pended_on = changetype<usize>(wq);
  z_priq_add(wq, t);
  if (timeout != -1) z_add_thread_timeout_locked(t, timeout);
}

/**
 * z_pend_curr: releases the caller's `lock`, pends the current thread on `wq` and switches.
 * Returns the waker's value (e.g. 0), or -EAGAIN on timeout.
 */
export function z_pend_curr(lock: k_spinlock, key: k_spinlock_key_t, wq: sys_dnode, timeout: i64): i32 {
  k_spin_lock(sched_lock());
  pend_locked(current(), wq, timeout);
  k_spin_release(lock, key);
  return z_swap(sched_lock(), key & 1);
}

/** Pends the current thread on `wq` and switches; the caller holds sched_lock with `key`. */
export function z_pend_curr_locked(key: k_spinlock_key_t, wq: sys_dnode, timeout: i64): i32 {
  pend_locked(current(), wq, timeout);
  return z_swap(sched_lock(), key);
}

/** Removes `t` from the wait queue it pends on. Lock: sched_lock. */
export function unpend_thread_no_timeout_locked(t: k_thread): void {
  if (t.pended_on != 0) {
    sys_dlist_remove(t.qnode);
    t.pended_on = 0;
  }
  t.thread_state &= ~_THREAD_PENDING;
}

/** Unpends the highest-priority waiter of `wq` and cancels its timeout; null if none. */
export function z_unpend_first_thread_locked(wq: sys_dnode): k_thread | null {
  const n = sys_dlist_peek_head(wq);
  if (n == 0) return null;
  const t = thread_of_qnode(n);
  unpend_thread_no_timeout_locked(t);
  z_abort_timeout_locked(t.timeout);
  return t;
}

/** Wakes the first waiter of `wq` with `retval`. Returns true if there was one. */
export function z_sched_wake_locked(wq: sys_dnode, retval: i32): bool {
  const t = z_unpend_first_thread_locked(wq);
  if (t == null) return false;
  t.swap_retval = retval;
  ready_thread_locked(t);
  return true;
}

/** Wakes every waiter of `wq` with `retval`. Returns true if there was any. */
export function z_sched_wake_all_locked(wq: sys_dnode, retval: i32): bool {
  let any = false;
  while (z_sched_wake_locked(wq, retval)) any = true;
  return any;
}

// --- timeouts -----------------------------------------------------------------------------
// One global list sorted by absolute deadline (ticks), under sched_lock: handlers run with
// the lock held, so cancelling a timeout under the lock is final (no stale wake-ups).

export type timeout_fn = (to: _timeout) => void;

/** Arms `to` to call `fn` after `ticks` (at least one tick). Lock: sched_lock. */
export function z_add_timeout_locked(to: _timeout, fn: timeout_fn, ticks: i64): void {
  if (sys_dnode_is_linked(to.node)) sys_dlist_remove(to.node);
  const deadline = k_ticks_now() + (ticks < 1 ? 1 : ticks);
  to.fn = <u32>changetype<usize>(fn);
  to.deadline = deadline;
  const list = kernel().timeout_list;
  let n = sys_dlist_peek_head(list);
  while (n != 0) {
    if (changetype<_timeout>(n).deadline > deadline) {
      sys_dlist_insert(changetype<sys_dnode>(n), to.node);
      break;
    }
    n = sys_dlist_peek_next(list, n);
  }
  if (n == 0) sys_dlist_append(list, to.node);
  if (sys_dlist_peek_head(list) == changetype<usize>(to)) sys_clock_program(deadline);
}

/** Cancels `to`. Returns 0, or -EINVAL if it was not armed. Lock: sched_lock. */
export function z_abort_timeout_locked(to: _timeout): i32 {
  if (!sys_dnode_is_linked(to.node)) return -22;
  sys_dlist_remove(to.node);
  to.fn = 0;
  return 0;
}

/** Ticks until `to` expires (0 if not armed). Lock: sched_lock. */
export function z_timeout_remaining_locked(to: _timeout): i64 {
  if (!sys_dnode_is_linked(to.node)) return 0;
  const r = to.deadline - k_ticks_now();
  return r > 0 ? r : 0;
}

function z_thread_timeout(to: _timeout): void {
  const t = changetype<k_thread>(changetype<usize>(to) - K_THREAD_TIMEOUT);
  if ((t.thread_state & (_THREAD_DEAD | _THREAD_ABORTING)) != 0) return;
  if (t.pended_on != 0) unpend_thread_no_timeout_locked(t);
  t.thread_state &= ~_THREAD_SLEEPING;
  ready_thread_locked(t);
}

export function z_add_thread_timeout_locked(t: k_thread, ticks: i64): void {
  z_add_timeout_locked(t.timeout, z_thread_timeout, ticks);
}

/**
 * Timer interrupt: runs the handlers of expired timeouts and reprograms this CPU's timer.
 * Called from the interrupt handler with interrupts masked.
 */
export function sys_clock_announce(): void {
  const key = k_spin_lock(sched_lock());
  const list = kernel().timeout_list;
  const now = k_ticks_now();
  while (true) {
    const n = sys_dlist_peek_head(list);
    if (n == 0) break;
    const to = changetype<_timeout>(n);
    if (to.deadline > now) break;
    sys_dlist_remove(to.node);
    const fn = to.fn;
    to.fn = 0;
    if (fn != 0) changetype<timeout_fn>(fn)(to);
  }
  const head = sys_dlist_peek_head(list);
  arch_curr_cpu().timer_deadline = NO_DEADLINE;
  if (head != 0) sys_clock_program(changetype<_timeout>(head).deadline);
  z_time_slice_locked();
  signal_pending_ipi();
  k_spin_unlock(sched_lock(), key);
  z_timer_run_expired();
}
