// Translation of Zephyr tests/kernel/fifo/fifo_usage/src/main.c, the ZTEST API version
// (search-index file 55794378999; suite fifo_usage, run with ztest_simple_1cpu_before/after),
// all 3 tests: test_dual_fifo_play, test_isr_fifo_play, test_single_fifo_play (registered in
// name order, the order Zephyr runs them in: ztest's iterable sections are sorted by name).
// Its prj.conf is fifo_usage.conf.
// Same threads (K_PRIO_PREEMPT(0) children), data and assertions. Differences:
// - Zephyr's prj.conf (at 0b6e4bc6) sets CONFIG_MP_NUM_CPUS=1; here every CPU of the board
//   boots and the suite's 1cpu hooks hold the other CPUs, as the current suite does.
// - C statics (fdata_t arrays, fifos, end_sema) are static memory, shared by every CPU; the
//   child's handle is what k_thread_create returns. fdata_t is {snode: u32, data: u32}.
// No time constant is scaled.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  zassert_false,
  zassert_equal,
  ztest_simple_1cpu_before,
  ztest_simple_1cpu_after,
  irq_offload,
  k_thread_create,
  k_thread_abort,
  k_sem_init,
  k_sem_give,
  k_sem_take,
  K_SEM_DEFINE,
  K_NO_WAIT,
  K_FOREVER,
  K_PRIO_PREEMPT,
  k_fifo,
  K_FIFO_DEFINE,
  k_fifo_put,
  k_fifo_get,
  k_fifo_is_empty,
} from "wasmp";

const STACK_SIZE = 1024; // 1024 + CONFIG_TEST_EXTRA_STACK_SIZE
const LIST_LEN = 4;
const SIZEOF_FDATA: usize = 8; // struct fdata_t { sys_snode_t snode; uint32_t data; }

const fifo1 = K_FIFO_DEFINE();
const fifo2 = K_FIFO_DEFINE();

// Data to put into FIFO
const data1 = memory.data(<i32>(LIST_LEN * SIZEOF_FDATA), 4);
const data2 = memory.data(<i32>(LIST_LEN * SIZEOF_FDATA), 4);
const data_isr = memory.data(<i32>(LIST_LEN * SIZEOF_FDATA), 4);
const end_sema = K_SEM_DEFINE(0, 1); // static struct k_sem end_sema (k_sem_init'ed before use)

function at(arr: usize, i: u32): usize {
  return arr + <usize>i * SIZEOF_FDATA;
}

// entry of contexts
function tIsr_entry_put(p: usize): void {
  // Put items into fifo
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) k_fifo_put(changetype<k_fifo>(p), at(data_isr, i));
  zassert_false(k_fifo_is_empty(changetype<k_fifo>(p)) != 0);
}

function tIsr_entry_get(p: usize): void {
  // Get items from fifo
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) {
    const rx_data = k_fifo_get(changetype<k_fifo>(p), K_NO_WAIT);
    zassert_equal<usize>(rx_data, at(data_isr, i));
  }
  zassert_true(k_fifo_is_empty(changetype<k_fifo>(p)) != 0);
}

function thread_entry_fn_single(p1: usize, p2: usize, p3: usize): void {
  // Get items from fifo
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) {
    const rx_data = k_fifo_get(changetype<k_fifo>(p1), K_NO_WAIT);
    zassert_equal<usize>(rx_data, at(data1, i));
  }
  // Put items into fifo
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) k_fifo_put(changetype<k_fifo>(p1), at(data2, i));
  // Give control back to Test thread
  k_sem_give(end_sema);
}

function thread_entry_fn_dual(p1: usize, p2: usize, p3: usize): void {
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) {
    // Get items from fifo2
    const rx_data = k_fifo_get(changetype<k_fifo>(p2), K_FOREVER);
    zassert_equal<usize>(rx_data, at(data2, i));
    // Put items into fifo1
    k_fifo_put(changetype<k_fifo>(p1), at(data1, i));
  }
}

function thread_entry_fn_isr(p1: usize, p2: usize, p3: usize): void {
  // Get items from fifo2
  irq_offload(tIsr_entry_get, p2);
  // Put items into fifo1
  irq_offload(tIsr_entry_put, p1);
  // Give control back to Test thread
  k_sem_give(end_sema);
}

const fifo_usage = ZTEST_SUITE("fifo_usage", null, ztest_simple_1cpu_before, ztest_simple_1cpu_after);

/** @brief Verify ping-pong synchronization across two FIFOs. */
ZTEST(fifo_usage, "test_dual_fifo_play", () => {
  const tid = k_thread_create(
    STACK_SIZE,
    thread_entry_fn_dual,
    changetype<usize>(fifo1),
    changetype<usize>(fifo2),
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) {
    // Put item into fifo
    k_fifo_put(fifo2, at(data2, i));
    // Get item from fifo
    const rx_data = k_fifo_get(fifo1, K_FOREVER);
    zassert_equal<usize>(rx_data, at(data1, i));
  }
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
});

/** @brief Verify producer/consumer exchange with all puts/gets in ISR context. */
ZTEST(fifo_usage, "test_isr_fifo_play", () => {
  // Init kernel objects
  k_sem_init(end_sema, 0, 1);
  const tid = k_thread_create(
    STACK_SIZE,
    thread_entry_fn_isr,
    changetype<usize>(fifo1),
    changetype<usize>(fifo2),
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  // Put item into fifo
  irq_offload(tIsr_entry_put, changetype<usize>(fifo2));
  // Let the child thread run
  k_sem_take(end_sema, K_FOREVER);
  // Get item from fifo
  irq_offload(tIsr_entry_get, changetype<usize>(fifo1));
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
});

/** @brief Verify producer/consumer exchange over a single FIFO. */
ZTEST(fifo_usage, "test_single_fifo_play", () => {
  // Init kernel objects
  k_sem_init(end_sema, 0, 1);
  // Put items into fifo
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) k_fifo_put(fifo1, at(data1, i));
  const tid = k_thread_create(
    STACK_SIZE,
    thread_entry_fn_single,
    changetype<usize>(fifo1),
    0,
    0,
    K_PRIO_PREEMPT(0),
    0,
    K_NO_WAIT,
  );
  // Let the child thread run
  k_sem_take(end_sema, K_FOREVER);
  // Get items from fifo
  for (let i: u32 = 0; i < <u32>LIST_LEN; i++) {
    const rx_data = k_fifo_get(fifo1, K_NO_WAIT);
    zassert_equal<usize>(rx_data, at(data2, i));
  }
  // Clear the spawn thread to avoid side effect
  k_thread_abort(tid);
});
