// Wait-queue order (kernel/wait_q.ts), run with each backend (CONFIG_WAITQ_SIMPLE and
// CONFIG_WAITQ_SCALABLE): waiters of one semaphore wake in priority order, FIFO among equal
// priorities; a waiter whose priority changes while it waits moves; a waiter that times out
// leaves the queue without disturbing the others; and N waiters (argument: the count, built in
// as WAITERS) wake in that order. Each give waits for the woken thread to log itself, so the
// log is the wake order on any number of CPUs. Prints one result line per check.
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_priority_set,
  k_sem_alloc,
  k_sem_give,
  k_sem_take,
  k_sem,
  k_msleep,
  k_yield,
  z_is_thread_pending,
  k_tid_t,
  k_current_get,
  K_FOREVER,
  K_MSEC,
  k_uptime_get,
} from "wasmp";

const WAITERS = 2000;
// log[0] = count, log[1 + k] = index of the k-th thread to wake.
const log = memory.data(4 * (WAITERS + 2), 4);
const sem_slot = memory.data(4, 4);
const timeout_ms_slot = memory.data(4, 4);

function waiter(index: usize, p2: usize, p3: usize): void {
  const sem = changetype<k_sem>(<usize>atomic.load<u32>(sem_slot));
  const ms = atomic.load<i32>(timeout_ms_slot);
  const r = k_sem_take(sem, ms < 0 ? K_FOREVER : K_MSEC(ms));
  if (r != 0) return; // timed out: not logged
  const k = atomic.add<u32>(log, 1);
  atomic.store<u32>(log + 4 + 4 * k, <u32>index);
}

function wait_pending(t: k_tid_t): void {
  while (!z_is_thread_pending(t)) k_yield();
}

function wait_logged(n: u32): void {
  const deadline = k_uptime_get() + 10000;
  while (atomic.load<u32>(log) < n) {
    if (k_uptime_get() > deadline) {
      printk("waitq: a woken waiter did not run within 10 s\n");
      return;
    }
    k_yield();
  }
}

/** Starts `n` waiters with priorities prio(i), one after another, each pended before the next. */
function start(sem: k_sem, n: i32, prios: StaticArray<i32>, timeout_ms: i32): StaticArray<k_tid_t> {
  atomic.store<u32>(sem_slot, <u32>changetype<usize>(sem));
  atomic.store<i32>(timeout_ms_slot, timeout_ms);
  atomic.store<u32>(log, 0);
  const ts = new StaticArray<k_tid_t>(n);
  for (let i = 0; i < n; i++) {
    ts[i] = k_thread_create(1024, waiter, <usize>i, 0, 0, prios[i], 0, 0);
    wait_pending(ts[i]);
  }
  return ts;
}

/** Gives `count` times, each after the previous waiter logged; returns the wake order. */
function drain(sem: k_sem, count: i32): string {
  let s = "";
  for (let k = 0; k < count; k++) {
    k_sem_give(sem);
    wait_logged(<u32>(k + 1));
    s += (k > 0 ? "," : "") + atomic.load<u32>(log + 4 + 4 * k).toString();
  }
  return s;
}

function join_all(ts: StaticArray<k_tid_t>): void {
  for (let i = 0; i < ts.length; i++) k_thread_join(ts[i], K_FOREVER);
}

export function main(): i32 {
  // Below every waiter: a new waiter runs (and pends) before main goes on, and a woken one
  // runs before main gives again, on one CPU as on several.
  k_thread_priority_set(k_current_get(), 10);
  // 1. Priority order, FIFO among equals: indexes 0..5 with priorities 5,3,5,1,3,5.
  const sem = k_sem_alloc(0, 100);
  const p1: StaticArray<i32> = [5, 3, 5, 1, 3, 5];
  let ts = start(sem, 6, p1, -1);
  printk("waitq order: " + drain(sem, 6) + "\n");
  join_all(ts);

  // 2. A waiter's priority changes while it waits: index 4 (prio 5) is raised to 2, index 0
  // (prio 2) is lowered to 6.
  const p2: StaticArray<i32> = [2, 4, 4, 5, 5];
  ts = start(sem, 5, p2, -1);
  k_thread_priority_set(ts[4], 2);
  k_thread_priority_set(ts[0], 6);
  printk("waitq reprioritised: " + drain(sem, 5) + "\n");
  join_all(ts);

  // 3. Timeouts leave the queue: 3 waiters with 30 ms, then 3 without (indexes 3..5).
  const p3: StaticArray<i32> = [4, 4, 4, 5, 4, 3];
  atomic.store<u32>(sem_slot, <u32>changetype<usize>(sem));
  atomic.store<u32>(log, 0);
  ts = new StaticArray<k_tid_t>(6);
  for (let i = 0; i < 6; i++) {
    atomic.store<i32>(timeout_ms_slot, i < 3 ? 30 : -1);
    ts[i] = k_thread_create(1024, waiter, <usize>i, 0, 0, p3[i], 0, 0);
    wait_pending(ts[i]);
  }
  for (let i = 0; i < 3; i++) k_thread_join(ts[i], K_FOREVER); // their timeouts expire
  printk("waitq after timeouts: " + drain(sem, 3) + "\n");
  join_all(ts);

  // 4. Many waiters, priorities 1..7 interleaved: the wake order must be sorted by priority,
  // then by index.
  const pn = new StaticArray<i32>(WAITERS);
  for (let i = 0; i < WAITERS; i++) pn[i] = 1 + ((i * 5) % 7);
  ts = start(sem, WAITERS, pn, -1);
  let sorted = true;
  let prev_prio = -1;
  let prev_index = -1;
  for (let k = 0; k < WAITERS; k++) {
    k_sem_give(sem);
    wait_logged(<u32>(k + 1));
    const idx = <i32>atomic.load<u32>(log + 4 + 4 * k);
    const pr = pn[idx];
    if (pr < prev_prio || (pr == prev_prio && idx < prev_index)) sorted = false;
    prev_prio = pr;
    prev_index = idx;
  }
  join_all(ts);
  printk("waitq many: " + WAITERS.toString() + " woken " + (sorted ? "in order" : "OUT OF ORDER") + "\n");
  k_msleep(1);
  return 0;
}
