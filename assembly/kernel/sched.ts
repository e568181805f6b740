// The scheduler (kernel/sched.c, kernel/include/kswap.h): what is queued and when, per-CPU
// selection (next_up), switch-based context switching, rescheduling points, pending on wait
// queues and the thread timeout. The run queue itself is runq.ts (run_q.h), the thread
// predicates kthread.ts (kthread.h), the timeout list timeout.ts (timeout.c).
//
// SMP rules kept here (Zephyr's kernel/sched.c and doc/kernel/services/smp/smp.rst):
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

import {
  k_thread,
  _cpu,
  sys_dnode,
  k_spinlock,
  _timeout,
  K_THREAD_SWITCH_HANDLE,
  K_THREAD_TIMEOUT,
  EAGAIN,
  SPINLOCK_KEY_IRQ_MASKED_MASK,
  spinlock_key_irq_masked,
  _THREAD_ABORTING,
  _THREAD_DEAD,
  _THREAD_PENDING,
  _THREAD_QUEUED,
  _THREAD_SLEEPING,
  _THREAD_SUSPENDED,
  _THREAD_SUSPENDING,
} from "../generated/contract";
import {
  arch_curr_cpu,
  arch_irq_lock,
  arch_irq_unlock,
  arch_irq_unlocked,
  arch_is_in_isr,
  cpu_at,
  cpu_id,
  kernel,
} from "../arch/cpu";
import { arch_switch, host_park } from "../arch/imports";
import { k_spin_lock, k_spin_release, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import { z_assert_can_swap } from "./spinlock_validate";
import { z_waitq_add, z_waitq_head, z_waitq_remove } from "./wait_q";
import { CONFIG_SMP, CONFIG_SPIN_VALIDATE, CONFIG_SCHED_IPI_CASCADE } from "./config";
import {
  current,
  thread_is_preemptible,
  z_is_idle_thread_object,
  z_is_thread_queued,
  z_is_thread_ready,
  z_sched_prio_cmp,
} from "./kthread";
import { runq_add, runq_best, runq_remove } from "./runq";
import { flag_ipi, ipi_mask_create, signal_pending_ipi } from "./ipi";
import { z_abort_timeout_locked, z_add_timeout_locked } from "./timeout";
import { halt_thread_locked } from "./thread";
import { z_reset_time_slice_locked } from "./timeslicing";
import { z_smp_global_lock_switch_in, z_smp_global_lock_switch_out } from "./irq_lock";
import { z_sched_usage_switch } from "./usage";

/** A CPU waiting for a switched-out thread's handle re-checks it this often if never notified. */
// @ts-ignore: decorator
@inline const SWITCH_SPIN_PARK_MS: f64 = 10;

// @ts-ignore: decorator
@inline export function sched_lock(): k_spinlock {
  return kernel().sched_lock;
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
@inline function update_cache(preempt_ok: u32): void {
  arch_curr_cpu().swap_ok = preempt_ok;
}

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
    host_park(p, 0, SWITCH_SPIN_PARK_MS); // the host notifies this word when it publishes the handle
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
  z_sched_usage_switch(); // CONFIG_THREAD_RUNTIME_STATS: old's window ends, next's begins
  cpu.current = changetype<usize>(next);
  z_reset_time_slice_locked(next);
  // z_requeue_current: old becomes visible to other CPUs only now that we are committed.
  if (z_is_thread_queued(old)) runq_add(old);
  signal_pending_ipi();
  const newsh = atomic.load<u32>(changetype<usize>(next), K_THREAD_SWITCH_HANDLE);
  atomic.store<u32>(changetype<usize>(next), 0, K_THREAD_SWITCH_HANDLE); // active threads have NULL here
  const held = old.global_lock_count;
  k_spin_release(sched_lock(), <u32>changetype<usize>(sched_lock()) | SPINLOCK_KEY_IRQ_MASKED_MASK);
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
    k_spin_release(sched_lock(), <u32>changetype<usize>(sched_lock()) | SPINLOCK_KEY_IRQ_MASKED_MASK);
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
    // CONFIG_SCHED_IPI_CASCADE (Zephyr's z_get_next_switch_handle in sched.c): old is still runnable
    // and switch_to_locked requeues it. If a CPU-restricted thread displaced it and old may
    // run elsewhere, interrupt the CPUs where it would preempt (switch_to_locked signals).
    if (
      CONFIG_SCHED_IPI_CASCADE &&
      z_is_thread_queued(old) &&
      next.cpu_mask != 0xffffffff &&
      old.cpu_mask != (<u32>1) << (<u32>cpu_id)
    ) {
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

/**
 * Blocks `t` on `wq` until woken or `timeout` ticks (K_FOREVER = -1). A null `wq` pends it on
 * no queue (Zephyr's add_to_waitq_locked with a NULL wait_q): only whoever holds the thread
 * (a mailbox receiver, for a sender it has matched) can wake it. `kind` (WAIT_*) says which
 * kind of object `wq` belongs to: a host reading a dump finds the object from pended_on.
 */
function pend_locked(t: k_thread, wq: sys_dnode | null, timeout: i64, kind: u32): void {
  unready_thread_locked(t);
  t.thread_state |= _THREAD_PENDING;
  t.pended_kind = kind; // what the dump says it waits on (a WAIT_* of the contract)
  if (wq != null) {
    t.pended_on = changetype<usize>(wq);
    z_waitq_add(wq, t);
  }
  if (timeout != -1) z_add_thread_timeout_locked(t, timeout);
}

/** z_pend_thread: pends `t`, which is not the current thread (a mailbox's dummy sender). Lock: sched_lock. */
export function z_pend_thread_locked(t: k_thread, wq: sys_dnode | null, timeout: i64, kind: u32): void {
  pend_locked(t, wq, timeout, kind);
}

/**
 * z_pend_curr: releases the caller's `lock`, pends the current thread on `wq` (null: on no
 * queue; `kind` as pend_locked's) and switches. Returns the waker's value (e.g. 0), or -EAGAIN on timeout.
 */
export function z_pend_curr(
  lock: k_spinlock,
  key: k_spinlock_key_t,
  wq: sys_dnode | null,
  timeout: i64,
  kind: u32,
): i32 {
  k_spin_lock(sched_lock());
  pend_locked(current(), wq, timeout, kind);
  k_spin_release(lock, key);
  return z_swap(sched_lock(), spinlock_key_irq_masked(key));
}

/** Pends the current thread on `wq` and switches; the caller holds sched_lock with `key`. */
export function z_pend_curr_locked(key: k_spinlock_key_t, wq: sys_dnode, timeout: i64, kind: u32): i32 {
  pend_locked(current(), wq, timeout, kind);
  return z_swap(sched_lock(), key);
}

/** Removes `t` from the wait queue it pends on. Lock: sched_lock. */
export function unpend_thread_no_timeout_locked(t: k_thread): void {
  if (t.pended_on != 0) {
    z_waitq_remove(changetype<sys_dnode>(t.pended_on), t);
    t.pended_on = 0;
  }
  t.thread_state &= ~_THREAD_PENDING;
}

/** Unpends the highest-priority waiter of `wq` and cancels its timeout; null if none. */
export function z_unpend_first_thread_locked(wq: sys_dnode): k_thread | null {
  const t = z_waitq_head(wq);
  if (t == null) return null;
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

// --- the thread timeout (sched.c: z_thread_timeout) ---------------------------------------

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
