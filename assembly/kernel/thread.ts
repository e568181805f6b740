// Threads: creation, start, exit, abort, join, sleep, yield, names (kernel/thread.c, sched.c).
//
// k_thread_create takes Zephyr's arguments minus the thread and stack storage, which the
// kernel allocates from the shared heap. The "stack" is the thread's asyncify save area: it
// holds the Wasm frames while the thread is switched out, and overflowing it is Zephyr's
// stack-check fatal error for that thread. A stack object (K_THREAD_STACK_DEFINE) is only its
// size: k_thread_create takes the size or the object. Under CONFIG_INIT_STACKS the save area
// is painted at creation and k_thread_stack_space_get scans it, as Zephyr's stack painting.

import {
  k_thread,
  sys_dnode,
  K_THREAD_NAME,
  K_THREAD_SWITCH_HANDLE,
  K_THREAD_THREAD_STATE,
  Z_KERNEL_NEXT_THREAD_ID,
  EBUSY,
  EDEADLK,
  EINVAL,
  ENOSPC,
  ENOTSUP,
  K_USER,
  STACK_PAINT_BYTE,
  _THREAD_DUMMY,
  K_ERR_KERNEL_OOPS,
  K_ERR_KERNEL_PANIC,
  K_ERR_STACK_CHK_FAIL,
  SIZEOF_K_THREAD,
  THREAD_QUARANTINE,
  CONFIG_THREAD_MAX_NAME_LEN,
  K_ESSENTIAL,
  _THREAD_ABORTING,
  _THREAD_DEAD,
  _THREAD_PENDING,
  _THREAD_QUEUED,
  _THREAD_SLEEPING,
  _THREAD_SUSPENDED,
  _THREAD_SUSPENDING,
} from "../generated/contract";
import { arch_curr_cpu, arch_is_in_isr, kernel } from "../arch/cpu";
import { arch_sched_directed_ipi, host_park } from "../arch/imports";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import { z_heap_alloc, z_heap_calloc, z_heap_free } from "./heap";
import { z_waitq_add, z_waitq_init, z_waitq_remove } from "./wait_q";
import {
  K_FOREVER,
  K_NO_WAIT,
  k_timeout_t,
  k_ticks_now,
  z_abort_timeout_locked,
  z_timeout_remaining_locked,
} from "./timeout";
import { CONFIG_SYS_CLOCK_TICKS_PER_SEC, CONFIG_SCHED_CPU_MASK_PIN_ONLY, CONFIG_INIT_STACKS } from "./config";
import { current, z_is_thread_queued } from "./kthread";
import {
  ready_thread_locked,
  sched_lock,
  thread_active_elsewhere,
  unpend_thread_no_timeout_locked,
  unready_thread_locked,
  z_add_thread_timeout_locked,
  z_reschedule,
  z_sched_wake_all_locked,
  z_swap,
  z_pend_curr_locked,
  z_sched_switch_spin,
} from "./sched";
import { z_fatal_error } from "./fatal";
import { z_vcpu_catch_up } from "./vcpu_yield";
import { flag_ipi, ipi_cpu_mask } from "./ipi";
import { __ASSERT } from "./assert";
import { sys_dnode_is_linked } from "./dlist";
import { z_sched_usage_switch } from "./usage";

/**
 * The mask a new thread gets (K_THREAD_DEFAULT_CPU_MASK): every CPU, or CPU 0 under PIN_ONLY,
 * as z_setup_new_thread sets it ("must specify only one cpu").
 */
// @ts-ignore: decorator
@inline export const K_THREAD_DEFAULT_CPU_MASK: u32 = CONFIG_SCHED_CPU_MASK_PIN_ONLY ? 1 : 0xffffffff;

/** Bytes of a name kept (the rest of CONFIG_THREAD_MAX_NAME_LEN is the terminating NUL). */
// @ts-ignore: decorator
@inline const THREAD_NAME_MAX: i32 = <i32>CONFIG_THREAD_MAX_NAME_LEN - 1;
/** An ISR waiting for a thread to halt elsewhere re-checks it this often if never notified. */
// @ts-ignore: decorator
@inline const HALT_SPIN_PARK_MS: f64 = 1;
/** Then it lets starved CPUs run for at most this long (z_vcpu_catch_up): the halting CPU may be one. */
// @ts-ignore: decorator
@inline const HALT_CATCH_UP_US: u32 = 2000;

/** A thread entry point: Zephyr's k_thread_entry_t with three pointer-sized arguments. */
export type k_thread_entry_t = (p1: usize, p2: usize, p3: usize) => void;
/** A thread id is the thread object itself. */
export type k_tid_t = k_thread;

// @ts-ignore: decorator
@inline export const K_TICKS_FOREVER: i32 = -1;

// --- reclaiming dead threads ----------------------------------------------------------------
//
// A dead thread's save area is freed as soon as it is switched out: it goes on the zombie list
// when it dies, and the next k_thread_create or k_thread_join frees the save areas of every
// zombie whose switch-out is complete (its switch handle is published). Its control block is
// the caller's handle (k_tid_t), so it lives longer: a k_thread_join that returns 0 for the
// thread's death claims it, and it then waits in a quarantine of THREAD_QUARANTINE blocks,
// still reading as dead (a later join or abort of the stale handle does nothing), until that
// many more threads have been claimed; then it is freed and may become another thread. A thread
// that is never joined keeps its control block (SIZEOF_K_THREAD bytes). Control blocks outside
// the heap (K_THREAD_DEFINE's static ones) are never freed.

