// Translation of Zephyr tests/kernel/smp/src/main.c, the 2026 version (ZTEST(smp, ...) API,
// 16 tests in suites smp and smp_stress; the stored copy is search-index file 57653597746).
// Its prj.conf is smp.conf (CONFIG_ZTEST, SMP, TRACE_SCHED_IPI, POLL).
// Same thread counts, priorities, loop counts and assertions, with these differences:
// - Time: the test's own knob CONFIG_SMP_TEST_RUN_FACTOR is 10 (%) instead of 100, so the
//   switch-stress run is 1.5 s and LOOP_COUNT 2000 (this is the knob Zephyr provides for slow
//   targets). CONFIG_SMP_IPI_NUM_ITERS / _WAIT_RETRIES / _WAIT_MS are not in the Kconfig read;
//   3 / 10 / 10 ms here.
// - THREAD_DELAY is 10 ms instead of 1 ms. In test_smp_coop_resched_threads the first
//   spawned thread starts THREAD_DELAY after the test's 250 ms busy wait starts and busy-waits
//   250 ms itself, so THREAD_DELAY is the whole margin between that thread ending (which
//   frees a CPU for the last thread) and the test's check that the last thread never ran.
//   With 8 busy virtual CPUs on 2 host cores the host deschedules a CPU for milliseconds
//   (measured: the 1 ms margin lost 2 of 10 runs on 8 CPUs). test_smp_preempt_resched_threads
//   waits for the threads to exit and is not affected.
// - C globals become words in static memory (shared by every CPU); function pointers stored
//   in globals (sync_lock/sync_unlock) are stored there as function references too, because a
//   top-level AssemblyScript variable is per CPU.
// - z_trace_sched_ipi and k_sys_fatal_error_handler, which C tests define, are registered at
//   top level with z_trace_sched_ipi_set / k_sys_fatal_error_handler_set.
// - _current->base.x is read through k_current_get(); k_poll_signal_check's out-parameters
//   are read as the signal's fields; k_poll takes an array.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  zassert_not_equal,
  zassert_between_inclusive,
  ztest_test_skip,
  ztest_test_fail,
  printk,
  k_thread_create,
  k_thread_abort,
  k_thread_join,
  k_busy_wait,
  k_msleep,
  k_sleep,
  k_yield,
  k_wakeup,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_COOP,
  K_PRIO_PREEMPT,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  k_sem_init,
  k_mutex,
  k_mutex_init,
  k_mutex_lock,
  k_mutex_unlock,
  k_tid_t,
  k_thread_entry_t,
  arch_irq_lock,
  arch_irq_unlock,
  arch_curr_cpu_id,
  arch_num_cpus,
  _THREAD_DEAD,
  z_is_thread_prevented_from_running,
  k_current_get,
  k_thread_priority_get,
  CONFIG_SCHED_IPI_SUPPORTED,
  CONFIG_TRACE_SCHED_IPI,
  z_trace_sched_ipi_set,
  arch_sched_broadcast_ipi,
  k_sys_fatal_error_handler_set,
  K_ERR_KERNEL_OOPS,
  k_oops,
  k_panic,
  k_work,
  K_WORK_DEFINE,
  k_work_submit,
  k_work_busy_get,
  irq_lock,
  irq_unlock,
  k_cycle_get_32,
  k_malloc,
  k_poll,
  k_poll_event,
  k_poll_event_init,
  k_poll_signal,
  k_poll_signal_init,
  k_poll_signal_raise,
  k_poll_signal_reset,
  K_POLL_TYPE_SIGNAL,
  K_POLL_MODE_NOTIFY_ONLY,
  K_POLL_STATE_NOT_READY,
  k_sem,
  MAX_CPUS,
} from "wasmp";

