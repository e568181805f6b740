// Translation of Zephyr tests/kernel/stack/stack (zephyrproject-rtos/zephyr), the program
// whose suite is test_stack_usage: src/main.c @ 02c88e5842a39e69ed1ce163ad773f647df37da6 (the
// newest stored copy; it lists the tests of all three files), src/test_stack_contexts.c
// @ ade7ccb918080de3714bcbf16ebba3a39429edc2 and src/test_stack_fail.c
// @ 00cafdabf37376406fa823c0675304c9513b64a3 (ZTEST(stack_fail, ...)). Its prj.conf is
// stack.conf. The older tests/kernel/stack/stack_api and stack_usage directories are earlier
// copies of these files (stack_api's tests are test_stack_contexts.c's and test_stack_fail.c's,
// stack_usage's three are main.c's), not translated twice.
// Same stacks (STACK_LEN 4, and 2 in test_stack_fail.c), data, threads, priorities, delays,
// timeouts and assertions, with these differences:
// - prj.conf sets CONFIG_MP_MAX_NUM_CPUS=1: Zephyr runs this program on one CPU. Here every
//   CPU of the board boots, and the tests that assume a single CPU run with the other CPUs
//   held (suite stack_usage_1cpu, ztest_simple_1cpu_before/after): test_dual_stack_play and
//   test_isr_stack_play, which Zephyr marks ztest_1cpu_unit_test, and test_stack_thread2thread,
//   test_stack_alloc_thread2thread and test_stack_pop_can_wait, whose helper thread pops or
//   pushes with K_NO_WAIT as soon as it is created and would race the test's own pushes on a
//   second CPU. The other tests run on all CPUs.
// - Suites: main.c's one list becomes stack_usage and stack_usage_1cpu, in the list's order
//   within each; test_stack_fail.c's tests are its suite stack_fail. test_stack_alloc_null,
//   defined in test_stack_contexts.c but missing from this copy of the list, runs too.
// - Userspace: CONFIG_TEST_USERSPACE has no counterpart. The ztest_user_unit_test tests that
//   are not userspace-specific (test_single_stack_play) run as kernel threads; K_USER and
//   K_INHERIT_PERMS are dropped. The seven test_stack_user_* tests are not translated
//   (test/conformance/README.md).
// - K_HEAP_DEFINE(test_pool, 128 * 3) and k_thread_heap_assign(k_current_get(), &test_pool)
//   in test_main: the assignment is in the suites' setup, which runs in the thread that creates
//   the test threads, so they inherit the pool as Zephyr's do.
// - `struct k_stack stack` and stack3 are static memory (SIZEOF_K_STACK); C arrays are static
//   words where they are globals and heap arrays where they are locals; `&x[i]` is slot();
//   memcmp(a, b, n) != 0 is !same(a, b); thread objects and stacks come from the kernel heap.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  k_stack,
  K_STACK_DEFINE,
  k_stack_init,
  k_stack_alloc_init,
  k_stack_cleanup,
  k_stack_push,
  k_stack_pop,
  SIZEOF_K_STACK,
  K_HEAP_DEFINE,
  k_thread_heap_assign,
  K_SEM_DEFINE,
  k_sem_init,
  k_sem_take,
  k_sem_give,
  k_thread_create,
  k_thread_abort,
  k_thread_join,
  k_thread_priority_get,
  k_thread_priority_set,
  k_current_get,
  k_sleep,
  irq_offload,
  K_PRIO_PREEMPT,
  K_MSEC,
  K_NO_WAIT,
  K_FOREVER,
  EBUSY,
  EAGAIN,
  ENOMEM,
} from "wasmp";

// --- main.c --------------------------------------------------------------------------------

const TSTACK_SIZE = 512;
const STACK_LEN = 4;

// stack objects used in this test
const stack1 = K_STACK_DEFINE(memory.data(4 * STACK_LEN, 4), STACK_LEN);
const stack2 = K_STACK_DEFINE(memory.data(4 * STACK_LEN, 4), STACK_LEN);

