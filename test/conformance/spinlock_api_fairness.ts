// Translation of Zephyr tests/kernel/spinlock/spinlock_api/src/spinlock_fairness.c (zephyrproject-rtos/zephyr at
// 88ba54c9412d7313b8f832ab1032d3d0ddfa8717): test_spinlock_fairness. Same thread count (one per
// CPU, CONFIG_MP_MAX_NUM_CPUS), priority K_PRIO_COOP(10), pinning, 1000 cycles per core, the
// 10,000-iteration busy loop inside the lock, and its check of the split: asserted on
// hardware, printed on an emulated target (CONFIG_QEMU_TARGET). Run with spinlock_fairness.conf (testcase.yaml's spinlock_fairness
// variant: CONFIG_SCHED_SIMPLE, CONFIG_SCHED_CPU_MASK, CONFIG_TICKET_SPINLOCKS).
// Differences: threads and stacks come from k_thread_create (no K_THREAD_STACK_ARRAY_DEFINE,
// no memset of them); `volatile uint32_t countdown` is a word in static memory per core (a
// volatile local has no AssemblyScript equivalent; the loop's loads and stores stay);
// spinlock_grabbed[] and the atomics are static memory shared by every CPU; the cores'
// count is arch_num_cpus(), which is CONFIG_MP_MAX_NUM_CPUS. BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1)
// becomes a skip on one CPU. CONFIG_SCHED_CPU_MASK is always on in wasmp.
// wasmp is an emulated target in Zephyr's sense ("the vCPUs are time-sliced unevenly by the
// host scheduler ... the emulator cannot measure fairness"): CONFIG_QEMU_TARGET is y by
// default, so the split is printed; `--set CONFIG_QEMU_TARGET=n` asserts it as on hardware.
// The ticket lock itself is FIFO in wasmp (releases do not wake waiters, so the host cannot
// run a woken waiter in the releaser's place); what the host still decides is whether a CPU
// is descheduled between its release and its next ticket.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_false,
  ztest_test_skip,
  K_SPINLOCK_DEFINE,
  k_spin_lock,
  k_spin_unlock,
  arch_irq_lock,
  arch_irq_unlock,
  atomic_dec,
  atomic_get,
  atomic_set,
  ATOMIC_DEFINE,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_cpu_pin,
  k_tid_t,
  K_FOREVER,
  K_PRIO_COOP,
  arch_num_cpus,
  printk,
  CONFIG_QEMU_TARGET,
} from "wasmp";

const STACK_SIZE = 8 * 1024;
const MAX_CORES = 32;
const FAIRNESS_TEST_CYCLES_PER_CORE: u32 = 1000;

const tthread = memory.data(MAX_CORES * 4, 4); // struct k_thread *: the created threads
const spinlock_grabbed = memory.data(MAX_CORES * 4, 4);
const countdown = memory.data(MAX_CORES * 4, 4); // each core's volatile countdown
const fairness_test_cycles = ATOMIC_DEFINE();
const lock = K_SPINLOCK_DEFINE();
const start_sync = ATOMIC_DEFINE();

function CORES_NUM(): u32 {
  return <u32>arch_num_cpus();
}

function get_thread(core_id: u32): k_tid_t {
  return changetype<k_tid_t>(load<u32>(tthread + core_id * 4));
}

function grabbed(core_id: u32): u32 {
  return atomic.load<u32>(spinlock_grabbed + core_id * 4);
}

// Execution thread which runs concurrently on each CPU in the system.
function test_thread(arg1: usize, arg2: usize, arg3: usize): void {
  const core_id = <u32>arg1;
  // Synchronize all the cores as much as possible
  const key = arch_irq_lock();
  atomic_dec(start_sync);
  while (atomic_get(start_sync) != 0);
  // Run the test: let the cores contend for the spinlock and collect the spinlock
  // acquisition statistics
  do {
    const spinlock_key = k_spin_lock(lock);
    if (atomic_get(fairness_test_cycles) == 0) {
      k_spin_unlock(lock, spinlock_key);
      arch_irq_unlock(key);
      return;
    }
    atomic.store<u32>(spinlock_grabbed + core_id * 4, grabbed(core_id) + 1);
    // Imitate some work which takes time
    const cd = countdown + core_id * 4;
    atomic.store<u32>(cd, 10000);
    while (atomic.sub<u32>(cd, 1) != 0);
    atomic_dec(fairness_test_cycles);
    k_spin_unlock(lock, spinlock_key);
  } while (atomic_get(fairness_test_cycles) != 0);
  arch_irq_unlock(key);
}

function test_init(): void {
  memory.fill(spinlock_grabbed, 0, MAX_CORES * 4);
  atomic_set(start_sync, CORES_NUM());
  atomic_set(fairness_test_cycles, FAIRNESS_TEST_CYCLES_PER_CORE * CORES_NUM());
  for (let core_id: u32 = 0; core_id < CORES_NUM(); core_id++) {
    const thread = k_thread_create(STACK_SIZE, test_thread, core_id, 0, 0, K_PRIO_COOP(10), 0, K_FOREVER);
    store<u32>(tthread + core_id * 4, changetype<u32>(thread));
    // Pin each thread to a particular CPU core. The larger the core's memory access latency
    // in comparison to the other cores - the less chances to win a contention for the
    // spinlock this core will have in case the spinlock implementation doesn't provide
    // acquisition fairness.
    k_thread_cpu_pin(thread, core_id);
  }
}

const spinlock = ZTEST_SUITE("spinlock", null, null, null, null);

// Test spinlock acquisition fairness: the probability to win the contention for a spinlock
// is evenly distributed between all of the contending cores.
ZTEST(spinlock, "test_spinlock_fairness", () => {
  if (CORES_NUM() < 2) ztest_test_skip(); // BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1)
  test_init();
  // Launching all the threads
  for (let core_id: u32 = 0; core_id < CORES_NUM(); core_id++) k_thread_start(get_thread(core_id));
  // Waiting for all the threads to complete
  for (let core_id: u32 = 0; core_id < CORES_NUM(); core_id++) k_thread_join(get_thread(core_id), K_FOREVER);
  // Print statistics
  for (let core_id: u32 = 0; core_id < CORES_NUM(); core_id++) {
    printk(`CPU${core_id} acquired spinlock ${grabbed(core_id)} times, expected ${FAIRNESS_TEST_CYCLES_PER_CORE}\n`);
  }
  // Verify the split. A ticket lock is FIFO, so on hardware every CPU gets exactly its share
  // and the check guards against regressions; on an emulated target the host decides how the
  // vCPUs run, so the split only says something about the host and is printed, not asserted.
  for (let core_id: u32 = 0; core_id < CORES_NUM(); core_id++) {
    if (CONFIG_QEMU_TARGET) {
      if (grabbed(core_id) < FAIRNESS_TEST_CYCLES_PER_CORE) {
        printk(
          `CPU${core_id} acquired the spinlock ${grabbed(core_id)} times, expected ${FAIRNESS_TEST_CYCLES_PER_CORE} ` +
            `(not asserted on an emulated target)\n`,
        );
      }
    } else {
      zassert_false(
        grabbed(core_id) < FAIRNESS_TEST_CYCLES_PER_CORE,
        `CPU${core_id} starved on a spinlock: acquired ${grabbed(core_id)} times, expected ${FAIRNESS_TEST_CYCLES_PER_CORE}\n`,
      );
    }
  }
});