const CONFIG_SMP_TEST_RUN_FACTOR = 10; // scaled from 100, see the header
const RUN_FACTOR: f64 = <f64>CONFIG_SMP_TEST_RUN_FACTOR / 100.0;
const CONFIG_SMP_IPI_NUM_ITERS = 3;
const CONFIG_SMP_IPI_WAIT_RETRIES = 10;
const CONFIG_SMP_IPI_WAIT_MS = 10;
const T2_STACK_SIZE = 2048;
const STACK_SIZE = 384;
const DELAY_US = 50000;
const TIMEOUT = 5000;
const EQUAL_PRIORITY = 1;
const THREAD_DELAY = 10; // 1 in Zephyr, see the header
const SLEEP_MS_LONG = <i32>(15000 * RUN_FACTOR);
const LOOP_COUNT = <i32>(20000 * RUN_FACTOR);
const MAX_NUM_THREADS = 32;

// volatile int t2_count; volatile int sync_count = -1; main_thread_id, child_thread_id, rv
const g = memory.data<i32>([0, -1, 0, 0, 0]);
// @ts-ignore: decorator
@inline function T2_COUNT(): usize {
  return g;
}
// @ts-ignore: decorator
@inline function SYNC_COUNT(): usize {
  return g + 4;
}
// @ts-ignore: decorator
@inline function MAIN_THREAD_ID(): usize {
  return g + 8;
}
// @ts-ignore: decorator
@inline function CHILD_THREAD_ID(): usize {
  return g + 12;
}
const t2 = memory.data(4, 4); // the k_tid_t of "t2"

const cpuid_sema = K_SEM_DEFINE(0, 1);

// static volatile struct thread_info tinfo[MAX_NUM_THREADS] { tid, executed, priority, cpu_id }
const tinfo = memory.data(MAX_NUM_THREADS * 16, 4);
function tinfo_tid(i: i32): k_tid_t {
  return changetype<k_tid_t>(atomic.load<u32>(tinfo + <usize>i * 16));
}
function set_tinfo_tid(i: i32, t: k_tid_t): void {
  atomic.store<u32>(tinfo + <usize>i * 16, changetype<u32>(t));
}
function executed(i: i32): i32 {
  return atomic.load<i32>(tinfo + <usize>i * 16, 4);
}
const thread_started = memory.data(MAX_NUM_THREADS * 4, 4);

function curr_cpu(): i32 {
  const k = arch_irq_lock();
  const ret = arch_curr_cpu_id();
  arch_irq_unlock(k);
  return ret;
}

function t2_fn(a: usize, b: usize, c: usize): void {
  atomic.store<i32>(T2_COUNT(), 0);
  // This thread simply increments a counter while spinning on the CPU. The idea is that it
  // will always be iterating faster than the other thread so long as it is fairly scheduled
  // (and it's designed to NOT be fairly schedulable without a separate CPU!), so the main
  // thread can always check its progress.
  while (true) {
    k_busy_wait(DELAY_US);
    atomic.add<i32>(T2_COUNT(), 1);
  }
}

const smp = ZTEST_SUITE("smp", smp_tests_setup);
const smp_stress = ZTEST_SUITE("smp_stress", smp_tests_setup);

function smp_tests_setup(): usize {
  // Sleep a bit to guarantee that both CPUs enter an idle thread from which they can exit
  // correctly to run the main test.
  k_sleep(K_MSEC(10));
  return 0;
}

ZTEST(smp, "test_smp_coop_threads", () => {
  let ok = 1;
  if (!CONFIG_SCHED_IPI_SUPPORTED) ztest_test_skip();
  const tid = k_thread_create(T2_STACK_SIZE, t2_fn, 0, 0, 0, K_PRIO_COOP(2), 0, K_NO_WAIT);
  // Wait for the other thread (on a separate CPU) to actually start running.
  atomic.store<i32>(T2_COUNT(), -1);
  while (atomic.load<i32>(T2_COUNT()) == -1) {}
  for (let i = 0; i < 10; i++) {
    // Wait slightly longer than the other thread so our count will always be lower
    k_busy_wait(DELAY_US + DELAY_US / 8);
    if (atomic.load<i32>(T2_COUNT()) <= i) {
      ok = 0;
      break;
    }
  }
  k_thread_abort(tid);
  k_thread_join(tid, K_FOREVER);
  zassert_true(ok != 0, "SMP test failed");
});

