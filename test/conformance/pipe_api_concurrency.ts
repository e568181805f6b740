// Translation of Zephyr tests/kernel/pipe/pipe_api/src/concurrency.c (zephyrproject-rtos/zephyr
// at 031e46f7b57a9b4dbad7035107b91c430fd89ffc; the newest stored copy, index file 55701319766,
// only adds doc comments and renames the tests test_pipe_*; its bodies are these): suite
// k_pipe_concurrency, all 7 tests, against the pipe API of Zephyr 4.1+ (kernel/pipe.c).
// Same threads, priorities (K_PRIO_COOP(0)), start delays, timeouts (partial_wait_time 2000 ms),
// sizes and assertions, with these differences:
// - `static struct k_pipe pipe` and the test's local pipes and arrays are static memory;
//   k_thread_create allocates the thread (wasmp has no thread/stack argument), 1024 bytes of
//   save area as Zephyr's stack (CONFIG_TEST_EXTRA_STACK_SIZE is 0).
// - test_zero_size_pipe_read_write's `#ifdef CONFIG_KERNEL_COHERENCE` skip is not translated:
//   wasmp's CONFIG_KERNEL_COHERENCE is n (memory is coherent; y is accepted and changes
//   nothing), so the test always runs, as in Zephyr on coherent targets, and the pipe always
//   copies straight between threads (assembly/kernel/pipe.ts).
// - Tests are registered in the order Zephyr runs them (alphabetically: ztest's iterable
//   sections are sorted by name).
// prj.conf has no option wasmp needs: no .conf.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  K_NO_WAIT,
  K_FOREVER,
  K_MSEC,
  K_PRIO_COOP,
  ECANCELED,
  EPIPE,
  k_pipe,
  k_pipe_init,
  k_pipe_write,
  k_pipe_read,
  k_pipe_reset,
  k_pipe_close,
  PIPE_FLAG_OPEN,
  PIPE_FLAG_RESET,
  SIZEOF_K_PIPE,
  k_thread_create,
  k_thread_join,
  k_msleep,
} from "wasmp";

const k_pipe_concurrency = ZTEST_SUITE("k_pipe_concurrency");

const partial_wait_time = 2000;
const DUMMY_DATA_SIZE = 16;
const STACK_SIZE = 1024; // K_THREAD_STACK_DEFINE(stack, 1024 + CONFIG_TEST_EXTRA_STACK_SIZE)
const pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));

function thread_close(arg1: usize, arg2: usize, arg3: usize): void {
  k_pipe_close(changetype<k_pipe>(arg1));
}

function thread_reset(arg1: usize, arg2: usize, arg3: usize): void {
  k_pipe_reset(changetype<k_pipe>(arg1));
}

function thread_write(arg1: usize, arg2: usize, arg3: usize): void {
  const garbage = memory.data(DUMMY_DATA_SIZE); // = {}
  memory.fill(garbage, 0, DUMMY_DATA_SIZE);
  zassert_true(
    k_pipe_write(changetype<k_pipe>(arg1), garbage, DUMMY_DATA_SIZE, K_MSEC(partial_wait_time)) == DUMMY_DATA_SIZE,
    "Failed to write to pipe",
  );
}

function thread_read(arg1: usize, arg2: usize, arg3: usize): void {
  const garbage = memory.data(DUMMY_DATA_SIZE);
  zassert_true(
    k_pipe_read(changetype<k_pipe>(arg1), garbage, DUMMY_DATA_SIZE, K_MSEC(partial_wait_time)) == DUMMY_DATA_SIZE,
    "Failed to read from pipe",
  );
}

ZTEST(k_pipe_concurrency, "test_close_on_read", () => {
  const buffer = memory.data(DUMMY_DATA_SIZE);
  const res = memory.data(1);
  k_pipe_init(pipe, buffer, DUMMY_DATA_SIZE);
  const tid = k_thread_create(STACK_SIZE, thread_close, changetype<usize>(pipe), 0, 0, K_PRIO_COOP(0), 0, K_MSEC(100));
  zassert_true(changetype<usize>(tid) != 0, "k_thread_create failed");
  zassert_true(k_pipe_read(pipe, res, 1, K_MSEC(1000)) == -EPIPE, "Read on closed pipe should return -EPIPE");
  k_thread_join(tid, K_FOREVER);
  zassert_true(
    (pipe.flags & PIPE_FLAG_OPEN) == 0,
    "Pipe should continue to be closed after all waiters have been released",
  );
});