// Data pushed to stack
const data1 = memory.data<u32>([0xaaaa, 0xbbbb, 0xcccc, 0xdddd]);
const data2 = memory.data<u32>([0x1111, 0x2222, 0x3333, 0x4444]);
const data_isr = memory.data<u32>([0xabcd, 0xabcd, 0xabcd, 0xabcd]);

// semaphore to sync threads (static struct k_sem end_sema, k_sem_init by the tests)
const end_sema = K_SEM_DEFINE(0, 1);

const test_pool = K_HEAP_DEFINE(memory.data(128 * 3, 8), 128 * 3);

/** `&x[i]` for an array of stack_data_t (4 bytes each). */
function slot(x: usize, i: i32): usize {
  return x + ((<usize>i) << 2);
}

/** memcmp(a, b, STACK_LEN entries) == 0 */
function same(a: usize, b: usize): bool {
  return memory.compare(a, b, 4 * STACK_LEN) == 0;
}

// entry of contexts
function tIsr_entry_push(p: usize): void {
  // Push items to stack
  for (let i = 0; i < STACK_LEN; i++) k_stack_push(changetype<k_stack>(p), load<u32>(slot(data_isr, i)));
}

function tIsr_entry_pop(p: usize): void {
  // Pop items from stack
  for (let i = 0; i < STACK_LEN; i++) {
    if (p == changetype<usize>(stack1)) k_stack_pop(changetype<k_stack>(p), slot(data1, i), K_NO_WAIT);
    else k_stack_pop(changetype<k_stack>(p), slot(data2, i), K_NO_WAIT);
  }
}

function thread_entry_fn_single(p1: usize, p2: usize, p3: usize): void {
  const tmp = changetype<usize>(new StaticArray<u32>(STACK_LEN));
  // Pop items from stack
  for (let i = STACK_LEN; i > 0; i--) k_stack_pop(changetype<k_stack>(p1), slot(tmp, i - 1), K_NO_WAIT);
  zassert_false(!same(tmp, data1), "Push & Pop items does not match");
  // Push items from stack
  for (let i = 0; i < STACK_LEN; i++) k_stack_push(changetype<k_stack>(p1), load<u32>(slot(data2, i)));
  // Give control back to Test thread
  k_sem_give(end_sema);
}

function thread_entry_fn_dual(p1: usize, p2: usize, p3: usize): void {
  const tmp = changetype<usize>(new StaticArray<u32>(STACK_LEN));
  for (let i = 0; i < STACK_LEN; i++) {
    // Pop items from stack2
    k_stack_pop(changetype<k_stack>(p2), slot(tmp, i), K_FOREVER);
    // Push items to stack1
    k_stack_push(changetype<k_stack>(p1), load<u32>(slot(data1, i)));
  }
  zassert_false(!same(tmp, data2), "Push & Pop items does not match");
}

function thread_entry_fn_isr(p1: usize, p2: usize, p3: usize): void {
  // Pop items from stack2
  irq_offload(tIsr_entry_pop, p2);
  zassert_false(!same(data_isr, data2), "Push & Pop items does not match");
  // Push items to stack1
  irq_offload(tIsr_entry_push, p1);
  // Give control back to Test thread
  k_sem_give(end_sema);
}