function child_fn(p1: usize, p2: usize, p3: usize): void {
  const parent_cpu_id = <i32>p1;
  zassert_true(parent_cpu_id != curr_cpu(), "Parent isn't on other core");
  atomic.add<i32>(SYNC_COUNT(), 1);
  k_sem_give(cpuid_sema);
}

ZTEST(smp, "test_smp_cpu_id_threads", () => {
  // Make sure idle thread runs on each core
  k_sleep(K_MSEC(1000));
  const parent_cpu_id = curr_cpu();
  const tid = k_thread_create(T2_STACK_SIZE, child_fn, <usize>parent_cpu_id, 0, 0, K_PRIO_PREEMPT(2), 0, K_NO_WAIT);
  while (atomic.load<i32>(SYNC_COUNT()) == -1) {}
  k_sem_take(cpuid_sema, K_FOREVER);
  k_thread_abort(tid);
  k_thread_join(tid, K_FOREVER);
});

function thread_entry_fn(p1: usize, p2: usize, p3: usize): void {
  const thread_num = <i32>p1;
  let count = 0;
  atomic.store<i32>(tinfo + <usize>thread_num * 16, 1, 4);
  atomic.store<i32>(tinfo + <usize>thread_num * 16, curr_cpu(), 12);
  while (count++ < 5) k_busy_wait(DELAY_US);
}

function spin_for_threads_exit(): void {
  const num_threads = arch_num_cpus();
  for (let i = 0; i < num_threads - 1; i++) {
    while ((tinfo_tid(i).thread_state & _THREAD_DEAD) == 0) {}
  }
  k_busy_wait(DELAY_US);
}

function spawn_threads(prio: i32, thread_num: i32, equal_prio: i32, entry: k_thread_entry_t, delay: i32): void {
  // Spawn threads of priority higher than the previously created thread
  for (let i = 0; i < thread_num; i++) {
    let p: i32;
    if (equal_prio) {
      p = prio;
    } else {
      // Increase priority for each thread
      p = prio - 1;
      prio = p;
    }
    atomic.store<i32>(tinfo + <usize>i * 16, p, 8);
    set_tinfo_tid(i, k_thread_create(STACK_SIZE, entry, <usize>i, 0, 0, p, 0, K_MSEC(delay)));
    // Increase delay for each thread
    if (delay) delay = delay + 10;
  }
}

function abort_threads(num: i32): void {
  for (let i = 0; i < num; i++) k_thread_abort(tinfo_tid(i));
  for (let i = 0; i < num; i++) k_thread_join(tinfo_tid(i), K_FOREVER);
}

function cleanup_resources(): void {
  const num_threads = arch_num_cpus();
  for (let i = 0; i < num_threads; i++) {
    atomic.store<u32>(tinfo + <usize>i * 16, 0);
    atomic.store<i32>(tinfo + <usize>i * 16, 0, 4);
    atomic.store<i32>(tinfo + <usize>i * 16, 0, 8);
  }
}

function thread_ab_entry(p1: usize, p2: usize, p3: usize): void {
  while (true) {}
}

const SPAWN_AB_PRIO = K_PRIO_COOP(10);

ZTEST(smp, "test_smp_coop_switch_in_abort", () => {
  const num_threads = arch_num_cpus();
  const tid = new StaticArray<k_tid_t>(MAX_NUM_THREADS);
  const prio = k_thread_priority_get(k_current_get());
  zassert_true(prio < 0, "test case relies on ztest thread be cooperative");
  zassert_true(prio > SPAWN_AB_PRIO, "spawn test need to have higher priority than ztest thread");
  // Spawn N number of cooperative threads, where N = number of CPUs
  for (let i = 0; i < num_threads; i++) {
    tid[i] = k_thread_create(STACK_SIZE, thread_ab_entry, 0, 0, 0, SPAWN_AB_PRIO, 0, K_NO_WAIT);
  }
  // Wait for some time to let spawned threads on other cores run and start executing
  // infinite loop.
  k_busy_wait(DELAY_US * 4);
  // Abort all spawned threads one-by-one. At the first k_thread_abort call the context switch
  // will happen and the last 'spawned' thread will start. We should successfully abort all.
  for (let i = 0; i < num_threads; i++) k_thread_abort(tid[i]);
  for (let i = 0; i < num_threads; i++) zassert_equal<i32>(k_thread_join(tid[i], K_FOREVER), 0);
});

