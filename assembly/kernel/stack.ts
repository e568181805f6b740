// Stacks (kernel/stack.c): a LIFO of word-sized values (stack_data_t) in a fixed buffer. A
// push that finds a popper waiting hands the value straight to it (through its swap_data);
// a pop from an empty stack may wait. Each stack has its own lock (stack->lock), taken
// before sched_lock.

import {
  k_stack,
  SIZEOF_K_STACK,
  SIZEOF_K_SPINLOCK,
  K_STACK_FLAG_ALLOC,
  EAGAIN,
  EBUSY,
  ENOMEM,
  WAIT_STACK,
} from "../generated/contract";
import { k_spin_lock, k_spin_unlock } from "./spinlock";
import { z_waitq_head, z_waitq_init } from "./wait_q";
import { K_NO_WAIT, k_timeout_t } from "./timeout";
import { current } from "./kthread";
import { ready_thread_locked, sched_lock, z_pend_curr, z_reschedule, z_unpend_first_thread_locked } from "./sched";
import { z_heap_calloc } from "./heap";
import { z_thread_free, z_thread_malloc } from "./kheap";
import { __ASSERT_OBJ } from "./assert";

/** The file the object checks (__ASSERT_OBJ) name: `ASSERTION FAIL [obj != NULL] @ kernel/stack.ts:<line>`. */
// @ts-ignore: decorator
@inline const STACK_TS = "kernel/stack.ts";

/** stack_data_t: one entry of a stack (uintptr_t). */
export type stack_data_t = usize;

/** Initialises `stack` over `buffer`, room for `num_entries` entries (stack_data_t each). */
export function k_stack_init(stack: k_stack, buffer: usize, num_entries: u32): void {
  __ASSERT_OBJ(stack, "k_stack_init", STACK_TS, __LINE__);
  z_waitq_init(stack.wait_q);
  memory.fill(changetype<usize>(stack.lock), 0, SIZEOF_K_SPINLOCK);
  stack.base = buffer;
  stack.next = buffer;
  stack.top = buffer + <usize>num_entries * sizeof<stack_data_t>();
  stack.flags = 0;
}

/**
 * K_STACK_DEFINE: a stack in static memory shared by every CPU, over `buffer` (also static:
 * `memory.data(4 * num_entries, 4)`; AssemblyScript cannot size static data from an
 * argument). Top level only: every CPU's start function writes the same values before boot.
 */
// @ts-ignore: decorator
@inline export function K_STACK_DEFINE(buffer: usize, num_entries: u32): k_stack {
  const s = changetype<k_stack>(memory.data(SIZEOF_K_STACK, 16));
  k_stack_init(s, buffer, num_entries);
  return s;
}

/**
 * Initialises `stack` with a buffer of `num_entries` entries from the calling thread's
 * resource pool (z_thread_malloc; kheap.ts). Returns 0, or -ENOMEM. k_stack_cleanup frees it.
 */
export function k_stack_alloc_init(stack: k_stack, num_entries: u32): i32 {
  __ASSERT_OBJ(stack, "k_stack_alloc_init", STACK_TS, __LINE__);
  const bytes = <u64>num_entries * sizeof<stack_data_t>();
  const buffer = bytes > <u64>(<u32>-1) ? 0 : z_thread_malloc(<usize>bytes);
  if (buffer == 0) return -ENOMEM;
  k_stack_init(stack, buffer, num_entries);
  stack.flags = K_STACK_FLAG_ALLOC;
  return 0;
}

/** A new stack and its buffer on the kernel heap (the analogue of a k_stack in a struct); null if out of memory. */
export function k_stack_alloc(num_entries: u32): k_stack | null {
  const s = changetype<k_stack>(z_heap_calloc(SIZEOF_K_STACK));
  if (s == null) return null;
  if (k_stack_alloc_init(s, num_entries) != 0) return null;
  return s;
}

/**
 * Frees the buffer of a k_stack_alloc_init stack. Returns 0, or -EAGAIN (and frees nothing)
 * while a thread waits on the stack.
 */
export function k_stack_cleanup(stack: k_stack): i32 {
  __ASSERT_OBJ(stack, "k_stack_cleanup", STACK_TS, __LINE__);
  const key = k_spin_lock(stack.lock);
  const skey = k_spin_lock(sched_lock());
  const waiter = z_waitq_head(stack.wait_q);
  k_spin_unlock(sched_lock(), skey);
  if (waiter != null) {
    k_spin_unlock(stack.lock, key);
    return -EAGAIN;
  }
  let buffer: usize = 0;
  if ((stack.flags & K_STACK_FLAG_ALLOC) != 0) {
    buffer = stack.base;
    stack.base = 0;
    stack.flags = stack.flags & ~K_STACK_FLAG_ALLOC;
  }
  k_spin_unlock(stack.lock, key);
  z_thread_free(buffer);
  return 0;
}

/**
 * Pushes `data`: to the first waiting popper if any, else onto the stack. Returns 0, or
 * -ENOMEM if the stack is full. Callable from an ISR.
 */
export function k_stack_push(stack: k_stack, data: stack_data_t): i32 {
  __ASSERT_OBJ(stack, "k_stack_push", STACK_TS, __LINE__);
  const key = k_spin_lock(stack.lock);
  if (stack.next == stack.top) {
    k_spin_unlock(stack.lock, key);
    return -ENOMEM;
  }
  const skey = k_spin_lock(sched_lock());
  const t = z_unpend_first_thread_locked(stack.wait_q);
  if (t != null) {
    // A popper waits only while the stack is empty: the value goes straight to it.
    t.swap_retval = 0;
    t.swap_data = data;
    ready_thread_locked(t);
    k_spin_unlock(sched_lock(), skey);
    z_reschedule(stack.lock, key);
    return 0;
  }
  k_spin_unlock(sched_lock(), skey);
  store<stack_data_t>(stack.next, data);
  stack.next = stack.next + sizeof<stack_data_t>();
  k_spin_unlock(stack.lock, key);
  return 0;
}

/**
 * Pops the newest entry into `*data` (a stack_data_t address), waiting up to `timeout` on an
 * empty stack. Returns 0; -EBUSY if empty with K_NO_WAIT; -EAGAIN if the timeout expired.
 */
export function k_stack_pop(stack: k_stack, data: usize, timeout: k_timeout_t): i32 {
  __ASSERT_OBJ(stack, "k_stack_pop", STACK_TS, __LINE__);
  const key = k_spin_lock(stack.lock);
  if (stack.next > stack.base) {
    stack.next = stack.next - sizeof<stack_data_t>();
    store<stack_data_t>(data, load<stack_data_t>(stack.next));
    k_spin_unlock(stack.lock, key);
    return 0;
  }
  if (timeout == K_NO_WAIT) {
    k_spin_unlock(stack.lock, key);
    return -EBUSY;
  }
  const ret = z_pend_curr(stack.lock, key, stack.wait_q, timeout, WAIT_STACK);
  if (ret == -EAGAIN) return -EAGAIN;
  store<stack_data_t>(data, current().swap_data);
  return 0;
}
