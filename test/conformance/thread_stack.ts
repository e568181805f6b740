// Translation of Zephyr tests/kernel/threads/thread_stack/src/main.c (zephyrproject-rtos/zephyr
// @ 4052972e; prj.conf @ 0a4a282c): test_stack_buffer (its portable checks) and
// test_idle_stack, in the 1cpu suite userspace_thread_stack.
//
// wasmp has no stack memory to inspect: a stack object (K_THREAD_STACK_DEFINE,
// K_KERNEL_STACK_DEFINE, their _ARRAY_ forms) stands for its size, and a thread's "stack" is
// the save area the kernel allocates for it, which holds its frames only while it is switched
// out. test_stack_buffer therefore keeps, for every stack of the original (user_stack,
// user_stack_array[3], kern_stack, kern_stack_array[3]), the launch of a thread on it, the
// size equivalence K_*_STACK_SIZEOF(stack) == K_*_STACK_LEN(declared) - K_*_STACK_RESERVED
// (no reserved space, no rounding in wasmp) and both k_thread_stack_space_get checks (from the
// thread, and on it after the join); it drops the checks on the object's own memory (object
// bounds, alignment, carve-out, the read/write sweep of the buffer, MPU permissions) and the
// K_KERNEL_STACK_MEMBER case, which have no counterpart, and the user-mode launches (no
// userspace: Zephyr runs them only for user stacks under CONFIG_USERSPACE). The irq stack
// printout is dropped (wasmp's ISRs run on the interrupted context).
// test_idle_stack: Zephyr skips it under CONFIG_KERNEL_COHERENCE because stacks are not
// coherent there; wasmp accepts that option but its memory is coherent, so the test runs.
// k_thread_system_pool_assign (a userspace heap grant) is dropped.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  printk,
  k_thread,
  k_thread_stack_t,
  k_tid_t,
  k_thread_create,
  k_thread_start,
  k_thread_join,
  k_thread_stack_space_get,
  k_current_get,
  k_sleep,
  k_calloc,
  k_free,
  arch_curr_cpu,
  K_THREAD_STACK_DEFINE,
  K_THREAD_STACK_ARRAY_DEFINE,
  K_KERNEL_STACK_DEFINE,
  K_KERNEL_STACK_ARRAY_DEFINE,
  K_THREAD_STACK_SIZEOF,
  K_KERNEL_STACK_SIZEOF,
  K_FOREVER,
  K_NO_WAIT,
  K_MSEC,
  ENOTSUP,
} from "wasmp";

const CONFIG_TEST_EXTRA_STACK_SIZE = 0;
const CONFIG_NO_UNUSED_STACK_INSPECTION = false;
/** K_THREAD_STACK_RESERVED, K_KERNEL_STACK_RESERVED: wasmp reserves nothing in a stack. */
const K_THREAD_STACK_RESERVED = 0;
const K_KERNEL_STACK_RESERVED = 0;
/** K_*_STACK_LEN(size): the object's length for `size` usable bytes (no rounding in wasmp). */
function K_KERNEL_STACK_LEN(size: i32): i32 {
  return size + K_KERNEL_STACK_RESERVED;
}

/*
 * Stack testing
 */
const test_thread = memory.data(4, 4); // struct k_thread test_thread: the last one created
const NUM_STACKS = 3;
const STEST_STACKSIZE = 512 + CONFIG_TEST_EXTRA_STACK_SIZE;
const user_stack = K_THREAD_STACK_DEFINE(STEST_STACKSIZE);
const user_stack_array = K_THREAD_STACK_ARRAY_DEFINE(NUM_STACKS, STEST_STACKSIZE);
const kern_stack = K_KERNEL_STACK_DEFINE(STEST_STACKSIZE);
const kern_stack_array = K_KERNEL_STACK_ARRAY_DEFINE(NUM_STACKS, STEST_STACKSIZE);

// Global data structure with object information, used by stack_buffer_scenarios (static
// memory: the scenario thread reads what the test thread wrote).
// { stack, is_user, reported_size, declared_size, is_array }
const scenario_data = memory.data(20, 4);
const SD_STACK = 0;
const SD_IS_USER = 4;
const SD_REPORTED = 8;
const SD_DECLARED = 12;
const SD_IS_ARRAY = 16;

function stack_buffer_scenarios(): void {
  const is_usermode = false;
  const t = k_current_get();
  /* Dump interesting information */
  printk("   - Thread reports buffer %p size %u\n", t.stack_buf, t.stack_size);
  const reserved = K_KERNEL_STACK_RESERVED; // all stacks are kernel stacks without userspace
  let adjusted: i32;
  if (load<u32>(scenario_data + SD_IS_ARRAY) == 0) {
    adjusted = K_KERNEL_STACK_LEN(load<i32>(scenario_data + SD_DECLARED));
    adjusted -= reserved;
  } else {
    adjusted = K_KERNEL_STACK_LEN(load<i32>(scenario_data + SD_DECLARED));
    adjusted -= reserved;
  }
  const reported = load<i32>(scenario_data + SD_REPORTED);
  zassert_true(adjusted == reported, `size mismatch: adjusted ${adjusted} vs. reported ${reported}`);

  const unused = k_calloc(1, 4);
  const ret = k_thread_stack_space_get(k_current_get(), unused);
  let expected: i32;
  if (!is_usermode && CONFIG_NO_UNUSED_STACK_INSPECTION) {
    expected = -ENOTSUP;
  } else {
    expected = 0;
  }
  zassert_equal(ret, expected, `unexpected return value ${ret}`);
  if (ret == 0) printk("self-reported unused stack space: %u\n", load<u32>(unused));
  k_free(unused);
}

