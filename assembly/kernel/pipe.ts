// Pipes (kernel/pipe.c, the byte-stream API of Zephyr 4.1+): a ring buffer of `size` bytes
// between writers and readers. A writer that finds the ring empty and readers waiting copies
// straight into the first reader's buffer (the reader's pipe_buf_spec, found through its
// swap_data) and wakes it once it has all it asked for; a reader that finds the ring full
// wakes every waiting writer. A pipe of size 0 has no ring: every byte goes writer to reader.
// Translated from kernel/pipe.c @ 005401f7; all pipes share kernel().obj_lock where Zephyr
// gives each pipe its own lock.
//
// k_pipe_reset discards the ring and fails every waiter with -ECANCELED: it sets
// PIPE_FLAG_RESET and wakes them; each, back from z_pend_curr, sees the flag, and the last one
// out clears it. While it is set new reads and writes fail with -ECANCELED too.
// k_pipe_close clears PIPE_FLAG_OPEN for good: writers get -EPIPE, readers drain the ring and
// then get -EPIPE.
//
// Zephyr skips the direct copy under CONFIG_KERNEL_COHERENCE (incoherent caches: a reader's
// spec, and often its buffer, live on its stack) and wakes the readers instead. wasmp's memory
// is coherent (CONFIG_KERNEL_COHERENCE is n; y is accepted and changes nothing), so it always
// copies directly, and pipes of size 0 work.
// The spec lives on the kernel heap for the duration of a read that had to wait.

