// Translation of Zephyr tests/kernel/ipi_cascade/src/main.c (zephyrproject-rtos/zephyr at
// 0485c1a275b991d6abb4eadc3ff3b29e3c2c1c49): test_ipi_cascade.
// Same threads (T1 = the test thread, T2, T3, T4), priorities (5, 6, 7, 9), step order and
// assertions. Zephyr's comment on what it engineers:
//   Unless CONFIG_SCHED_IPI_CASCADE is enabled, the highest and 3rd highest priority threads
//   end up on the 2 CPUs instead of the highest and 2nd highest. T1 (med-high) runs on core X;
//   T2 (low) on core Y; T3 (high) is blocked and pinned to X; T4 (med-low) is blocked, not
//   pinned. T1 locks interrupts so that it is the last to service any IPI. T2 wakes T3 and T4:
//   T4 runs on Y; T1 unlocks interrupts, takes the IPI and T3 replaces it on X. T1 now has a
//   higher priority than T4, and only the cascading IPI (sent when T1 is requeued) moves it onto
//   Y in place of T4. Without cascades T1 never runs again until a 5 s k_timer aborts T2-T4,
//   and the test fails.
// ipi_cascade.conf is Zephyr's prj.conf with these differences:
// - CONFIG_MP_MAX_NUM_CPUS=2 is set there: Zephyr's test #errors unless it is 2 (its
//   testcase.yaml filters on it), so on a board with more CPUs only two boot. The test also
//   asserts it at run time.
// - CONFIG_NUM_COOP_PRIORITIES=6 and CONFIG_NUM_PREEMPT_PRIORITIES=25 are left out: wasmp's
//   priority ranges are fixed (16 cooperative, 15 preemptible, idle at 15). Priorities 5-9 are
//   preemptible either way and below idle.
// - CONFIG_MAIN_THREAD_PRIORITY is 14 instead of 15: 15 is the idle priority in wasmp, and 14
//   the lowest an application thread has. (The main thread only waits for the test thread.)
// - CONFIG_TIMESLICE_SIZE=0 is set: that is Zephyr's default, but wasmp's default is 20 ms, and
//   the slice timer interrupt on T4's CPU would reschedule it and move T1 there without any
//   cascade, so the test could not fail.
// Scaled: the two k_busy_wait(1000) (1 ms) around arch_irq_unlock are 50 ms each
// (BUSY_WAIT_US): T2, another virtual CPU's host thread, must wake T3 and T4 within the first
// window, and the cascade IPI must be handled within the second; a host thread may wait for a
// core longer than 1 ms (test/conformance/README.md, "Known sensitivity").
// Other differences: k_thread_create takes no thread object or stack (the ids are stored in
// static memory, read by the timer's expiry function); C globals are words in static memory;
// _current->base.cpu is k_current_get().cpu; _kernel.cpus[i].current is read through z_cpu(i).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  printk,
  k_thread_create,
  k_thread_abort,
  k_thread_priority_set,
  k_thread_name_set,
  k_thread_name_get,
  k_current_get,
  k_sleep,
  k_busy_wait,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_EVENT_DEFINE,
  k_event_wait,
  k_event_set,
  K_TIMER_DEFINE,
  k_timer,
  k_timer_init,
  k_timer_start,
  k_timer_stop,
  arch_irq_lock,
  arch_irq_unlock,
  arch_curr_cpu_id,
  arch_num_cpus,
  arch_spin_relax,
  k_thread_cpu_pin,
  k_tid_t,
  z_cpu,
  CPU_CURRENT_OFFSET,
} from "wasmp";

const STACK_SIZE = 1024;
const BUSY_WAIT_US: u32 = 50000; // scaled from 1000 (1 ms), see the header

const PRIORITY_HIGH = 5;
const PRIORITY_MED_HIGH = 6;
const PRIORITY_MED_LOW = 7;
const PRIORITY_LOW = 9;

const my_event = K_EVENT_DEFINE();

// static struct k_thread thread2, thread3, thread4 (their ids)
const thread2 = memory.data(4, 4);
const thread3 = memory.data(4, 4);
const thread4 = memory.data(4, 4);

const thread1_ready = memory.data(4, 4); // static bool
const thread2_ready = memory.data(4, 4); // static bool

const cpu_t1 = memory.data(4, 4);
const cpu_t2 = memory.data(4, 4);
const cpu_t3 = memory.data(4, 4);
const cpu_t4 = memory.data(4, 4);

const my_timer = K_TIMER_DEFINE(null, null); // static struct k_timer, initialised by the test

const timer_expired = memory.data(4, 4); // static volatile bool

function tid(p: usize): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(p));
}
function get(p: usize): i32 {
  return atomic.load<i32>(p);
}
function set(p: usize, v: i32): void {
  atomic.store<i32>(p, v);
}

function show_executing_threads(str: string): void {
  for (let i = 0; i < 2; i++) {
    const t = changetype<k_tid_t>(atomic.load<u32>(z_cpu(i), CPU_CURRENT_OFFSET));
    printk(
      `${str} - CPU[${i}]: 0x${changetype<usize>(t).toString(16)} '${k_thread_name_get(t)}' @ priority ${t.prio}\n`,
    );
  }
}

// Should the threads not be scheduled as expected, abort threads T2, T3 and T4 and allow the
// system to recover. The main thread (T1/test_ipi_cascade) will verify that the timer did not
// execute.
function timer_expiry_fn(timer: k_timer): void {
  set(timer_expired, 1);
  k_thread_abort(tid(thread2));
  k_thread_abort(tid(thread3));
  k_thread_abort(tid(thread4));
}