ZTEST(k_pipe_concurrency, "test_close_on_write", () => {
  const buffer = memory.data(DUMMY_DATA_SIZE);
  const garbage = memory.data(DUMMY_DATA_SIZE);
  k_pipe_init(pipe, buffer, DUMMY_DATA_SIZE);
  zassert_true(
    DUMMY_DATA_SIZE == k_pipe_write(pipe, garbage, DUMMY_DATA_SIZE, K_MSEC(1000)),
    "Failed to write to pipe",
  );
  const tid = k_thread_create(STACK_SIZE, thread_close, changetype<usize>(pipe), 0, 0, K_PRIO_COOP(0), 0, K_MSEC(100));
  zassert_true(changetype<usize>(tid) != 0, "k_thread_create failed");
  zassert_true(
    k_pipe_write(pipe, garbage, DUMMY_DATA_SIZE, K_MSEC(1000)) == -EPIPE,
    "write should return -EPIPE, when pipe is closed",
  );
  k_thread_join(tid, K_FOREVER);
  zassert_true(
    (pipe.flags & PIPE_FLAG_OPEN) == 0,
    "pipe should continue to be closed after all waiters have been released",
  );
});

ZTEST(k_pipe_concurrency, "test_partial_read", () => {
  const buffer = memory.data(DUMMY_DATA_SIZE);
  const garbage = memory.data(DUMMY_DATA_SIZE);
  const write_size = DUMMY_DATA_SIZE / 2;
  k_pipe_init(pipe, buffer, DUMMY_DATA_SIZE);
  const tid = k_thread_create(STACK_SIZE, thread_read, changetype<usize>(pipe), 0, 0, K_PRIO_COOP(0), 0, K_NO_WAIT);

  zassert_true(k_pipe_write(pipe, garbage, write_size, K_NO_WAIT) == write_size, "write to pipe failed");
  k_msleep(partial_wait_time / 4);
  zassert_true(
    k_pipe_write(pipe, garbage, write_size, K_NO_WAIT) == write_size,
    "k_k_pipe_write should return number of bytes written",
  );
  k_thread_join(tid, K_FOREVER);
});

ZTEST(k_pipe_concurrency, "test_partial_write", () => {
  const buffer = memory.data(DUMMY_DATA_SIZE);
  const garbage = memory.data(DUMMY_DATA_SIZE);
  const read_size = DUMMY_DATA_SIZE / 2;
  k_pipe_init(pipe, buffer, DUMMY_DATA_SIZE);

  zassert_true(k_pipe_write(pipe, garbage, DUMMY_DATA_SIZE, K_NO_WAIT) == DUMMY_DATA_SIZE, "Failed to write to pipe");
  const tid = k_thread_create(STACK_SIZE, thread_write, changetype<usize>(pipe), 0, 0, K_PRIO_COOP(0), 0, K_NO_WAIT);

  zassert_true(k_pipe_read(pipe, garbage, read_size, K_NO_WAIT) == read_size, "Failed to read from pipe");
  k_msleep(partial_wait_time / 2);
  zassert_true(k_pipe_read(pipe, garbage, read_size, K_NO_WAIT) == read_size, "failed t read from pipe");
  k_thread_join(tid, K_FOREVER);
});

ZTEST(k_pipe_concurrency, "test_reset_on_read", () => {
  const buffer = memory.data(DUMMY_DATA_SIZE);
  const res = memory.data(1);
  k_pipe_init(pipe, buffer, DUMMY_DATA_SIZE);

  const tid = k_thread_create(STACK_SIZE, thread_reset, changetype<usize>(pipe), 0, 0, K_PRIO_COOP(0), 0, K_MSEC(100));
  zassert_true(changetype<usize>(tid) != 0, "k_thread_create failed");
  zassert_true(k_pipe_read(pipe, res, 1, K_MSEC(1000)) == -ECANCELED, "reset on read should return -ECANCELED");
  k_thread_join(tid, K_FOREVER);
  zassert_true((pipe.flags & PIPE_FLAG_RESET) == 0, "pipe should not have reset flag after all waiters are done");
  zassert_true((pipe.flags & PIPE_FLAG_OPEN) != 0, "pipe should continue to be open after pipe is reseted");
});

