// Translation of Zephyr tests/kernel/pipe/pipe_api/src/basic.c (zephyrproject-rtos/zephyr at
// 16cf44b783a26002153baa9a6de0e36ec17daab6; the newest stored copy, index file 55605545017,
// only adds doc comments and renames the tests test_pipe_*; its bodies are these): suite
// k_pipe_basic, all 9 tests, against the pipe API of Zephyr 4.1+ (kernel/pipe.c).
// Same buffer sizes, data, timeouts and assertions, with these differences:
// - `static struct k_pipe pipe` is one pipe in static memory; each test's stack arrays
//   (buffer, input, res) are static memory of the test (memory.data), as big as Zephyr's.
// - K_PIPE_DEFINE(test_define, 256, 4) takes its ring's storage: memory.data(256, 4).
// - memcmp is memory.compare; sys_rand_get fills the inputs as in Zephyr.
// - Tests are registered in the order Zephyr runs them: ztest's iterable sections are sorted
//   by name, so a suite's tests run alphabetically.
// prj.conf (CONFIG_ZTEST, ZTRESS, ZTEST_STACK_SIZE, HEAP_MEM_POOL_SIZE, MAIN_STACK_SIZE,
// ENTROPY_GENERATOR, TEST_RANDOM_GENERATOR) has no option wasmp needs: no .conf.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  K_NO_WAIT,
  K_MSEC,
  EAGAIN,
  EPIPE,
  k_pipe,
  K_PIPE_DEFINE,
  k_pipe_init,
  k_pipe_write,
  k_pipe_read,
  k_pipe_reset,
  k_pipe_close,
  PIPE_FLAG_OPEN,
  SIZEOF_K_PIPE,
  sys_rand_get,
} from "wasmp";

const k_pipe_basic = ZTEST_SUITE("k_pipe_basic");

function mkrandom(buffer: usize, size: usize): void {
  sys_rand_get(buffer, size);
}

// K_PIPE_DEFINE(test_define, 256, 4): defined and never used, as in Zephyr.
const _test_define = K_PIPE_DEFINE(memory.data(256, 4), 256);

const pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));

ZTEST(k_pipe_basic, "test_close", () => {
  const buffer = memory.data(12);
  const input = memory.data(8);
  const res = memory.data(16);
  mkrandom(input, 8);
  k_pipe_init(pipe, buffer, 12);
  zassert_true(k_pipe_write(pipe, input, 8, K_NO_WAIT) == 8, "Failed to write bytes to pipe");
  k_pipe_close(pipe);

  zassert_true(k_pipe_write(pipe, input, 8, K_NO_WAIT) == -EPIPE, "should not be able to write to closed pipe");
  zassert_true(k_pipe_read(pipe, res, 5, K_NO_WAIT) == 5, "You should be able to read from closed pipe");
  zassert_true(memory.compare(input, res, 5) == 0, "Sequence should be equal");

  zassert_true(
    k_pipe_read(pipe, res, 5, K_NO_WAIT) == 3,
    "you should be able to read remaining bytes from closed pipe",
  );
  zassert_true(memory.compare(input + 5, res, 3) == 0, "Written and read bytes should be equal");
  zassert_true(k_pipe_read(pipe, res, 5, K_NO_WAIT) == -EPIPE, "Closed and empty pipe should return -EPIPE");
});

ZTEST(k_pipe_basic, "test_init", () => {
  const buffer = memory.data(10);
  k_pipe_init(pipe, buffer, 10);
  zassert_true(pipe.flags == PIPE_FLAG_OPEN, "Unexpected pipe flags");
});

ZTEST(k_pipe_basic, "test_read_empty", () => {
  const buffer = memory.data(10);
  const read_data = memory.data(1);
  k_pipe_init(pipe, buffer, 10);
  zassert_true(k_pipe_read(pipe, read_data, 1, K_MSEC(1000)) == -EAGAIN, "Should not be able to read from empty pipe");
});

ZTEST(k_pipe_basic, "test_read_write_full", () => {
  const buffer = memory.data(10);
  const input = memory.data(10);
  const res = memory.data(10);
  mkrandom(input, 10);
  k_pipe_init(pipe, buffer, 10);
  zassert_true(k_pipe_write(pipe, input, 10, K_NO_WAIT) == 10, "Failed to write multiple bytes to pipe");
  zassert_true(k_pipe_read(pipe, res, 10, K_NO_WAIT) == 10, "Failed to read multiple bytes from pipe");
  zassert_true(memory.compare(input, res, 10) == 0, "Unexpected data received from pipe");
});

