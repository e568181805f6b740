// Translation of Zephyr tests/kernel/cpu_mask/src/main.c (zephyrproject-rtos/zephyr at
// 758d2f0303893ea1faca59d1a1b753a1711a1888), all 10 tests: test_api_rejects_running_thread,
// test_mask_clear_prevents_execution, test_mask_enable_all_allows_execution,
// test_mask_disable_local_cpu, test_cpu_pin_runs_on_target, test_pin_each_thread_to_distinct_cpu,
// test_individual_cpu_enable_disable, test_coop_thread_pinned_cpu, test_pin_only_single_cpu,
// test_pinned_and_free_thread_coexist.
// Same threads (NUM_THREADS = CONFIG_MP_MAX_NUM_CPUS), priorities, timeouts and assertions; the
// tests skipped under CONFIG_SCHED_CPU_MASK_PIN_ONLY (or only run under it) are skipped the same
// way. cpu_mask.conf is the configuration of testcase.yaml's kernel.multiprocessing.cpu_mask
// (CONFIG_SCHED_CPU_MASK=y; Zephyr's prj.conf for this test was not in the sources read, so it
// also carries CONFIG_ZTEST=y and CONFIG_SMP=y); test/conformance.test.ts also runs the
// testcase.yaml variants .scalable, .multiq, .pin_only, .pin_only.scalable, .pin_only.multiq
// with --set.
// Differences:
// - k_thread_create takes no thread object or stack: worker_threads[] holds the returned ids.
// - worker_sem's limit, NUM_THREADS, is read at run time (arch_num_cpus()): CONFIG_MP_MAX_NUM_CPUS
//   is not a compile-time constant in wasmp.
// - C globals (worker_ran[], worker_cpu[]) are words in static memory, shared by every CPU.
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_equal,
  zassert_not_equal,
  ztest_test_skip,
  k_thread_create,
  k_thread_start,
  k_thread_abort,
  k_thread_join,
  k_thread_suspend,
  k_thread_resume,
  k_current_get,
  k_thread_priority_get,
  k_msleep,
  k_sem_take,
  k_sem_give,
  k_sem_reset,
  K_SEM_DEFINE,
  K_MSEC,
  K_FOREVER,
  K_PRIO_COOP,
  k_thread_cpu_mask_clear,
  k_thread_cpu_mask_enable_all,
  k_thread_cpu_mask_enable,
  k_thread_cpu_mask_disable,
  k_thread_cpu_pin,
  arch_irq_lock,
  arch_irq_unlock,
  arch_curr_cpu_id,
  arch_num_cpus,
  CONFIG_SCHED_CPU_MASK_PIN_ONLY,
  EINVAL,
  k_tid_t,
  MAX_CPUS,
} from "wasmp";

const STACK_SIZE = 1024;

function NUM_THREADS(): i32 {
  return arch_num_cpus();
}

// Worker thread ids (Zephyr: static struct k_thread worker_threads[NUM_THREADS])
const worker_threads = memory.data(MAX_CPUS * 4, 4);
// Per-thread execution tracking: static volatile int worker_ran[], worker_cpu[]
const worker_ran = memory.data(MAX_CPUS * 4, 4);
const worker_cpu = memory.data(MAX_CPUS * 4, 4);

const worker_sem = K_SEM_DEFINE(0, <u32>NUM_THREADS());

function ran(i: i32): i32 {
  return atomic.load<i32>(worker_ran + ((<usize>i) << 2));
}
function cpu_of(i: i32): i32 {
  return atomic.load<i32>(worker_cpu + ((<usize>i) << 2));
}
function worker(i: i32): k_tid_t {
  return changetype<k_tid_t>(load<u32>(worker_threads + ((<usize>i) << 2)));
}
function set_worker(i: i32, t: k_tid_t): k_tid_t {
  store<u32>(worker_threads + ((<usize>i) << 2), changetype<u32>(t));
  return t;
}

function curr_cpu(): i32 {
  const k = arch_irq_lock();
  const id = arch_curr_cpu_id();
  arch_irq_unlock(k);
  return id;
}

function worker_fn(p1: usize, p2: usize, p3: usize): void {
  const idx = <i32>p1;
  atomic.store<i32>(worker_cpu + ((<usize>idx) << 2), curr_cpu());
  atomic.store<i32>(worker_ran + ((<usize>idx) << 2), 1);
  k_sem_give(worker_sem);
}

function reset_state(): void {
  const ncpus = arch_num_cpus();
  k_sem_reset(worker_sem);
  for (let i = 0; i < ncpus; i++) {
    atomic.store<i32>(worker_ran + ((<usize>i) << 2), 0);
    atomic.store<i32>(worker_cpu + ((<usize>i) << 2), -1);
  }
}

const cpu_mask = ZTEST_SUITE("cpu_mask");

