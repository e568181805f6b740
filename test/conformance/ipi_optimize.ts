// Translation of Zephyr tests/kernel/ipi_optimize/src/main.c (zephyrproject-rtos/zephyr at
// 77817d5414344a341cd19fd38e6588d644169a98): test_arch_sched_broadcast_ipi,
// test_arch_sched_directed_ipi (wasmp has directed IPIs), test_low_thread_wakes_no_ipis,
// test_high_thread_wakes_some_ipis, test_thread_priority_set_lower, test_thread_coop_no_ipis.
// Same threads, priorities, loop counts and assertions; prj.conf as Zephyr's
// (ipi_optimize.conf) plus CONFIG_TIMESLICING=n, see below.
// Differences:
// - z_trace_sched_ipi() is a C function the test defines; here it is registered with
//   z_trace_sched_ipi_set() at top level (every CPU's start function runs it).
// - Scaled: DELAY_FOR_IPIS is 50 ms instead of 200 us, and the busy-thread start poll is 10 x
//   10 ms instead of 10 x 1 ms: a virtual CPU may wait for a host core that long.
// - Time slicing is off: over the scaled 50 ms windows a busy preemptible thread's slice
//   expiry, handled by another CPU's timer interrupt, sends an IPI that the test would count.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  k_thread_create,
  k_thread_abort,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_busy_wait,
  k_sleep,
  K_TICKS,
  K_MSEC,
  K_FOREVER,
  K_NO_WAIT,
  k_sem_take,
  k_sem_give,
  K_SEM_DEFINE,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  arch_irq_lock,
  arch_irq_unlock,
  arch_curr_cpu_id,
  arch_num_cpus,
  arch_sched_broadcast_ipi,
  arch_sched_directed_ipi,
  arch_spin_relax,
  z_trace_sched_ipi_set,
  z_is_thread_pending,
  z_is_thread_ready,
  ATOMIC_DEFINE,
  atomic_get,
  atomic_set,
  k_tid_t,
  z_cpu,
  CPU_CURRENT_OFFSET,
} from "wasmp";

const STACK_SIZE = 1024;
const DELAY_FOR_IPIS = 50000; // scaled from 200 us
const MAX = 32;

function NUM_THREADS(): i32 {
  return arch_num_cpus() - 1;
}
function IPI_ALL_CPUS_MASK(): u32 {
  return ((<u32>1) << (<u32>arch_num_cpus())) - 1;
}

const threads = memory.data(MAX * 4, 4); // struct k_thread thread[NUM_THREADS]
const alt = memory.data(8, 4); // alt_thread, alt_thread_created
const ipi_count = memory.data(MAX * 4, 4); // uint32_t ipi_count[CONFIG_MP_MAX_NUM_CPUS]
const ipilock = K_SPINLOCK_DEFINE();
const busy_started = ATOMIC_DEFINE();
const alt_thread_done = memory.data(4, 4); // volatile bool
const sem = K_SEM_DEFINE(0, 1);

function thread_at(i: i32): k_tid_t {
  return changetype<k_tid_t>(load<u32>(threads + ((<usize>i) << 2)));
}

function trace_sched_ipi(): void {
  const key = k_spin_lock(ipilock);
  const p = ipi_count + ((<usize>arch_curr_cpu_id()) << 2);
  store<u32>(p, load<u32>(p) + 1);
  k_spin_unlock(ipilock, key);
}
z_trace_sched_ipi_set(trace_sched_ipi);

function clear_ipi_counts(): void {
  const key = k_spin_lock(ipilock);
  memory.fill(ipi_count, 0, MAX * 4);
  k_spin_unlock(ipilock, key);
}

function get_ipi_counts(set: StaticArray<u32>): void {
  const key = k_spin_lock(ipilock);
  for (let i = 0; i < set.length; i++) set[i] = load<u32>(ipi_count + ((<usize>i) << 2));
  k_spin_unlock(ipilock, key);
}

function busy_thread_entry(p1: usize, p2: usize, p3: usize): void {
  const key = arch_irq_lock();
  const id = arch_curr_cpu_id();
  arch_irq_unlock(key);
  atomic.or<u32>(busy_started, (<u32>1) << (<u32>id));
  while (true) {}
}

function wait_until_busy_threads_ready(id: i32): bool {
  const all = IPI_ALL_CPUS_MASK() ^ ((<u32>1) << (<u32>id));
  let i = 0;
  for (; i < 10; i++) {
    k_busy_wait(10000); // scaled from 1000
    if (<u32>atomic_get(busy_started) == all) break;
  }
  return i < 10;
}

