// Zephyr's samples/arch/smp/pi, ported: THREADS_NUM cooperative threads each compute the first
// DIGITS_NUM digits of pi on their own (Dik T. Winter's spigot), main waits for the last one
// and prints every thread's digits and the time taken; then the port checks the digits.
//
//   wasmp run examples/smp_pi/main.ts --config examples/smp_pi/prj.conf --cpus 4
//
// Upstream: zephyrproject-rtos/zephyr samples/arch/smp/pi/src/main.c at commit
// 8a9013776c69d11d12d5eb5080aa612767a69867 (Apache-2.0); prj.conf is upstream's, unchanged
// (commit cf308cbb6829aba7cf33b1ddb900514b641783a2). Same names, thread count (16), digits
// (240), priorities (workers K_PRIO_COOP(10), main at CONFIG_MAIN_THREAD_PRIORITY=11 from
// prj.conf), stack size formula and loop structure. Differences:
// - Each worker's `int array[LENGTH + 1] = {}` is a local on its C stack upstream (which is why
//   STACK_SIZE counts LENGTH ints). A wasmp thread's stack is an asyncify save area that holds
//   frames only while the thread is switched out, and AssemblyScript has no stack arrays, so the
//   array is the thread's own slice of static memory (`work`), zeroed by the thread as `= {}`
//   does, and passed as arg3 (NULL upstream). STACK_SIZE keeps upstream's value.
// - `static struct k_thread tthread[]` is gone: k_thread_create allocates the thread
//   (docs/api.md). `th_counter` is static memory initialised to THREADS_NUM, as upstream.
// - sprintf(buffer, "%.4d", value) is snprintk with the room left in the buffer (snprintk is
//   bounded; the bound is never reached, as sprintf's buffer is never overrun upstream).
// - Added: the check. After upstream's output, every thread's digits are compared with the
//   known first 240 digits of pi (PI_DIGITS); "Pi check: OK ..." and exit 0, or one line per
//   wrong thread and exit 1. Upstream only prints the digits (twister matches the lines).

import {
  printk,
  snprintk,
  arch_num_cpus,
  k_thread_create,
  K_THREAD_STACK_ARRAY_DEFINE,
  K_SEM_DEFINE,
  k_sem_take,
  k_sem_give,
  K_PRIO_COOP,
  K_NO_WAIT,
  K_FOREVER,
  CONFIG_SMP,
  atomic_dec,
  k_cycle_get_32,
  k_cyc_to_ns_floor64,
} from "wasmp";

/* Amount of execution threads to create and run */
const THREADS_NUM = 16;

/*
 * Amount of digits of Pi to calculate, must be a multiple of 4,
 * as used algorithm spits 4 digits on every iteration.
 */
const DIGITS_NUM = 240;

const LENGTH = (DIGITS_NUM / 4) * 14;
const STACK_SIZE = LENGTH * sizeof<i32>() + 1280;

const NEW_BASE = 10000;
const ARRAY_INIT = 2000;

/** The first 240 digits of pi (Machin's formula, checked against the published expansion). */
const PI_DIGITS =
  "314159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196442881097566593344612847564823378678316";

function CORES_NUM(): i32 {
  return CONFIG_SMP ? arch_num_cpus() : 1;
}

const tstack = K_THREAD_STACK_ARRAY_DEFINE(THREADS_NUM, STACK_SIZE);
// Shared data lives in static memory (a top-level `let` would be one copy per CPU).
const th_buffer = memory.data(THREADS_NUM * (DIGITS_NUM + 1));
const th_counter = memory.data<i32>([THREADS_NUM]);
/** Each worker's `int array[LENGTH + 1]` (on its stack upstream; see the header). */
const work = memory.data(THREADS_NUM * (LENGTH + 1) * sizeof<i32>(), 4);

const main_sem = K_SEM_DEFINE(0, 1);