function stest_thread_entry(p1: usize, p2: usize, p3: usize): void {
  stack_buffer_scenarios(); // drop (p1) is false without userspace
}

function stest_thread_launch(flags: u32, drop: bool): void {
  const stack = changetype<k_thread_stack_t>(<usize>load<u32>(scenario_data + SD_STACK));
  const t = k_thread_create(stack, stest_thread_entry, drop ? 1 : 0, 0, 0, -1, flags, K_FOREVER);
  atomic.store<u32>(test_thread, <u32>changetype<usize>(t));
  k_thread_start(t);
  k_thread_join(t, K_FOREVER);
  const unused = k_calloc(1, 4);
  const ret = k_thread_stack_space_get(t, unused);
  zassert_equal(ret, 0, "failed to calculate unused stack space\n");
  printk("target thread unused stack space: %u\n", load<u32>(unused));
  k_free(unused);
}

function scenario_entry(stack_obj: k_thread_stack_t, reported_size: i32, declared_size: i32, is_array: bool): void {
  store<u32>(scenario_data + SD_STACK, <u32>changetype<usize>(stack_obj));
  store<u32>(scenario_data + SD_IS_USER, 0);
  store<i32>(scenario_data + SD_REPORTED, reported_size);
  store<i32>(scenario_data + SD_DECLARED, declared_size);
  store<u32>(scenario_data + SD_IS_ARRAY, is_array ? 1 : 0);
  printk("Stack object %p[%d]\n", stack_obj, reported_size);
  printk(" - Testing supervisor mode\n");
  stest_thread_launch(0, false);
}

const userspace_thread_stack = ZTEST_SUITE(
  "userspace_thread_stack",
  thread_setup,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);

function thread_setup(): usize {
  return 0;
}

ZTEST(userspace_thread_stack, "test_stack_buffer", () => {
  printk("Reserved space (thread stacks): %d\n", K_THREAD_STACK_RESERVED);
  printk("Reserved space (kernel stacks): %d\n", K_KERNEL_STACK_RESERVED);
  printk("Provided stack size: %u\n", STEST_STACKSIZE);

  printk("\ntesting user_stack\n");
  scenario_entry(user_stack, K_THREAD_STACK_SIZEOF(user_stack), STEST_STACKSIZE, false);
  for (let i = 0; i < NUM_STACKS; i++) {
    printk("\ntesting user_stack_array[%d]\n", i);
    scenario_entry(user_stack_array[i], K_THREAD_STACK_SIZEOF(user_stack_array[i]), STEST_STACKSIZE, true);
  }
  printk("\ntesting kern_stack\n");
  scenario_entry(kern_stack, K_KERNEL_STACK_SIZEOF(kern_stack), STEST_STACKSIZE, false);
  for (let i = 0; i < NUM_STACKS; i++) {
    printk("\ntesting kern_stack_array[%d]\n", i);
    scenario_entry(kern_stack_array[i], K_KERNEL_STACK_SIZEOF(kern_stack_array[i]), STEST_STACKSIZE, true);
  }
});

function no_op_entry(p1: usize, p2: usize, p3: usize): void {
  printk("hi! bye!\n");
  /* thread self-aborts, triggering idle thread cleanup */
}

ZTEST(userspace_thread_stack, "test_idle_stack", () => {
  /* 1cpu test case, so all other CPUs are spinning with co-op threads blocking them. */
  const idle = changetype<k_thread>(arch_curr_cpu().idle_thread);
  const unused_bytes = k_calloc(1, 4);
  /* Spwawn a child thread which self-exits */
  const t: k_tid_t = k_thread_create(kern_stack, no_op_entry, 0, 0, 0, -1, 0, K_NO_WAIT);
  atomic.store<u32>(test_thread, <u32>changetype<usize>(t));
  k_thread_join(t, K_FOREVER);
  /* Also sleep for a bit, which also exercises the idle thread in case some PM hooks will run */
  k_sleep(K_MSEC(1));
  /* Now measure idle thread stack usage */
  const ret = k_thread_stack_space_get(idle, unused_bytes);
  const unused = load<u32>(unused_bytes);
  zassert_true(ret == 0, "failed to obtain stack space");
  zassert_true(unused > 0, `idle thread stack size ${idle.stack_size} too low`);
  printk("unused idle thread stack size: %u/%u (%u used)\n", unused, idle.stack_size, idle.stack_size - unused);
  k_free(unused_bytes);
});