/**
 * Blocks to free once sched_lock is released (the lock order puts heap_lock first): a list
 * linked through each dead block's first word. Lock: sched_lock.
 */
const reap_free = memory.data(4, 4);

function defer_free_locked(block: usize): void {
  store<usize>(block, load<usize>(reap_free));
  store<usize>(reap_free, block);
}

/** Frees what the reaping under sched_lock set aside. Call after releasing sched_lock. */
function z_thread_reap_free(): void {
  if (atomic.load<u32>(reap_free) == 0) return;
  const key = k_spin_lock(sched_lock());
  let p = load<usize>(reap_free);
  store<usize>(reap_free, 0);
  k_spin_unlock(sched_lock(), key);
  while (p != 0) {
    const next = load<usize>(p);
    z_heap_free(p);
    p = next;
  }
}

/** Puts the claimed dead thread `t` in the quarantine, setting aside the oldest block beyond THREAD_QUARANTINE. Lock: sched_lock. */
function z_thread_quarantine_locked(t: k_thread): void {
  const k = kernel();
  const p = changetype<usize>(t);
  t.reaped = 1;
  if (p < k.heap_start || p >= k.heap_end) return; // a static control block stays
  t.quarantine_next = 0;
  if (k.quarantine_tail != 0) changetype<k_thread>(k.quarantine_tail).quarantine_next = p;
  else k.quarantine_head = p;
  k.quarantine_tail = p;
  k.quarantine_count = k.quarantine_count + 1;
  if (k.quarantine_count > THREAD_QUARANTINE) {
    const old = changetype<k_thread>(k.quarantine_head);
    k.quarantine_head = old.quarantine_next;
    if (k.quarantine_head == 0) k.quarantine_tail = 0;
    k.quarantine_count = k.quarantine_count - 1;
    defer_free_locked(changetype<usize>(old));
  }
}

/** Unused bytes of `t`'s save area: the CONFIG_INIT_STACKS paint left at its end. */
function z_stack_unused(t: k_thread): u32 {
  const start = t.stack_buf;
  const size = t.stack_size;
  let unused: u32 = 0;
  while (unused < size && load<u8>(start + size - 1 - unused) == <u8>STACK_PAINT_BYTE) unused++;
  return unused;
}

/**
 * Frees the save area of every zombie that has been switched out (its switch handle is
 * published), and moves those a join has claimed meanwhile to the quarantine. Lock: sched_lock.
 */
export function z_thread_reap_locked(): void {
  const k = kernel();
  let prev: k_thread | null = null;
  let p = k.zombies;
  while (p != 0) {
    const t = changetype<k_thread>(p);
    const next = t.zombie_next;
    if (atomic.load<u32>(p, K_THREAD_SWITCH_HANDLE) != 0) {
      if (prev == null) k.zombies = next;
      else prev.zombie_next = next;
      t.zombie_next = 0;
      if (t.stack_buf != 0) {
        if (CONFIG_INIT_STACKS) t.stack_unused = z_stack_unused(t);
        defer_free_locked(t.stack_buf);
        t.stack_buf = 0;
      }
      if (t.reaped == 2) z_thread_quarantine_locked(t);
    } else {
      prev = t;
    }
    p = next;
  }
}

/** The dead thread `t` joins the zombies (halt_thread_locked). Lock: sched_lock. */
function z_thread_zombie_locked(t: k_thread): void {
  if (t.stack_buf == 0 || (t.thread_state & _THREAD_DUMMY) != 0) return;
  const k = kernel();
  t.zombie_next = k.zombies;
  k.zombies = changetype<usize>(t);
}

/**
 * A join returned 0 for the death of `t`: its control block goes to the quarantine once its
 * switch-out is complete (now, or at the next reaping if it is still switching out on another
 * CPU). Lock: sched_lock.
 */
function z_thread_claim_locked(t: k_thread): void {
  if (t.reaped != 0) return;
  t.reaped = 2;
  z_thread_reap_locked();
  // Not a zombie (it never had a save area, or was reaped before): quarantine it now.
  if (t.reaped == 2 && atomic.load<u32>(changetype<usize>(t), K_THREAD_SWITCH_HANDLE) != 0 && t.stack_buf == 0) {
    z_thread_quarantine_locked(t);
  }
}

/** Allocates and registers a thread with a save area of at least `stack_size` bytes. */
export function z_thread_alloc(stack_size: i32): k_thread | null {
  if (kernel().zombies != 0) {
    const key = k_spin_lock(sched_lock());
    z_thread_reap_locked();
    k_spin_unlock(sched_lock(), key);
    z_thread_reap_free();
  }
  const t = changetype<k_thread>(z_heap_calloc(SIZEOF_K_THREAD));
  if (t == null) return null;
  return z_thread_setup(t, stack_size) ? t : null;
}

/**
 * Sets up the zeroed thread object `t` (heap or static memory) with a save area of at least
 * `stack_size` bytes and registers it. Returns false when the heap has no room for the save area.
 */