import {
  k_pipe,
  pipe_buf_spec,
  SIZEOF_K_PIPE,
  SIZEOF_PIPE_BUF_SPEC,
  PIPE_FLAG_OPEN,
  PIPE_FLAG_RESET,
  EAGAIN,
  ECANCELED,
  EOVERFLOW,
  EPIPE,
  WAIT_PIPE_WRITE,
  WAIT_PIPE_READ,
} from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock, k_spinlock_key_t } from "./spinlock";
import { _wait_q_t, z_waitq_head, z_waitq_init } from "./wait_q";
import { K_FOREVER, K_NO_WAIT, k_timeout_t, z_abort_timeout_locked, z_timeout_end, z_timeout_left } from "./timeout";
import { current } from "./kthread";
import {
  ready_thread_locked,
  sched_lock,
  unpend_thread_no_timeout_locked,
  z_pend_curr,
  z_reschedule,
  z_sched_wake_all_locked,
} from "./sched";
import { z_heap_alloc, z_heap_calloc, z_heap_free } from "./heap";
import { z_poll_notify_locked } from "./poll";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/pipe.ts:<line>`. */
// @ts-ignore: decorator
@inline const PIPE_TS = "kernel/pipe.ts";

// @ts-ignore: decorator
@inline const INT_MAX: usize = 0x7fffffff;

/**
 * Initialises `pipe` over `buffer` (`buffer_size` bytes; 0 and size 0 for a pipe without a
 * ring). The pipe is open.
 */
export function k_pipe_init(pipe: k_pipe, buffer: usize, buffer_size: usize): void {
  __ASSERT_OBJ(pipe, "k_pipe_init", PIPE_TS, __LINE__);
  pipe.buffer = buffer;
  pipe.size = <u32>buffer_size;
  pipe.head = 0;
  pipe.used = 0;
  pipe.flags = PIPE_FLAG_OPEN;
  pipe.waiting = 0;
  z_waitq_init(pipe.data);
  z_waitq_init(pipe.space);
}

/**
 * K_PIPE_DEFINE: a pipe in static memory shared by every CPU, over `buffer` (also static:
 * `memory.data(pipe_buffer_size, pipe_align)`, or 0 with size 0 for no ring). Top level only:
 * `const p = K_PIPE_DEFINE(memory.data(256, 4), 256);` (every CPU's start function writes the
 * same values before boot).
 */
// @ts-ignore: decorator
@inline export function K_PIPE_DEFINE(buffer: usize, pipe_buffer_size: usize): k_pipe {
  const p = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));
  k_pipe_init(p, buffer, pipe_buffer_size);
  return p;
}

/** wasmp: a pipe and its ring on the kernel heap; null if out of memory. */
export function k_pipe_alloc(buffer_size: usize): k_pipe | null {
  const p = changetype<k_pipe>(z_heap_calloc(SIZEOF_K_PIPE));
  if (p == null) return null;
  const buf = buffer_size == 0 ? 0 : z_heap_alloc(buffer_size);
  if (buffer_size != 0 && buf == 0) {
    z_heap_free(changetype<usize>(p));
    return null;
  }
  k_pipe_init(p, buf, buffer_size);
  return p;
}

// --- the ring (lib/utils/ring_buf.c, byte mode); lock: obj_lock ----------------------------

// @ts-ignore: decorator
@inline function pipe_full(pipe: k_pipe): bool {
  return pipe.used == pipe.size;
}

// @ts-ignore: decorator
@inline function pipe_empty(pipe: k_pipe): bool {
  return pipe.used == 0;
}

// @ts-ignore: decorator
@inline function pipe_closed(pipe: k_pipe): bool {
  return (pipe.flags & PIPE_FLAG_OPEN) == 0;
}

// @ts-ignore: decorator
@inline function pipe_resetting(pipe: k_pipe): bool {
  return (pipe.flags & PIPE_FLAG_RESET) != 0;
}

/** ring_buf_put: copies up to `len` bytes from `src` into the ring; returns how many. */
function ring_put(pipe: k_pipe, src: usize, len: usize): usize {
  const size = <usize>pipe.size;
  const n = min(len, size - <usize>pipe.used);
  if (n == 0) return 0;
  let tail = <usize>pipe.head + <usize>pipe.used;
  if (tail >= size) tail -= size;
  const first = min(n, size - tail);
  memory.copy(pipe.buffer + tail, src, first);
  if (n > first) memory.copy(pipe.buffer, src + first, n - first);
  pipe.used = pipe.used + <u32>n;
  return n;
}

/** ring_buf_get: moves up to `len` bytes from the ring to `dst`; returns how many. */
function ring_get(pipe: k_pipe, dst: usize, len: usize): usize {
  const size = <usize>pipe.size;
  const n = min(len, <usize>pipe.used);
  if (n == 0) return 0;
  const head = <usize>pipe.head;
  const first = min(n, size - head);
  memory.copy(dst, pipe.buffer + head, first);
  if (n > first) memory.copy(dst + first, pipe.buffer, n - first);
  let h = head + n;
  if (h >= size) h -= size;
  pipe.head = <u32>h;
  pipe.used = pipe.used - <u32>n;
  return n;
}

// --- timepoints (z_timeout_end / z_timeout_left): the tick at which a call that may wait several
// times ends; -1 = forever, 0 = no wait, else the absolute tick.

function timepoint_calc(timeout: k_timeout_t): i64 {
  if (timeout == K_FOREVER) return -1;
  if (timeout == K_NO_WAIT) return 0;
  return z_timeout_end(timeout); // relative or absolute (K_TIMEOUT_ABS_*)
}

function timepoint_timeout(end: i64): k_timeout_t {
  if (end == -1) return K_FOREVER;
  if (end == 0) return K_NO_WAIT;
  return z_timeout_left(end);
}

/**
 * wait_for: pends on `wq` (of kind `kind`, WAIT_PIPE_READ or WAIT_PIPE_WRITE) until the
 * deadline `end`. Returns 0 when woken, -EAGAIN at the deadline (at once if it has passed),
 * -ECANCELED if the pipe was reset meanwhile, packed
 * with the obj_lock key that the caller holds afterwards (rc << 32 | key): the lock is
 * released while waiting and taken again.
 */
function wait_for(wq: _wait_q_t, pipe: k_pipe, key: k_spinlock_key_t, end: i64, kind: u32): i64 {
  const timeout = timepoint_timeout(end);
  if (timeout == K_NO_WAIT) return pack(-EAGAIN, key);
  const lock = kernel().obj_lock;
  pipe.waiting = pipe.waiting + 1;
  let rc = z_pend_curr(lock, key, wq, timeout, kind);
  const key2 = k_spin_lock(lock);
  pipe.waiting = pipe.waiting - 1;
  if (pipe_resetting(pipe)) {
    if (pipe.waiting == 0) pipe.flags = pipe.flags & ~PIPE_FLAG_RESET;
    rc = -ECANCELED;
  }
  return pack(rc, key2);
}

// @ts-ignore: decorator
@inline function pack(hi: i32, lo: u32): i64 {
  return ((<i64>hi) << 32) | <i64>lo;
}

/**
 * copy_to_pending_readers: copies from `data` into the waiting readers' buffers, in priority
 * order; a reader that has all it asked for is woken, one that wants more keeps waiting (and
 * has taken everything). Returns the bytes copied, with bit 32 set if a reader was woken. The
 * copy is under sched_lock so that a reader's timeout (which runs under it) finds either none
 * of it or all of it. Lock: obj_lock.
 */
function copy_to_pending_readers(pipe: k_pipe, data: usize, len: usize): i64 {
  let written: usize = 0;
  let woke: i64 = 0;
  const skey = k_spin_lock(sched_lock());
  while (written < len) {
    const reader = z_waitq_head(pipe.data);
    if (reader == null) break;
    const spec = changetype<pipe_buf_spec>(reader.swap_data);
    const n = min(len - written, <usize>(spec.len - spec.used));
    memory.copy(spec.data + spec.used, data + written, n);
    written += n;
    spec.used = spec.used + <u32>n;
    if (spec.used < spec.len) break; // this reader wants more: don't unpend
    // It has all it waited for: wake it, all under the scheduler lock.
    unpend_thread_no_timeout_locked(reader);
    z_abort_timeout_locked(reader.timeout);
    reader.swap_retval = 0;
    ready_thread_locked(reader);
    woke = 1;
  }
  k_spin_unlock(sched_lock(), skey);
  return (woke << 32) | <i64>written;
}

/** Ends a read or write: reschedules if a waiter was woken, else just unlocks. */
function finish(key: k_spinlock_key_t, resched: bool): void {
  const lock = kernel().obj_lock;
  if (resched) z_reschedule(lock, key);
  else k_spin_unlock(lock, key);
}

/**
 * Writes up to `len` bytes from `data`, waiting for room until `timeout`. Returns the bytes
 * written (`len`, or fewer if the timeout passed after a part); -EAGAIN if none could be
 * written in time; -ECANCELED if the pipe was reset; -EPIPE if it is or was closed meanwhile;
 * -EOVERFLOW if `len` exceeds INT_MAX.
 */
export function k_pipe_write(pipe: k_pipe, data: usize, len: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(pipe, "k_pipe_write", PIPE_TS, __LINE__);
  const end = timepoint_calc(timeout);
  const lock = kernel().obj_lock;
  let key = k_spin_lock(lock);
  if (len > INT_MAX) {
    k_spin_unlock(lock, key);
    return -EOVERFLOW;
  }
  if (pipe_resetting(pipe)) {
    k_spin_unlock(lock, key);
    return -ECANCELED;
  }
  let resched = false;
  let written: usize = 0;
  let rc: i32;
  while (true) {
    if (pipe_closed(pipe)) {
      rc = -EPIPE;
      break;
    }
    if (pipe_empty(pipe) && pipe.waiting != 0) {
      const r = copy_to_pending_readers(pipe, data + written, len - written);
      written += <usize>(<u32>r);
      if (r >> 32 != 0) resched = true;
      if (written >= len) {
        rc = <i32>written;
        break;
      }
    }
    const put = ring_put(pipe, data + written, len - written);
    if (put != 0) {
      const skey = k_spin_lock(sched_lock());
      z_poll_notify_locked(); // K_POLL_STATE_PIPE_DATA_AVAILABLE
      k_spin_unlock(sched_lock(), skey);
    }
    written += put;
    if (written == len) {
      rc = <i32>written;
      break;
    }
    const w = wait_for(pipe.space, pipe, key, end, WAIT_PIPE_WRITE);
    key = <u32>w;
    rc = <i32>(w >> 32);
    resched = false; // we have switched: nothing is left to reschedule for
    if (rc != 0) {
      if (rc == -EAGAIN) rc = written != 0 ? <i32>written : -EAGAIN;
      break;
    }
  }
  finish(key, resched);
  return rc;
}

/**
 * Reads up to `len` bytes into `data`, waiting for them until `timeout`. Returns the bytes
 * read (`len`, or fewer if the timeout passed or the pipe was closed after a part); -EAGAIN if
 * none came in time; -ECANCELED if the pipe was reset; -EPIPE if it is closed and empty;
 * -EOVERFLOW if `len` exceeds INT_MAX.
 */
export function k_pipe_read(pipe: k_pipe, data: usize, len: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(pipe, "k_pipe_read", PIPE_TS, __LINE__);
  const end = timepoint_calc(timeout);
  const lock = kernel().obj_lock;
  let key = k_spin_lock(lock);
  if (len > INT_MAX) {
    k_spin_unlock(lock, key);
    return -EOVERFLOW;
  }
  if (pipe_resetting(pipe)) {
    k_spin_unlock(lock, key);
    return -ECANCELED;
  }
  let resched = false;
  let used: usize = 0;
  let rc: i32;
  // The pipe_buf_spec that writers copy into while we wait; allocated at the first wait.
  let spec: usize = 0;
  while (true) {
    if (pipe_full(pipe)) {
      // One or more pending writers may exist.
      const skey = k_spin_lock(sched_lock());
      if (z_sched_wake_all_locked(pipe.space, 0)) resched = true;
      k_spin_unlock(sched_lock(), skey);
    }
    used += ring_get(pipe, data + used, len - used);
    if (used == len) {
      rc = <i32>used;
      break;
    }
    if (pipe_closed(pipe)) {
      rc = used != 0 ? <i32>used : -EPIPE;
      break;
    }
    if (timepoint_timeout(end) == K_NO_WAIT) {
      rc = used != 0 ? <i32>used : -EAGAIN;
      break;
    }
    // Provide our "direct copy" info to potential writers.
    if (spec == 0) spec = z_heap_alloc(SIZEOF_PIPE_BUF_SPEC);
    const s = changetype<pipe_buf_spec>(spec);
    s.data = data;
    s.len = <u32>len;
    s.used = <u32>used;
    current().swap_data = spec;
    const w = wait_for(pipe.data, pipe, key, end, WAIT_PIPE_READ);
    key = <u32>w;
    rc = <i32>(w >> 32);
    used = <usize>s.used;
    resched = false;
    if (rc != 0) {
      if (rc == -EAGAIN) rc = used != 0 ? <i32>used : -EAGAIN;
      break;
    }
  }
  finish(key, resched);
  if (spec != 0) z_heap_free(spec);
  return rc;
}

/**
 * Discards the ring's data; every waiting reader and writer returns -ECANCELED, and calls
 * made until the last of them has left fail with -ECANCELED too. The pipe stays open.
 */
export function k_pipe_reset(pipe: k_pipe): void {
  __ASSERT_OBJ(pipe, "k_pipe_reset", PIPE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  pipe.head = 0;
  pipe.used = 0;
  if (pipe.waiting != 0) {
    pipe.flags = pipe.flags | PIPE_FLAG_RESET;
    const skey = k_spin_lock(sched_lock());
    z_sched_wake_all_locked(pipe.data, 0);
    z_sched_wake_all_locked(pipe.space, 0);
    k_spin_unlock(sched_lock(), skey);
  }
  k_spin_unlock(lock, key);
}

/**
 * Closes the pipe for good: every waiter is woken, writers then return -EPIPE, readers take
 * what is left in the ring and then get -EPIPE.
 */
export function k_pipe_close(pipe: k_pipe): void {
  __ASSERT_OBJ(pipe, "k_pipe_close", PIPE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  pipe.flags = 0;
  const skey = k_spin_lock(sched_lock());
  z_sched_wake_all_locked(pipe.data, 0);
  z_sched_wake_all_locked(pipe.space, 0);
  k_spin_unlock(sched_lock(), skey);
  k_spin_unlock(lock, key);
}
