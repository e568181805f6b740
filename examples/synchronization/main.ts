// Zephyr's samples/synchronization, ported: two threads take turns printing a greeting,
// handing the turn over with two semaphores and sleeping in between; on SMP thread_a is
// pinned to CPU 0 and thread_b to CPU 1. Runs forever, as upstream:
//
//   wasmp run examples/synchronization/main.ts --config examples/synchronization/prj.conf --cpus 4
//
// Bounded mode: synchronization_main(rounds) runs `rounds` greetings per thread (0: forever,
// upstream's behaviour, what main() does), then checks the run and returns 0 or 1.
// examples/synchronization/bounded.ts is main() with 2 rounds (what test/examples.test.ts runs):
//
//   wasmp run examples/synchronization/bounded.ts --config examples/synchronization/prj.conf --cpus 4
//
// Upstream: zephyrproject-rtos/zephyr samples/synchronization/src/main.c at commit
// 1714a88861dbf49c03af2192db22593e2d32bb93 (Apache-2.0); prj.conf is upstream's, unchanged
// (commit 8a9013776c69d11d12d5eb5080aa612767a69867). Same names, stack size, priority (7),
// timing (k_busy_wait(100000), then k_msleep(SLEEPTIME = 500)), semaphores, pinning and loop
// structure. Differences:
// - The run ends when main() returns (docs/cli.md), so main() does not return after starting
//   the threads, as upstream's does: it waits on `done`, which the threads give when their
//   rounds are over (never, in the default forever mode) or when a check fails.
// - Added: the check. Every greeting takes a number from a shared turn counter: thread_a must
//   get the even turns and thread_b the odd ones, no other greeting may happen while a thread
//   holds the turn (through its busy wait and its sleep), and each thread must report the CPU it
//   is pinned to (CPU 0 for thread_a, CPU 1 for thread_b; both CPU 0 on a 1-CPU board, where
//   upstream pins nothing), before and after its sleep. A failure prints "synchronization:
//   FAILED: ..." and main returns 1, in either mode; the bounded mode ends with "synchronization:
//   OK: ..." and returns 0.
// - helloLoop's `while (1)` counts its greetings against `rounds` (0: forever), and helloLoop
//   takes the parity of its thread's turns (0: thread_a, 1: thread_b) for the check.
// - CONFIG_SCHED_CPU_MASK is always on in wasmp, so PIN_THREADS is CONFIG_SMP.
// - `__func__` is written out ("threadA", "threadB"). k_thread_name_get returns a string made
//   on the kernel heap; the loop frees it (wasmp_free), so that the forever mode does not leak
//   one name per greeting.

import {
  printk,
  arch_num_cpus,
  arch_curr_cpu,
  k_current_get,
  k_tid_t,
  k_thread_create,
  k_thread_name_get,
  k_thread_name_set,
  k_thread_cpu_pin,
  k_thread_start,
  K_THREAD_STACK_DEFINE,
  K_SEM_DEFINE,
  k_sem,
  k_sem_take,
  k_sem_give,
  k_busy_wait,
  k_msleep,
  K_FOREVER,
  CONFIG_SMP,
  CONFIG_BOARD,
  atomic_get,
  atomic_inc,
  atomic_set,
  wasmp_free,
} from "wasmp";

/*
 * The hello world demo has two threads that utilize semaphores and sleeping
 * to take turns printing a greeting message at a controlled rate. The demo
 * shows both the static and dynamic approaches for spawning a thread; a real
 * world application would likely use the static approach for both threads.
 */

const PIN_THREADS: bool = CONFIG_SMP; // && CONFIG_SCHED_CPU_MASK, always y in wasmp

/* size of stack area used by each thread */
const STACKSIZE = 1024;

/* scheduling priority used by each thread */
const PRIORITY = 7;

/* delay between greetings (in ms) */
const SLEEPTIME = 500;

// --- the check (added; see the header) ------------------------------------------------------
// Shared by every CPU, so in static memory.

/** Greetings per thread before the threads end; 0: forever. */
const rounds = memory.data(4, 4);
/** The next greeting's number. */
const turn = memory.data(4, 4);
/** Threads whose rounds are over. */
const finished = memory.data(4, 4);
/** 1 once a check failed. */
const failed = memory.data(4, 4);
/** Given when both threads are done, or when a check fails. */
const done = K_SEM_DEFINE(0, 1);

/** The CPU thread `parity` (0: thread_a, 1: thread_b) runs on. */
function pinned_cpu(parity: i32): u32 {
  return PIN_THREADS && arch_num_cpus() > 1 ? <u32>parity : 0;
}

function fail(): void {
  atomic_set(failed, 1);
  k_sem_give(done);
}