// T3 executes at PRIORITY_HIGH - will get pinned to T1's CPU
function thread3_entry(p1: usize, p2: usize, p3: usize): void {
  const key = arch_irq_lock();
  const id = arch_curr_cpu_id();
  arch_irq_unlock(key);
  // 2.1 - Block on my_event
  k_event_wait(my_event, 0x1, false, K_FOREVER);
  // 9.1 - T3 should be executing on the same CPU that T1 was.
  set(cpu_t3, <i32>k_current_get().cpu);
  zassert_true(get(cpu_t3) == get(cpu_t1), "T3 not executing on T1's original CPU");
  for (;;) {
    // Infinite loop to prevent reschedule from T3 ending.
  }
}

// T4 executes at PRIORITY_MED_LOW
function thread4_entry(p1: usize, p2: usize, p3: usize): void {
  // 2.2 - Block on my_event
  k_event_wait(my_event, 0x2, false, K_FOREVER);
  // 8.1 - T4 has been switched in. Flag that it is now ready. It is expected to execute on the
  // same CPU that T2 did.
  set(cpu_t4, <i32>k_current_get().cpu);
  zassert_true(get(cpu_t4) == get(cpu_t2), "T4 on unexpected CPU");
  for (;;) {
    // Infinite loop to prevent reschedule from T4 ending. Due to the IPI cascades, T4 will get
    // switched out for T1.
  }
}

// T2 executes at PRIORITY_LOW
function thread2_entry(p1: usize, p2: usize, p3: usize): void {
  // 5. Indicate T2 is ready. Allow T1 to proceed.
  set(thread2_ready, 1);
  // 5.1. Spin until T1 is ready.
  while (get(thread1_ready) == 0) {
    const key = arch_irq_lock();
    arch_spin_relax();
    arch_irq_unlock(key);
  }
  set(cpu_t2, <i32>k_current_get().cpu);
  zassert_false(get(cpu_t2) == get(cpu_t1), "T2 and T1 unexpectedly on the same CPU");
  // 8. Wake T3 and T4. As T3 is restricted to T1's CPU, waking both will result in executing
  // T4 on T2's CPU.
  k_event_set(my_event, 0x3);
  zassert_true(false, "This message should not appear!");
}

const ipi_cascade = ZTEST_SUITE("ipi_cascade");

ZTEST(ipi_cascade, "test_ipi_cascade", () => {
  // #if (CONFIG_MP_MAX_NUM_CPUS != 2) #error "This test must have CONFIG_MP_MAX_NUM_CPUS=2"
  zassert_true(arch_num_cpus() == 2, "This test must have CONFIG_MP_MAX_NUM_CPUS=2");

  // 1. Set main thread priority and create threads T3 and T4.
  k_thread_priority_set(k_current_get(), PRIORITY_MED_HIGH);
  atomic.store<u32>(
    thread3,
    changetype<u32>(k_thread_create(STACK_SIZE, thread3_entry, 0, 0, 0, PRIORITY_HIGH, 0, K_NO_WAIT)),
  );
  atomic.store<u32>(
    thread4,
    changetype<u32>(k_thread_create(STACK_SIZE, thread4_entry, 0, 0, 0, PRIORITY_MED_LOW, 0, K_NO_WAIT)),
  );
  k_thread_name_set(tid(thread3), "T3");
  k_thread_name_set(tid(thread4), "T4");

  // 2. Give threads T3 and T4 time to block on my_event.
  k_sleep(K_MSEC(1000));

  // 3. T3 and T4 are blocked. Pin T3 to this CPU
  set(cpu_t1, <i32>k_current_get().cpu);
  const status = k_thread_cpu_pin(tid(thread3), get(cpu_t1));
  zassert_true(status == 0, `Failed to pin T3 to ${get(cpu_t1)} : ${status}\n`);

  // 4. Create T2 and spin until it is ready.
  atomic.store<u32>(
    thread2,
    changetype<u32>(k_thread_create(STACK_SIZE, thread2_entry, 0, 0, 0, PRIORITY_LOW, 0, K_NO_WAIT)),
  );
  k_thread_name_set(tid(thread2), "T2");
  k_timer_init(my_timer, timer_expiry_fn, null);
  k_timer_start(my_timer, K_MSEC(5000), K_NO_WAIT);
  while (get(thread2_ready) == 0) {
    const key = arch_irq_lock();
    arch_spin_relax();
    arch_irq_unlock(key);
  }

  // 6. Lock interrupts to delay handling of any IPIs.
  const key = arch_irq_lock();
  // 7. Inform T2 we are ready.
  set(thread1_ready, 1);
  k_busy_wait(BUSY_WAIT_US); // Busy wait (1 ms in Zephyr)

  // 9. Unlocking interrupts allows the IPI to be processed. This will cause the current thread
  // (T1) to be switched out for T3. An IPI cascade is expected to occur resulting in switching
  // out T4 for T1. Busy wait again to ensure that the IPI is detected and processed.
  arch_irq_unlock(key);
  k_busy_wait(BUSY_WAIT_US); // Busy wait (1 ms in Zephyr)

  zassert_false(get(timer_expired) != 0, "Test terminated by timer");
  zassert_true(get(cpu_t1) != <i32>k_current_get().cpu, "Main thread (T1) did not change CPUs\n");
  show_executing_threads("Final");
  k_timer_stop(my_timer);
  k_thread_abort(tid(thread2));
  k_thread_abort(tid(thread3));
  k_thread_abort(tid(thread4));
});
