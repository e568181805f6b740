// Message queues (kernel/msg_q.c): a ring of fixed-size messages. A writer that finds a
// reader waiting copies straight into the reader's buffer; a reader that frees a slot takes
// the first waiting writer's message. Waiters keep their buffer address in swap_data.
// All queues share kernel().obj_lock (as sems and mutexes do).

import {
  k_msgq,
  k_msgq_attrs,
  SIZEOF_K_MSGQ,
  K_MSGQ_FLAG_ALLOC,
  EBUSY,
  EINVAL,
  ENOMEM,
  ENOMSG,
  WAIT_MSGQ,
} from "../generated/contract";
import { arch_is_in_isr, kernel } from "../arch/cpu";
import { __ASSERT, __ASSERT_OBJ } from "./assert";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import { z_waitq_head, z_waitq_init } from "./wait_q";
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
import { z_heap_alloc, z_heap_calloc, z_heap_free } from "./heap";
import { z_poll_notify_locked } from "./poll";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/msgq.ts:<line>`. */
// @ts-ignore: decorator
@inline const MSGQ_TS = "kernel/msgq.ts";

/**
 * Initialises `q` over `buffer` (msg_size * max_msgs bytes). K_MSGQ_DEFINE's form takes the
 * buffer too: `const buf = memory.data(16 * 10); const q = K_MSGQ_DEFINE(buf, 16, 10);`.
 */
export function k_msgq_init(q: k_msgq, buffer: usize, msg_size: u32, max_msgs: u32): void {
  __ASSERT_OBJ(q, "k_msgq_init", MSGQ_TS, __LINE__);
  z_waitq_init(q.wait_q);
  q.msg_size = msg_size;
  q.max_msgs = max_msgs;
  q.buffer_start = buffer;
  q.buffer_end = buffer + <usize>msg_size * max_msgs;
  q.read_ptr = buffer;
  q.write_ptr = buffer;
  q.used_msgs = 0;
  q.flags = 0;
}

/**
 * K_MSGQ_DEFINE: a queue in static memory shared by every CPU, over `buffer` (also static:
 * `memory.data(msg_size * max_msgs)`). Top level only: every CPU's start function writes the
 * same values before boot. Zephyr's `align` argument is the buffer's: memory.data's second one.
 */
// @ts-ignore: decorator
@inline export function K_MSGQ_DEFINE(buffer: usize, msg_size: u32, max_msgs: u32): k_msgq {
  const q = changetype<k_msgq>(memory.data(SIZEOF_K_MSGQ, 16));
  k_msgq_init(q, buffer, msg_size, max_msgs);
  return q;
}

/** K_MSGQ_DEFINE_STATIC: K_MSGQ_DEFINE for a file-scope queue (every top-level `const` is one). */
// @ts-ignore: decorator
@inline export function K_MSGQ_DEFINE_STATIC(buffer: usize, msg_size: u32, max_msgs: u32): k_msgq {
  return K_MSGQ_DEFINE(buffer, msg_size, max_msgs);
}

/** K_MSGQ_DEFINE_TYPE: a queue of messages of the @unmanaged class T (msg_size = offsetof<T>()). */
// @ts-ignore: decorator
@inline export function K_MSGQ_DEFINE_TYPE<T>(buffer: usize, max_msgs: u32): k_msgq {
  return K_MSGQ_DEFINE(buffer, <u32>offsetof<T>(), max_msgs);
}

/** K_MSGQ_DEFINE_STATIC_TYPE: K_MSGQ_DEFINE_TYPE for a file-scope queue. */
// @ts-ignore: decorator
@inline export function K_MSGQ_DEFINE_STATIC_TYPE<T>(buffer: usize, max_msgs: u32): k_msgq {
  return K_MSGQ_DEFINE(buffer, <u32>offsetof<T>(), max_msgs);
}

/**
 * k_msgq_alloc_init: initialises `q` over a buffer of msg_size * max_msgs bytes that the kernel
 * allocates (from the kernel heap: wasmp has no per-thread resource pools). Returns 0; -EINVAL
 * if the size overflows; -ENOMEM if the heap cannot hold the buffer. k_msgq_cleanup frees it.
 */
export function k_msgq_alloc_init(q: k_msgq, msg_size: u32, max_msgs: u32): i32 {
  __ASSERT_OBJ(q, "k_msgq_alloc_init", MSGQ_TS, __LINE__);
  const total = <u64>msg_size * <u64>max_msgs;
  if (total > <u64>u32.MAX_VALUE) return -EINVAL;
  const buf = z_heap_alloc(<usize>total);
  if (buf == 0) return -ENOMEM;
  k_msgq_init(q, buf, msg_size, max_msgs);
  q.flags = K_MSGQ_FLAG_ALLOC;
  return 0;
}

/**
 * wasmp's allocating form: a queue and its buffer on the kernel heap (k_msgq_alloc_init on a
 * heap k_msgq); null if out of memory or if the size overflows.
 */
export function k_msgq_alloc(msg_size: u32, max_msgs: u32): k_msgq | null {
  const q = changetype<k_msgq>(z_heap_calloc(SIZEOF_K_MSGQ));
  if (q == null) return null;
  if (k_msgq_alloc_init(q, msg_size, max_msgs) != 0) {
    z_heap_free(changetype<usize>(q));
    return null;
  }
  return q;
}

/**
 * Releases the buffer of a queue made by k_msgq_alloc_init (nothing for one over a caller's
 * buffer). Returns 0, or -EBUSY (and keeps the buffer) while threads wait on the queue.
 */
export function k_msgq_cleanup(q: k_msgq): i32 {
  __ASSERT_OBJ(q, "k_msgq_cleanup", MSGQ_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  const busy = z_waitq_head(q.wait_q) != null;
  k_spin_unlock(sched_lock(), skey);
  if (busy) {
    k_spin_unlock(lock, key);
    return -EBUSY;
  }
  if ((q.flags & K_MSGQ_FLAG_ALLOC) != 0) {
    z_heap_free(q.buffer_start);
    q.flags = q.flags & ~K_MSGQ_FLAG_ALLOC;
  }
  k_spin_unlock(lock, key);
  return 0;
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
  return z_pend_curr(lock, key, q.wait_q, timeout, WAIT_MSGQ);
}

/**
 * put_msg_in_queue: a free slot takes the message at `data` (at the back, or with
 * `at_back` false at the front, before every queued message), unless a reader waits, which
 * gets it directly. A full queue fails with K_NO_WAIT or pends the writer.
 */
function put_msg(q: k_msgq, data: usize, timeout: k_timeout_t, at_back: bool): i32 {
  __ASSERT(!arch_is_in_isr() || timeout == K_NO_WAIT, "k_msgq_put: an ISR cannot wait");
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  if (q.used_msgs < q.max_msgs) {
    const skey = k_spin_lock(sched_lock());
    const reader = z_unpend_first_thread_locked(q.wait_q);
    if (reader != null) {
      // A reader waits only while the queue is empty: hand the message over directly, under
      // sched_lock so that a racing timeout cannot wake the reader before the copy.
      memory.copy(reader.swap_data, data, q.msg_size);
      reader.swap_retval = 0;
      ready_thread_locked(reader);
    } else {
      if (at_back) {
        memory.copy(q.write_ptr, data, q.msg_size);
        q.write_ptr = q.write_ptr + q.msg_size;
        if (q.write_ptr == q.buffer_end) q.write_ptr = q.buffer_start;
      } else {
        // Open a slot before the oldest message: step read_ptr back (wrapping), copy there.
        if (q.read_ptr == q.buffer_start) q.read_ptr = q.buffer_end;
        q.read_ptr = q.read_ptr - q.msg_size;
        memory.copy(q.read_ptr, data, q.msg_size);
      }
      q.used_msgs = q.used_msgs + 1;
      z_poll_notify_locked();
    }
    k_spin_unlock(sched_lock(), skey);
    z_reschedule(lock, key);
    return 0;
  }
  return pend_or_fail(q, data, key, timeout);
}

/**
 * Adds the message at `data` (msg_size bytes) at the back. Returns 0; -ENOMSG if full with
 * K_NO_WAIT or purged while waiting; -EAGAIN if the timeout expired.
 */
export function k_msgq_put(q: k_msgq, data: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(q, "k_msgq_put", MSGQ_TS, __LINE__);
  return put_msg(q, data, timeout, true);
}

/**
 * Adds the message at `data` at the front: the next k_msgq_get returns it. Never waits:
 * returns 0, or -ENOMSG if the queue is full.
 */
export function k_msgq_put_front(q: k_msgq, data: usize): i32 {
  __ASSERT_OBJ(q, "k_msgq_put_front", MSGQ_TS, __LINE__);
  return put_msg(q, data, K_NO_WAIT, false);
}

/** Takes the oldest message into `data`. Returns 0; -ENOMSG if empty with K_NO_WAIT; -EAGAIN on timeout. */
export function k_msgq_get(q: k_msgq, data: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(q, "k_msgq_get", MSGQ_TS, __LINE__);
  __ASSERT(!arch_is_in_isr() || timeout == K_NO_WAIT, "k_msgq_get: an ISR cannot wait");
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
      memory.copy(q.write_ptr, writer.swap_data, q.msg_size);
      q.write_ptr = q.write_ptr + q.msg_size;
      if (q.write_ptr == q.buffer_end) q.write_ptr = q.buffer_start;
      q.used_msgs = q.used_msgs + 1;
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
  __ASSERT_OBJ(q, "k_msgq_peek", MSGQ_TS, __LINE__);
  return k_msgq_peek_at(q, data, 0);
}

/**
 * Copies the message at position `idx` (0: the oldest) into `data` without removing it.
 * Returns 0, or -ENOMSG if fewer than idx + 1 messages are queued.
 */
export function k_msgq_peek_at(q: k_msgq, data: usize, idx: u32): i32 {
  __ASSERT_OBJ(q, "k_msgq_peek_at", MSGQ_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  let ret = -ENOMSG;
  if (q.used_msgs > idx) {
    let at = q.read_ptr + <usize>idx * q.msg_size;
    if (at >= q.buffer_end) at = at - (q.buffer_end - q.buffer_start);
    memory.copy(data, at, q.msg_size);
    ret = 0;
  }
  k_spin_unlock(lock, key);
  return ret;
}

/** Discards every message; every waiting thread fails with -ENOMSG. */
export function k_msgq_purge(q: k_msgq): void {
  __ASSERT_OBJ(q, "k_msgq_purge", MSGQ_TS, __LINE__);
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

/** Writes the queue's message size, capacity and current number of messages into `attrs`. */
export function k_msgq_get_attrs(q: k_msgq, attrs: k_msgq_attrs): void {
  __ASSERT_OBJ(q, "k_msgq_get_attrs", MSGQ_TS, __LINE__);
  attrs.msg_size = q.msg_size;
  attrs.max_msgs = q.max_msgs;
  attrs.used_msgs = q.used_msgs;
}

export function k_msgq_num_used_get(q: k_msgq): u32 {
  __ASSERT_OBJ(q, "k_msgq_num_used_get", MSGQ_TS, __LINE__);
  return q.used_msgs;
}
export function k_msgq_num_free_get(q: k_msgq): u32 {
  __ASSERT_OBJ(q, "k_msgq_num_free_get", MSGQ_TS, __LINE__);
  return q.max_msgs - q.used_msgs;
}