function pending_thread_entry(p1: usize, p2: usize, p3: usize): void {
  k_sem_take(sem, K_FOREVER);
  while (atomic.load<u32>(alt_thread_done) == 0) {
    const key = arch_irq_lock();
    arch_spin_relax();
    arch_irq_unlock(key);
  }
}

function alt_thread_create(priority: i32, desc: string): void {
  const t = k_thread_create(STACK_SIZE, pending_thread_entry, 0, 0, 0, priority, 0, K_NO_WAIT);
  store<u32>(alt, changetype<u32>(t));
  store<u32>(alt + 4, 1);
  // Verify alt_thread is pending
  k_busy_wait(10000);
  zassert_true(z_is_thread_pending(t), `${desc} priority thread has not pended.`);
}

function alt_thread(): k_tid_t {
  return changetype<k_tid_t>(load<u32>(alt));
}

function busy_threads_create(priority: i32): i32 {
  atomic_set(busy_started, 0);
  for (let i = 0; i < NUM_THREADS(); i++) {
    const t = k_thread_create(STACK_SIZE, busy_thread_entry, 0, 0, 0, priority, 0, K_NO_WAIT);
    store<u32>(threads + ((<usize>i) << 2), changetype<u32>(t));
  }
  // Align to tick boundary to minimize probability of timer ISRs
  k_sleep(K_TICKS(1));
  const key = arch_irq_lock();
  const id = arch_curr_cpu_id();
  arch_irq_unlock(key);
  // Spin until all busy threads are ready. It is assumed that as this thread and the busy
  // threads are cooperative that they will not be rescheduled to execute on a different CPU.
  zassert_true(wait_until_busy_threads_ready(id), "1 or more 'busy threads' not ready.");
  return id;
}

function busy_threads_priority_set(priority: i32, delta: i32): void {
  for (let i = 0; i < NUM_THREADS(); i++) {
    k_thread_priority_set(thread_at(i), priority);
    priority += delta;
  }
}

function ipi_tests_setup(): usize {
  // Sleep a bit to guarantee that all CPUs enter an idle thread from which they can exit
  // correctly to run the test.
  k_sleep(K_MSEC(20));
  return 0;
}

function cleanup_threads(fixture: usize): void {
  // Ensure that spawned busy threads are aborted before proceeding to the next test.
  for (let i = 0; i < NUM_THREADS(); i++) k_thread_abort(thread_at(i));
  // Ensure alt_thread, if it was created, also gets aborted
  if (load<u32>(alt + 4) != 0) k_thread_abort(alt_thread());
  store<u32>(alt + 4, 0);
  atomic.store<u32>(alt_thread_done, 0);
}

const ipi = ZTEST_SUITE("ipi", ipi_tests_setup, null, cleanup_threads);

// Verify that arch_sched_broadcast_ipi() broadcasts IPIs as expected.
ZTEST(ipi, "test_arch_sched_broadcast_ipi", () => {
  const set = new StaticArray<u32>(arch_num_cpus());
  const priority = k_thread_priority_get(k_current_get());
  const id = busy_threads_create(priority - 1);
  // Broadcast the IPI. All other CPUs ought to receive and process it
  clear_ipi_counts();
  arch_sched_broadcast_ipi();
  k_busy_wait(DELAY_FOR_IPIS);
  get_ipi_counts(set);
  for (let j = 0; j < arch_num_cpus(); j++) {
    if (id == j) zassert_true(set[j] == 0, `Broadcast-Expected 0, got ${set[j]}`);
    else zassert_true(set[j] == 1, `Broadcast-Expected 1, got ${set[j]}`);
  }
});

// Verify that arch_sched_directed_ipi() directs IPIs as expected.
ZTEST(ipi, "test_arch_sched_directed_ipi", () => {
  const set = new StaticArray<u32>(arch_num_cpus());
  const priority = k_thread_priority_get(k_current_get());
  const id = busy_threads_create(priority - 1);
  // Send an IPI to each CPU, one at a time. Verify that only the targeted CPU received it.
  for (let i = 0; i < arch_num_cpus(); i++) {
    if (i == id) continue;
    clear_ipi_counts();
    arch_sched_directed_ipi((<u32>1) << (<u32>i));
    k_busy_wait(DELAY_FOR_IPIS);
    get_ipi_counts(set);
    for (let j = 0; j < arch_num_cpus(); j++) {
      if (i == j) zassert_true(set[j] == 1, `Direct-Expected 1, got ${set[j]}`);
      else zassert_true(set[j] == 0, `Direct-Expected 0, got ${set[j]}`);
    }
  }
});

