// Translation of Zephyr tests/kernel/smp_suspend/src/main.c (zephyrproject-rtos/zephyr at
// 48b230010c091441613cd2a9dc6d7ecee5ed3674): test_smp_thread_suspend_resume_stress.
// Same thread count (6), priorities (10 - i), CONFIG_SMP_TEST_RELAX (16) and assertions.
// Scaled: the 15 checks are 200 ms apart instead of 1000 ms (15 s would dominate CI).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_false,
  printk,
  k_thread_create,
  k_thread_suspend,
  k_thread_resume,
  k_thread_start,
  k_current_get,
  k_msleep,
  K_FOREVER,
  k_tid_t,
} from "wasmp";

const STACK_SIZE = 1024;
const NUM_THREADS = 6;
const CONFIG_SMP_TEST_RELAX = 16;
const CHECK_INTERVAL_MS = 200; // scaled from K_MSEC(1000)

// volatile uint64_t thread_counter[NUM_THREADS];
const thread_counter = memory.data(NUM_THREADS * 8, 8);
const relax = memory.data(4, 4); // the volatile loop variable

function thread_entry(p1: usize, p2: usize, p3: usize): void {
  const resume_thread = changetype<k_tid_t>(p1);
  const self_index = <u32>p2;
  while (true) {
    if (p1 != 0) k_thread_resume(resume_thread);
    atomic.add<u64>(thread_counter + ((<usize>self_index) << 3), 1);
    // Contentious spinlocks embedded within tight loops (such as this one) have a CPU bias
    // induced by arch_spin_relax(). We counteract this by introducing a configurable delay so
    // that other threads have a chance to acquire the spinlock and prevent starvation.
    for (
      atomic.store<u32>(relax, 0);
      atomic.load<u32>(relax) < <u32>CONFIG_SMP_TEST_RELAX;
      atomic.add<u32>(relax, 1)
    ) {}
    if (self_index != 0) k_thread_suspend(k_current_get());
  }
}

const smp_suspend_resume = ZTEST_SUITE("smp_suspend_resume");

ZTEST(smp_suspend_resume, "test_smp_thread_suspend_resume_stress", () => {
  const counter = new StaticArray<u64>(NUM_THREADS);
  const thread = new StaticArray<k_tid_t>(NUM_THREADS);
  printk("Starting ...\n");
  // Create the threads last to first, so that each one can be handed its successor; Zephyr
  // passes &thread[i + 1] (static storage) and creates them first to last.
  for (let i = NUM_THREADS - 1; i >= 0; i--) {
    const next: usize = i < NUM_THREADS - 1 ? changetype<usize>(thread[i + 1]) : 0;
    thread[i] = k_thread_create(STACK_SIZE, thread_entry, next, <usize>i, 0, 10 - i, 0, K_FOREVER);
  }
  for (let i = 0; i < NUM_THREADS; i++) {
    k_thread_suspend(thread[i]);
    k_thread_start(thread[i]);
  }
  // All newly created test threads are currently in the suspend state. Start the first thread.
  k_thread_resume(thread[0]);
  for (let iteration = 0; iteration < 15; iteration++) {
    k_msleep(CHECK_INTERVAL_MS);
    for (let i = 0; i < NUM_THREADS; i++) {
      const now = atomic.load<u64>(thread_counter + ((<usize>i) << 3));
      zassert_false(counter[i] == now, ` -- Thread ${i} is starving: ${now}`);
      counter[i] = now;
    }
  }
});