// Verify data passing between threads using single stack
function test_single_stack_play(): void {
  const tmp = changetype<usize>(new StaticArray<u32>(STACK_LEN));
  // Init kernel objects
  k_sem_init(end_sema, 0, 1);
  // Push items to stack
  for (let i = 0; i < STACK_LEN; i++) k_stack_push(stack1, load<u32>(slot(data1, i)));
  const tid = k_thread_create(
    TSTACK_SIZE,
    thread_entry_fn_single,
    changetype<usize>(stack1),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  // Let the child thread run
  k_sem_take(end_sema, K_FOREVER);
  // Pop items from stack
  for (let i = STACK_LEN; i > 0; i--) k_stack_pop(stack1, slot(tmp, i - 1), K_NO_WAIT);
  zassert_false(!same(tmp, data2), "Push & Pop items does not match");
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
}

// Verify data passing between threads using dual stack
function test_dual_stack_play(): void {
  const tmp = changetype<usize>(new StaticArray<u32>(STACK_LEN));
  const tid = k_thread_create(
    TSTACK_SIZE,
    thread_entry_fn_dual,
    changetype<usize>(stack1),
    changetype<usize>(stack2),
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  for (let i = 0; i < STACK_LEN; i++) {
    // Push items to stack2
    k_stack_push(stack2, load<u32>(slot(data2, i)));
    // Pop items from stack1
    k_stack_pop(stack1, slot(tmp, i), K_FOREVER);
  }
  zassert_false(!same(tmp, data1), "Push & Pop items does not match");
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
}

// Verify data passing between thread and ISR
function test_isr_stack_play(): void {
  // Init kernel objects
  k_sem_init(end_sema, 0, 1);
  const tid = k_thread_create(
    TSTACK_SIZE,
    thread_entry_fn_isr,
    changetype<usize>(stack1),
    changetype<usize>(stack2),
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  // Push items to stack2
  irq_offload(tIsr_entry_push, changetype<usize>(stack2));
  // Let the child thread run
  k_sem_take(end_sema, K_FOREVER);
  // Pop items from stack1
  irq_offload(tIsr_entry_pop, changetype<usize>(stack1));
  zassert_false(!same(data_isr, data1), "Push & Pop items does not match");
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
}

// the thread entry
function thread_entry_wait(p1: usize, p2: usize, p3: usize): void {
  const txdata = p3;
  k_stack_push(changetype<k_stack>(p1), load<u32>(slot(txdata, 2)));
  k_stack_push(changetype<k_stack>(p1), load<u32>(slot(txdata, 3)));
}

// Test that the stack pop can be waited if no item available: a new stack, with waits
// forever and for at most 50 ms.
const stack3 = changetype<k_stack>(memory.data(SIZEOF_K_STACK, 16)); // struct k_stack stack3 (a local in C)
function test_stack_pop_can_wait(): void {
  const tx = new StaticArray<u32>(STACK_LEN);
  tx[0] = 0xaa;
  tx[1] = 0xbb;
  tx[2] = 0xcc;
  tx[3] = 0xdd;
  const tx_data = changetype<usize>(tx);
  const rx_data = changetype<usize>(new StaticArray<u32>(STACK_LEN));
  k_stack_alloc_init(stack3, 2);
  const tid = k_thread_create(
    TSTACK_SIZE,
    thread_entry_wait,
    changetype<usize>(stack3),
    0,
    tx_data,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  for (let i = 0; i < 2; i++) k_stack_push(stack3, load<u32>(slot(tx_data, i)));
  for (let i = 0; i < 3; i++) k_stack_pop(stack3, slot(rx_data, i), K_FOREVER);
  zassert_true(load<u32>(slot(rx_data, 2)) == load<u32>(slot(tx_data, 2)), "wait foreve and pop failed\n");
  k_stack_pop(stack3, slot(rx_data, 3), K_MSEC(50));
  zassert_true(load<u32>(slot(rx_data, 3)) == load<u32>(slot(tx_data, 3)), "Wait maxmum time pop failed\n");
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
  // free the buffer allocated
  k_stack_cleanup(stack3);
}

// --- test_stack_contexts.c -----------------------------------------------------------------

const STACK_SIZE = 512;
const HIGH_T1 = 0xaaa;
const HIGH_T2 = 0xbbb;
const LOW_PRIO = 0xccc;

// TESTPOINT: init via K_STACK_DEFINE
const kstack = K_STACK_DEFINE(memory.data(4 * STACK_LEN, 4), STACK_LEN);
const kstack_test_alloc = K_STACK_DEFINE(memory.data(4 * STACK_LEN, 4), STACK_LEN);
const stack = changetype<k_stack>(memory.data(SIZEOF_K_STACK, 16)); // struct k_stack stack
// static stack_data_t data[STACK_LEN] = { 0xABCD, 0x1234 }: also the buffer of `stack`
const data = memory.data<u32>([0xabcd, 0x1234, 0, 0]);
const end_sema1 = K_SEM_DEFINE(0, 1);

function tstack_push(pstack: k_stack): void {
  for (let i = 0; i < STACK_LEN; i++) {
    // TESTPOINT: stack push
    k_stack_push(pstack, load<u32>(slot(data, i)));
  }
}

function tstack_pop(pstack: k_stack): void {
  const rx_data = changetype<usize>(new StaticArray<u32>(1));
  for (let i = STACK_LEN - 1; i >= 0; i--) {
    // TESTPOINT: stack pop
    zassert_false(k_stack_pop(pstack, rx_data, K_NO_WAIT) != 0);
    zassert_equal(load<u32>(rx_data), load<u32>(slot(data, i)));
  }
}

// entry of contexts
function tIsr_entry_push_ctx(p: usize): void {
  tstack_push(changetype<k_stack>(p));
}

function tIsr_entry_pop_ctx(p: usize): void {
  tstack_pop(changetype<k_stack>(p));
}

function tThread_entry(p1: usize, p2: usize, p3: usize): void {
  tstack_pop(changetype<k_stack>(p1));
  k_sem_give(end_sema1);
  tstack_push(changetype<k_stack>(p1));
  k_sem_give(end_sema1);
}

function tstack_thread_thread(pstack: k_stack): void {
  k_sem_init(end_sema1, 0, 1);
  // TESTPOINT: thread-thread data passing via stack
  const tid = k_thread_create(
    STACK_SIZE,
    tThread_entry,
    changetype<usize>(pstack),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  tstack_push(pstack);
  k_sem_take(end_sema1, K_FOREVER);
  k_sem_take(end_sema1, K_FOREVER);
  tstack_pop(pstack);
  // clear the spawn thread to avoid side effect
  k_thread_abort(tid);
}

function tstack_thread_isr(pstack: k_stack): void {
  k_sem_init(end_sema1, 0, 1);
  // TESTPOINT: thread-isr data passing via stack
  irq_offload(tIsr_entry_push_ctx, changetype<usize>(pstack));
  tstack_pop(pstack);
  tstack_push(pstack);
  irq_offload(tIsr_entry_pop_ctx, changetype<usize>(pstack));
}

// Data passing between threads via a stack initialised with k_stack_init and one defined
// with K_STACK_DEFINE.
function test_stack_thread2thread(): void {
  // TESTPOINT: test k_stack_init stack
  k_stack_init(stack, data, STACK_LEN);
  tstack_thread_thread(stack);
  // TESTPOINT: test K_STACK_DEFINE stack
  tstack_thread_thread(kstack);
}

// Data passing between thread and ISR via stack
function test_stack_thread2isr(): void {
  // TESTPOINT: test k_stack_init stack
  k_stack_init(stack, data, STACK_LEN);
  tstack_thread_isr(stack);
  // TESTPOINT: test K_STACK_DEFINE stack
  tstack_thread_isr(kstack);
}

// k_stack_alloc_init, data passing, k_stack_cleanup; then a buffer larger than the pool.
function test_stack_alloc_thread2thread(): void {
  k_stack_alloc_init(kstack_test_alloc, STACK_LEN);
  k_sem_init(end_sema1, 0, 1);
  // TESTPOINT: thread-thread data passing via stack
  const tid = k_thread_create(
    STACK_SIZE,
    tThread_entry,
    changetype<usize>(kstack_test_alloc),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  tstack_push(kstack_test_alloc);
  k_sem_take(end_sema1, K_FOREVER);
  k_sem_take(end_sema1, K_FOREVER);
  tstack_pop(kstack_test_alloc);
  // clear the spawn thread to avoid side effect
  k_thread_abort(tid);
  k_stack_cleanup(kstack_test_alloc);
  // Requested buffer allocation from the test pool.
  const ret = k_stack_alloc_init(kstack_test_alloc, STACK_SIZE / 2 + 1);
  zassert_true(ret == -ENOMEM, "requested buffer is smaller than resource pool");
}

function low_prio_wait_for_stack(p1: usize, p2: usize, p3: usize): void {
  const output = changetype<usize>(new StaticArray<u32>(1));
  k_stack_pop(changetype<k_stack>(p1), output, K_FOREVER);
  zassert_true(load<u32>(output) == LOW_PRIO, "The low priority thread get the stack data failed lastly");
}

function high_prio_t1_wait_for_stack(p1: usize, p2: usize, p3: usize): void {
  const output = changetype<usize>(new StaticArray<u32>(1));
  k_stack_pop(changetype<k_stack>(p1), output, K_FOREVER);
  zassert_true(
    load<u32>(output) == HIGH_T1,
    "The highest priority and waited longest get the stack data failed firstly",
  );
}

function high_prio_t2_wait_for_stack(p1: usize, p2: usize, p3: usize): void {
  const output = changetype<usize>(new StaticArray<u32>(1));
  k_stack_pop(changetype<k_stack>(p1), output, K_FOREVER);
  zassert_true(
    load<u32>(output) == HIGH_T2,
    "The higher priority and waited longer get the stack data failed secondly",
  );
}

// Any number of threads may wait on an empty stack; pushed data goes to the highest-priority
// thread that has waited longest.
function test_stack_multithread_competition(): void {
  const old_prio = k_thread_priority_get(k_current_get());
  const prio = 10;
  const test_data = new StaticArray<u32>(3);
  k_thread_priority_set(k_current_get(), prio);
  // Set up some values
  test_data[0] = HIGH_T1;
  test_data[1] = HIGH_T2;
  test_data[2] = LOW_PRIO;
  const thread_data1 = k_thread_create(
    STACK_SIZE,
    low_prio_wait_for_stack,
    changetype<usize>(stack),
    0,
    0,
    prio + 4,
    0,
    K_NO_WAIT,
  );
  const high_pro_thread_t1 = k_thread_create(
    STACK_SIZE,
    high_prio_t1_wait_for_stack,
    changetype<usize>(stack),
    0,
    0,
    prio + 2,
    0,
    K_NO_WAIT,
  );
  // Make thread thread_data1 and high_pro_thread_t1 wait more time
  k_sleep(K_MSEC(10));
  const high_pro_thread_t2 = k_thread_create(
    STACK_SIZE,
    high_prio_t2_wait_for_stack,
    changetype<usize>(stack),
    0,
    0,
    prio + 2,
    0,
    K_NO_WAIT,
  );
  // Initialize them and block
  k_sleep(K_MSEC(50));
  // Insert some data to wake up thread
  k_stack_push(stack, test_data[0]);
  k_stack_push(stack, test_data[1]);
  k_stack_push(stack, test_data[2]);
  // Wait for thread exiting
  k_thread_join(thread_data1, K_FOREVER);
  k_thread_join(high_pro_thread_t1, K_FOREVER);
  k_thread_join(high_pro_thread_t2, K_FOREVER);
  // Revert priority of the main thread
  k_thread_priority_set(k_current_get(), old_prio);
}

// Requesting a buffer larger than the resource pool.
function test_stack_alloc_null(): void {
  // Requested buffer allocation from the test pool.
  const ret = k_stack_alloc_init(kstack_test_alloc, STACK_SIZE / 2 + 1);
  zassert_true(ret == -ENOMEM, "requested buffer is smaller than resource pool");
}

// --- test_stack_fail.c ---------------------------------------------------------------------

const TIMEOUT = K_MSEC(100);
const FAIL_STACK_LEN = 2; // test_stack_fail.c's STACK_LEN
const fail_data = memory.data(4 * FAIL_STACK_LEN, 4); // test_stack_fail.c's data[STACK_LEN]

function stack_pop_fail(pstack: k_stack): void {
  const rx_data = changetype<usize>(new StaticArray<u32>(1));
  // TESTPOINT: stack pop returns -EBUSY
  zassert_equal(k_stack_pop(pstack, rx_data, K_NO_WAIT), -EBUSY);
  // TESTPOINT: stack pop returns -EAGAIN
  zassert_equal(k_stack_pop(pstack, rx_data, TIMEOUT), -EAGAIN);
}

// Sub-thread entry
function tStack_pop_entry(p1: usize, p2: usize, p3: usize): void {
  zassert_true(k_stack_pop(changetype<k_stack>(p1), p2, K_FOREVER) != 0, "stack pop failed\n");
}

// --- registration --------------------------------------------------------------------------

function stack_setup(): usize {
  k_thread_heap_assign(k_current_get(), test_pool);
  return 0;
}

const stack_usage = ZTEST_SUITE("stack_usage", stack_setup);
ZTEST(stack_usage, "test_stack_thread2isr", test_stack_thread2isr);
ZTEST(stack_usage, "test_stack_multithread_competition", test_stack_multithread_competition);
ZTEST(stack_usage, "test_single_stack_play", test_single_stack_play);
ZTEST(stack_usage, "test_stack_alloc_null", test_stack_alloc_null);

const stack_usage_1cpu = ZTEST_SUITE(
  "stack_usage_1cpu",
  stack_setup,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
);
ZTEST(stack_usage_1cpu, "test_stack_thread2thread", test_stack_thread2thread);
ZTEST(stack_usage_1cpu, "test_stack_alloc_thread2thread", test_stack_alloc_thread2thread);
ZTEST(stack_usage_1cpu, "test_dual_stack_play", test_dual_stack_play);
ZTEST(stack_usage_1cpu, "test_isr_stack_play", test_isr_stack_play);
ZTEST(stack_usage_1cpu, "test_stack_pop_can_wait", test_stack_pop_can_wait);

const stack_fail = ZTEST_SUITE("stack_fail", stack_setup);

// Verifies stack pop functionality
ZTEST(stack_fail, "test_stack_pop_fail", () => {
  k_stack_init(stack, fail_data, FAIL_STACK_LEN);
  stack_pop_fail(stack);
});

// Verifies cleanup a stack that still be needed by another thread.
ZTEST(stack_fail, "test_stack_cleanup_error", () => {
  const rx_data = changetype<usize>(new StaticArray<u32>(FAIL_STACK_LEN - 1));
  k_stack_init(stack, fail_data, FAIL_STACK_LEN);
  // Creat a new thread
  const tid = k_thread_create(
    STACK_SIZE,
    tStack_pop_entry,
    changetype<usize>(stack),
    rx_data,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  // Delay for finishing some actions of the new thread
  k_sleep(K_MSEC(500));
  // Try to clean up the stack, that still be waited by the thread
  zassert_true(k_stack_cleanup(stack) == -EAGAIN, "The stack is cleanuped successful");
  // clear the spawn thread to avoid side effect
  k_thread_abort(tid);
});

// Verifies push a data in the full stack.
ZTEST(stack_fail, "test_stack_push_full", () => {
  const tx_data = new StaticArray<u32>(FAIL_STACK_LEN);
  const data_tmp: u32 = 0;
  k_stack_init(stack, fail_data, FAIL_STACK_LEN);
  for (let i = 0; i < FAIL_STACK_LEN; i++) {
    zassert_true(k_stack_push(stack, tx_data[i]) == 0, "push data into stack failed");
  }
  // Verify that push a data in the full stack, a negative value will be met
  zassert_true(k_stack_push(stack, data_tmp) == -ENOMEM, "push data successful");
});
