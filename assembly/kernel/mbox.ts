// Mailboxes (kernel/mailbox.c @ cf825d7b): synchronous and asynchronous message exchange
// between threads, with sender/receiver matching (K_ANY matches any thread). A sender waits
// in tx_msg_queue, a receiver in rx_msg_queue, each with its k_mbox_msg in swap_data; whoever
// arrives second walks the other queue for a compatible descriptor.
//
// A synchronous sender stays blocked until the receiver has disposed of the message
// (k_mbox_get with a buffer, or k_mbox_data_get later); an asynchronous send is carried by a
// descriptor whose dummy thread (_THREAD_DUMMY, never scheduled) pends in the sender's place
// and is recycled when the message is disposed of, giving the caller's semaphore.
//
// SMP: all mailboxes share kernel().obj_lock (Zephyr: one lock per mailbox). A sender that
// matches a waiting receiver readies it and then pends itself on no queue while still holding
// obj_lock, and the receiver takes obj_lock before it wakes the sender (Zephyr's
// mbox_message_dispose takes no lock): so a receiver running at once on another CPU cannot
// try to wake the sender before it has pended. Wait queues are walked under sched_lock.

import {
  k_mbox,
  k_mbox_msg,
  k_mbox_async,
  k_sem,
  k_thread,
  SIZEOF_K_MBOX,
  SIZEOF_K_MBOX_MSG,
  SIZEOF_K_MBOX_ASYNC,
  _THREAD_DUMMY,
  _THREAD_PENDING,
  ENOMSG,
  WAIT_MBOX_MSG,
  WAIT_MBOX_SEND,
  WAIT_MBOX_RECV,
} from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_head, z_waitq_init, z_waitq_next } from "./wait_q";
import { K_FOREVER, K_NO_WAIT, k_timeout_t, z_abort_timeout_locked } from "./timeout";
import { current } from "./kthread";
import {
  ready_thread_locked,
  sched_lock,
  unpend_thread_no_timeout_locked,
  z_pend_curr,
  z_pend_thread_locked,
  z_reschedule,
} from "./sched";
import { z_heap_alloc, z_heap_calloc } from "./heap";
import { k_sem_give } from "./sem";
import { k_oops } from "./fatal";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/mbox.ts:<line>`. */
// @ts-ignore: decorator
@inline const MBOX_TS = "kernel/mbox.ts";

/** K_ANY: matches any thread as a message's source or target (a k_mbox_msg thread field). */
// @ts-ignore: decorator
@inline export const K_ANY: usize = 0;

/** Unused async descriptors (k_mbox_async, linked through next_free). Lock: obj_lock. */
const async_msg_free = memory.data(4, 4);

/** Initialises `mbox`. */
export function k_mbox_init(mbox: k_mbox): void {
  __ASSERT_OBJ(mbox, "k_mbox_init", MBOX_TS, __LINE__);
  z_waitq_init(mbox.tx_msg_queue);
  z_waitq_init(mbox.rx_msg_queue);
}

/**
 * K_MBOX_DEFINE: a mailbox in static memory shared by every CPU. Top level only:
 * `const mb = K_MBOX_DEFINE();`
 */
// @ts-ignore: decorator
@inline export function K_MBOX_DEFINE(): k_mbox {
  const m = changetype<k_mbox>(memory.data(SIZEOF_K_MBOX, 16));
  k_mbox_init(m);
  return m;
}

/** wasmp: a mailbox on the kernel heap; null if out of memory. */
export function k_mbox_alloc(): k_mbox | null {
  const m = changetype<k_mbox>(z_heap_calloc(SIZEOF_K_MBOX));
  if (m == null) return null;
  k_mbox_init(m);
  return m;
}

/**
 * wasmp: a zeroed message descriptor on the kernel heap (`struct k_mbox_msg mmsg = {0}` of a
 * C caller); free it with k_free once no send or receive uses it. Null if out of memory.
 */
export function k_mbox_msg_alloc(): k_mbox_msg | null {
  return changetype<k_mbox_msg>(z_heap_calloc(SIZEOF_K_MBOX_MSG));
}

/** mbox_async_alloc: a zeroed descriptor, recycled or new. Out of memory is a k_oops. */
function mbox_async_alloc(): k_mbox_async {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  let a = load<u32>(async_msg_free);
  if (a != 0) store<u32>(async_msg_free, changetype<k_mbox_async>(a).next_free);
  k_spin_unlock(lock, key);
  if (a == 0) {
    a = <u32>z_heap_alloc(SIZEOF_K_MBOX_ASYNC);
    if (a == 0) k_oops();
  }
  memory.fill(a, 0, SIZEOF_K_MBOX_ASYNC);
  return changetype<k_mbox_async>(a);
}

/** mbox_async_free: returns a descriptor whose message has been disposed of. */
function mbox_async_free(a: k_mbox_async): void {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  a.next_free = load<u32>(async_msg_free);
  store<u32>(async_msg_free, changetype<u32>(a));
  k_spin_unlock(lock, key);
}

/**
 * mbox_message_match: true if the sender's `tx` and the receiver's `rx` want each other; then
 * the two descriptors are completed: thread ids, info swapped, the receiver's size cut to the
 * sender's, the data location and the syncing thread given to the receiver.
 */
function mbox_message_match(tx: k_mbox_msg, rx: k_mbox_msg): bool {
  if (
    (tx.tx_target_thread == K_ANY || tx.tx_target_thread == rx.tx_target_thread) &&
    (rx.rx_source_thread == K_ANY || rx.rx_source_thread == tx.rx_source_thread)
  ) {
    // update thread identifier fields for both descriptors
    rx.rx_source_thread = tx.rx_source_thread;
    tx.tx_target_thread = rx.tx_target_thread;
    // update application info fields for both descriptors
    const temp_info = rx.info;
    rx.info = tx.info;
    tx.info = temp_info;
    // update data size field for receiver only
    if (rx.size > tx.size) rx.size = tx.size;
    // update data location fields for receiver only
    rx.tx_data = tx.tx_data;
    // update syncing thread field for receiver only
    rx._syncing_thread = tx._syncing_thread;
    return true;
  }
  return false;
}

/**
 * mbox_message_dispose: tells the sender that processing is complete (its size becomes what
 * was taken): frees an async descriptor and gives its semaphore, or wakes a synchronous
 * sender. Nothing if the message was already disposed of.
 */
function mbox_message_dispose(rx: k_mbox_msg): void {
  if (rx._syncing_thread == 0) return;
  // recover sender info
  const sending = changetype<k_thread>(rx._syncing_thread);
  rx._syncing_thread = 0;
  const tx = changetype<k_mbox_msg>(sending.swap_data);
  // update data size field for sender
  tx.size = rx.size;
  if ((sending.thread_state & _THREAD_DUMMY) != 0) {
    // asynchronous send: free the descriptor + dummy thread pair, then give the semaphore
    const sem = tx._async_sem;
    mbox_async_free(changetype<k_mbox_async>(sending));
    if (sem != 0) k_sem_give(changetype<k_sem>(sem));
    return;
  }
  // synchronous send: wake up the sending thread. obj_lock first: the sender holds it until it
  // has pended (see the file's header).
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  sending.swap_retval = 0;
  sending.thread_state &= ~_THREAD_PENDING; // z_mark_thread_as_not_pending
  ready_thread_locked(sending);
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
}

/**
 * mbox_message_put: the send shared by k_mbox_put and k_mbox_async_put (`tx` is then the
 * descriptor's copy, whose syncing thread is the dummy). Returns 0, -ENOMSG (no receiver with
 * K_NO_WAIT) or -EAGAIN (no receiver before the timeout).
 */
function mbox_message_put(mbox: k_mbox, tx: k_mbox_msg, timeout: k_timeout_t): i32 {
  // save sender id so it can be used during message matching
  tx.rx_source_thread = changetype<usize>(current());
  // finish readying sending thread (actual or dummy) for send
  const sending = changetype<k_thread>(tx._syncing_thread);
  sending.swap_data = changetype<usize>(tx);
  const is_async = (sending.thread_state & _THREAD_DUMMY) != 0;

  // search mailbox's rx queue for a compatible receiver
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  let receiving = z_waitq_head(mbox.rx_msg_queue);
  while (receiving != null) {
    const rx = changetype<k_mbox_msg>(receiving.swap_data);
    if (mbox_message_match(tx, rx)) {
      // take receiver out of rx queue and ready it (z_unpend_thread, z_ready_thread)
      unpend_thread_no_timeout_locked(receiving);
      z_abort_timeout_locked(receiving.timeout);
      receiving.swap_retval = 0;
      ready_thread_locked(receiving);
      k_spin_unlock(sched_lock(), skey);
      if (is_async) {
        // asynchronous send: swap out current thread if receiver has priority, otherwise let
        // it continue; the dummy sending thread sits (unqueued) until the receiver consumes
        // the message
        z_reschedule(lock, key);
        return 0;
      }
      // synchronous send: pend current thread (unqueued) until the receiver consumes the message
      return z_pend_curr(lock, key, null, K_FOREVER, WAIT_MBOX_MSG);
    }
    receiving = z_waitq_next(mbox.rx_msg_queue, receiving);
  }

  // didn't find a matching receiver: don't wait for one
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(sched_lock(), skey);
    k_spin_unlock(lock, key);
    return -ENOMSG;
  }
  if (is_async) {
    // asynchronous send: dummy thread waits on tx queue for receiver
    z_pend_thread_locked(sending, mbox.tx_msg_queue, K_FOREVER, WAIT_MBOX_SEND);
    k_spin_unlock(sched_lock(), skey);
    k_spin_unlock(lock, key);
    return 0;
  }
  // synchronous send: sender waits on tx queue for receiver or timeout
  k_spin_unlock(sched_lock(), skey);
  return z_pend_curr(lock, key, mbox.tx_msg_queue, timeout, WAIT_MBOX_SEND);
}

/**
 * Sends `tx_msg` and waits until a receiver has both received and processed it. Waits at
 * most `timeout` for a receiver; once received, as long as processing takes. Returns 0,
 * -ENOMSG (no receiver, K_NO_WAIT) or -EAGAIN (none before the timeout). `tx_msg.size`
 * becomes the bytes the receiver took, `info` the receiver's info.
 */
export function k_mbox_put(mbox: k_mbox, tx_msg: k_mbox_msg, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(mbox, "k_mbox_put", MBOX_TS, __LINE__);
  // configure things for a synchronous send, then send the message
  tx_msg._syncing_thread = changetype<usize>(current());
  return mbox_message_put(mbox, tx_msg, timeout);
}

/**
 * Sends a copy of `tx_msg` without waiting; `sem` (or null) is given once a receiver has
 * received and processed it. The data at tx_data must stay valid until then.
 */
export function k_mbox_async_put(mbox: k_mbox, tx_msg: k_mbox_msg, sem: k_sem | null): void {
  __ASSERT_OBJ(mbox, "k_mbox_async_put", MBOX_TS, __LINE__);
  // allocate an asynchronous message descriptor, configure both parts, then send the
  // message asynchronously
  const a = mbox_async_alloc();
  const dummy = a.thread;
  dummy.thread_state = _THREAD_DUMMY;
  dummy.prio = current().prio;
  dummy.fatal_reason = -1;
  const msg = a.tx_msg;
  memory.copy(changetype<usize>(msg), changetype<usize>(tx_msg), SIZEOF_K_MBOX_MSG);
  msg._syncing_thread = changetype<usize>(dummy);
  msg._async_sem = changetype<usize>(sem);
  mbox_message_put(mbox, msg, K_FOREVER);
}

/**
 * Completes a message received without a buffer: copies its data (rx_msg.size bytes) into
 * `buffer`, or discards it if `buffer` is 0 (the sender then sees size 0), and releases the
 * sender.
 */
export function k_mbox_data_get(rx_msg: k_mbox_msg, buffer: usize): void {
  // handle case where data is to be discarded
  if (buffer == 0) {
    rx_msg.size = 0;
    mbox_message_dispose(rx_msg);
    return;
  }
  // copy message data to buffer, then dispose of message
  if (rx_msg.tx_data != 0 && rx_msg.size > 0) memory.copy(buffer, rx_msg.tx_data, rx_msg.size);
  mbox_message_dispose(rx_msg);
}

/**
 * mbox_message_data_check: consumes the data at once if the receiver gave a buffer or there
 * is none; else keeps the message for k_mbox_data_get.
 */
function mbox_message_data_check(rx: k_mbox_msg, buffer: usize): i32 {
  if (buffer != 0) {
    // retrieve data now, then dispose of message
    k_mbox_data_get(rx, buffer);
  } else if (rx.size == 0) {
    // there is no data to get, so just dispose of message
    mbox_message_dispose(rx);
  }
  // else: keep message around for later data retrieval
  return 0;
}

/**
 * Receives a message into `rx_msg` (whose size is the most it takes and rx_source_thread the
 * sender wanted, K_ANY for any). With a `buffer` the data is copied and the sender released at
 * once; with 0 and a non-empty message, k_mbox_data_get must follow. Returns 0, -ENOMSG (no
 * sender, K_NO_WAIT) or -EAGAIN (none before the timeout).
 */
export function k_mbox_get(mbox: k_mbox, rx_msg: k_mbox_msg, buffer: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(mbox, "k_mbox_get", MBOX_TS, __LINE__);
  // save receiver id so it can be used during message matching
  rx_msg.tx_target_thread = changetype<usize>(current());

  // search mailbox's tx queue for a compatible sender
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  let sending = z_waitq_head(mbox.tx_msg_queue);
  while (sending != null) {
    const tx = changetype<k_mbox_msg>(sending.swap_data);
    if (mbox_message_match(tx, rx_msg)) {
      // take sender out of mailbox's tx queue (z_unpend_thread)
      unpend_thread_no_timeout_locked(sending);
      z_abort_timeout_locked(sending.timeout);
      k_spin_unlock(sched_lock(), skey);
      k_spin_unlock(lock, key);
      // consume message data immediately, if needed
      return mbox_message_data_check(rx_msg, buffer);
    }
    sending = z_waitq_next(mbox.tx_msg_queue, sending);
  }

  // didn't find a matching sender
  if (timeout == K_NO_WAIT) {
    // don't wait for a matching sender to appear
    k_spin_unlock(sched_lock(), skey);
    k_spin_unlock(lock, key);
    return -ENOMSG;
  }
  // wait until a matching sender appears or a timeout occurs
  current().swap_data = changetype<usize>(rx_msg);
  k_spin_unlock(sched_lock(), skey);
  let result = z_pend_curr(lock, key, mbox.rx_msg_queue, timeout, WAIT_MBOX_RECV);
  // consume message data immediately, if needed
  if (result == 0) result = mbox_message_data_check(rx_msg, buffer);
  return result;
}