ZTEST(k_pipe_concurrency, "test_reset_on_write", () => {
  const buffer = memory.data(DUMMY_DATA_SIZE);
  const garbage = memory.data(DUMMY_DATA_SIZE);
  k_pipe_init(pipe, buffer, DUMMY_DATA_SIZE);
  zassert_true(
    DUMMY_DATA_SIZE == k_pipe_write(pipe, garbage, DUMMY_DATA_SIZE, K_MSEC(1000)),
    "Failed to write to pipe",
  );

  const tid = k_thread_create(STACK_SIZE, thread_reset, changetype<usize>(pipe), 0, 0, K_PRIO_COOP(0), 0, K_MSEC(100));
  zassert_true(changetype<usize>(tid) != 0, "k_thread_create failed");
  zassert_true(
    k_pipe_write(pipe, garbage, DUMMY_DATA_SIZE, K_MSEC(1000)) == -ECANCELED,
    "reset on write should return -ECANCELED",
  );
  k_thread_join(tid, K_FOREVER);
  zassert_true((pipe.flags & PIPE_FLAG_RESET) == 0, "pipe should not have reset flag after all waiters are done");
  zassert_true((pipe.flags & PIPE_FLAG_OPEN) != 0, "pipe should continue to be open after pipe is reseted");
});

// static volatile bool zero_thread_read, zero_thread_write;
const zero_thread_read = memory.data(4, 4);
const zero_thread_write = memory.data(4, 4);

function zero_thread_read_write(arg1: usize, arg2: usize, arg3: usize): void {
  const tmp = memory.data(DUMMY_DATA_SIZE);
  const input = changetype<k_pipe>(arg1);
  const output = changetype<k_pipe>(arg2);

  memory.fill(tmp, 0xbb, DUMMY_DATA_SIZE);

  atomic.store<u32>(zero_thread_read, 1);
  zassert_true(k_pipe_read(input, tmp, DUMMY_DATA_SIZE, K_FOREVER) == DUMMY_DATA_SIZE, "Failed to read from pipe");
  atomic.store<u32>(zero_thread_write, 1);
  zassert_true(k_pipe_write(output, tmp, DUMMY_DATA_SIZE, K_FOREVER) == DUMMY_DATA_SIZE, "Failed to write to pipe");
}

ZTEST(k_pipe_concurrency, "test_zero_size_pipe_read_write", () => {
  const input_pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));
  const output_pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));
  const input = memory.data(DUMMY_DATA_SIZE);
  const output = memory.data(DUMMY_DATA_SIZE);

  memory.fill(input, 0xaa, DUMMY_DATA_SIZE);
  memory.fill(output, 0xcc, DUMMY_DATA_SIZE);
  k_pipe_init(input_pipe, 0, 0);
  k_pipe_init(output_pipe, 0, 0);

  const tid = k_thread_create(
    STACK_SIZE,
    zero_thread_read_write,
    changetype<usize>(input_pipe),
    changetype<usize>(output_pipe),
    0,
    K_PRIO_COOP(0),
    0,
    K_NO_WAIT,
  );

  zassert_true(
    DUMMY_DATA_SIZE == k_pipe_write(input_pipe, input, DUMMY_DATA_SIZE, K_FOREVER),
    "Failed to write to pipe",
  );
  zassert_true(
    DUMMY_DATA_SIZE == k_pipe_read(output_pipe, output, DUMMY_DATA_SIZE, K_FOREVER),
    "Failed to read from pipe",
  );
  zassert_true(memory.compare(input, output, DUMMY_DATA_SIZE) == 0, "Unexpected data received from pipe");

  zassert_true(
    atomic.load<u32>(zero_thread_read) != 0 && atomic.load<u32>(zero_thread_write) != 0,
    "Thread did not execute expected read/write operations",
  );

  k_thread_join(tid, K_FOREVER);
});