ZTEST(smp, "test_smp_coop_resched_threads", () => {
  const num_threads = arch_num_cpus();
  // Spawn threads equal to number of cores, since we don't give up current CPU, last thread
  // will not get scheduled
  spawn_threads(K_PRIO_COOP(12), num_threads, !EQUAL_PRIORITY, thread_entry_fn, THREAD_DELAY);
  // Wait for some time to let other core's thread run
  k_busy_wait(DELAY_US * 5);
  // Reassure that cooperative threads are not preempted by checking last thread's execution
  // status. We know that all threads got rescheduled on other cores except the last one
  for (let i = 0; i < num_threads - 1; i++) zassert_true(executed(i) == 1, `cooperative thread ${i} didn't run`);
  zassert_true(executed(num_threads - 1) == 0, "cooperative thread is preempted");
  abort_threads(num_threads);
  cleanup_resources();
});

ZTEST(smp, "test_smp_preempt_resched_threads", () => {
  const num_threads = arch_num_cpus();
  // Spawn threads equal to number of cores, lower priority thread should be preempted by
  // higher ones
  spawn_threads(K_PRIO_PREEMPT(12), num_threads, !EQUAL_PRIORITY, thread_entry_fn, THREAD_DELAY);
  spin_for_threads_exit();
  for (let i = 0; i < num_threads; i++) zassert_true(executed(i) == 1, `preemptive thread ${i} didn't run`);
  abort_threads(num_threads);
  cleanup_resources();
});

ZTEST(smp, "test_smp_yield_threads", () => {
  const num_threads = arch_num_cpus();
  // Spawn threads equal to the number of cores, so the last thread would be pending.
  spawn_threads(K_PRIO_COOP(12), num_threads, !EQUAL_PRIORITY, thread_entry_fn, !THREAD_DELAY);
  k_yield();
  k_busy_wait(DELAY_US * 5);
  for (let i = 0; i < num_threads; i++) zassert_true(executed(i) == 1, `thread ${i} did not execute`);
  abort_threads(num_threads);
  cleanup_resources();
});

ZTEST(smp, "test_smp_sleep_threads", () => {
  const num_threads = arch_num_cpus();
  spawn_threads(K_PRIO_COOP(12), num_threads, !EQUAL_PRIORITY, thread_entry_fn, !THREAD_DELAY);
  k_msleep(TIMEOUT);
  for (let i = 0; i < num_threads; i++) zassert_true(executed(i) == 1, `thread ${i} did not execute`);
  abort_threads(num_threads);
  cleanup_resources();
});

function thread_wakeup_entry(p1: usize, p2: usize, p3: usize): void {
  const thread_num = <i32>p1;
  atomic.store<i32>(thread_started + ((<usize>thread_num) << 2), 1);
  k_msleep(DELAY_US * 1000);
  atomic.store<i32>(tinfo + <usize>thread_num * 16, 1, 4);
}

function wakeup_on_start_thread(tnum: i32): void {
  let threads_started = 0;
  // For each thread, spin waiting for it to first flag that it's going to sleep, and then
  // that it's actually blocked
  for (let i = 0; i < tnum; i++) {
    while (atomic.load<i32>(thread_started + ((<usize>i) << 2)) == 0) {}
    while (!z_is_thread_prevented_from_running(tinfo_tid(i))) {}
  }
  for (let i = 0; i < tnum; i++) {
    if (atomic.load<i32>(thread_started + ((<usize>i) << 2)) == 1 && threads_started <= tnum) {
      threads_started++;
      k_wakeup(tinfo_tid(i));
    }
  }
  zassert_equal<i32>(threads_started, tnum, "All threads haven't started");
}

function check_wokeup_threads(tnum: i32): void {
  let threads_woke_up = 0;
  // k_wakeup() isn't synchronous, give the other CPU time to schedule them
  k_busy_wait(300000);
  for (let i = 0; i < tnum; i++) {
    if (executed(i) == 1 && threads_woke_up <= tnum) threads_woke_up++;
  }
  zassert_equal<i32>(threads_woke_up, tnum, "Threads did not wakeup");
}