export function z_thread_setup(t: k_thread, stack_size: i32): bool {
  const k = kernel();
  const size = <u32>max(stack_size, <i32>k.default_stack_size);
  const stack = z_heap_alloc(size);
  if (stack == 0) return false;
  if (CONFIG_INIT_STACKS) memory.fill(stack, <u8>STACK_PAINT_BYTE, size); // Zephyr's stack painting
  t.stack_buf = stack;
  t.stack_size = size;
  t.fatal_reason = -1;
  t.cpu_mask = K_THREAD_DEFAULT_CPU_MASK; // every CPU; CPU 0 under PIN_ONLY
  z_waitq_init(t.join_queue);
  z_waitq_init(t.halt_queue);
  t.id = atomic.add<u32>(changetype<usize>(k), 1, Z_KERNEL_NEXT_THREAD_ID) + 1;
  // Join the list of threads that exist (Zephyr's thread monitor): k_thread_foreach, dumps.
  const key = k_spin_lock(k.thread_list_lock);
  if (k.threads_last != 0) changetype<k_thread>(k.threads_last).next_thread = changetype<usize>(t);
  else k.threads = changetype<usize>(t);
  k.threads_last = changetype<usize>(t);
  k_spin_unlock(k.thread_list_lock, key);
  // A thread that never ran is "saved": its handle is itself, and the host sees
  // arch_started == 0 and calls its entry instead of rewinding.
  atomic.store<u32>(changetype<usize>(t), changetype<u32>(t), K_THREAD_SWITCH_HANDLE);
  return true;
}

/**
 * Takes a dying thread off the list of threads that exist (z_thread_monitor_exit), so that its
 * memory may be reused once it has been joined. Its own link stays, so that a
 * k_thread_foreach_unlocked standing on it can go on. Lock: sched_lock (thread_list_lock inside).
 */
function z_thread_monitor_exit(t: k_thread): void {
  const k = kernel();
  const key = k_spin_lock(k.thread_list_lock);
  let prev: usize = 0;
  let p = k.threads;
  while (p != 0 && p != changetype<usize>(t)) {
    prev = p;
    p = changetype<k_thread>(p).next_thread;
  }
  if (p != 0) {
    if (prev == 0) k.threads = t.next_thread;
    else changetype<k_thread>(prev).next_thread = t.next_thread;
    if (k.threads_last == changetype<usize>(t)) k.threads_last = prev;
  }
  k_spin_unlock(k.thread_list_lock, key);
}

/**
 * Creates a thread that runs entry(p1, p2, p3) at priority `prio`, after `delay`
 * (K_NO_WAIT: now; K_FOREVER: not until k_thread_start). `stack` is the save area's size in
 * bytes or a stack object (K_THREAD_STACK_DEFINE), which stands for the same size: where
 * Zephyr passes `tstack, K_THREAD_STACK_SIZEOF(tstack)`, pass `tstack`. Returns the thread;
 * an exhausted heap is a K_ERR_KERNEL_OOPS of the caller. Returning from entry ends the thread.
 */
export function k_thread_create<S>(
  stack: S,
  entry: k_thread_entry_t,
  p1: usize,
  p2: usize,
  p3: usize,
  prio: i32,
  options: u32,
  delay: k_timeout_t,
): k_tid_t {
  const t0 = z_thread_alloc(z_stack_size_of<S>(stack));
  if (t0 == null) {
    z_fatal_error(K_ERR_KERNEL_OOPS, "k_thread_create: out of memory");
    unreachable();
  }
  z_thread_start_new(t0!, entry, p1, p2, p3, prio, options, delay);
  return t0!;
}

/** Gives the set-up thread `t` its entry, priority and options and starts it after `delay`. */
export function z_thread_start_new(
  t: k_thread,
  entry: k_thread_entry_t,
  p1: usize,
  p2: usize,
  p3: usize,
  prio: i32,
  options: u32,
  delay: k_timeout_t,
): void {
  t.entry = <u32>changetype<usize>(entry);
  t.p1 = p1;
  t.p2 = p2;
  t.p3 = p3;
  t.prio = prio;
  t.user_options = options;
  // The creator's resource pool (z_setup_new_thread), 0 (the kernel heap) before the first thread.
  const creator = arch_curr_cpu().current;
  t.resource_pool = creator == 0 ? 0 : changetype<k_thread>(creator).resource_pool;
  t.thread_state = _THREAD_SLEEPING; // not started yet
  if (delay == K_NO_WAIT) {
    z_sched_start(t);
  } else if (delay != K_FOREVER) {
    const key = k_spin_lock(sched_lock());
    t.started = 1;
    z_add_thread_timeout_locked(t, delay);
    k_spin_unlock(sched_lock(), key);
  }
}

/** Starts a thread created with K_FOREVER; does nothing if it already started. */
export function k_thread_start(t: k_tid_t): void {
  z_sched_start(t);
}

function z_sched_start(t: k_thread): void {
  const key = k_spin_lock(sched_lock());
  if (t.started != 0) {
    k_spin_unlock(sched_lock(), key);
    return;
  }
  t.thread_state = t.thread_state & ~_THREAD_SLEEPING;
  t.started = 1;
  ready_thread_locked(t);
  z_reschedule(sched_lock(), key);
}

