// Message queues (kernel/msg_q.c): a ring of fixed-size messages. A writer that finds a
// reader waiting copies straight into the reader's buffer; a reader that frees a slot takes
// the first waiting writer's message. Waiters keep their buffer address in swap_data.
// All queues share kernel().obj_lock (as sems and mutexes do).

import { k_msgq, SIZEOF_K_MSGQ, ENOMSG } from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import {
  ready_thread_locked,
  sched_lock,
  z_pend_curr,
  z_reschedule,
  z_unpend_first_thread_locked,
  z_sched_wake_all_locked,
} from "./sched";
import { z_heap_alloc, z_heap_calloc } from "./heap";
import { z_poll_notify_locked } from "./poll";

/**
 * Initialises `q` over `buffer` (msg_size * max_msgs bytes). K_MSGQ_DEFINE's form takes the
 * buffer too: `const buf = memory.data(16 * 10); const q = K_MSGQ_DEFINE(buf, 16, 10);`.
 */
export function k_msgq_init(q: k_msgq, buffer: usize, msg_size: u32, max_msgs: u32): void {
  z_waitq_init(q.wait_q);
  q.msg_size = msg_size;
  q.max_msgs = max_msgs;
  q.buffer_start = buffer;
  q.buffer_end = buffer + <usize>msg_size * max_msgs;
  q.read_ptr = buffer;
  q.write_ptr = buffer;
  q.used_msgs = 0;
}

/**
 * K_MSGQ_DEFINE: a queue in static memory shared by every CPU, over `buffer` (also static:
 * `memory.data(msg_size * max_msgs)`). Top level only: every CPU's start function writes the
 * same values before boot.
 */
// @ts-ignore: decorator
@inline export function K_MSGQ_DEFINE(buffer: usize, msg_size: u32, max_msgs: u32): k_msgq {
  const q = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
  k_msgq_init(q, buffer, msg_size, max_msgs);
  return q;
}

/** k_msgq_alloc_init: a queue and its buffer on the kernel heap; null if out of memory. */
export function k_msgq_alloc(msg_size: u32, max_msgs: u32): k_msgq | null {
  const q = changetype<k_msgq>(z_heap_calloc(SIZEOF_K_MSGQ));
  const buf = z_heap_alloc(<usize>msg_size * max_msgs);
  if (q == null || buf == 0) return null;
  k_msgq_init(q, buf, msg_size, max_msgs);
  return q;
}

/** Appends the message at `src` to the ring. Lock: obj_lock; the ring has a free slot. */
function ring_push(q: k_msgq, src: usize): void {
  memory.copy(q.write_ptr, src, q.msg_size);
  q.write_ptr = q.write_ptr + q.msg_size;
  if (q.write_ptr == q.buffer_end) q.write_ptr = q.buffer_start;
  q.used_msgs = q.used_msgs + 1;
}

/**
 * The blocking half of put and get: -ENOMSG with K_NO_WAIT, else pend with the buffer in
 * swap_data (the thread that serves us copies through it). Takes obj_lock's `key` and
 * releases it.
 */
function pend_or_fail(q: k_msgq, data: usize, key: k_spinlock_key_t, timeout: k_timeout_t): i32 {
  const lock = kernel().obj_lock;
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(lock, key);
    return -ENOMSG;
  }
  current().swap_data = data;
  return z_pend_curr(lock, key, q.wait_q, timeout);
}

/**
 * Adds the message at `data` (msg_size bytes). Returns 0; -ENOMSG if full with K_NO_WAIT or
 * purged while waiting; -EAGAIN if the timeout expired.
 */
export function k_msgq_put(q: k_msgq, data: usize, timeout: k_timeout_t): i32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  if (q.used_msgs < q.max_msgs) {
    const skey = k_spin_lock(sched_lock());
    const reader = z_unpend_first_thread_locked(q.wait_q);
    if (reader != null) {
      // A reader waits only while the queue is empty: hand the message over directly.
      memory.copy(reader.swap_data, data, q.msg_size);
      reader.swap_retval = 0;
      ready_thread_locked(reader);
    } else {
      ring_push(q, data);
      z_poll_notify_locked();
    }
    k_spin_unlock(sched_lock(), skey);
    z_reschedule(lock, key);
    return 0;
  }
  return pend_or_fail(q, data, key, timeout);
}

/** Takes the oldest message into `data`. Returns 0; -ENOMSG if empty with K_NO_WAIT; -EAGAIN on timeout. */
export function k_msgq_get(q: k_msgq, data: usize, timeout: k_timeout_t): i32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  if (q.used_msgs > 0) {
    memory.copy(data, q.read_ptr, q.msg_size);
    q.read_ptr = q.read_ptr + q.msg_size;
    if (q.read_ptr == q.buffer_end) q.read_ptr = q.buffer_start;
    q.used_msgs = q.used_msgs - 1;
    // A writer waits only while the queue is full: its message takes the freed slot.
    const skey = k_spin_lock(sched_lock());
    const writer = z_unpend_first_thread_locked(q.wait_q);
    if (writer != null) {
      ring_push(q, writer.swap_data);
      writer.swap_retval = 0;
      ready_thread_locked(writer);
    }
    k_spin_unlock(sched_lock(), skey);
    z_reschedule(lock, key);
    return 0;
  }
  return pend_or_fail(q, data, key, timeout);
}

/** Copies the oldest message into `data` without removing it. Returns 0 or -ENOMSG. */
export function k_msgq_peek(q: k_msgq, data: usize): i32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  let ret = -ENOMSG;
  if (q.used_msgs > 0) {
    memory.copy(data, q.read_ptr, q.msg_size);
    ret = 0;
  }
  k_spin_unlock(lock, key);
  return ret;
}

/** Discards every message; waiting writers fail with -ENOMSG. */
export function k_msgq_purge(q: k_msgq): void {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  // Every waiter is released with -ENOMSG, as Zephyr's k_msgq_purge does (writers waiting on a
  // full queue, and readers waiting on an empty one).
  z_sched_wake_all_locked(q.wait_q, -ENOMSG);
  q.used_msgs = 0;
  q.read_ptr = q.write_ptr;
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
}

export function k_msgq_num_used_get(q: k_msgq): u32 {
  return q.used_msgs;
}
export function k_msgq_num_free_get(q: k_msgq): u32 {
  return q.max_msgs - q.used_msgs;
}