ZTEST(smp, "test_smp_wakeup_threads", () => {
  const num_threads = arch_num_cpus();
  // Spawn threads to run on all remaining cores
  spawn_threads(K_PRIO_COOP(12), num_threads - 1, !EQUAL_PRIORITY, thread_wakeup_entry, !THREAD_DELAY);
  // Check if all the threads have started, then call wakeup
  wakeup_on_start_thread(num_threads - 1);
  // Count threads which are woken up
  check_wokeup_threads(num_threads - 1);
  // Abort all threads and cleanup
  abort_threads(num_threads - 1);
  cleanup_resources();
});

// a thread for testing get current cpu
function thread_get_cpu_entry(p1: usize, p2: usize, p3: usize): void {
  const bsp_id = load<i32>(p1);
  // get current cpu number for running thread (arch_curr_cpu()->id)
  const cpu_id = arch_curr_cpu_id();
  zassert_true(cpu_id >= 0 && cpu_id < arch_num_cpus(), "test failed to get current cpu.");
  zassert_true(bsp_id != cpu_id, "should not be the same with our BSP");
  // loop forever to ensure running on this CPU
  while (true) k_busy_wait(DELAY_US);
}

const _cpu_id = memory.data(4, 4);

ZTEST(smp, "test_smp_get_cpu", () => {
  if (!CONFIG_SCHED_IPI_SUPPORTED) ztest_test_skip();
  // get current cpu number
  store<i32>(_cpu_id, arch_curr_cpu_id());
  const thread_id = k_thread_create(T2_STACK_SIZE, thread_get_cpu_entry, _cpu_id, 0, 0, K_PRIO_COOP(2), 0, K_NO_WAIT);
  k_busy_wait(DELAY_US);
  k_thread_abort(thread_id);
  k_thread_join(thread_id, K_FOREVER);
});

ZTEST(smp, "test_smp_num_cpus", () => {
  const num_cpus = arch_num_cpus();
  zassert_between_inclusive(num_cpus, 1, MAX_CPUS, `active CPUs (${num_cpus}) outside the configured range`);
});

// static volatile int sched_ipi_has_called;
const sched_ipi_has_called = memory.data(4, 4);
function trace_sched_ipi(): void {
  atomic.add<i32>(sched_ipi_has_called, 1);
}
z_trace_sched_ipi_set(trace_sched_ipi);

ZTEST(smp, "test_smp_ipi", () => {
  if (!CONFIG_TRACE_SCHED_IPI) ztest_test_skip();
  printk(`There are ${arch_num_cpus()} CPUs.\n`);
  for (let i = 0; i < CONFIG_SMP_IPI_NUM_ITERS; i++) {
    let retries = CONFIG_SMP_IPI_WAIT_RETRIES;
    // issue a sched ipi to tell other CPU to run thread
    atomic.store<i32>(sched_ipi_has_called, 0);
    arch_sched_broadcast_ipi();
    // Need to wait longer than we think, loaded CI systems need to wait for host scheduling
    // to run the other CPU's thread.
    while (retries > 0) {
      k_msleep(CONFIG_SMP_IPI_WAIT_MS);
      // Bail out early if test is deemed a success.
      if (atomic.load<i32>(sched_ipi_has_called) > 0) break;
      retries--;
    }
    zassert_true(
      atomic.load<i32>(sched_ipi_has_called) != 0,
      `did not receive IPI.(${i},${atomic.load<i32>(sched_ipi_has_called)})`,
    );
  }
});

const trigger = memory.data(4, 4);
function fatal_handler(reason: u32, esf: usize): void {
  if (reason != <u32>K_ERR_KERNEL_OOPS) {
    printk("wrong error reason\n");
    k_panic();
  }
  if (atomic.load<i32>(trigger) == 0) {
    atomic.store<i32>(CHILD_THREAD_ID(), curr_cpu());
    atomic.add<i32>(trigger, 1);
  } else {
    atomic.store<i32>(MAIN_THREAD_ID(), curr_cpu());
    // Verify the fatal was happened on different core
    zassert_true(atomic.load<i32>(MAIN_THREAD_ID()) != atomic.load<i32>(CHILD_THREAD_ID()), "fatal on the same core");
  }
}
k_sys_fatal_error_handler_set(fatal_handler);