/**
 * Marks `t` halted (halt_thread): dead or suspended. A dead thread leaves its wait queue and
 * timeout and wakes its joiners; a suspended one keeps them (it may be suspended while
 * pending). Either wakes the threads waiting for it to halt. Lock: sched_lock.
 */
export function halt_thread_locked(t: k_thread, new_state: u32): void {
  // An abort requested from another CPU while `t` ran (_THREAD_ABORTING) wins over the
  // suspension `t` then asked for itself (k_sleep(K_FOREVER) is a self-suspend): clearing the
  // flag below would lose the abort, and the aborter, pending on t's join queue, would wait
  // forever (thread_apis test_thread_join_isr hung, test_thread_join timed out, on 4 CPUs).
  if (new_state == _THREAD_SUSPENDED && (t.thread_state & _THREAD_ABORTING) != 0) new_state = _THREAD_DEAD;
  if ((t.thread_state & new_state) != 0) {
    t.thread_state &= ~(_THREAD_ABORTING | _THREAD_SUSPENDING);
    return;
  }
  t.thread_state |= new_state;
  if (z_is_thread_queued(t)) unready_thread_locked(t);
  if (new_state == _THREAD_DEAD) {
    if (t.pended_on != 0) unpend_thread_no_timeout_locked(t);
    z_abort_timeout_locked(t.timeout);
    z_sched_wake_all_locked(t.join_queue, 0);
    z_thread_monitor_exit(t);
    z_thread_zombie_locked(t);
  }
  z_sched_wake_all_locked(t.halt_queue, 0);
  t.thread_state &= ~(_THREAD_ABORTING | _THREAD_SUSPENDING | (new_state == _THREAD_DEAD ? _THREAD_QUEUED : 0));
  const cpu = arch_curr_cpu();
  if (changetype<usize>(t) == cpu.current) {
    cpu.swap_ok = 1;
    // An ISR ended the thread it interrupted (Zephyr's halt_thread "dummify"): the CPU runs the
    // rest of the ISR as its dummy thread, so that interrupt exit switches away from that and
    // neither saves into nor reads the dead thread, whose memory the ISR may already reuse.
    // Its handle is set (never to be used: it is dead) so that a join waiting for it to be
    // switched out (k_thread_join) does not wait forever.
    if (new_state == _THREAD_DEAD && arch_is_in_isr() && cpu.dummy_thread != 0) {
      z_sched_usage_switch();
      atomic.store<u32>(changetype<usize>(t), changetype<u32>(t), K_THREAD_SWITCH_HANDLE);
      cpu.current = cpu.dummy_thread;
    }
  }
}

/**
 * Halts `t` (z_thread_halt): suspends it, or ends it when `terminate`. A thread running on
 * another CPU is flagged and interrupted at once, and halts itself at that CPU's next
 * scheduling point; the caller waits for that (spins when in an interrupt). Takes the sched
 * lock's `key` and releases it.
 */
function z_thread_halt(t: k_thread, key: k_spinlock_key_t, terminate: bool): void {
  const cpu = thread_active_elsewhere(t);
  if (cpu != null) {
    t.thread_state |= terminate ? _THREAD_ABORTING : _THREAD_SUSPENDING;
    arch_sched_directed_ipi(ipi_cpu_mask(cpu.id)); // a true synchronous IPI here, not deferred
    if (arch_is_in_isr()) {
      thread_halt_spin(t, key);
      return;
    }
    z_pend_curr_locked(key, terminate ? t.join_queue : t.halt_queue, K_FOREVER);
    return;
  }
  halt_thread_locked(t, terminate ? _THREAD_DEAD : _THREAD_SUSPENDED);
  if (changetype<usize>(t) == arch_curr_cpu().current && !arch_is_in_isr()) {
    z_swap(sched_lock(), key);
  } else {
    z_reschedule(sched_lock(), key);
  }
}

/**
 * Waits in interrupt context for `t` to finish halting on its CPU. If this CPU's own current
 * thread was flagged meanwhile (another CPU's ISR is waiting for it), it is halted first:
 * that breaks the cycle when several CPUs abort each other's threads from ISRs at once.
 * Lock: takes the sched lock's `key` and releases it.
 */
function thread_halt_spin(t: k_thread, key: k_spinlock_key_t): void {
  const cur = current();
  if ((cur.thread_state & (_THREAD_ABORTING | _THREAD_SUSPENDING)) != 0) {
    halt_thread_locked(cur, (cur.thread_state & _THREAD_ABORTING) != 0 ? _THREAD_DEAD : _THREAD_SUSPENDED);
  }
  k_spin_unlock(sched_lock(), key);
  const p = changetype<usize>(t);
  const budget = kernel().spin_budget;
  let spins: u32 = 0;
  while (true) {
    const st = atomic.load<u32>(p, K_THREAD_THREAD_STATE);
    if ((st & (_THREAD_ABORTING | _THREAD_SUSPENDING)) == 0) {
      z_vcpu_catch_up(HALT_CATCH_UP_US);
      return;
    }
    if (++spins < budget) continue;
    host_park(p + K_THREAD_THREAD_STATE, st, HALT_SPIN_PARK_MS);
    spins = 0;
  }
}

/**
 * Suspends `t` until k_thread_resume. Suspending the current thread switches away; a thread
 * running on another CPU stops at that CPU's next scheduling point, and this call returns
 * once it has. A thread suspended while it pends stays pended as well.
 */