/** The checks of one greeting, number `t`, by the thread whose turns have parity `parity`. */
function check_turn(who: string, parity: i32, t: i32, cpu: u32, when: string): bool {
  if ((t & 1) != parity) {
    printk("synchronization: FAILED: %s greeted at turn %d, which is the other thread's\n", who, t);
    return false;
  }
  if (atomic_get(turn) != t + 1) {
    printk("synchronization: FAILED: %s holds turn %d but the turn counter is at %d\n", who, t, atomic_get(turn));
    return false;
  }
  if (cpu != pinned_cpu(parity)) {
    printk("synchronization: FAILED: %s ran on cpu %d %s, expected cpu %d\n", who, cpu, when, pinned_cpu(parity));
    return false;
  }
  return true;
}

// --- upstream -------------------------------------------------------------------------------

/*
 * @param my_name      thread identification string
 * @param my_sem       thread's own semaphore
 * @param other_sem    other thread's semaphore
 */
function helloLoop(my_name: string, my_sem: k_sem, other_sem: k_sem, parity: i32): void {
  let tname: string | null;
  let cpu: u32;
  let current_thread: k_tid_t;
  const limit = load<i32>(rounds);

  for (let greeted = 0; limit == 0 || greeted < limit; greeted++) {
    /* take my semaphore */
    k_sem_take(my_sem, K_FOREVER);
    const t = atomic_inc(turn);

    current_thread = k_current_get();
    tname = k_thread_name_get(current_thread);
    if (CONFIG_SMP) {
      cpu = arch_curr_cpu().id;
    } else {
      cpu = 0;
    }
    /* say "hello" */
    if (tname == null) {
      printk("%s: Hello World from cpu %d on %s!\n", my_name, cpu, CONFIG_BOARD);
    } else {
      printk("%s: Hello World from cpu %d on %s!\n", tname, cpu, CONFIG_BOARD);
    }
    const who = tname != null ? tname : my_name;
    if (!check_turn(who, parity, t, cpu, "before its sleep")) {
      fail();
      return;
    }

    /* wait a while, then let other thread have a turn */
    k_busy_wait(100000);
    k_msleep(SLEEPTIME);
    if (!check_turn(who, parity, t, CONFIG_SMP ? arch_curr_cpu().id : 0, "after its sleep")) {
      fail();
      return;
    }
    if (tname != null) wasmp_free(tname);
    k_sem_give(other_sem);
  }
  if (atomic_inc(finished) == 1) k_sem_give(done);
}

/* define semaphores */

const threadA_sem = K_SEM_DEFINE(1, 1); /* starts off "available" */
const threadB_sem = K_SEM_DEFINE(0, 1); /* starts off "not available" */

/* threadB is a dynamic thread that is spawned by threadA */

function threadB(dummy1: usize, dummy2: usize, dummy3: usize): void {
  /* invoke routine to ping-pong hello messages with threadA */
  helloLoop("threadB", threadB_sem, threadA_sem, 1);
}

const threadA_stack_area = K_THREAD_STACK_DEFINE(STACKSIZE);

const threadB_stack_area = K_THREAD_STACK_DEFINE(STACKSIZE);

/* threadA is a static thread that is spawned automatically */

function threadA(dummy1: usize, dummy2: usize, dummy3: usize): void {
  /* invoke routine to ping-pong hello messages with threadB */
  helloLoop("threadA", threadA_sem, threadB_sem, 0);
}

/**
 * The sample with `rounds_per_thread` greetings per thread (0: forever, as upstream). Returns
 * 0 once both threads are done and every check passed, 1 as soon as one failed.
 */
export function synchronization_main(rounds_per_thread: i32): i32 {
  store<i32>(rounds, rounds_per_thread);

  const threadA_data = k_thread_create(threadA_stack_area, threadA, 0, 0, 0, PRIORITY, 0, K_FOREVER);
  k_thread_name_set(threadA_data, "thread_a");
  if (PIN_THREADS) {
    if (arch_num_cpus() > 1) {
      k_thread_cpu_pin(threadA_data, 0);
    }
  }

  const threadB_data = k_thread_create(threadB_stack_area, threadB, 0, 0, 0, PRIORITY, 0, K_FOREVER);
  k_thread_name_set(threadB_data, "thread_b");
  if (PIN_THREADS) {
    if (arch_num_cpus() > 1) {
      k_thread_cpu_pin(threadB_data, 1);
    }
  }

  k_thread_start(threadA_data);
  k_thread_start(threadB_data);

  // Added (see the header): wait for the end of the rounds, or for a failed check.
  k_sem_take(done, K_FOREVER);
  if (atomic_get(failed) != 0) return 1;
  const greetings = atomic_get(turn);
  if (greetings != 2 * rounds_per_thread) {
    printk("synchronization: FAILED: %d greetings, expected %d\n", greetings, 2 * rounds_per_thread);
    return 1;
  }
  printk(
    "synchronization: OK: %d greetings, thread_a and thread_b alternating, thread_a on cpu %d, thread_b on cpu %d\n",
    greetings,
    pinned_cpu(0),
    pinned_cpu(1),
  );
  return 0;
}

export function main(): i32 {
  return synchronization_main(0);
}