function test_thread(arg1: usize, arg2: usize, arg3: usize): void {
  const counter = arg1;
  let buffer = arg2;
  const array = arg3;

  /*
   * Adapted and improved (for random number of digits) version of Pi
   * calculation program initially proposed by Dik T. Winter as:
   *   int a=10000,b,c=2800,d,e,f[2801],g;main(){for(;b-c;)f[b++]=a/5;
   *   for(;d=0,g=c*2;c-=14,printf("%.4d",e+d/a),e=d%a)for(b=c;d+=f[b]*a,
   *   f[b]=d%--g,d/=g--,--b;d*=b);}
   */
  memory.fill(array, 0, (LENGTH + 1) * sizeof<i32>());
  let carry = 0;
  let i: i32, j: i32;

  for (i = 0; i < LENGTH; i++) {
    store<i32>(array + ((<usize>i) << 2), ARRAY_INIT);
  }

  for (i = LENGTH; i > 0; i -= 14) {
    let sum = 0;

    for (j = i; j > 0; --j) {
      const a = array + ((<usize>j) << 2);
      sum = sum * j + NEW_BASE * load<i32>(a);
      store<i32>(a, sum % (j * 2 - 1));
      sum /= j * 2 - 1;
    }

    const value = carry + sum / NEW_BASE;
    carry = sum % NEW_BASE;

    /* Convert 4-digit int to string */
    snprintk(buffer, arg2 + DIGITS_NUM + 1 - buffer, "%.4d", value);
    buffer += 4;
  }

  if (atomic_dec(counter) == 1) {
    k_sem_give(main_sem);
  }
}

/** Compares every thread's digits with PI_DIGITS; prints one line per wrong thread. */
function check_digits(): i32 {
  let wrong = 0;
  for (let i = 0; i < THREADS_NUM; i++) {
    const buffer = th_buffer + <usize>i * (DIGITS_NUM + 1);
    for (let k = 0; k <= DIGITS_NUM; k++) {
      const got = <i32>load<u8>(buffer + k);
      const want = k < DIGITS_NUM ? PI_DIGITS.charCodeAt(k) : 0;
      if (got != want) {
        if (k == DIGITS_NUM) printk("Pi check: FAILED: thread #%d: more than %d digits\n", i, DIGITS_NUM);
        else if (got == 0) printk("Pi check: FAILED: thread #%d: only %d digits\n", i, k);
        else printk("Pi check: FAILED: thread #%d: digit %d is '%c', pi's is '%c'\n", i, k + 1, got, want);
        wrong++;
        break;
      }
    }
  }
  if (wrong != 0) return 1;
  printk("Pi check: OK: all %d threads computed the first %d digits of pi\n", THREADS_NUM, DIGITS_NUM);
  return 0;
}

export function main(): i32 {
  let i: i32;

  printk("Calculate first %d digits of Pi independently by %d threads.\n", DIGITS_NUM, THREADS_NUM);

  /* Capture initial time stamp */
  const start_time: u32 = k_cycle_get_32();

  for (i = 0; i < THREADS_NUM; i++) {
    k_thread_create(
      tstack[i],
      test_thread,
      th_counter,
      th_buffer + <usize>i * (DIGITS_NUM + 1),
      work + <usize>i * (LENGTH + 1) * sizeof<i32>(),
      K_PRIO_COOP(10),
      0,
      K_NO_WAIT,
    );
  }

  /* Wait for all workers to finish their calculations */
  k_sem_take(main_sem, K_FOREVER);

  /* Capture final time stamp */
  const stop_time: u32 = k_cycle_get_32();

  const cycles_spent: u32 = stop_time - start_time;
  const nanoseconds_spent = <u32>k_cyc_to_ns_floor64(cycles_spent);

  for (i = 0; i < THREADS_NUM; i++) {
    printk("Pi value calculated by thread #%d: %s\n", i, th_buffer + <usize>i * (DIGITS_NUM + 1));
  }

  printk("All %d threads executed by %d cores in %d msec\n", THREADS_NUM, CORES_NUM(), nanoseconds_spent / 1000 / 1000);
  return check_digits();
}
