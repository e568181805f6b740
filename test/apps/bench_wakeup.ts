// Benchmark guest (benchmarks/wakeup.ts): cross-CPU wake-up round trips. A pinger pinned to
// CPU 0 gives `ping` and takes `pong`; a responder pinned to CPU 1 takes `ping` and gives
// `pong`. One round trip = two cross-CPU wake-ups (k_sem_give on one CPU until the waiter
// runs on the other), timed on CPU 0 with k_cycle_get_32() (ns), so no cross-CPU clock is
// compared. Phase "idle": the waiting CPU has nothing else to run (it sleeps in cpu_idle).
// Phase "busy": a lower-priority thread spins on each CPU, so the wake-up has to interrupt it
// at a safepoint and preempt it.
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_start,
  k_thread_cpu_pin,
  k_sem_take,
  k_sem_give,
  K_SEM_DEFINE,
  k_cycle_get_32,
  K_FOREVER,
  k_tid_t,
} from "wasmp";

const N = 1000;
const WARMUP = 100;
const ping = K_SEM_DEFINE(0, 1);
const pong = K_SEM_DEFINE(0, 1);
const stop = memory.data(4, 4);
const result = memory.data(8, 8);

function pinger(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < WARMUP; i++) {
    k_sem_give(ping);
    k_sem_take(pong, K_FOREVER);
  }
  const t0 = k_cycle_get_32();
  for (let i = 0; i < N; i++) {
    k_sem_give(ping);
    k_sem_take(pong, K_FOREVER);
  }
  store<u32>(result, k_cycle_get_32() - t0);
}

function responder(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < N + WARMUP; i++) {
    k_sem_take(ping, K_FOREVER);
    k_sem_give(pong);
  }
}

function spinner(p1: usize, p2: usize, p3: usize): void {
  while (atomic.load<u32>(stop) == 0) {
    /* a safepoint is inserted here */
  }
}

function pinned(entry: (p1: usize, p2: usize, p3: usize) => void, cpu: i32, prio: i32): k_tid_t {
  const t = k_thread_create(4096, entry, 0, 0, 0, prio, 0, K_FOREVER);
  k_thread_cpu_pin(t, cpu);
  k_thread_start(t);
  return t;
}

function phase(busy: bool): u32 {
  atomic.store<u32>(stop, 0);
  let s0: k_tid_t | null = null,
    s1: k_tid_t | null = null;
  if (busy) {
    s0 = pinned(spinner, 0, 10);
    s1 = pinned(spinner, 1, 10);
  }
  const r = pinned(responder, 1, 1);
  const p = pinned(pinger, 0, 1);
  k_thread_join(p, K_FOREVER);
  k_thread_join(r, K_FOREVER);
  atomic.store<u32>(stop, 1);
  if (s0 != null) k_thread_join(s0, K_FOREVER);
  if (s1 != null) k_thread_join(s1, K_FOREVER);
  return load<u32>(result);
}

export function main(): i32 {
  const idle = phase(false);
  const busy = phase(true);
  printk("bench wakeup n=" + N.toString() + " idle_ns=" + idle.toString() + " busy_ns=" + busy.toString() + "\n");
  return 0;
}