function entry_oops(p1: usize, p2: usize, p3: usize): void {
  k_oops();
  printk("SHOULD NEVER SEE THIS\n");
}

ZTEST(smp, "test_smp_fatal_error", () => {
  // Create a child thread and trigger a crash
  const t = k_thread_create(T2_STACK_SIZE, entry_oops, 0, 0, 0, K_PRIO_PREEMPT(2), 0, K_NO_WAIT);
  // hold cpu and wait for thread trigger exception and being terminated
  k_busy_wait(5 * DELAY_US);
  // Verify that child thread is no longer running. We can't simply use k_thread_join here as
  // we don't want to introduce reschedule point here.
  zassert_true((t.thread_state & _THREAD_DEAD) != 0);
  // Manually trigger the crash in mainthread
  entry_oops(0, 0, 0);
  // should not be here
  ztest_test_fail();
});

function workq_handler(work: k_work): void {
  atomic.store<i32>(CHILD_THREAD_ID(), curr_cpu());
}
const work = K_WORK_DEFINE(workq_handler);

ZTEST(smp, "test_smp_workq", () => {
  // submit work item on system workq
  k_work_submit(work);
  // Wait for some time to let other core's thread run
  k_busy_wait(DELAY_US);
  // check work have finished
  zassert_equal<u32>(k_work_busy_get(work), 0);
  atomic.store<i32>(MAIN_THREAD_ID(), curr_cpu());
  // Verify the ztest thread and system workq run on different core
  zassert_true(
    atomic.load<i32>(MAIN_THREAD_ID()) != atomic.load<i32>(CHILD_THREAD_ID()),
    "system workq run on the same core",
  );
});

function t1_mutex_lock(p1: usize, p2: usize, p3: usize): void {
  // t1 will get mutex first
  k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER);
  k_msleep(2);
  k_mutex_unlock(changetype<k_mutex>(p1));
}

function t2_mutex_lock(p1: usize, p2: usize, p3: usize): void {
  zassert_equal<u32>(k_current_get().global_lock_count, 0, "thread global lock cnt is incorrect");
  k_mutex_lock(changetype<k_mutex>(p1), K_FOREVER);
  zassert_equal<u32>(k_current_get().global_lock_count, 0, "thread global lock cnt is incorrect");
  k_mutex_unlock(changetype<k_mutex>(p1));
  // TESTPOINT: z_smp_release_global_lock() has been called during context switch but
  // global_lock_cnt has not been decreased because no irq_lock() was called.
  zassert_equal<u32>(k_current_get().global_lock_count, 0, "thread global lock cnt is incorrect");
}

const smutex = k_mutex_alloc_static();
function k_mutex_alloc_static(): usize {
  return memory.data(24, 16);
}

ZTEST(smp, "test_smp_release_global_lock", () => {
  const m = changetype<k_mutex>(smutex);
  k_mutex_init(m);
  set_tinfo_tid(0, k_thread_create(STACK_SIZE, t1_mutex_lock, smutex, 0, 0, K_PRIO_PREEMPT(5), 0, K_NO_WAIT));
  set_tinfo_tid(1, k_thread_create(STACK_SIZE, t2_mutex_lock, smutex, 0, 0, K_PRIO_PREEMPT(3), 0, K_MSEC(1)));
  // Hold one of the cpu to ensure context switch as we wanted can happen in another cpu.
  k_busy_wait(20000);
  k_thread_join(tinfo_tid(1), K_FOREVER);
  k_thread_join(tinfo_tid(0), K_FOREVER);
  cleanup_resources();
});

const LOCK_IRQ = 0,
  LOCK_SEM = 1,
  LOCK_MUTEX = 2;

// static int global_cnt; struct k_sem smp_sem; struct k_mutex smp_mutex; sync_lock/unlock
const global_cnt = memory.data(4, 4);
const smp_sem = memory.data(16, 16);
const smp_mutex = memory.data(24, 16);
const sync_fns = memory.data(8, 4);

