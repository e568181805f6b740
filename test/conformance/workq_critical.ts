// Translation of Zephyr tests/kernel/workq/critical/src/main.c, the version with the @details
// block (suite kernel_offload_wq, test_workq_offload_critical_section; the stored copy is
// search-index file 57501852348). Its prj.conf is workq_critical.conf: CONFIG_MP_MAX_NUM_CPUS=1,
// as in Zephyr, so one CPU runs whatever the board has (and the 1cpu hooks hold nothing);
// CONFIG_TEST_HW_STACK_PROTECTION has no counterpart. Same threads, priorities, loop time and
// assertions, with these differences:
// - The work item on each critical_loop call's stack is an item per calling thread in static
//   memory (the loop re-initialises it before each submission, as the C code does).
// - Z_SPIN_DELAY(50) is k_busy_wait(50), its expansion on emulated targets (wasmp is one:
//   CONFIG_QEMU_TARGET=y). CONFIG_MAIN_THREAD_PRIORITY is wasmp's default, 0, as Zephyr's.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  printk,
  k_uptime_get,
  k_uptime_get_32,
  k_busy_wait,
  k_thread_create,
  k_sched_time_slice_set,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  k_work,
  k_work_q,
  SIZEOF_K_WORK,
  SIZEOF_K_WORK_Q,
  k_work_init,
  k_work_submit_to_queue,
  k_work_queue_start,
} from "wasmp";

const NUM_MILLISECONDS: i64 = 50;
const TEST_TIMEOUT = 200;
const OFFLOAD_WORKQUEUE_STACK_SIZE = 1024;
const CONFIG_MAIN_THREAD_PRIORITY = 0;
const CONFIG_TEST_EXTRA_STACK_SIZE = 0;
const STACK_SIZE = 1024 + CONFIG_TEST_EXTRA_STACK_SIZE;
const UINT_MAX: u32 = 0xffffffff;

// static uint32_t critical_var, alt_thread_iterations;
const g = memory.data<u32>([0, 0]);
// @ts-ignore: decorator
@inline const ALT_THREAD_ITERATIONS: usize = 4;

const offload_work_q = changetype<k_work_q>(memory.data(SIZEOF_K_WORK_Q, 16));

const ALT_SEM = K_SEM_DEFINE(0, UINT_MAX);
const REGRESS_SEM = K_SEM_DEFINE(0, UINT_MAX);
const TEST_SEM = K_SEM_DEFINE(0, UINT_MAX);

/** The `struct k_work work_item` of critical_loop's frame, one per calling thread. */
const alt_work_item = changetype<k_work>(memory.data(SIZEOF_K_WORK, 16));
const reg_work_item = changetype<k_work>(memory.data(SIZEOF_K_WORK, 16));

// Routine to be called from a workqueue: increments the global variable critical_var.
function critical_rtn(unused: k_work): void {
  const x = atomic.load<u32>(g); // volatile uint32_t x = critical_var
  atomic.store<u32>(g, x + 1);
}

// Common code for invoking work. Returns number of critical section calls made by a thread.
function critical_loop(tag: string, count: u32, work_item: k_work): u32 {
  let now: i64;
  let last: i64 = k_uptime_get();
  const mseconds = last;
  printk(`Start ${tag} at ${<u32>last}\n`);
  while (true) {
    now = k_uptime_get(); // while ((now = k_uptime_get()) < mseconds + NUM_MILLISECONDS)
    if (now >= mseconds + NUM_MILLISECONDS) break;
    if (now < last) printk(`Time went backwards: ${<u32>now} < ${<u32>last}\n`);
    last = now;

    k_work_init(work_item, critical_rtn);
    k_work_submit_to_queue(offload_work_q, work_item);
    count++;
    k_busy_wait(50); // Z_SPIN_DELAY(50)
  }
  printk(`End ${tag} at ${<u32>now}\n`);
  return count;
}

// Alternate thread: invokes the workqueue many times.
function alternate_thread(arg1: usize, arg2: usize, arg3: usize): void {
  k_sem_take(ALT_SEM, K_FOREVER); // Wait to be activated

  store<u32>(g, critical_loop("alt1", load<u32>(g, ALT_THREAD_ITERATIONS), alt_work_item), ALT_THREAD_ITERATIONS);

  k_sem_give(REGRESS_SEM);

  k_sem_take(ALT_SEM, K_FOREVER); // Wait to be re-activated

  store<u32>(g, critical_loop("alt2", load<u32>(g, ALT_THREAD_ITERATIONS), alt_work_item), ALT_THREAD_ITERATIONS);

  k_sem_give(REGRESS_SEM);
}

// Regression thread: invokes the workqueue many times and checks that the number of calls
// matches critical_var.
function regression_thread(arg1: usize, arg2: usize, arg3: usize): void {
  let ncalls: u32 = 0;

  k_sem_give(ALT_SEM); // Activate alternate_thread()

  ncalls = critical_loop("reg1", ncalls, reg_work_item);

  // Wait for alternate_thread() to complete
  zassert_true(k_sem_take(REGRESS_SEM, K_MSEC(TEST_TIMEOUT)) == 0, "Timed out waiting for REGRESS_SEM");

  zassert_equal<u32>(
    atomic.load<u32>(g),
    ncalls + load<u32>(g, ALT_THREAD_ITERATIONS),
    "Unexpected value for <critical_var>",
  );

  printk(`Enable timeslicing at ${k_uptime_get_32()}\n`);
  k_sched_time_slice_set(20, 10);

  k_sem_give(ALT_SEM); // Re-activate alternate_thread()

  ncalls = critical_loop("reg2", ncalls, reg_work_item);

  // Wait for alternate_thread() to finish
  zassert_true(k_sem_take(REGRESS_SEM, K_MSEC(TEST_TIMEOUT)) == 0, "Timed out waiting for REGRESS_SEM");

  zassert_equal<u32>(
    atomic.load<u32>(g),
    ncalls + load<u32>(g, ALT_THREAD_ITERATIONS),
    "Unexpected value for <critical_var>",
  );

  k_sem_give(TEST_SEM);
}

const kernel_offload_wq = ZTEST_SUITE("kernel_offload_wq", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

// Verify that a workqueue serializes work offloaded by competing threads.
ZTEST(kernel_offload_wq, "test_workq_offload_critical_section", () => {
  atomic.store<u32>(g, 0);
  store<u32>(g, 0, ALT_THREAD_ITERATIONS);

  k_work_queue_start(offload_work_q, OFFLOAD_WORKQUEUE_STACK_SIZE, CONFIG_MAIN_THREAD_PRIORITY, null);

  k_thread_create(STACK_SIZE, alternate_thread, 0, 0, 0, K_PRIO_PREEMPT(12), 0, K_NO_WAIT);

  k_thread_create(STACK_SIZE, regression_thread, 0, 0, 0, K_PRIO_PREEMPT(12), 0, K_NO_WAIT);

  zassert_true(k_sem_take(TEST_SEM, K_MSEC(TEST_TIMEOUT * 2)) == 0, "Timed out waiting for TEST_SEM");
});
