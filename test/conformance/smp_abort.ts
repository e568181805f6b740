// Translation of Zephyr tests/kernel/smp_abort/src/main.c (zephyrproject-rtos/zephyr at
// 6da8d7ac9e2b315612715c07cf3055187d1fc979): test_smp_thread_abort_deadlock. Same thread
// count (one per CPU), priorities and assertions; no time constant to scale.
// Differences: struct isr_args is three words in static memory per thread; the threads are
// created with K_FOREVER and started once all exist, because in C each ISR's target is a
// static thread object whose address exists before k_thread_create (here the kernel
// allocates it).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_abort,
  k_thread_start,
  k_thread_priority_get,
  k_current_get,
  irq_offload,
  arch_num_cpus,
  K_FOREVER,
  k_tid_t,
} from "wasmp";

const STACK_SIZE = 1024;
const MAX = 32;

// volatile bool sync[NUM_THREADS]; struct isr_args { sync*, wait*, target } isr_args[NUM_THREADS];
const sync = memory.data(MAX * 4, 4);
const isr_args = memory.data(MAX * 12, 4);
const threads = memory.data(MAX * 4, 4);

function isr(args: usize): void {
  atomic.store<u32>(load<u32>(args, 0), 1); // Flag that ISR is in progress
  while (atomic.load<u32>(load<u32>(args, 4)) == 0) {} // Wait upon dependent CPU
  k_thread_abort(changetype<k_tid_t>(load<u32>(args, 8))); // Abort thread on another CPU
}

function thread_entry(p1: usize, p2: usize, p3: usize): void {
  const index = <u32>p1;
  printk(`Thread ${index} started\n`);
  irq_offload(isr, p2);
  zassert_true(false, `Thread ${index} did not abort!`);
}

const smp_abort = ZTEST_SUITE("smp_abort");

ZTEST(smp_abort, "test_smp_thread_abort_deadlock", () => {
  const NUM_THREADS = arch_num_cpus();
  const priority = k_thread_priority_get(k_current_get());
  // Each thread will run on its own CPU and invoke an ISR. Each ISR will wait until the next
  // thread enters its ISR before attempting to abort that thread. This ensures that we have
  // a scenario where each CPU is attempting to abort the active thread that was interrupted
  // by an ISR.
  for (let i = 0; i < NUM_THREADS; i++) {
    store<u32>(sync + ((<usize>i) << 2), 0);
  }
  const t = new StaticArray<k_tid_t>(NUM_THREADS);
  for (let i = 0; i < NUM_THREADS; i++) {
    const a = isr_args + <usize>i * 12;
    t[i] = k_thread_create(STACK_SIZE, thread_entry, <usize>i, a, 0, priority - 1, 0, K_FOREVER);
    store<u32>(threads + ((<usize>i) << 2), changetype<u32>(t[i]));
  }
  for (let i = 0; i < NUM_THREADS; i++) {
    const a = isr_args + <usize>i * 12;
    store<u32>(a, <u32>(sync + ((<usize>i) << 2)), 0);
    store<u32>(a, <u32>(sync + ((<usize>((i + 1) % NUM_THREADS)) << 2)), 4);
    store<u32>(a, load<u32>(threads + ((<usize>((i + 1) % NUM_THREADS)) << 2)), 8);
  }
  for (let i = 0; i < NUM_THREADS; i++) k_thread_start(t[i]);
  for (let i = 0; i < NUM_THREADS; i++) k_thread_join(t[i], K_FOREVER);
  printk("Done!\n");
});
