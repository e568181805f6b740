// Translation of Zephyr tests/kernel/smp_boot_delay/src/main.c (zephyrproject-rtos/zephyr at
// 2fcd54a235892ccbc9629b74cfa1192dc0d31ada): test_smp_boot_delay. Needs
// CONFIG_SMP_BOOT_DELAY=y (test/conformance/smp_boot_delay.conf). Same thread, priority and
// assertions. Scaled: CPU_IPI_DELAY is 5 ms instead of 100 us: waking a parked host thread
// takes 50-200 us, and the first interrupt-exit switch on a freshly started CPU measured up to
// about 2 ms (its code paths run there for the first time).
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  k_thread_create,
  k_thread_abort,
  k_busy_wait,
  z_smp_start_cpu,
  K_NO_WAIT,
  CONFIG_SMP,
  CONFIG_SMP_BOOT_DELAY,
  arch_num_cpus,
  k_tid_t,
} from "wasmp";

// Experimentally 10ms is enough time to get the second CPU to run on all known platforms.
const CPU_START_DELAY = 10000;
// IPIs happen much faster than CPU startup
const CPU_IPI_DELAY = 5000; // scaled from 100

const STACKSZ = 2048;
const mp_flag = memory.data(4, 4); // volatile bool

function thread_fn(a: usize, b: usize, c: usize): void {
  atomic.store<u32>(mp_flag, 1);
}

const smp_boot_delay = ZTEST_SUITE("smp_boot_delay");

ZTEST(smp_boot_delay, "test_smp_boot_delay", () => {
  // BUILD_ASSERTs of the original
  zassert_true(CONFIG_SMP && CONFIG_SMP_BOOT_DELAY && arch_num_cpus() > 1, "needs SMP, SMP_BOOT_DELAY, 2+ CPUs");
  // Create a thread of lower priority. This could run on another CPU if it was available,
  // but will not preempt us unless we block (which we do not).
  let thr: k_tid_t = k_thread_create(STACKSZ, thread_fn, 0, 0, 0, 1, 0, K_NO_WAIT);
  // Make sure that thread has not run (because the cpu is halted)
  k_busy_wait(CPU_START_DELAY);
  zassert_false(atomic.load<u32>(mp_flag) != 0, "CPU1 must not be running yet");
  // Start the second CPU
  z_smp_start_cpu(1);
  // Verify the thread ran
  k_busy_wait(CPU_START_DELAY);
  zassert_true(atomic.load<u32>(mp_flag) != 0, "CPU1 did not start");
  k_thread_abort(thr);
  // Spawn the same thread to do the same thing, but this time expect that the thread is
  // going to run synchronously on the other CPU as soon as its created. Intended to test
  // whether IPIs were correctly set up on the runtime-launched CPU.
  atomic.store<u32>(mp_flag, 0);
  thr = k_thread_create(STACKSZ, thread_fn, 0, 0, 0, 1, 0, K_NO_WAIT);
  k_busy_wait(CPU_IPI_DELAY);
  zassert_true(atomic.load<u32>(mp_flag) != 0, "CPU1 did not start thread via IPI");
});