ZTEST(k_pipe_basic, "test_read_write_wrapp_around", () => {
  const buffer = memory.data(12);
  const input = memory.data(8);
  const res = memory.data(16);
  mkrandom(input, 8);
  k_pipe_init(pipe, buffer, 12);
  zassert_true(k_pipe_write(pipe, input, 8, K_NO_WAIT) == 8, "Failed to write bytes to pipe");
  zassert_true(k_pipe_read(pipe, res, 5, K_NO_WAIT) == 5, "Failed to read bytes from pipe");
  zassert_true(memory.compare(input, res, 5) == 0, "Unexpected data received from pipe");

  zassert_true(k_pipe_write(pipe, input, 8, K_NO_WAIT) == 8, "Failed to write bytes to pipe");
  zassert_true(k_pipe_read(pipe, res, 8 * 2 - 5, K_NO_WAIT) == 8 * 2 - 5, "Failed to read remaining bytes from pipe");

  zassert_true(memory.compare(input + 5, res, 8 - 5) == 0, "Unexpected data received from pipe");
  zassert_true(memory.compare(input, res + (8 - 5), 8) == 0, "Unexpected data received from pipe");
});

ZTEST(k_pipe_basic, "test_reset", () => {
  const buffer = memory.data(10);
  const data = memory.data<u8>([0x55]);
  const read_data = memory.data(1);
  k_pipe_init(pipe, buffer, 10);

  // reset an empty pipe, & no waiting should not produce any side-effects
  k_pipe_reset(pipe);
  zassert_true(k_pipe_write(pipe, data, 1, K_NO_WAIT) == 1, "Failed to write to reset pipe");
  zassert_true(k_pipe_read(pipe, read_data, 1, K_NO_WAIT) == 1, "Failed to read from reset pipe");
  zassert_true(load<u8>(read_data) == load<u8>(data), "Unexpected data received from pipe");
});

ZTEST(k_pipe_basic, "test_write_full", () => {
  const buffer = memory.data(10);
  const data = memory.data(10);
  k_pipe_init(pipe, buffer, 10);
  zassert_true(k_pipe_write(pipe, data, 10, K_NO_WAIT) == 10, "Failed to write multiple bytes to pipe");
  zassert_true(k_pipe_write(pipe, data, 10, K_MSEC(1000)) == -EAGAIN, "Should not be able to write to full pipe");
});

ZTEST(k_pipe_basic, "test_write_read_multiple", () => {
  const buffer = memory.data(10);
  const data = memory.data<u8>([0x55]);
  const read_data = memory.data(1);
  k_pipe_init(pipe, buffer, 10);
  zassert_true(k_pipe_write(pipe, data, 1, K_NO_WAIT) == 1, "Failed to write to pipe");
  zassert_true(k_pipe_write(pipe, data, 1, K_NO_WAIT) == 1, "Failed to write to pipe");
  zassert_true(k_pipe_read(pipe, read_data, 1, K_NO_WAIT) == 1, "Failed to read from pipe");
  zassert_true(load<u8>(read_data) == load<u8>(data), "Unexpected data received from pipe");
  zassert_true(k_pipe_read(pipe, read_data, 1, K_NO_WAIT) == 1, "Failed to read from pipe");
  zassert_true(load<u8>(read_data) == load<u8>(data), "Unexpected data received from pipe");
});

ZTEST(k_pipe_basic, "test_write_read_one", () => {
  const buffer = memory.data(10);
  const data = memory.data<u8>([0x55]);
  const read_data = memory.data(1);
  k_pipe_init(pipe, buffer, 10);
  zassert_true(k_pipe_write(pipe, data, 1, K_NO_WAIT) == 1, "Failed to write to pipe");
  zassert_true(k_pipe_read(pipe, read_data, 1, K_NO_WAIT) == 1, "Failed to read from pipe");
  zassert_true(load<u8>(read_data) == load<u8>(data), "Unexpected data received from pipe");
});
