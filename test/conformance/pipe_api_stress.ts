// Translation of Zephyr tests/kernel/pipe/pipe_api/src/stress.c (zephyrproject-rtos/zephyr at
// 1f796ce1bd10c76c706eb9dc6c3cfe4f9ca0bd32; the newest stored copy, index file 55646914711,
// only adds doc comments and renames the tests test_pipe_*; its bodies are these): suite
// k_pipe_stress, both tests, against the pipe API of Zephyr 4.1+ (kernel/pipe.c).
// Same sizes (WRITE_LEN = READ_LEN = 512), loop count (100) and assertions. The pipe and the
// test's arrays are static memory; LOG_INF is printk. Tests are registered in the order
// Zephyr runs them (alphabetically: ztest's iterable sections are sorted by name).
// prj.conf has no option wasmp needs: no .conf.
import {
  ZTEST_SUITE,
  ZTEST,
  zassert_true,
  printk,
  K_FOREVER,
  k_pipe,
  k_pipe_init,
  k_pipe_write,
  k_pipe_read,
  SIZEOF_K_PIPE,
  k_uptime_get_32,
} from "wasmp";

const WRITE_LEN = 512;
const READ_LEN = 512;

const k_pipe_stress = ZTEST_SUITE("k_pipe_stress");

const pipe = changetype<k_pipe>(memory.data(SIZEOF_K_PIPE, 16));

ZTEST(k_pipe_stress, "test_read", () => {
  const len = READ_LEN;
  const buffer = memory.data(READ_LEN);
  const buf = memory.data(READ_LEN);
  k_pipe_init(pipe, buffer, READ_LEN);
  const start_cycles = k_uptime_get_32();
  for (let i = 0; i < 100; i++) {
    let sent = 0;
    while (sent < len) {
      const rc = k_pipe_write(pipe, buf + sent, len - sent, K_FOREVER);
      zassert_true(rc > 0, "Failed to write to pipe");
      sent += rc;
    }
    let read = 0;
    while (read < len) {
      const rc = k_pipe_read(pipe, buf + read, len - read, K_FOREVER);
      zassert_true(rc > 0, "Failed to read from pipe");
      read += rc;
    }
  }
  const end_cycles = k_uptime_get_32();
  printk(`Elapsed cycles: ${end_cycles - start_cycles}\n\n`);
});

ZTEST(k_pipe_stress, "test_write", () => {
  const len = WRITE_LEN;
  const buffer = memory.data(WRITE_LEN);
  const buf = memory.data(WRITE_LEN);
  k_pipe_init(pipe, buffer, WRITE_LEN);
  const start_cycles = k_uptime_get_32();
  let sent = 0;
  while (sent < len) {
    const rc = k_pipe_write(pipe, buf + sent, len - sent, K_FOREVER);
    zassert_true(rc > 0, "Failed to write to pipe");
    sent += rc;
  }
  const end_cycles = k_uptime_get_32();
  printk(`Elapsed cycles: ${end_cycles - start_cycles}\n\n`);
});
