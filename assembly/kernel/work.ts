// Work queues (kernel/work.c, kernel/system_work_q.c, the k_work parts of include/zephyr/kernel.h):
// items submitted to a queue run, in order, in that queue's thread; delayable items wait on a
// timeout first; k_work_sync objects flush or cancel an item and wait for it. Translated from
// Zephyr's "second generation" work queue (kernel/work.c @ 019e75a7), function by function.
//
// Lock: Zephyr guards all work state with its own work_lock. Here it is sched_lock, because a
// delayable item's timeout handler (work_timeout) runs with sched_lock held and must queue the
// item; taking a second lock there would invert the order every other path takes. Waiting is
// pending on a wait queue under that same lock (Zephyr gives a k_sem in the k_work_sync), so
// the flusher's or canceller's wake-up cannot be lost. Where Zephyr wakes a thread and leaves
// the reschedule to the next scheduling point, this file does the same and sends the flagged
// IPIs at once (Zephyr's k_sem_give would).
//
// The system work queue (k_sys_work_q) starts at boot, before static threads and main()
// (Zephyr's POST_KERNEL init), at CONFIG_SYSTEM_WORKQUEUE_PRIORITY; it is essential. So do the
// queues defined with K_WORK_QUEUE_DEFINE, after it.
// k_work_poll (triggered work) is in poll.ts, with k_poll.

