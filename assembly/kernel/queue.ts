// Queues (kernel/queue.c) and the FIFO and LIFO that wrap them (include/zephyr/kernel.h:
// k_fifo_*, k_lifo_* are k_queue calls on the same object).
//
// A queue holds the caller's items, linked through each item's first word, which is reserved
// for the kernel (Zephyr's `void *data` "the first word of the item is reserved for the
// kernel's use"): items are addresses of 4-aligned memory the caller owns, at least a word
// long, and must not be touched while queued. The list is Zephyr's sys_sflist: the reserved
// word holds the next node's address and 2 flag bits (contract encoding sys_sfnode). An item
// without a reserved word goes in through k_queue_alloc_append/prepend, which queue a
// z_queue_alloc_node from the kernel heap pointing at it (flag 1) and free it when the item
// leaves the queue. A thread waiting in k_queue_get is handed the item directly (its
// swap_data), as in Zephyr; pollers (K_POLL_TYPE_DATA_AVAILABLE) are told when an item is
// queued and when the queue's waits are cancelled (poll.ts).
//
// All queues share kernel().obj_lock, as the other kernel objects do (Zephyr gives each queue
// its own lock); wait queues and poll events are changed with sched_lock held inside it.
// The singly linked list of sys/slist.h that k_queue_merge_slist and k_fifo_put_slist take is
// here too (sys_slist_*), as that is all of slist wasmp has.