function sync_lock_dummy(k: usize): void {}
function sync_lock_irq(k: usize): void {
  store<u32>(k, irq_lock());
}
function sync_unlock_irq(k: usize): void {
  irq_unlock(load<u32>(k));
}
function sync_lock_sem(k: usize): void {
  k_sem_take(changetype<k_sem>(smp_sem), K_FOREVER);
}
function sync_unlock_sem(k: usize): void {
  k_sem_give(changetype<k_sem>(smp_sem));
}
function sync_lock_mutex(k: usize): void {
  k_mutex_lock(changetype<k_mutex>(smp_mutex), K_FOREVER);
}
function sync_unlock_mutex(k: usize): void {
  k_mutex_unlock(changetype<k_mutex>(smp_mutex));
}

function set_sync(lock: (k: usize) => void, unlock: (k: usize) => void): void {
  store<u32>(sync_fns, <u32>changetype<usize>(lock));
  store<u32>(sync_fns + 4, <u32>changetype<usize>(unlock));
}

function sync_init(lock_type: i32): void {
  switch (lock_type) {
    case LOCK_IRQ:
      set_sync(sync_lock_irq, sync_unlock_irq);
      break;
    case LOCK_SEM:
      set_sync(sync_lock_sem, sync_unlock_sem);
      k_sem_init(changetype<k_sem>(smp_sem), 1, 3);
      break;
    case LOCK_MUTEX:
      set_sync(sync_lock_mutex, sync_unlock_mutex);
      k_mutex_init(changetype<k_mutex>(smp_mutex));
      break;
    default:
      set_sync(sync_lock_dummy, sync_lock_dummy);
  }
}

function inc_global_cnt(a: usize, b: usize, c: usize): void {
  const key = k_malloc(4); // int key (a local whose address C takes)
  const lock = changetype<(k: usize) => void>(load<u32>(sync_fns));
  const unlock = changetype<(k: usize) => void>(load<u32>(sync_fns + 4));
  for (let i = 0; i < LOOP_COUNT; i++) {
    lock(key);
    store<i32>(global_cnt, load<i32>(global_cnt) + 1);
    store<i32>(global_cnt, load<i32>(global_cnt) - 1);
    store<i32>(global_cnt, load<i32>(global_cnt) + 1);
    unlock(key);
  }
}

function run_concurrency(type: i32, func: k_thread_entry_t): bool {
  sync_init(type);
  store<i32>(global_cnt, 0);
  const start_t = k_cycle_get_32();
  set_tinfo_tid(0, k_thread_create(STACK_SIZE, func, 0, 0, 0, K_PRIO_PREEMPT(1), 0, K_NO_WAIT));
  set_tinfo_tid(1, k_thread_create(STACK_SIZE, func, 0, 0, 0, K_PRIO_PREEMPT(1), 0, K_NO_WAIT));
  const tid = k_thread_create(T2_STACK_SIZE, func, 0, 0, 0, K_PRIO_PREEMPT(1), 0, K_NO_WAIT);
  k_thread_join(tinfo_tid(0), K_FOREVER);
  k_thread_join(tinfo_tid(1), K_FOREVER);
  k_thread_join(tid, K_FOREVER);
  cleanup_resources();
  const end_t = k_cycle_get_32();
  printk(`type ${type}: cnt ${load<i32>(global_cnt)}, spend ${(end_t - start_t) / 1000000} ms\n`);
  return load<i32>(global_cnt) == LOOP_COUNT * 3;
}

ZTEST(smp, "test_smp_inc_concurrency", () => {
  if (LOOP_COUNT == 0) ztest_test_skip();
  zassert_true(run_concurrency(LOCK_IRQ, inc_global_cnt), `total count ${load<i32>(global_cnt)} is wrong(i)`);
  zassert_true(run_concurrency(LOCK_SEM, inc_global_cnt), `total count ${load<i32>(global_cnt)} is wrong(s)`);
  zassert_true(run_concurrency(LOCK_MUTEX, inc_global_cnt), `total count ${load<i32>(global_cnt)} is wrong(M)`);
});