export function k_thread_suspend(t: k_tid_t): void {
  const key = k_spin_lock(sched_lock());
  z_abort_timeout_locked(t.timeout);
  if ((t.thread_state & _THREAD_SUSPENDED) != 0) {
    k_spin_unlock(sched_lock(), key);
    return;
  }
  z_thread_halt(t, key, false);
}

/** Resumes a suspended thread; does nothing if `t` is not suspended. */
export function k_thread_resume(t: k_tid_t): void {
  const key = k_spin_lock(sched_lock());
  if ((t.thread_state & _THREAD_SUSPENDED) == 0) {
    k_spin_unlock(sched_lock(), key);
    return;
  }
  t.thread_state &= ~_THREAD_SUSPENDED;
  ready_thread_locked(t);
  z_reschedule(sched_lock(), key);
}

/** A thread's entry returned: it ends, as k_thread_abort(k_current_get()) (essential: panic). */
export function z_thread_entry_return(): void {
  const t = current();
  if ((t.user_options & K_ESSENTIAL) != 0) z_fatal_error(K_ERR_KERNEL_PANIC, "Essential thread returned");
  z_thread_exit();
}

/** Marks the current thread essential: its fault or abort halts the machine. */
export function k_thread_essential_set(): void {
  current().user_options |= K_ESSENTIAL;
}
export function k_thread_essential_clear(): void {
  current().user_options &= ~K_ESSENTIAL;
}
export function k_thread_is_essential(): bool {
  return (current().user_options & K_ESSENTIAL) != 0;
}

/** Ends the current thread (return from its entry, k_thread_abort(k_current_get())). */
export function z_thread_exit(): void {
  const key = k_spin_lock(sched_lock());
  halt_thread_locked(current(), _THREAD_DEAD);
  z_swap(sched_lock(), key);
  unreachable(); // a dead thread is never resumed
}

/**
 * Aborts `t`. A thread running on another CPU is flagged and interrupted; it halts itself at
 * its CPU's next scheduling point, and the caller waits for that (spins in an interrupt).
 */
export function k_thread_abort(t: k_tid_t): void {
  // Aborting an essential thread is a kernel panic (z_thread_abort: "essential thread aborted").
  if ((t.user_options & K_ESSENTIAL) != 0 && (t.thread_state & _THREAD_DEAD) == 0) {
    z_fatal_error(K_ERR_KERNEL_PANIC, "Essential thread aborted");
  }
  if (changetype<usize>(t) == arch_curr_cpu().current && !arch_is_in_isr()) z_thread_exit();
  const key = k_spin_lock(sched_lock());
  if ((t.thread_state & _THREAD_DEAD) != 0) {
    k_spin_unlock(sched_lock(), key);
    return;
  }
  z_thread_halt(t, key, true);
}

/**
 * Waits for `t` to end. Returns 0 once it has, -EBUSY with K_NO_WAIT if it has not, -EAGAIN on
 * timeout, -EDEADLK when joining itself or a thread that is joining the caller.
 */