// The cpu_mask APIs must refuse operations on a thread that is already running (the calling
// thread itself). In PIN_ONLY mode cpu_mask_mod() asserts instead, so the test is skipped.
ZTEST(cpu_mask, "test_api_rejects_running_thread", () => {
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) ztest_test_skip();
  const self = k_current_get();
  let ret: i32;
  ret = k_thread_cpu_mask_clear(self);
  zassert_equal(ret, -EINVAL, `expected -EINVAL, got ${ret}`);
  ret = k_thread_cpu_mask_enable_all(self);
  zassert_equal(ret, -EINVAL, `expected -EINVAL, got ${ret}`);
  ret = k_thread_cpu_mask_enable(self, 0);
  zassert_equal(ret, -EINVAL, `expected -EINVAL, got ${ret}`);
  ret = k_thread_cpu_mask_disable(self, 0);
  zassert_equal(ret, -EINVAL, `expected -EINVAL, got ${ret}`);
  ret = k_thread_cpu_pin(self, 0);
  zassert_equal(ret, -EINVAL, `expected -EINVAL, got ${ret}`);
});

// A high-priority thread with a cleared CPU mask, started, never executes.
ZTEST(cpu_mask, "test_mask_clear_prevents_execution", () => {
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  const ret = k_thread_cpu_mask_clear(tid);
  zassert_equal(ret, 0, `k_thread_cpu_mask_clear failed: ${ret}`);
  k_thread_start(tid);
  k_msleep(100);
  zassert_equal(ran(0), 0, "thread ran despite cleared CPU mask");
  k_thread_abort(tid);
  k_thread_join(tid, K_FOREVER);
});

// Clear the mask, then enable_all: the thread must run.
ZTEST(cpu_mask, "test_mask_enable_all_allows_execution", () => {
  // enable_all sets all CPU bits; PIN_ONLY allows only one bit.
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) ztest_test_skip();
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  let ret = k_thread_cpu_mask_clear(tid);
  zassert_equal(ret, 0, `k_thread_cpu_mask_clear failed: ${ret}`);
  ret = k_thread_cpu_mask_enable_all(tid);
  zassert_equal(ret, 0, `k_thread_cpu_mask_enable_all failed: ${ret}`);
  k_thread_start(tid);
  ret = k_sem_take(worker_sem, K_MSEC(2000));
  zassert_equal(ret, 0, "thread did not run after enable_all");
  zassert_equal(ran(0), 1, "thread flag not set");
  k_thread_join(tid, K_FOREVER);
});

// Disabling the local CPU in the new thread's mask: it runs, on another CPU.
ZTEST(cpu_mask, "test_mask_disable_local_cpu", () => {
  // disable() on a thread with all CPUs enabled leaves more than one bit set in the mask,
  // which PIN_ONLY does not permit.
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) ztest_test_skip();
  const local = curr_cpu();
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  let ret = k_thread_cpu_mask_disable(tid, local);
  zassert_equal(ret, 0, `k_thread_cpu_mask_disable failed: ${ret}`);
  k_thread_start(tid);
  ret = k_sem_take(worker_sem, K_MSEC(2000));
  zassert_equal(ret, 0, "thread did not run after disabling local CPU");
  zassert_not_equal(cpu_of(0), local, `thread ran on excluded CPU ${local}`);
  k_thread_join(tid, K_FOREVER);
});

// k_thread_cpu_pin() to a CPU other than the current one: the thread runs there.
ZTEST(cpu_mask, "test_cpu_pin_runs_on_target", () => {
  const ncpus = arch_num_cpus();
  const local = curr_cpu();
  const target = (local + 1) % ncpus;
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  let ret = k_thread_cpu_pin(tid, target);
  zassert_equal(ret, 0, `k_thread_cpu_pin failed: ${ret}`);
  k_thread_start(tid);
  ret = k_sem_take(worker_sem, K_MSEC(2000));
  zassert_equal(ret, 0, "pinned thread did not run");
  zassert_equal(cpu_of(0), target, `thread ran on CPU ${cpu_of(0)} instead of pinned CPU ${target}`);
  k_thread_join(tid, K_FOREVER);
});

// One thread per CPU, thread i pinned to CPU i: each runs on exactly that CPU.
ZTEST(cpu_mask, "test_pin_each_thread_to_distinct_cpu", () => {
  const ncpus = arch_num_cpus();
  const prio = k_thread_priority_get(k_current_get()) - 1;
  let ret: i32;
  reset_state();
  for (let i = 0; i < ncpus; i++) {
    set_worker(i, k_thread_create(STACK_SIZE, worker_fn, <usize>i, 0, 0, prio, 0, K_FOREVER));
    ret = k_thread_cpu_pin(worker(i), i);
    zassert_equal(ret, 0, `k_thread_cpu_pin(${i}) failed: ${ret}`);
  }
  for (let i = 0; i < ncpus; i++) k_thread_start(worker(i));
  for (let i = 0; i < ncpus; i++) {
    ret = k_sem_take(worker_sem, K_MSEC(5000));
    zassert_equal(ret, 0, `timed out waiting for thread ${i}`);
  }
  for (let i = 0; i < ncpus; i++) {
    zassert_equal(cpu_of(i), i, `thread ${i} ran on CPU ${cpu_of(i)}, expected ${i}`);
  }
  for (let i = 0; i < ncpus; i++) k_thread_join(worker(i), K_FOREVER);
});