import {
  k_work,
  k_work_q,
  k_work_sync,
  z_static_work_q,
  SIZEOF_Z_STATIC_WORK_Q,
  k_thread,
  sys_dnode,
  _timeout,
  SIZEOF_K_WORK,
  SIZEOF_K_WORK_Q,
  SIZEOF_K_WORK_SYNC,
  K_WORK_NODE,
  K_WORK_TIMEOUT,
  K_WORK_SYNC_WORK,
  K_WORK_SYNC_CANCEL_NODE,
  K_WORK_Q_WORK_TIMEOUT_RECORD,
  K_WORK_RUNNING,
  K_WORK_CANCELING,
  K_WORK_QUEUED,
  K_WORK_DELAYED,
  K_WORK_FLUSHING,
  K_WORK_DELAYABLE,
  K_WORK_QUEUE_STARTED,
  K_WORK_QUEUE_BUSY,
  K_WORK_QUEUE_DRAIN,
  K_WORK_QUEUE_PLUGGED,
  K_WORK_QUEUE_STOP,
  K_WORK_QUEUE_NO_YIELD,
  K_ESSENTIAL,
  K_ERR_KERNEL_PANIC,
  _THREAD_ABORTING,
  _THREAD_DEAD,
  EALREADY,
  EBUSY,
  EINVAL,
  ENODEV,
  ENOTSUP,
  ETIMEDOUT,
  WAIT_WORK_SYNC,
  WAIT_WORK_QUEUE,
  WAIT_WORK_DRAIN,
} from "../generated/contract";
import { arch_is_in_isr, kernel } from "../arch/cpu";
import { arch_sched_directed_ipi } from "../arch/imports";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import {
  sys_dlist_append,
  sys_dlist_init,
  sys_dlist_insert,
  sys_dlist_is_empty,
  sys_dlist_peek_head,
  sys_dlist_peek_next,
  sys_dlist_remove,
  sys_dnode_is_linked,
} from "./dlist";
import { z_waitq_init } from "./wait_q";
import { z_static_register_begin, z_static_register_end } from "./static_threads";
import {
  K_FOREVER,
  K_MSEC,
  K_NO_WAIT,
  k_ticks_now,
  k_timeout_t,
  z_abort_timeout_locked,
  z_add_timeout_locked,
  z_timeout_remaining_locked,
} from "./timeout";
import {
  sched_lock,
  thread_active_elsewhere,
  z_pend_curr_locked,
  z_reschedule,
  z_sched_wake_all_locked,
  z_sched_wake_locked,
} from "./sched";
import { signal_pending_ipi, ipi_cpu_mask } from "./ipi";
import { current } from "./kthread";
import {
  halt_thread_locked,
  k_sleep,
  k_thread_create,
  k_thread_join,
  k_thread_name_get,
  k_thread_name_set,
  k_thread_start,
  k_tid_t,
  k_yield,
} from "./thread";
import { z_heap_calloc, z_heap_free } from "./heap";
import { z_fatal_error } from "./fatal";
import { printk } from "./printk";
import {
  CONFIG_SYSTEM_WORKQUEUE_NO_YIELD,
  CONFIG_SYSTEM_WORKQUEUE_PRIORITY,
  CONFIG_SYSTEM_WORKQUEUE_STACK_SIZE,
  CONFIG_SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS,
  CONFIG_WORKQUEUE_WORK_TIMEOUT,
} from "./config";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/work.ts:<line>`. */
// @ts-ignore: decorator
@inline const WORK_TS = "kernel/work.ts";

/** K_WORK_MASK: the busy bits k_work_busy_get reports. */
// @ts-ignore: decorator
@inline export const K_WORK_MASK: u32 =
  K_WORK_DELAYED | K_WORK_QUEUED | K_WORK_RUNNING | K_WORK_CANCELING | K_WORK_FLUSHING;

export type k_work_handler_t = (work: k_work) => void;
/**
 * k_work_delayable: a k_work whose `dqueue` and `timeout` are used. The same type in wasmp, so
 * Zephyr's `&dwork->work` is `dwork` itself and k_work_delayable_from_work returns its argument.
 */
export type k_work_delayable = k_work;

/**
 * struct k_work_queue_config: optional settings for k_work_queue_start, k_work_queue_run and
 * K_WORK_QUEUE_DEFINE.
 * `name` is copied into the thread's name; `work_timeout_ms` (0: none) needs
 * CONFIG_WORKQUEUE_WORK_TIMEOUT.
 */
export class k_work_queue_config {
  /** The fields in Zephyr's order, all optional: `new k_work_queue_config("wq", true)`. */
  constructor(
    public name: string | null = null,
    public no_yield: bool = false,
    public essential: bool = false,
    public work_timeout_ms: u32 = 0,
  ) {}
}

/** The cancellers waiting for a running item to finish (Zephyr's pending_cancels). Lock: sched_lock. */
const pending_cancels = changetype<sys_dnode>(memory.data(8, 8));

// --- work items ---------------------------------------------------------------------------

/** Initialises `work` to run `handler` (Z_WORK_INITIALIZER). Only while it is idle. */
export function k_work_init(work: k_work, handler: k_work_handler_t): void {
  __ASSERT_OBJ(work, "k_work_init", WORK_TS, __LINE__);
  memory.fill(changetype<usize>(work), 0, SIZEOF_K_WORK);
  work.handler = <u32>changetype<usize>(handler);
}

/**
 * K_WORK_DEFINE: an item in static memory shared by every CPU (top level only). Its contents
 * are those k_work_init gives.
 */
// @ts-ignore: decorator
@inline export function K_WORK_DEFINE(handler: k_work_handler_t): k_work {
  const w = changetype<k_work>(memory.data(SIZEOF_K_WORK, 16));
  k_work_init(w, handler);
  return w;
}

// @ts-ignore: decorator
@inline function work_busy_get_locked(work: k_work): u32 {
  return work.flags & K_WORK_MASK;
}

/** The K_WORK_* busy bits of `work` (0: idle). A snapshot. */
export function k_work_busy_get(work: k_work): u32 {
  __ASSERT_OBJ(work, "k_work_busy_get", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const ret = work_busy_get_locked(work);
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/** True if k_work_busy_get would be non-zero. */
export function k_work_is_pending(work: k_work): bool {
  return k_work_busy_get(work) != 0;
}

/** Wakes `queue`'s thread if it waits for work. Lock: sched_lock. */
function notify_queue_locked(queue: k_work_q | null): bool {
  if (queue == null) return false;
  return z_sched_wake_locked(queue.notifyq, 0);
}

/**
 * Appends `work` to `queue` if the queue accepts it: -EINVAL without a queue, -ENODEV if it is
 * not started, -EBUSY while draining (unless the queue's own thread submits: chained) or
 * plugged; else 1. Lock: sched_lock.
 */
function queue_submit_locked(queue: k_work_q | null, work: k_work): i32 {
  if (queue == null) return -EINVAL;
  const chained = changetype<usize>(current()) == queue.thread_id && !arch_is_in_isr();
  const draining = (queue.flags & K_WORK_QUEUE_DRAIN) != 0;
  const plugged = (queue.flags & K_WORK_QUEUE_PLUGGED) != 0;
  if ((queue.flags & K_WORK_QUEUE_STARTED) == 0) return -ENODEV;
  if (draining && !chained) return -EBUSY;
  if (plugged && !draining) return -EBUSY;
  sys_dlist_append(queue.pending, work.node);
  notify_queue_locked(queue);
  return 1;
}

/**
 * z_work_submit_to_queue_locked (Zephyr's z_work_submit_to_queue; poll.ts's triggered work calls it
 * too): 0 if already queued, 1 if queued to `queue` (null: the last queue
 * it ran on), 2 if it runs now and was queued to the queue running it (no re-entrancy),
 * -EBUSY if cancelling or rejected, -EINVAL / -ENODEV from the queue. Lock: sched_lock.
 */
export function z_work_submit_to_queue_locked(work: k_work, queue: k_work_q | null): i32 {
  if ((work.flags & K_WORK_CANCELING) != 0) return -EBUSY;
  if ((work.flags & K_WORK_QUEUED) != 0) return 0;
  let ret = 1;
  if (queue == null) queue = work.queue == 0 ? null : changetype<k_work_q>(work.queue);
  if ((work.flags & K_WORK_RUNNING) != 0) {
    queue = changetype<k_work_q>(work.queue);
    ret = 2;
  }
  const rc = queue_submit_locked(queue, work);
  if (rc < 0) return rc;
  work.flags |= K_WORK_QUEUED;
  work.queue = changetype<usize>(queue);
  return ret;
}

/**
 * Submits `work` to `queue` (null: the queue it last ran on). Returns 1 (queued), 2 (queued to
 * the queue running it), 0 (already queued), -EBUSY (cancelling, queue draining or plugged),
 * -EINVAL (no queue), -ENODEV (queue not started).
 */
export function k_work_submit_to_queue(queue: k_work_q | null, work: k_work): i32 {
  __ASSERT_OBJ(work, "k_work_submit_to_queue", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const ret = z_work_submit_to_queue_locked(work, queue);
  if (ret > 0) {
    z_reschedule(sched_lock(), key);
  } else {
    k_spin_unlock(sched_lock(), key);
  }
  return ret;
}

/** Submits `work` to the system work queue (as k_work_submit_to_queue). */
export function k_work_submit(work: k_work): i32 {
  return k_work_submit_to_queue(k_sys_work_q, work);
}

// --- flush and cancel ---------------------------------------------------------------------

/** The flusher item's handler: nothing; its completion is the point (handle_flush). */
function handle_flush(work: k_work): void {}

/** A k_work_sync for a caller that passed none: on the kernel heap for the call. */
function sync_get(sync: k_work_sync | null): k_work_sync {
  if (sync != null) return sync;
  const p = z_heap_calloc(SIZEOF_K_WORK_SYNC);
  if (p == 0) z_fatal_error(K_ERR_KERNEL_PANIC, "k_work: out of memory for a k_work_sync");
  return changetype<k_work_sync>(p);
}

function sync_put(sync: k_work_sync, given: k_work_sync | null): void {
  if (given == null) z_heap_free(changetype<usize>(sync));
}

/**
 * queue_flusher_locked: queues `sync`'s flusher item right behind `work` (or first, if `work`
 * is running), so it completes when this instance of `work` has. Lock: sched_lock.
 */
function queue_flusher_locked(queue: k_work_q, work: k_work, sync: k_work_sync): void {
  const flusher = sync.work;
  k_work_init(flusher, handle_flush);
  flusher.flags |= K_WORK_FLUSHING;
  z_waitq_init(sync.waitq);
  if ((work.flags & K_WORK_QUEUED) != 0) {
    // After `work`: before its successor, or before the list head when it is last.
    sys_dlist_insert(changetype<sys_dnode>(work.node.next), flusher.node);
  } else if (sys_dlist_is_empty(queue.pending)) {
    sys_dlist_append(queue.pending, flusher.node);
  } else {
    sys_dlist_insert(changetype<sys_dnode>(queue.pending.next), flusher.node);
  }
}

/** A flusher item completed: wake its waiter (finalize_flush_locked). Lock: sched_lock. */
function finalize_flush_locked(work: k_work): void {
  work.flags &= ~K_WORK_FLUSHING;
  z_sched_wake_locked(changetype<k_work_sync>(changetype<usize>(work) - K_WORK_SYNC_WORK).waitq, 0);
}

/**
 * A cancelled item's handler returned: clear CANCELING and wake the threads waiting for it
 * (finalize_cancel_locked). Lock: sched_lock.
 */
function finalize_cancel_locked(work: k_work): void {
  work.flags &= ~K_WORK_CANCELING;
  let n = sys_dlist_peek_head(pending_cancels);
  while (n != 0) {
    const next = sys_dlist_peek_next(pending_cancels, n);
    const wc = changetype<k_work_sync>(n - K_WORK_SYNC_CANCEL_NODE);
    if (wc.cancel_work == changetype<usize>(work)) {
      sys_dlist_remove(wc.cancel_node);
      z_sched_wake_locked(wc.waitq, 0);
    }
    n = next;
  }
}

/** Queues a flusher if `work` is queued or running; true if the caller must wait. Lock: sched_lock. */
function work_flush_locked(work: k_work, sync: k_work_sync): bool {
  const need_flush = (work.flags & (K_WORK_QUEUED | K_WORK_RUNNING)) != 0;
  if (need_flush) {
    const queue = changetype<k_work_q>(work.queue);
    queue_flusher_locked(queue, work, sync);
    notify_queue_locked(queue);
  }
  return need_flush;
}

/** Waits on `sync` if `wait`, else unlocks. Takes sched_lock's `key`. */
function wait_or_unlock(wait: bool, sync: k_work_sync, key: k_spinlock_key_t): void {
  if (wait) {
    z_pend_curr_locked(key, sync.waitq, K_FOREVER, WAIT_WORK_SYNC);
  } else {
    k_spin_unlock(sched_lock(), key);
  }
}

/**
 * Waits until the last-submitted instance of `work` has completed. Returns true if it had to
 * wait, false if `work` was idle. `sync` may be null (the kernel then allocates one for the call).
 * Not from an ISR, and not for an item of the calling work queue thread.
 */
export function k_work_flush(work: k_work, sync: k_work_sync | null = null): bool {
  __ASSERT_OBJ(work, "k_work_flush", WORK_TS, __LINE__);
  const s = sync_get(sync);
  const key = k_spin_lock(sched_lock());
  const need_flush = work_flush_locked(work, s);
  wait_or_unlock(need_flush, s, key);
  sync_put(s, sync);
  return need_flush;
}

/** Dequeues `work` if it is queued (queue_remove_locked). Lock: sched_lock. */
function queue_remove_locked(work: k_work): void {
  if ((work.flags & K_WORK_QUEUED) != 0) {
    work.flags &= ~K_WORK_QUEUED;
    sys_dlist_remove(work.node);
  }
}

/** The non-waiting part of a cancel; returns the busy bits left (cancel_async_locked). Lock: sched_lock. */
function cancel_async_locked(work: k_work): u32 {
  if ((work.flags & K_WORK_CANCELING) == 0) queue_remove_locked(work);
  let ret = work_busy_get_locked(work);
  if (ret != 0) {
    work.flags |= K_WORK_CANCELING;
    ret = work_busy_get_locked(work);
  }
  return ret;
}

/** Registers `sync` as waiting for `work`'s cancellation if it is still in progress. Lock: sched_lock. */
function cancel_sync_locked(work: k_work, sync: k_work_sync): bool {
  const ret = (work.flags & K_WORK_CANCELING) != 0;
  if (ret) {
    z_waitq_init(sync.waitq);
    sync.cancel_work = changetype<usize>(work);
    sys_dlist_append(pending_cancels, sync.cancel_node);
  }
  return ret;
}

/**
 * Cancels `work`: takes it off its queue if it has not started. Returns the busy bits left:
 * 0 if cancellation is complete, else K_WORK_RUNNING | K_WORK_CANCELING (its handler runs;
 * submissions are rejected with -EBUSY until it returns).
 */
export function k_work_cancel(work: k_work): u32 {
  __ASSERT_OBJ(work, "k_work_cancel", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const ret = cancel_async_locked(work);
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/**
 * Cancels `work` and waits until its handler, if running, has returned. Returns true if it was
 * pending (queued, running or scheduled). `sync` may be null. Not from an ISR.
 */
export function k_work_cancel_sync(work: k_work, sync: k_work_sync | null = null): bool {
  __ASSERT_OBJ(work, "k_work_cancel_sync", WORK_TS, __LINE__);
  const s = sync_get(sync);
  const key = k_spin_lock(sched_lock());
  const pending = work_busy_get_locked(work) != 0;
  let need_wait = false;
  if (pending) {
    cancel_async_locked(work);
    need_wait = cancel_sync_locked(work, s);
  }
  wait_or_unlock(need_wait, s, key);
  sync_put(s, sync);
  return pending;
}

// --- work queues --------------------------------------------------------------------------

/** CONFIG_WORKQUEUE_WORK_TIMEOUT: the running item overran; abort the queue's thread. Lock: sched_lock (a timeout handler). */
function work_timeout_handler(to: _timeout): void {
  const queue = changetype<k_work_q>(changetype<usize>(to) - K_WORK_Q_WORK_TIMEOUT_RECORD);
  // A timeout aborted under sched_lock never fires, so only `finished` needs checking.
  if (queue.finished != 0) return;
  queue.finished = 1;
  const t = changetype<k_thread>(queue.thread_id);
  const work = changetype<k_work>(queue.work);
  const name = k_thread_name_get(t);
  printk(
    `queue 0x${changetype<usize>(queue).toString(16)}${name.length > 0 ? " " + name : ""} blocked by work 0x${changetype<usize>(work).toString(16)} with handler 0x${work.handler.toString(16)}\n`,
  );
  abort_thread_locked(t);
}

/**
 * k_thread_abort for a timeout handler, which holds sched_lock: a thread running on another CPU
 * is flagged and interrupted and halts at its next scheduling point; any other is halted here
 * (the current thread of this CPU switches out at interrupt exit). Aborting an essential thread
 * is a kernel panic, as in k_thread_abort. Lock: sched_lock.
 */
function abort_thread_locked(t: k_thread): void {
  if ((t.thread_state & _THREAD_DEAD) != 0) return;
  if ((t.user_options & K_ESSENTIAL) != 0) z_fatal_error(K_ERR_KERNEL_PANIC, "Essential thread aborted");
  const cpu = thread_active_elsewhere(t);
  if (cpu != null) {
    t.thread_state |= _THREAD_ABORTING;
    arch_sched_directed_ipi(ipi_cpu_mask(cpu.id));
  } else {
    halt_thread_locked(t, _THREAD_DEAD);
  }
}

function work_timeout_start_locked(queue: k_work_q, work: k_work): void {
  queue.finished = 0;
  if (queue.work_timeout == K_FOREVER) return;
  queue.work = changetype<usize>(work);
  z_add_timeout_locked(queue.work_timeout_record, work_timeout_handler, queue.work_timeout);
}

function work_timeout_stop_locked(queue: k_work_q): void {
  if (queue.work_timeout == K_FOREVER) return;
  z_abort_timeout_locked(queue.work_timeout_record);
}

/** The loop of a work queue thread (work_queue_main); returns when the queue is stopped. */
function work_queue_main(p1: usize, p2: usize, p3: usize): void {
  const queue = changetype<k_work_q>(p1);
  while (true) {
    let key = k_spin_lock(sched_lock());
    let work: k_work | null = null;
    const node = sys_dlist_peek_head(queue.pending);
    if (node != 0) {
      const w = changetype<k_work>(node - K_WORK_NODE);
      sys_dlist_remove(w.node);
      queue.flags |= K_WORK_QUEUE_BUSY;
      w.flags = (w.flags | K_WORK_RUNNING) & ~K_WORK_QUEUED;
      work = w;
    } else if ((queue.flags & K_WORK_QUEUE_DRAIN) != 0) {
      // Not busy and draining: release the drainers with 1. The queue stays plugged if it was.
      queue.flags &= ~K_WORK_QUEUE_DRAIN;
      z_sched_wake_all_locked(queue.drainq, 1);
    } else if ((queue.flags & K_WORK_QUEUE_STOP) != 0) {
      queue.flags = 0;
      k_spin_unlock(sched_lock(), key);
      return;
    }
    if (work == null) {
      z_pend_curr_locked(key, queue.notifyq, K_FOREVER, WAIT_WORK_QUEUE);
      continue;
    }
    if (CONFIG_WORKQUEUE_WORK_TIMEOUT) work_timeout_start_locked(queue, work);
    k_spin_unlock(sched_lock(), key);

    changetype<k_work_handler_t>(work.handler)(work);

    key = k_spin_lock(sched_lock());
    if (CONFIG_WORKQUEUE_WORK_TIMEOUT) {
      if (queue.finished != 0) {
        // The timeout handler is aborting this thread: run nothing more.
        k_spin_unlock(sched_lock(), key);
        while (true) k_sleep(K_FOREVER);
      }
      work_timeout_stop_locked(queue);
      queue.finished = 1;
    }
    work.flags &= ~K_WORK_RUNNING;
    if ((work.flags & K_WORK_FLUSHING) != 0) finalize_flush_locked(work);
    if ((work.flags & K_WORK_CANCELING) != 0) finalize_cancel_locked(work);
    queue.flags &= ~K_WORK_QUEUE_BUSY;
    const yield_ = (queue.flags & K_WORK_QUEUE_NO_YIELD) == 0 && !sys_dlist_is_empty(queue.pending);
    k_spin_unlock(sched_lock(), key);
    signal_pending_ipi(); // waiters woken above, on other CPUs
    if (yield_) k_yield();
  }
}

/** Zeroes `queue` (flags 0: not started). Before the first start, unless it is in zeroed memory. */
export function k_work_queue_init(queue: k_work_q): void {
  __ASSERT_OBJ(queue, "k_work_queue_init", WORK_TS, __LINE__);
  memory.fill(changetype<usize>(queue), 0, SIZEOF_K_WORK_Q);
}

/** A zeroed work queue on the kernel heap (k_work_queue_init done). */
export function k_work_queue_alloc(): k_work_q {
  return changetype<k_work_q>(z_heap_calloc(SIZEOF_K_WORK_Q));
}

function queue_setup(queue: k_work_q, cfg: k_work_queue_config | null): void {
  sys_dlist_init(queue.pending);
  z_waitq_init(queue.notifyq);
  z_waitq_init(queue.drainq);
  let timeout: k_timeout_t = K_FOREVER;
  if (CONFIG_WORKQUEUE_WORK_TIMEOUT && cfg != null && cfg.work_timeout_ms != 0) timeout = K_MSEC(cfg.work_timeout_ms);
  queue.work_timeout = timeout;
}

function queue_flags(cfg: k_work_queue_config | null): u32 {
  const no_yield = cfg != null ? cfg.no_yield : false;
  return K_WORK_QUEUE_STARTED | (no_yield ? K_WORK_QUEUE_NO_YIELD : 0);
}

/**
 * Starts `queue`'s thread at `prio` with a save area of `stack_size` bytes (the kernel
 * allocates the thread and its stack). `cfg` (or null) gives the thread's name, no_yield,
 * essential and work_timeout_ms. Not on a started queue.
 */
export function k_work_queue_start(
  queue: k_work_q,
  stack_size: i32,
  prio: i32,
  cfg: k_work_queue_config | null = null,
): void {
  __ASSERT_OBJ(queue, "k_work_queue_start", WORK_TS, __LINE__);
  queue_setup(queue, cfg);
  // Submissions are accepted from here; the thread runs them once it gets the CPU.
  queue.flags = queue_flags(cfg);
  const t = k_thread_create(stack_size, work_queue_main, changetype<usize>(queue), 0, 0, prio, 0, K_FOREVER);
  if (cfg != null) {
    if (cfg.name != null) k_thread_name_set(t, cfg.name!);
    if (cfg.essential) t.user_options |= K_ESSENTIAL;
  }
  queue.thread_id = changetype<usize>(t);
  k_thread_start(t);
}

/**
 * Runs `queue` in the calling thread (which becomes its thread, named after cfg.name) until
 * k_work_queue_stop stops it; then returns.
 */
export function k_work_queue_run(queue: k_work_q, cfg: k_work_queue_config | null = null): void {
  const self = current();
  if (cfg != null && cfg.name != null) k_thread_name_set(self, cfg.name!);
  queue_setup(queue, cfg);
  queue.thread_id = changetype<usize>(self);
  queue.flags = queue_flags(cfg);
  work_queue_main(changetype<usize>(queue), 0, 0);
}

/** The thread that runs `queue` (null before it started). */
export function k_work_queue_thread_get(queue: k_work_q): k_tid_t | null {
  return queue.thread_id == 0 ? null : changetype<k_tid_t>(queue.thread_id);
}

/**
 * Waits until `queue` has no queued or running item; only the queue's own thread may submit
 * meanwhile. With `plug` the queue then keeps rejecting submissions until k_work_queue_unplug.
 * Returns 1 if it had to wait, 0 if not. Not from an ISR.
 */
export function k_work_queue_drain(queue: k_work_q, plug: bool): i32 {
  __ASSERT_OBJ(queue, "k_work_queue_drain", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  if ((queue.flags & (K_WORK_QUEUE_BUSY | K_WORK_QUEUE_DRAIN)) != 0 || plug || !sys_dlist_is_empty(queue.pending)) {
    queue.flags |= K_WORK_QUEUE_DRAIN;
    if (plug) queue.flags |= K_WORK_QUEUE_PLUGGED;
    notify_queue_locked(queue);
    return z_pend_curr_locked(key, queue.drainq, K_FOREVER, WAIT_WORK_DRAIN);
  }
  k_spin_unlock(sched_lock(), key);
  return 0;
}

/** Lets a plugged queue accept submissions again. Returns 0, or -EALREADY if it was not plugged. */
export function k_work_queue_unplug(queue: k_work_q): i32 {
  __ASSERT_OBJ(queue, "k_work_queue_unplug", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  let ret = -EALREADY;
  if ((queue.flags & K_WORK_QUEUE_PLUGGED) != 0) {
    queue.flags &= ~K_WORK_QUEUE_PLUGGED;
    ret = 0;
  }
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/**
 * Stops a plugged, drained queue: its thread returns from the queue loop, and this waits up to
 * `timeout` for that thread to end. Returns 0; -ENOTSUP if its thread is essential; -EALREADY
 * if not started (or stopped); -EBUSY if not plugged; -ETIMEDOUT if the thread did not end in time.
 */
export function k_work_queue_stop(queue: k_work_q, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(queue, "k_work_queue_stop", WORK_TS, __LINE__);
  if (queue.thread_id != 0 && (changetype<k_thread>(queue.thread_id).user_options & K_ESSENTIAL) != 0) {
    return -ENOTSUP;
  }
  let key = k_spin_lock(sched_lock());
  if ((queue.flags & K_WORK_QUEUE_STARTED) == 0) {
    k_spin_unlock(sched_lock(), key);
    return -EALREADY;
  }
  if ((queue.flags & K_WORK_QUEUE_PLUGGED) == 0) {
    k_spin_unlock(sched_lock(), key);
    return -EBUSY;
  }
  queue.flags |= K_WORK_QUEUE_STOP;
  notify_queue_locked(queue);
  k_spin_unlock(sched_lock(), key);
  signal_pending_ipi();
  if (k_thread_join(changetype<k_thread>(queue.thread_id), timeout) != 0) {
    key = k_spin_lock(sched_lock());
    queue.flags &= ~K_WORK_QUEUE_STOP;
    k_spin_unlock(sched_lock(), key);
    return -ETIMEDOUT;
  }
  return 0;
}

// --- the system work queue (kernel/system_work_q.c) --------------------------------------

/** k_sys_work_q: the system work queue (in z_kernel: one object for every CPU). */
export const k_sys_work_q: k_work_q = kernel().sys_work_q;

/** The K_WORK_QUEUE_DEFINE definitions in program order: the first and the last z_static_work_q. */
const static_work_qs_head = memory.data(4, 4);
const static_work_qs_tail = memory.data(4, 4);

/**
 * K_WORK_QUEUE_DEFINE: a work queue in static memory (shared by every CPU) that the kernel
 * starts at boot, before static threads and main(), as k_work_queue_start(queue, stack_size,
 * prio, cfg) would. Call at top level; `name` is the C identifier, the thread's name when
 * `cfg` (which may be null) names none.
 */
// @ts-ignore: decorator
@inline export function K_WORK_QUEUE_DEFINE(
  stack_size: i32,
  prio: i32,
  cfg: k_work_queue_config | null,
  name: string,
): k_work_q {
  const d = changetype<z_static_work_q>(memory.data(SIZEOF_Z_STATIC_WORK_Q, 16));
  const q = changetype<k_work_q>(memory.data(SIZEOF_K_WORK_Q, 16));
  z_static_work_q_define(d, q, stack_size, prio, cfg, name);
  return q;
}

/** Fills in a definition and appends it to the list unless it is there already (as K_THREAD_DEFINE's). */
export function z_static_work_q_define(
  d: z_static_work_q,
  q: k_work_q,
  stack_size: i32,
  prio: i32,
  cfg: k_work_queue_config | null,
  name: string,
): void {
  d.queue = changetype<usize>(q);
  d.cfg = changetype<usize>(cfg);
  d.stack_size = <u32>stack_size;
  d.prio = prio;
  d.name = changetype<usize>(name);
  z_static_register_begin(); // the CPUs' start functions register at the same time
  if (d.registered == 0) {
    d.registered = 1;
    d.next = 0;
    const tail = load<u32>(static_work_qs_tail);
    if (tail == 0) store<u32>(static_work_qs_head, <u32>changetype<usize>(d));
    else changetype<z_static_work_q>(tail).next = changetype<usize>(d);
    store<u32>(static_work_qs_tail, <u32>changetype<usize>(d));
  }
  z_static_register_end();
}

/**
 * Starts the system work queue (k_sys_work_q_init: name "sysworkq", essential,
 * CONFIG_SYSTEM_WORKQUEUE_*), then every K_WORK_QUEUE_DEFINE queue in definition order.
 * Boot only: called on the main thread before static threads and main().
 */
export function z_init_work_queues(): void {
  const cfg = new k_work_queue_config();
  cfg.name = "sysworkq";
  cfg.no_yield = CONFIG_SYSTEM_WORKQUEUE_NO_YIELD;
  cfg.essential = true;
  cfg.work_timeout_ms = CONFIG_SYSTEM_WORKQUEUE_WORK_TIMEOUT_MS;
  k_work_queue_start(k_sys_work_q, CONFIG_SYSTEM_WORKQUEUE_STACK_SIZE, CONFIG_SYSTEM_WORKQUEUE_PRIORITY, cfg);
  for (let p = <usize>load<u32>(static_work_qs_head); p != 0; p = changetype<z_static_work_q>(p).next) {
    const d = changetype<z_static_work_q>(p);
    const c = new k_work_queue_config(changetype<string>(d.name));
    if (d.cfg != 0) {
      const given = changetype<k_work_queue_config>(d.cfg);
      if (given.name != null) c.name = given.name;
      c.no_yield = given.no_yield;
      c.essential = given.essential;
      c.work_timeout_ms = given.work_timeout_ms;
    }
    k_work_queue_start(changetype<k_work_q>(d.queue), <i32>d.stack_size, d.prio, c);
  }
}

// --- delayable work -----------------------------------------------------------------------

/** Initialises a delayable item (Z_WORK_DELAYABLE_INITIALIZER). Only while it is idle. */
export function k_work_init_delayable(dwork: k_work_delayable, handler: k_work_handler_t): void {
  __ASSERT_OBJ(dwork, "k_work_init_delayable", WORK_TS, __LINE__);
  k_work_init(dwork, handler);
  dwork.flags = K_WORK_DELAYABLE;
}

/** K_WORK_DELAYABLE_DEFINE: a delayable item in static memory (top level only), as k_work_init_delayable makes it. */
// @ts-ignore: decorator
@inline export function K_WORK_DELAYABLE_DEFINE(handler: k_work_handler_t): k_work_delayable {
  const w = changetype<k_work>(memory.data(SIZEOF_K_WORK, 16));
  k_work_init_delayable(w, handler);
  return w;
}

/** The delayable item that contains `work` (CONTAINER_OF): the same object in wasmp. */
// @ts-ignore: decorator
@inline export function k_work_delayable_from_work(work: k_work): k_work_delayable {
  return work;
}

/** The delay expired: submit to the scheduled queue, unless unscheduled meanwhile (work_timeout). Lock: sched_lock. */
function work_timeout(to: _timeout): void {
  const work = changetype<k_work>(changetype<usize>(to) - K_WORK_TIMEOUT);
  if ((work.flags & K_WORK_DELAYED) != 0) {
    work.flags &= ~K_WORK_DELAYED;
    z_work_submit_to_queue_locked(work, work.dqueue == 0 ? null : changetype<k_work_q>(work.dqueue));
  }
}

export function k_work_delayable_busy_get(dwork: k_work_delayable): u32 {
  __ASSERT_OBJ(dwork, "k_work_delayable_busy_get", WORK_TS, __LINE__);
  return k_work_busy_get(dwork);
}

export function k_work_delayable_is_pending(dwork: k_work_delayable): bool {
  return k_work_delayable_busy_get(dwork) != 0;
}

/** Ticks until the delay of `dwork` expires; 0 if it is not scheduled. */
export function k_work_delayable_remaining_get(dwork: k_work_delayable): i64 {
  const key = k_spin_lock(sched_lock());
  const r = z_timeout_remaining_locked(dwork.timeout);
  k_spin_unlock(sched_lock(), key);
  return r;
}

/** The absolute tick at which the delay of `dwork` expires; the current tick if it is not scheduled. */
export function k_work_delayable_expires_get(dwork: k_work_delayable): i64 {
  const key = k_spin_lock(sched_lock());
  const r = sys_dnode_is_linked(dwork.timeout.node) ? dwork.timeout.deadline : k_ticks_now();
  k_spin_unlock(sched_lock(), key);
  return r;
}

/**
 * schedule_for_queue_locked: K_NO_WAIT submits at once (as z_work_submit_to_queue_locked); any other
 * delay arms the timeout (K_FOREVER: never expires) and returns 1. Lock: sched_lock.
 */
function schedule_for_queue_locked(queue: k_work_q | null, dwork: k_work_delayable, delay: k_timeout_t): i32 {
  if (delay == K_NO_WAIT) return z_work_submit_to_queue_locked(dwork, queue);
  dwork.flags |= K_WORK_DELAYED;
  dwork.dqueue = changetype<usize>(queue);
  if (delay != K_FOREVER) z_add_timeout_locked(dwork.timeout, work_timeout, delay);
  return 1;
}

/** Cancels a pending delay; true if there was one (unschedule_locked). Lock: sched_lock. */
function unschedule_locked(dwork: k_work_delayable): bool {
  if ((dwork.flags & K_WORK_DELAYED) == 0) return false;
  dwork.flags &= ~K_WORK_DELAYED;
  // Handlers run under sched_lock, so an abort here is final: no in-flight handler to wait for.
  z_abort_timeout_locked(dwork.timeout);
  return true;
}

function cancel_delayable_async_locked(dwork: k_work_delayable): u32 {
  unschedule_locked(dwork);
  return cancel_async_locked(dwork);
}

/** Unlocks sched_lock and sends the IPIs that waking a queue thread flagged. */
// @ts-ignore: decorator
@inline function unlock_and_signal(key: k_spinlock_key_t): void {
  k_spin_unlock(sched_lock(), key);
  signal_pending_ipi();
}

/**
 * Schedules an idle (or only running) `dwork` on `queue` after `delay`. Returns 0 if it was
 * already scheduled or queued, 1 if scheduled; with K_NO_WAIT, what k_work_submit_to_queue
 * returns (1, 2, -EBUSY, -EINVAL, -ENODEV).
 */
export function k_work_schedule_for_queue(queue: k_work_q | null, dwork: k_work_delayable, delay: k_timeout_t): i32 {
  __ASSERT_OBJ(dwork, "k_work_schedule_for_queue", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  let ret = 0;
  if ((work_busy_get_locked(dwork) & ~K_WORK_RUNNING) == 0) ret = schedule_for_queue_locked(queue, dwork, delay);
  unlock_and_signal(key);
  return ret;
}

export function k_work_schedule(dwork: k_work_delayable, delay: k_timeout_t): i32 {
  return k_work_schedule_for_queue(k_sys_work_q, dwork, delay);
}

/**
 * Like k_work_schedule_for_queue, but a pending delay is cancelled and replaced with this one,
 * whatever the item's state (a queued item stays queued). Returns 1 (scheduled), or with
 * K_NO_WAIT what k_work_submit_to_queue returns.
 */
export function k_work_reschedule_for_queue(queue: k_work_q | null, dwork: k_work_delayable, delay: k_timeout_t): i32 {
  __ASSERT_OBJ(dwork, "k_work_reschedule_for_queue", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  unschedule_locked(dwork);
  const ret = schedule_for_queue_locked(queue, dwork, delay);
  unlock_and_signal(key);
  return ret;
}

export function k_work_reschedule(dwork: k_work_delayable, delay: k_timeout_t): i32 {
  return k_work_reschedule_for_queue(k_sys_work_q, dwork, delay);
}

/** Cancels the delay and the submission of `dwork`. Returns the busy bits left (as k_work_cancel). */
export function k_work_cancel_delayable(dwork: k_work_delayable): u32 {
  __ASSERT_OBJ(dwork, "k_work_cancel_delayable", WORK_TS, __LINE__);
  const key = k_spin_lock(sched_lock());
  const ret = cancel_delayable_async_locked(dwork);
  k_spin_unlock(sched_lock(), key);
  return ret;
}

/** k_work_cancel_delayable, then waits for a running handler. Returns true if it was pending. */
export function k_work_cancel_delayable_sync(dwork: k_work_delayable, sync: k_work_sync | null = null): bool {
  __ASSERT_OBJ(dwork, "k_work_cancel_delayable_sync", WORK_TS, __LINE__);
  const s = sync_get(sync);
  const key = k_spin_lock(sched_lock());
  const pending = work_busy_get_locked(dwork) != 0;
  let need_wait = false;
  if (pending) {
    cancel_delayable_async_locked(dwork);
    need_wait = cancel_sync_locked(dwork, s);
  }
  wait_or_unlock(need_wait, s, key);
  sync_put(s, sync);
  return pending;
}

/**
 * Submits a scheduled `dwork` at once (ending its delay) and waits until it has completed.
 * Returns true if it had to wait, false if it was idle. `sync` may be null.
 */
export function k_work_flush_delayable(dwork: k_work_delayable, sync: k_work_sync | null = null): bool {
  __ASSERT_OBJ(dwork, "k_work_flush_delayable", WORK_TS, __LINE__);
  const s = sync_get(sync);
  const key = k_spin_lock(sched_lock());
  if (work_busy_get_locked(dwork) == 0) {
    k_spin_unlock(sched_lock(), key);
    sync_put(s, sync);
    return false;
  }
  if (unschedule_locked(dwork)) {
    z_work_submit_to_queue_locked(dwork, dwork.dqueue == 0 ? null : changetype<k_work_q>(dwork.dqueue));
  }
  const need_flush = work_flush_locked(dwork, s);
  wait_or_unlock(need_flush, s, key);
  sync_put(s, sync);
  return need_flush;
}