import {
  k_queue,
  sys_slist,
  z_queue_alloc_node,
  SIZEOF_K_QUEUE,
  K_QUEUE_HEAD,
  SIZEOF_SYS_SLIST,
  SIZEOF_Z_QUEUE_ALLOC_NODE,
  SYS_SFNODE_FLAGS_MASK,
  EINVAL,
  ENOMEM,
  WAIT_QUEUE,
} from "../generated/contract";
import { kernel } from "../arch/cpu";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_init } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import { ready_thread_locked, sched_lock, z_pend_curr, z_reschedule, z_unpend_first_thread_locked } from "./sched";
import { z_heap_alloc, z_heap_calloc, z_heap_free } from "./heap";
import { z_poll_cancel_locked, z_poll_notify_locked } from "./poll";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/queue.ts:<line>`. */
// @ts-ignore: decorator
@inline const QUEUE_TS = "kernel/queue.ts";

/** struct k_fifo and struct k_lifo: a k_queue. */
export type k_fifo = k_queue;
export type k_lifo = k_queue;

/** The flag of a queued z_queue_alloc_node (Zephyr's sys_sfnode_init(&anode->node, 0x1)). */
// @ts-ignore: decorator
@inline const ALLOC_NODE: u32 = 1;

// --- sys_sflist over the queue's head/tail -------------------------------------------------
// Lock: obj_lock for all of these.

// @ts-ignore: decorator
@inline function sfnode_next(node: usize): usize {
  return load<u32>(node) & ~SYS_SFNODE_FLAGS_MASK;
}
// @ts-ignore: decorator
@inline function sfnode_flags(node: usize): u32 {
  return load<u32>(node) & SYS_SFNODE_FLAGS_MASK;
}
/** Points `node` at `next`, keeping its flags (z_sfnode_next_set). */
// @ts-ignore: decorator
@inline function sfnode_next_set(node: usize, next: usize): void {
  store<u32>(node, <u32>next | sfnode_flags(node));
}

/** sys_sflist_insert: `node` (whose word holds its flags) after `prev`, or first if prev is 0. */
function sflist_insert(q: k_queue, prev: usize, node: usize): void {
  if (prev == 0) {
    sfnode_next_set(node, q.head);
    q.head = node;
    if (q.tail == 0) q.tail = node;
  } else {
    sfnode_next_set(node, sfnode_next(prev));
    sfnode_next_set(prev, node);
    if (q.tail == prev) q.tail = node;
  }
}

/** Unlinks `node`, whose predecessor is `prev` (0: it is the head). */
function sflist_remove(q: k_queue, prev: usize, node: usize): void {
  const next = sfnode_next(node);
  if (prev == 0) q.head = next;
  else sfnode_next_set(prev, next);
  if (q.tail == node) q.tail = prev;
}

/**
 * z_queue_node_peek: the caller's item for `node` (0 for none); frees an alloc node if
 * `needs_free` (it has just left the queue).
 */
function node_peek(node: usize, needs_free: bool): usize {
  if (node == 0 || sfnode_flags(node) == 0) return node;
  const ret = changetype<z_queue_alloc_node>(node).data;
  if (needs_free) z_heap_free(node);
  return ret;
}

// --- k_queue -------------------------------------------------------------------------------

/** Initialises `q` as an empty queue. */
export function k_queue_init(q: k_queue): void {
  __ASSERT_OBJ(q, "k_queue_init", QUEUE_TS, __LINE__);
  q.head = 0;
  q.tail = 0;
  z_waitq_init(q.wait_q);
}

/**
 * K_QUEUE_DEFINE: an empty queue in static memory, shared by every CPU (a zero-filled queue is
 * an empty one). Top level only: `const q = K_QUEUE_DEFINE();` (each call site is one queue).
 */
// @ts-ignore: decorator
@inline export function K_QUEUE_DEFINE(): k_queue {
  return changetype<k_queue>(memory.data(SIZEOF_K_QUEUE, 16));
}

/** A new empty queue on the kernel heap (the analogue of a k_queue in a struct, or k_object_alloc). */
export function k_queue_alloc(): k_queue {
  const q = changetype<k_queue>(z_heap_calloc(SIZEOF_K_QUEUE));
  k_queue_init(q);
  return q;
}

/**
 * Releases the highest-priority thread waiting in k_queue_get on `q`: its k_queue_get returns
 * NULL (0). Pollers of `q` return -EINTR with K_POLL_STATE_CANCELLED (the first one).
 */
export function k_queue_cancel_wait(q: k_queue): void {
  __ASSERT_OBJ(q, "k_queue_cancel_wait", QUEUE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  const t = z_unpend_first_thread_locked(q.wait_q);
  if (t != null) {
    t.swap_data = 0;
    t.swap_retval = 0;
    ready_thread_locked(t);
  }
  z_poll_cancel_locked(changetype<usize>(q));
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
}

// queue_insert's results besides 0 and -ENOMEM: k_queue_unique_append found the item queued.
// @ts-ignore: decorator
@inline const QUEUE_DUPLICATE: i32 = 1;

/** Whether node `data` is in `q` (SYS_SFLIST_FOR_EACH_NODE). Lock: obj_lock. */
function contains(q: k_queue, data: usize): bool {
  for (let n = q.head; n != 0; n = sfnode_next(n)) if (n == data) return true;
  return false;
}

/**
 * queue_insert: hands `data` to the first waiting thread, or links it after `prev` (the tail
 * if `is_append`; the head if prev is 0), through an alloc node if `alloc`. With `unique`,
 * does nothing and returns QUEUE_DUPLICATE if `data` is queued already (checked under the same
 * lock as the insertion, so that two CPUs cannot both append it). Returns 0 or -ENOMEM.
 */
function queue_insert(q: k_queue, prev: usize, data: usize, alloc: bool, is_append: bool, unique: bool): i32 {
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  if (unique && contains(q, data)) {
    k_spin_unlock(lock, key);
    return QUEUE_DUPLICATE;
  }
  if (is_append) prev = q.tail;
  let skey = k_spin_lock(sched_lock());
  const t = z_unpend_first_thread_locked(q.wait_q);
  if (t != null) {
    t.swap_data = data;
    t.swap_retval = 0;
    ready_thread_locked(t);
    k_spin_unlock(sched_lock(), skey);
    z_reschedule(lock, key);
    return 0;
  }
  k_spin_unlock(sched_lock(), skey);
  // Only need to actually allocate if no threads are pending.
  let node = data;
  if (alloc) {
    node = z_heap_alloc(SIZEOF_Z_QUEUE_ALLOC_NODE);
    if (node == 0) {
      k_spin_unlock(lock, key);
      return -ENOMEM;
    }
    changetype<z_queue_alloc_node>(node).data = data;
    store<u32>(node, ALLOC_NODE);
  } else {
    store<u32>(data, 0);
  }
  sflist_insert(q, prev, node);
  skey = k_spin_lock(sched_lock());
  z_poll_notify_locked();
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
  return 0;
}

/** Inserts `data` after the queued item `prev` (at the head if prev is 0). */
export function k_queue_insert(q: k_queue, prev: usize, data: usize): void {
  __ASSERT_OBJ(q, "k_queue_insert", QUEUE_TS, __LINE__);
  queue_insert(q, prev, data, false, false, false);
}

/** Adds `data` at the tail. Its first word is the kernel's while it is queued. */
export function k_queue_append(q: k_queue, data: usize): void {
  __ASSERT_OBJ(q, "k_queue_append", QUEUE_TS, __LINE__);
  queue_insert(q, 0, data, false, true, false);
}

/** Adds `data` at the head. */
export function k_queue_prepend(q: k_queue, data: usize): void {
  __ASSERT_OBJ(q, "k_queue_prepend", QUEUE_TS, __LINE__);
  queue_insert(q, 0, data, false, false, false);
}

/**
 * Adds `data` (any memory; no reserved word) at the tail through a node allocated on the
 * kernel heap. Returns 0, or -ENOMEM.
 */
export function k_queue_alloc_append(q: k_queue, data: usize): i32 {
  __ASSERT_OBJ(q, "k_queue_alloc_append", QUEUE_TS, __LINE__);
  return queue_insert(q, 0, data, true, true, false);
}

/** k_queue_alloc_append at the head. Returns 0, or -ENOMEM. */
export function k_queue_alloc_prepend(q: k_queue, data: usize): i32 {
  __ASSERT_OBJ(q, "k_queue_alloc_prepend", QUEUE_TS, __LINE__);
  return queue_insert(q, 0, data, true, false, false);
}

/**
 * Appends the items head..tail, already linked through their first words (the last one's
 * first word 0). Waiting threads take the first ones. Returns 0, or -EINVAL if head or tail is 0.
 */
export function k_queue_append_list(q: k_queue, head: usize, tail: usize): i32 {
  __ASSERT_OBJ(q, "k_queue_append_list", QUEUE_TS, __LINE__);
  // invalid head or tail of list
  if (head == 0 || tail == 0) return -EINVAL;
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const skey = k_spin_lock(sched_lock());
  let t = z_unpend_first_thread_locked(q.wait_q);
  while (head != 0 && t != null) {
    t.swap_data = head;
    t.swap_retval = 0;
    ready_thread_locked(t);
    head = load<u32>(head);
    t = z_unpend_first_thread_locked(q.wait_q);
  }
  if (head != 0) {
    // sys_sflist_append_list: the caller's words carry no flags (items are 4-aligned).
    if (q.tail == 0) q.head = head;
    else sfnode_next_set(q.tail, head);
    q.tail = tail;
  }
  z_poll_notify_locked();
  k_spin_unlock(sched_lock(), skey);
  z_reschedule(lock, key);
  return 0;
}

/**
 * Moves every node of `list` (its nodes' first words are their links) to the tail of `q` and
 * empties `list`. Returns 0, or -EINVAL if `list` is empty (or its tail is 0).
 */
export function k_queue_merge_slist(q: k_queue, list: sys_slist): i32 {
  __ASSERT_OBJ(q, "k_queue_merge_slist", QUEUE_TS, __LINE__);
  // list must not be empty
  if (sys_slist_is_empty(list)) return -EINVAL;
  const ret = k_queue_append_list(q, list.head, list.tail);
  if (ret != 0) return ret;
  sys_slist_init(list);
  return 0;
}

/**
 * Takes the item at the head. Waits up to `timeout` if the queue is empty. Returns the item,
 * or 0 (NULL) if none came in time, or if the wait was cancelled (k_queue_cancel_wait).
 */
export function k_queue_get(q: k_queue, timeout: k_timeout_t): usize {
  __ASSERT_OBJ(q, "k_queue_get", QUEUE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const node = q.head;
  if (node != 0) {
    sflist_remove(q, 0, node);
    const data = node_peek(node, true);
    k_spin_unlock(lock, key);
    return data;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(lock, key);
    return 0;
  }
  const ret = z_pend_curr(lock, key, q.wait_q, timeout, WAIT_QUEUE);
  return ret != 0 ? 0 : current().swap_data;
}

/**
 * Removes `data` from the queue wherever it is (a linear search, as in Zephyr). An item
 * queued with k_queue_alloc_append/prepend is found by its own address and its node freed.
 * Returns true if it was queued.
 */
export function k_queue_remove(q: k_queue, data: usize): bool {
  __ASSERT_OBJ(q, "k_queue_remove", QUEUE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  let prev: usize = 0;
  for (let n = q.head; n != 0; n = sfnode_next(n)) {
    if (n == data || (sfnode_flags(n) != 0 && changetype<z_queue_alloc_node>(n).data == data)) {
      sflist_remove(q, prev, n);
      node_peek(n, true);
      k_spin_unlock(lock, key);
      return true;
    }
    prev = n;
  }
  k_spin_unlock(lock, key);
  return false;
}

/** Appends `data` unless it is queued already. Returns true if it was added. */
export function k_queue_unique_append(q: k_queue, data: usize): bool {
  __ASSERT_OBJ(q, "k_queue_unique_append", QUEUE_TS, __LINE__);
  return queue_insert(q, 0, data, false, true, true) != QUEUE_DUPLICATE;
}

/** Non-zero if `q` holds no item (it may change at once if other threads use the queue). */
export function k_queue_is_empty(q: k_queue): i32 {
  __ASSERT_OBJ(q, "k_queue_is_empty", QUEUE_TS, __LINE__);
  return atomic.load<u32>(changetype<usize>(q), K_QUEUE_HEAD) == 0 ? 1 : 0;
}

/** The item at the head, left in the queue, or 0 if empty. */
export function k_queue_peek_head(q: k_queue): usize {
  __ASSERT_OBJ(q, "k_queue_peek_head", QUEUE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const ret = node_peek(q.head, false);
  k_spin_unlock(lock, key);
  return ret;
}

/** The item at the tail, left in the queue, or 0 if empty. */
export function k_queue_peek_tail(q: k_queue): usize {
  __ASSERT_OBJ(q, "k_queue_peek_tail", QUEUE_TS, __LINE__);
  const lock = kernel().obj_lock;
  const key = k_spin_lock(lock);
  const ret = node_peek(q.tail, false);
  k_spin_unlock(lock, key);
  return ret;
}

// --- k_fifo (first in, first out) ------------------------------------------------------------

export function k_fifo_init(f: k_fifo): void {
  k_queue_init(f);
}
/** K_FIFO_DEFINE: an empty FIFO in static memory shared by every CPU (top level). */
// @ts-ignore: decorator
@inline export function K_FIFO_DEFINE(): k_fifo {
  return changetype<k_fifo>(memory.data(SIZEOF_K_QUEUE, 16));
}
export function k_fifo_alloc(): k_fifo {
  return k_queue_alloc();
}
export function k_fifo_cancel_wait(f: k_fifo): void {
  k_queue_cancel_wait(f);
}
/** Adds `data` (first word reserved for the kernel) at the tail. */
export function k_fifo_put(f: k_fifo, data: usize): void {
  k_queue_append(f, data);
}
/** Adds `data` (no reserved word) through a heap node. Returns 0, or -ENOMEM. */
export function k_fifo_alloc_put(f: k_fifo, data: usize): i32 {
  return k_queue_alloc_append(f, data);
}
/** Adds the linked items head..tail. Returns 0, or -EINVAL. */
export function k_fifo_put_list(f: k_fifo, head: usize, tail: usize): i32 {
  return k_queue_append_list(f, head, tail);
}
/** Moves every node of `list` to the tail and empties it. Returns 0, or -EINVAL if it is empty. */
export function k_fifo_put_slist(f: k_fifo, list: sys_slist): i32 {
  return k_queue_merge_slist(f, list);
}
export function k_fifo_get(f: k_fifo, timeout: k_timeout_t): usize {
  return k_queue_get(f, timeout);
}
export function k_fifo_is_empty(f: k_fifo): i32 {
  return k_queue_is_empty(f);
}
export function k_fifo_peek_head(f: k_fifo): usize {
  return k_queue_peek_head(f);
}
export function k_fifo_peek_tail(f: k_fifo): usize {
  return k_queue_peek_tail(f);
}

// --- k_lifo (last in, first out) -------------------------------------------------------------

export function k_lifo_init(l: k_lifo): void {
  k_queue_init(l);
}
/** K_LIFO_DEFINE: an empty LIFO in static memory shared by every CPU (top level). */
// @ts-ignore: decorator
@inline export function K_LIFO_DEFINE(): k_lifo {
  return changetype<k_lifo>(memory.data(SIZEOF_K_QUEUE, 16));
}
export function k_lifo_alloc(): k_lifo {
  return k_queue_alloc();
}
/** Adds `data` (first word reserved for the kernel) at the head. */
export function k_lifo_put(l: k_lifo, data: usize): void {
  k_queue_prepend(l, data);
}
/** Adds `data` (no reserved word) through a heap node. Returns 0, or -ENOMEM. */
export function k_lifo_alloc_put(l: k_lifo, data: usize): i32 {
  return k_queue_alloc_prepend(l, data);
}
export function k_lifo_get(l: k_lifo, timeout: k_timeout_t): usize {
  return k_queue_get(l, timeout);
}

// --- sys_slist (include/zephyr/sys/slist.h), for k_queue_merge_slist and k_fifo_put_slist ----
// A node is any 4-aligned memory whose first word is the link (sys_snode_t). No locking: the
// list's owner serialises its use.

export function sys_slist_init(list: sys_slist): void {
  list.head = 0;
  list.tail = 0;
}

/** SYS_SLIST_STATIC_INIT: an empty list in static memory (top level, or one per call site). */
// @ts-ignore: decorator
@inline export function SYS_SLIST_STATIC_INIT(): sys_slist {
  return changetype<sys_slist>(memory.data(SIZEOF_SYS_SLIST, 4));
}

export function sys_slist_is_empty(list: sys_slist): bool {
  return list.head == 0;
}

export function sys_slist_peek_head(list: sys_slist): usize {
  return list.head;
}

export function sys_slist_peek_tail(list: sys_slist): usize {
  return list.tail;
}

export function sys_slist_peek_next(node: usize): usize {
  return load<u32>(node);
}

export function sys_slist_append(list: sys_slist, node: usize): void {
  store<u32>(node, 0);
  if (list.tail == 0) list.head = node;
  else store<u32>(list.tail, <u32>node);
  list.tail = node;
}

export function sys_slist_prepend(list: sys_slist, node: usize): void {
  store<u32>(node, <u32>list.head);
  list.head = node;
  if (list.tail == 0) list.tail = node;
}

/** Removes and returns the first node, or 0. */
export function sys_slist_get(list: sys_slist): usize {
  const node = list.head;
  if (node == 0) return 0;
  list.head = load<u32>(node);
  if (list.tail == node) list.tail = 0;
  return node;
}