// Waking a thread whose priority is lower than any other currently executing thread does not
// result in any IPIs being sent.
ZTEST(ipi, "test_low_thread_wakes_no_ipis", () => {
  const set = new StaticArray<u32>(arch_num_cpus());
  const priority = k_thread_priority_get(k_current_get());
  atomic_set(busy_started, 0);
  alt_thread_create(5, "Low");
  busy_threads_create(priority - 1);
  // Lower the priority of the busy threads now that we know that they have started. As this
  // is expected to generate IPIs, busy wait for some small amount of time to give them time
  // to be processed.
  busy_threads_priority_set(0, 0);
  k_busy_wait(DELAY_FOR_IPIS);
  // Low priority thread is pended. Current thread is cooperative. Other CPUs are executing
  // preemptible threads @ priority 0.
  clear_ipi_counts();
  k_sem_give(sem);
  k_busy_wait(DELAY_FOR_IPIS);
  get_ipi_counts(set);
  zassert_true(z_is_thread_ready(alt_thread()), "Low priority thread is not ready.");
  atomic.store<u32>(alt_thread_done, 1);
  for (let i = 0; i < arch_num_cpus(); i++) {
    zassert_true(set[i] == 0, `CPU ${i} unexpectedly received IPI.`);
  }
});

// Waking a thread whose priority is higher than all currently executing threads results in
// the proper IPIs being sent and processed.
ZTEST(ipi, "test_high_thread_wakes_some_ipis", () => {
  const set = new StaticArray<u32>(arch_num_cpus());
  const priority = k_thread_priority_get(k_current_get());
  atomic_set(busy_started, 0);
  alt_thread_create(priority - 1 - NUM_THREADS(), "High");
  const id = busy_threads_create(priority - 1);
  // Lower the priority of the busy threads now that we know that they have started and are
  // busy waiting.
  busy_threads_priority_set(0, 1);
  k_busy_wait(DELAY_FOR_IPIS);
  // High priority thread is pended. Current thread is cooperative. Other CPUs are executing
  // preemptible threads.
  clear_ipi_counts();
  k_sem_give(sem);
  k_busy_wait(DELAY_FOR_IPIS);
  get_ipi_counts(set);
  zassert_true(z_is_thread_ready(alt_thread()), "High priority thread is not ready.");
  atomic.store<u32>(alt_thread_done, 1);
  for (let i = 0; i < arch_num_cpus(); i++) {
    if (i == id) continue;
    zassert_true(set[i] == 1, `CPU${i} got ${set[i]} IPIs`);
  }
  zassert_true(set[id] == 0, `Current CPU got ${set[id]} IPI(s).`);
});

// Lowering the priority of an active thread results in an IPI; with directed IPIs only to the
// CPU executing that thread.
ZTEST(ipi, "test_thread_priority_set_lower", () => {
  const set = new StaticArray<u32>(arch_num_cpus());
  const priority = k_thread_priority_get(k_current_get());
  const id = busy_threads_create(priority - 1);
  clear_ipi_counts();
  k_thread_priority_set(thread_at(0), priority);
  k_busy_wait(DELAY_FOR_IPIS);
  get_ipi_counts(set);
  for (let i = 0; i < arch_num_cpus(); i++) {
    if (i == id) continue;
    let j = 0;
    for (; j < NUM_THREADS(); j++) {
      if (cpu_current(i) == changetype<usize>(thread_at(j))) break;
    }
    zassert_true(j < NUM_THREADS(), `CPU${i} not executing expected thread`);
    if (j == 0) zassert_true(set[i] == 1, `CPU${i} got ${set[i]} IPIs.`);
    else zassert_true(set[i] == 0, `CPU${i} got ${set[i]} IPI(s).`);
  }
  zassert_true(set[id] == 0, `Current CPU got ${set[id]} IPI(s).`);
});

// IPIs are not sent to CPUs that are executing cooperative threads.
ZTEST(ipi, "test_thread_coop_no_ipis", () => {
  const set = new StaticArray<u32>(arch_num_cpus());
  const priority = k_thread_priority_get(k_current_get());
  atomic_set(busy_started, 0);
  alt_thread_create(priority - 1 - NUM_THREADS(), "High");
  busy_threads_create(priority - 1);
  // High priority thread is pended. Current thread is cooperative. Other CPUs are executing
  // lower priority cooperative threads.
  clear_ipi_counts();
  k_sem_give(sem);
  k_busy_wait(DELAY_FOR_IPIS);
  get_ipi_counts(set);
  zassert_true(z_is_thread_ready(alt_thread()), "High priority thread is not ready.");
  atomic.store<u32>(alt_thread_done, 1);
  for (let i = 0; i < arch_num_cpus(); i++) zassert_true(set[i] == 0, `CPU${i} got ${set[i]} IPIs`);
});

/** _kernel.cpus[i].current */
function cpu_current(i: i32): usize {
  return atomic.load<u32>(z_cpu(i), CPU_CURRENT_OFFSET);
}
