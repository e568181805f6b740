// Static threads (K_THREAD_DEFINE; Zephyr's z_init_static_threads in kernel/thread.c): threads
// defined at top level, created at boot before main() runs, each started after its delay.
//
// Top-level code runs once per CPU (every instance's start function), so a definition must be
// idempotent: the descriptor and the k_thread live in static memory at the call site's own
// address, every CPU writes the same values, and a descriptor joins the list only once (the
// `registered` flag, checked and set under z_static_register_begin/end since the CPUs' start
// functions run at the same time; the list and flags sit in static memory too, so an
// instantiation that rewrites static data rewrites them together). z_init_static_threads runs on the main thread
// after every CPU has started, when no start function runs any more.

import {
  k_thread,
  z_static_thread,
  SIZEOF_K_THREAD,
  SIZEOF_Z_STATIC_THREAD,
  K_ERR_KERNEL_OOPS,
} from "../generated/contract";
import { K_FOREVER, K_MSEC, K_NO_WAIT, k_timeout_t } from "./timeout";
import {
  k_sched_lock,
  k_sched_unlock,
  k_thread_entry_t,
  k_thread_name_set,
  k_tid_t,
  z_thread_setup,
  z_thread_start_new,
} from "./thread";
import { z_fatal_error } from "./fatal";

/** Zephyr's SYS_FOREVER_MS: a K_THREAD_DEFINE delay that leaves the thread for k_thread_start. */
// @ts-ignore: decorator
@inline export const SYS_FOREVER_MS: i32 = -1;

/** The definitions in program order: the first and the last z_static_thread. */
const static_threads_head = memory.data(4, 4);
const static_threads_tail = memory.data(4, 4);

/**
 * K_THREAD_DEFINE: a thread created at boot, before main(), running entry(p1, p2, p3) at
 * `prio` with `options`, started after `delay_ms` milliseconds (0: at once; SYS_FOREVER_MS: not
 * until k_thread_start). Call at top level; returns the thread, which exists (in static memory)
 * from the start. `name` is Zephyr's thread name (the identifier of its K_THREAD_DEFINE).
 */
// @ts-ignore: decorator
@inline export function K_THREAD_DEFINE(
  stack_size: i32,
  entry: k_thread_entry_t,
  p1: usize,
  p2: usize,
  p3: usize,
  prio: i32,
  options: u32,
  delay_ms: i32,
  name: string = "",
): k_tid_t {
  const d = memory.data(SIZEOF_Z_STATIC_THREAD, 16);
  const t = memory.data(SIZEOF_K_THREAD, 16);
  z_static_thread_define(
    changetype<z_static_thread>(d),
    t,
    stack_size,
    entry,
    p1,
    p2,
    p3,
    prio,
    options,
    delay_ms,
    name,
  );
  return changetype<k_tid_t>(t);
}

/** Fills in a definition and appends it to the list unless it is there already. */
export function z_static_thread_define(
  d: z_static_thread,
  t: usize,
  stack_size: i32,
  entry: k_thread_entry_t,
  p1: usize,
  p2: usize,
  p3: usize,
  prio: i32,
  options: u32,
  delay_ms: i32,
  name: string,
): void {
  d.thread = t;
  d.entry = <u32>changetype<usize>(entry);
  d.p1 = p1;
  d.p2 = p2;
  d.p3 = p3;
  d.prio = prio;
  d.options = options;
  d.delay_ms = delay_ms;
  d.stack_size = <u32>stack_size;
  d.name = changetype<usize>(name);
  z_static_register_begin();
  if (d.registered == 0) {
    d.registered = 1;
    d.next = 0;
    const tail = load<u32>(static_threads_tail);
    if (tail == 0) store<u32>(static_threads_head, <u32>changetype<usize>(d));
    else changetype<z_static_thread>(tail).next = changetype<usize>(d);
    store<u32>(static_threads_tail, <u32>changetype<usize>(d));
  }
  z_static_register_end();
}

/**
 * The lock of every static-object list (static threads, K_WORK_QUEUE_DEFINE queues): the CPUs'
 * start functions run at the same time, each registering the same definitions, and a check of
 * `registered` and the append that follows must be one step. Without it two CPUs could both
 * append one definition, making a cycle that z_init_static_threads walked until the heap ran
 * out ("K_THREAD_DEFINE: out of memory", seen once in 16 boots on 4 CPUs). A zeroed static
 * word, taken with a CAS: the kernel's spinlocks are not set up while start functions run.
 */
const register_lock = memory.data(4, 4);

export function z_static_register_begin(): void {
  while (atomic.cmpxchg<u32>(register_lock, 0, 1) != 0) {}
}

export function z_static_register_end(): void {
  atomic.store<u32>(register_lock, 0);
}

/**
 * Sets up every defined thread, in definition order, then starts each after its delay with the
 * scheduler locked, as Zephyr does: no static thread runs on this CPU before all are started.
 */
export function z_init_static_threads(): void {
  for (let p = <usize>load<u32>(static_threads_head); p != 0; p = changetype<z_static_thread>(p).next) {
    const d = changetype<z_static_thread>(p);
    const t = changetype<k_thread>(d.thread);
    if (!z_thread_setup(t, <i32>d.stack_size)) z_fatal_error(K_ERR_KERNEL_OOPS, "K_THREAD_DEFINE: out of memory");
    if (d.name != 0 && changetype<string>(d.name).length > 0) k_thread_name_set(t, changetype<string>(d.name));
  }
  k_sched_lock();
  for (let p = <usize>load<u32>(static_threads_head); p != 0; p = changetype<z_static_thread>(p).next) {
    const d = changetype<z_static_thread>(p);
    const delay: k_timeout_t =
      d.delay_ms == SYS_FOREVER_MS ? K_FOREVER : d.delay_ms == 0 ? K_NO_WAIT : K_MSEC(d.delay_ms);
    z_thread_start_new(
      changetype<k_thread>(d.thread),
      changetype<k_thread_entry_t>(d.entry),
      d.p1,
      d.p2,
      d.p3,
      d.prio,
      d.options,
      delay,
    );
  }
  k_sched_unlock();
}