// Clear the mask, enable CPU 0, disable CPU 0: the thread must not run. Re-enable all CPUs
// (suspended) and it runs.
ZTEST(cpu_mask, "test_individual_cpu_enable_disable", () => {
  // enable_all sets all CPU bits; PIN_ONLY allows only one bit.
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) ztest_test_skip();
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  // Clear mask, then enable and immediately disable CPU 0
  let ret = k_thread_cpu_mask_clear(tid);
  zassert_equal(ret, 0, `clear failed: ${ret}`);
  ret = k_thread_cpu_mask_enable(tid, 0);
  zassert_equal(ret, 0, `enable failed: ${ret}`);
  ret = k_thread_cpu_mask_disable(tid, 0);
  zassert_equal(ret, 0, `disable failed: ${ret}`);
  k_thread_start(tid);
  k_msleep(100);
  zassert_equal(ran(0), 0, "thread ran with all CPUs disabled");
  // Suspend the thread so it is prevented-from-running, which is required by the cpu_mask
  // API before modifying the mask.
  k_thread_suspend(tid);
  ret = k_thread_cpu_mask_enable_all(tid);
  zassert_equal(ret, 0, `enable_all failed: ${ret}`);
  k_thread_resume(tid);
  ret = k_sem_take(worker_sem, K_MSEC(2000));
  zassert_equal(ret, 0, "thread never ran after re-enabling CPUs");
  k_thread_join(tid, K_FOREVER);
});

// A cooperative thread pinned to a specific CPU runs and records that CPU.
ZTEST(cpu_mask, "test_coop_thread_pinned_cpu", () => {
  const ncpus = arch_num_cpus();
  const local = curr_cpu();
  const target = (local + 1) % ncpus;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, K_PRIO_COOP(2), 0, K_FOREVER));
  let ret = k_thread_cpu_pin(tid, target);
  zassert_equal(ret, 0, `k_thread_cpu_pin failed: ${ret}`);
  k_thread_start(tid);
  ret = k_sem_take(worker_sem, K_MSEC(2000));
  zassert_equal(ret, 0, "cooperative pinned thread did not run");
  zassert_equal(cpu_of(0), target, `thread ran on CPU ${cpu_of(0)}, expected ${target}`);
  k_thread_join(tid, K_FOREVER);
});

// PIN_ONLY: a thread pinned to CPU 0 runs only on CPU 0.
ZTEST(cpu_mask, "test_pin_only_single_cpu", () => {
  if (!CONFIG_SCHED_CPU_MASK_PIN_ONLY) ztest_test_skip();
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const tid = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  let ret = k_thread_cpu_pin(tid, 0);
  zassert_equal(ret, 0, `k_thread_cpu_pin failed: ${ret}`);
  k_thread_start(tid);
  ret = k_sem_take(worker_sem, K_MSEC(2000));
  zassert_equal(ret, 0, "pinned thread did not run");
  zassert_equal(cpu_of(0), 0, `thread ran on CPU ${cpu_of(0)}, expected 0`);
  k_thread_join(tid, K_FOREVER);
});

// A thread pinned to CPU 0 and one with enable_all both complete.
ZTEST(cpu_mask, "test_pinned_and_free_thread_coexist", () => {
  // The "free" thread uses enable_all which sets all CPU bits; PIN_ONLY allows only one bit.
  if (CONFIG_SCHED_CPU_MASK_PIN_ONLY) ztest_test_skip();
  const prio = k_thread_priority_get(k_current_get()) - 1;
  reset_state();
  const pinned = set_worker(0, k_thread_create(STACK_SIZE, worker_fn, 0, 0, 0, prio, 0, K_FOREVER));
  let ret = k_thread_cpu_pin(pinned, 0);
  zassert_equal(ret, 0, `k_thread_cpu_pin failed: ${ret}`);
  const unmasked = set_worker(1, k_thread_create(STACK_SIZE, worker_fn, 1, 0, 0, prio, 0, K_FOREVER));
  ret = k_thread_cpu_mask_enable_all(unmasked);
  zassert_equal(ret, 0, `enable_all failed: ${ret}`);
  k_thread_start(pinned);
  k_thread_start(unmasked);
  for (let i = 0; i < 2; i++) {
    ret = k_sem_take(worker_sem, K_MSEC(5000));
    zassert_equal(ret, 0, `timed out waiting for thread ${i}`);
  }
  zassert_equal(ran(0), 1, "pinned thread did not run");
  zassert_equal(ran(1), 1, "unmasked thread did not run");
  zassert_equal(cpu_of(0), 0, `pinned thread ran on CPU ${cpu_of(0)}, expected 0`);
  k_thread_join(pinned, K_FOREVER);
  k_thread_join(unmasked, K_FOREVER);
});