// Keep track of how many signals raised, and received per thread.
const t_signal_raised = memory.data(4, 4);
const t_signals_rcvd = memory.data(MAX_NUM_THREADS * 4, 4);
// static struct k_poll_signal tsignal[]; static struct k_poll_event tevent[] (references)
const tsignal = memory.data(MAX_NUM_THREADS * 8, 4);
const tevent = memory.data(MAX_NUM_THREADS * 4, 4);

function sig_at(i: usize): k_poll_signal {
  return changetype<k_poll_signal>(tsignal + i * 8);
}

// Worker body: waits on its own poll event, validates the raised signal and resets both event
// and signal so the raiser can signal it again.
function process_events(arg0: usize, arg1: usize, arg2: usize): void {
  const id = arg0;
  const ev = changetype<k_poll_event>(load<u32>(tevent + (id << 2)));
  const events = new Array<k_poll_event>();
  events.push(ev);
  while (true) {
    // Retry if no event(s) are ready.
    if (k_poll(events, K_FOREVER) != 0) continue;
    // Grab the raised signal (k_poll_signal_check).
    const result = sig_at(id).result;
    // Check correct result.
    if (result != 0x55) ztest_test_fail();
    atomic.add<u32>(t_signals_rcvd + (id << 2), 1);
    // Reset both event and signal.
    ev.state = K_POLL_STATE_NOT_READY;
    sig_at(id).result = 0;
    k_poll_signal_reset(sig_at(id));
  }
}

function signal_raise(arg0: usize, arg1: usize, arg2: usize): void {
  const num_threads = <usize>arch_num_cpus();
  atomic.store<u32>(t_signal_raised, 0);
  while (true) {
    for (let i: usize = 0; i < num_threads; i++) {
      // Only raise signal when it is okay to do so. We don't want to raise a signal while the
      // signal and the associated event are still in the process of being reset (see above).
      if (atomic.load<u32>(changetype<usize>(sig_at(i))) != 0) continue;
      atomic.add<u32>(t_signal_raised, 1);
      k_poll_signal_raise(sig_at(i), 0x55);
    }
  }
}

ZTEST(smp_stress, "test_smp_switch_stress", () => {
  const num_threads = arch_num_cpus();
  if (CONFIG_SMP_TEST_RUN_FACTOR == 0) ztest_test_skip();
  const threads = new StaticArray<k_tid_t>(MAX_NUM_THREADS);
  for (let i = 0; i < num_threads; i++) {
    store<u32>(t_signals_rcvd + ((<usize>i) << 2), 0);
    k_poll_signal_init(sig_at(<usize>i));
    const ev = new k_poll_event();
    k_poll_event_init(ev, K_POLL_TYPE_SIGNAL, K_POLL_MODE_NOTIFY_ONLY, changetype<usize>(sig_at(<usize>i)));
    store<u32>(tevent + ((<usize>i) << 2), changetype<u32>(ev));
    threads[i] = k_thread_create(STACK_SIZE, process_events, <usize>i, 0, 0, K_PRIO_PREEMPT(i + 1), 0, K_NO_WAIT);
  }
  const raiser = k_thread_create(T2_STACK_SIZE, signal_raise, 0, 0, 0, K_PRIO_COOP(2), 0, K_NO_WAIT);
  k_sleep(K_MSEC(SLEEP_MS_LONG));
  k_thread_abort(raiser);
  k_thread_join(raiser, K_FOREVER);
  for (let i = 0; i < num_threads; i++) {
    k_thread_abort(threads[i]);
    k_thread_join(threads[i], K_FOREVER);
  }
  printk(`Total signals raised ${atomic.load<u32>(t_signal_raised)}\n`);
  for (let i = 0; i < num_threads; i++)
    printk(`Thread #${i} received ${atomic.load<u32>(t_signals_rcvd + ((<usize>i) << 2))} signals\n`);
  // Check if we at least have done some switching.
  for (let i = 0; i < num_threads; i++) {
    zassert_not_equal<u32>(
      0,
      atomic.load<u32>(t_signals_rcvd + ((<usize>i) << 2)),
      `Thread #${i} has not received any signals`,
    );
  }
});