export function k_thread_join(t: k_tid_t, timeout: k_timeout_t): i32 {
  const key = k_spin_lock(sched_lock());
  const cur = current();
  let ret: i32 = 0;
  if ((t.thread_state & _THREAD_DEAD) != 0) {
    // It may still be switching out on another CPU: once this returns, its memory is the
    // caller's to reuse (Zephyr's z_sched_switch_spin here).
    z_sched_switch_spin(t);
    z_thread_claim_locked(t);
    k_spin_unlock(sched_lock(), key);
    z_thread_reap_free();
    return 0;
  } else if (timeout == K_NO_WAIT) {
    ret = -EBUSY;
  } else if (t == cur || t.pended_on == changetype<usize>(cur.join_queue)) {
    // Joining itself, or a thread that is joining the caller (Zephyr: thread->base.pended_on ==
    // &_current->join_queue).
    ret = -EDEADLK;
  } else {
    ret = z_pend_curr_locked(key, t.join_queue, timeout);
    if (ret == 0) {
      // Woken by its death: claim it (it may still be switching out on another CPU; as in
      // Zephyr, this join does not wait for that).
      const key2 = k_spin_lock(sched_lock());
      z_thread_claim_locked(t);
      k_spin_unlock(sched_lock(), key2);
      z_thread_reap_free();
    }
    return ret;
  }
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/** The current thread. */
export function k_current_get(): k_tid_t {
  return current();
}

/**
 * Sleeps for `timeout`. Returns 0, or the milliseconds left if woken early by k_wakeup.
 * K_NO_WAIT yields; K_FOREVER suspends until k_wakeup/k_thread_resume and returns K_TICKS_FOREVER.
 */
export function k_sleep(timeout: k_timeout_t): i32 {
  if (timeout == K_NO_WAIT) {
    k_yield();
    return 0;
  }
  if (timeout == K_FOREVER) {
    k_thread_suspend(current());
    return K_TICKS_FOREVER;
  }
  const key = k_spin_lock(sched_lock());
  const t = current();
  unready_thread_locked(t);
  z_add_thread_timeout_locked(t, timeout);
  const expected = t.timeout.deadline; // relative or absolute (K_TIMEOUT_ABS_*)
  t.thread_state |= _THREAD_SLEEPING;
  z_swap(sched_lock(), key);
  const left = expected - k_ticks_now();
  return left > 0
    ? <i32>((left * 1000 + <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC - 1) / <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC)
    : 0;
}

export function k_msleep(ms: i32): i32 {
  return k_sleep(<i64>ms <= 0 ? 0 : (<i64>ms * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC + 999) / 1000);
}

export function k_usleep(us: i32): i32 {
  const ticks = <i64>us <= 0 ? 0 : (<i64>us * <i64>CONFIG_SYS_CLOCK_TICKS_PER_SEC + 999999) / 1000000;
  k_sleep(ticks == 0 ? 1 : ticks);
  return 0;
}

/** Wakes a sleeping thread early (k_sleep then returns the time left). */
export function k_wakeup(t: k_tid_t): void {
  const key = k_spin_lock(sched_lock());
  if (
    (t.thread_state & _THREAD_PENDING) != 0 ||
    (t.thread_state & (_THREAD_SLEEPING | _THREAD_SUSPENDED)) == 0 ||
    t.started == 0
  ) {
    k_spin_unlock(sched_lock(), key);
    return;
  }
  z_abort_timeout_locked(t.timeout);
  t.thread_state &= ~(_THREAD_SLEEPING | _THREAD_SUSPENDED);
  if (thread_active_elsewhere(t) == null) ready_thread_locked(t);
  z_reschedule(sched_lock(), key);
}

/**
 * Gives the CPU to a ready thread of equal or higher priority that may run here; returns at
 * once if there is none. The caller goes behind its equal-priority peers.
 */
export function k_yield(): void {
  const key = k_spin_lock(sched_lock());
  arch_curr_cpu().swap_ok = 1;
  z_swap(sched_lock(), key);
}

export function k_thread_priority_get(t: k_tid_t): i32 {
  return t.prio;
}

/** Changes `t`'s priority; a thread that now outranks a running one preempts it at once. */
export function k_thread_priority_set(t: k_tid_t, prio: i32): void {
  const key = k_spin_lock(sched_lock());
  const old = t.prio;
  if (z_is_thread_queued(t) && changetype<usize>(t) != arch_curr_cpu().current) {
    unready_thread_locked(t);
    t.prio = prio;
    ready_thread_locked(t);
  } else if (t.pended_on != 0) {
    z_waitq_remove(changetype<sys_dnode>(t.pended_on), t);
    t.prio = prio;
    z_waitq_add(changetype<sys_dnode>(t.pended_on), t);
  } else {
    t.prio = prio;
    // A running thread whose priority drops may have to give way on its CPU.
    const cpu = thread_active_elsewhere(t);
    if (cpu != null && prio > old) flag_ipi(ipi_cpu_mask(cpu.id));
  }
  z_reschedule(sched_lock(), key);
}

/** k_sched_lock: the current thread is not preempted until k_sched_unlock (other CPUs go on). */
export function k_sched_lock(): void {
  const key = k_spin_lock(sched_lock());
  const t = current();
  t.sched_locked = t.sched_locked - 1;
  k_spin_unlock(sched_lock(), key);
}

export function k_sched_unlock(): void {
  const key = k_spin_lock(sched_lock());
  const t = current();
  if (t.sched_locked < 0) t.sched_locked = t.sched_locked + 1;
  z_reschedule(sched_lock(), key);
}

/** Names a thread (null: the current one; at most 31 bytes are kept). Returns 0. */
export function k_thread_name_set(t: k_tid_t | null, name: string): i32 {
  const p = changetype<usize>(t != null ? t : current()) + K_THREAD_NAME;
  const n = min(name.length, THREAD_NAME_MAX);
  for (let i = 0; i < n; i++) store<u8>(p + i, <u8>name.charCodeAt(i));
  store<u8>(p + n, 0);
  return 0;
}

export function k_thread_name_get(t: k_tid_t): string {
  const p = changetype<usize>(t) + K_THREAD_NAME;
  return String.UTF8.decodeUnsafe(p, thread_name_len(p));
}

function thread_name_len(p: usize): i32 {
  let n = 0;
  while (n < THREAD_NAME_MAX && load<u8>(p + n) != 0) n++;
  return n;
}

/**
 * Copies `t`'s name, NUL-terminated, into the `size` bytes at `buf`. Returns 0, -EINVAL if `t`
 * is null, -ENOSPC if the name and its NUL do not fit.
 */
export function k_thread_name_copy(t: k_tid_t | null, buf: usize, size: usize): i32 {
  if (t == null) return -EINVAL;
  const p = changetype<usize>(t) + K_THREAD_NAME;
  const len = <usize>thread_name_len(p);
  if (len + 1 > size) return -ENOSPC;
  memory.copy(buf, p, len);
  store<u8>(buf + len, 0);
  return 0;
}

/** The id of the CPU the caller runs on (arch_curr_cpu()->id). */
export function arch_curr_cpu_id(): i32 {
  return <i32>arch_curr_cpu().id;
}

export function k_thread_custom_data_set(value: usize): void {
  current().custom_data = value;
}
export function k_thread_custom_data_get(): usize {
  return current().custom_data;
}

/** Marks the current thread dead after a trap; entered by the host on a fresh context. */
export function z_thread_fault(reason: i32): void {
  // Zephyr's words for the reasons (kernel/fatal.c, reason_to_str); the host's trap line
  // says which stack ran out and the sizes (src/cpu/core.ts, describeFault).
  if (reason == K_ERR_STACK_CHK_FAIL) z_fatal_error(reason, "Stack overflow");
  else z_fatal_error(reason, "CPU exception");
}

/** Wakes `t` from whatever blocks it so that it runs (and dies: the host marked it DOA). */
export function z_thread_make_runnable_to_die(t: k_thread): void {
  const key = k_spin_lock(sched_lock());
  if ((t.thread_state & _THREAD_PENDING) != 0) unpend_thread_no_timeout_locked(t);
  z_abort_timeout_locked(t.timeout);
  t.thread_state &= ~(_THREAD_SLEEPING | _THREAD_SUSPENDED);
  if (thread_active_elsewhere(t) == null) ready_thread_locked(t);
  k_spin_unlock(sched_lock(), key);
}

// --- stack objects (K_THREAD_STACK_DEFINE) -----------------------------------------------

/**
 * A thread stack object. wasmp allocates a thread's save area itself, so a defined stack is
 * only its size; k_thread_create accepts it where Zephyr takes the stack and its size.
 */
export class k_thread_stack_t {
  constructor(public readonly size: i32) {}
}

/** K_THREAD_STACK_DEFINE(sym, size): `const sym = K_THREAD_STACK_DEFINE(size);` at top level. */
// @ts-ignore: decorator
@inline export function K_THREAD_STACK_DEFINE(size: i32): k_thread_stack_t {
  return new k_thread_stack_t(size);
}

/** K_KERNEL_STACK_DEFINE: the same as K_THREAD_STACK_DEFINE (wasmp has no user threads). */
// @ts-ignore: decorator
@inline export function K_KERNEL_STACK_DEFINE(size: i32): k_thread_stack_t {
  return new k_thread_stack_t(size);
}

/** K_THREAD_STACK_ARRAY_DEFINE(sym, n, size): `n` stacks of `size` bytes, `sym[i]` each. */
export function K_THREAD_STACK_ARRAY_DEFINE(n: i32, size: i32): StaticArray<k_thread_stack_t> {
  const a = new StaticArray<k_thread_stack_t>(n);
  for (let i = 0; i < n; i++) a[i] = new k_thread_stack_t(size);
  return a;
}

/** K_KERNEL_STACK_ARRAY_DEFINE: the same as K_THREAD_STACK_ARRAY_DEFINE. */
export function K_KERNEL_STACK_ARRAY_DEFINE(n: i32, size: i32): StaticArray<k_thread_stack_t> {
  return K_THREAD_STACK_ARRAY_DEFINE(n, size);
}

/** K_THREAD_STACK_SIZEOF: the size a stack was defined with (wasmp reserves nothing in it). */
// @ts-ignore: decorator
@inline export function K_THREAD_STACK_SIZEOF(stack: k_thread_stack_t): i32 {
  return stack.size;
}

// @ts-ignore: decorator
@inline export function K_KERNEL_STACK_SIZEOF(stack: k_thread_stack_t): i32 {
  return stack.size;
}

/** The save-area size a k_thread_create `stack` argument stands for. */
// @ts-ignore: decorator
@inline function z_stack_size_of<S>(stack: S): i32 {
  if (isInteger<S>()) {
    return <i32>stack;
  } else if (isReference<S>() && idof<S>() == idof<k_thread_stack_t>()) {
    return changetype<k_thread_stack_t>(stack).size;
  } else {
    ERROR("k_thread_create: `stack` is a size in bytes or a K_THREAD_STACK_DEFINE stack");
    return 0;
  }
}

/**
 * k_thread_stack_space_get: stores in the size_t at `unused_ptr` how many bytes of `thread`'s
 * save area were never used, scanning down from its end for the paint (0xaa) that
 * CONFIG_INIT_STACKS put there at creation. Returns 0, or -ENOTSUP without CONFIG_INIT_STACKS
 * or for a CPU's boot context, -EINVAL if `unused_ptr` is 0. The save area holds a thread's
 * frames only while it is switched out, so the figure is the most any switch-out has saved so
 * far: frames of the running thread count from its next switch.
 */
export function k_thread_stack_space_get(thread: k_tid_t, unused_ptr: usize): i32 {
  if (unused_ptr == 0) return -EINVAL;
  if (!CONFIG_INIT_STACKS || (thread.thread_state & _THREAD_DUMMY) != 0) return -ENOTSUP;
  // A dead thread's save area is freed once it is switched out: its figure was recorded then.
  store<u32>(unused_ptr, thread.stack_buf == 0 ? thread.stack_unused : z_stack_unused(thread));
  return 0;
}

// --- thread state as text, the thread list ------------------------------------------------

/** Zephyr's names of the thread_state bits, by bit number (kernel/thread.c, k_thread_state_str). */
function state_name(bit: i32): string {
  switch (bit) {
    case 0:
      return "dummy";
    case 1:
      return "pending";
    case 2:
      return "sleeping";
    case 3:
      return "dead";
    case 4:
      return "suspended";
    case 5:
      return "aborting";
    case 6:
      return "suspending";
    case 7:
      return "queued";
    default:
      return "";
  }
}

/**
 * k_thread_state_str: `thread`'s state bits as Zephyr names them, joined by "+" ("" for none),
 * written NUL-terminated into the `buf_size` bytes at `buf` (truncated to fit) and returned.
 * Returns "" and writes nothing when `buf` is 0 or `buf_size` is 0. Returns a string where
 * Zephyr returns `buf`.
 */
export function k_thread_state_str(thread: k_tid_t, buf: usize, buf_size: usize): string {
  if (buf == 0 || buf_size == 0) return "";
  let state = atomic.load<u32>(changetype<usize>(thread), K_THREAD_THREAD_STATE) & 0xff;
  let out = "";
  for (let bit = 0; state != 0; bit++) {
    const m: u32 = (<u32>1) << (<u32>bit);
    if ((state & m) == 0) continue;
    out += state_name(bit);
    state &= ~m;
    if (state != 0) out += "+";
  }
  const n = min(<usize>String.UTF8.byteLength(out), buf_size - 1);
  String.UTF8.encodeUnsafe(changetype<usize>(out), <i32>n, buf, false);
  store<u8>(buf + n, 0);
  return n == <usize>out.length ? out : out.substring(0, <i32>n);
}

/** k_thread_user_cb_t: what k_thread_foreach calls for each thread. */
export type k_thread_user_cb_t = (thread: k_thread, user_data: usize) => void;

/** A thread of the monitor list that Zephyr's list would hold: not dead, not a dummy. */
// @ts-ignore: decorator
@inline function z_thread_monitored(t: k_thread): bool {
  return (atomic.load<u32>(changetype<usize>(t), K_THREAD_THREAD_STATE) & (_THREAD_DEAD | _THREAD_DUMMY)) == 0;
}

/**
 * k_thread_foreach: calls `user_cb(thread, user_data)` for every thread that exists (created
 * and not ended; idle threads included), holding the thread-list lock throughout: the callback
 * must not create or abort threads. A null callback is an assertion failure.
 */
export function k_thread_foreach(user_cb: k_thread_user_cb_t | null, user_data: usize): void {
  __ASSERT(user_cb != null, "user_cb can not be NULL");
  if (user_cb == null) return;
  const k = kernel();
  const key = k_spin_lock(k.thread_list_lock);
  for (let p = k.threads; p != 0; p = changetype<k_thread>(p).next_thread) {
    if (z_thread_monitored(changetype<k_thread>(p))) user_cb(changetype<k_thread>(p), user_data);
  }
  k_spin_unlock(k.thread_list_lock, key);
}

/**
 * k_thread_foreach_unlocked: as k_thread_foreach, but the lock is released around each call,
 * so the callback may create and abort threads. Threads created during the walk are not
 * visited (Zephyr adds them at the head of its list).
 */
export function k_thread_foreach_unlocked(user_cb: k_thread_user_cb_t | null, user_data: usize): void {
  __ASSERT(user_cb != null, "user_cb can not be NULL");
  if (user_cb == null) return;
  const k = kernel();
  let key = k_spin_lock(k.thread_list_lock);
  // Threads created from now on have higher ids: the walk leaves them out, as Zephyr (which
  // adds them at the head of its list) does.
  const last_id = atomic.load<u32>(changetype<usize>(k), Z_KERNEL_NEXT_THREAD_ID);
  for (let p = k.threads; p != 0; p = changetype<k_thread>(p).next_thread) {
    const t = changetype<k_thread>(p);
    if (t.id <= last_id && z_thread_monitored(t)) {
      k_spin_unlock(k.thread_list_lock, key);
      user_cb(t, user_data);
      key = k_spin_lock(k.thread_list_lock);
    }
  }
  k_spin_unlock(k.thread_list_lock, key);
}

// --- user mode, thread timeouts ---------------------------------------------------------

/**
 * k_thread_user_mode_enter without userspace (Zephyr's !CONFIG_USERSPACE path): marks the
 * current thread K_USER, clears its essential flag and runs entry(p1, p2, p3) in it; the
 * thread ends when entry returns. Never returns.
 */
export function k_thread_user_mode_enter(entry: k_thread_entry_t, p1: usize, p2: usize, p3: usize): void {
  const t = current();
  t.user_options = (t.user_options | K_USER) & ~K_ESSENTIAL;
  entry(p1, p2, p3);
  z_thread_exit();
}

/** Ticks until `thread`'s timeout (its start delay or sleep) expires; 0 if none is armed. */
export function k_thread_timeout_remaining_ticks(thread: k_tid_t): i64 {
  const key = k_spin_lock(sched_lock());
  const r = z_timeout_remaining_locked(thread.timeout);
  k_spin_unlock(sched_lock(), key);
  return r;
}

/**
 * The uptime in ticks at which `thread`'s timeout expires (now if none is armed): its deadline
 * itself, so that no tick passing between two clock reads can make it look a tick early.
 */
export function k_thread_timeout_expires_ticks(thread: k_tid_t): i64 {
  const key = k_spin_lock(sched_lock());
  const to = thread.timeout;
  const at = sys_dnode_is_linked(to.node) ? to.deadline : k_ticks_now();
  k_spin_unlock(sched_lock(), key);
  return at;
}
