import { wasmpTest } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number) =>
  wasmpTest(`test/conformance/${file}`, cpus, "--config", `test/conformance/${file.replace(/\.ts$/, ".conf")}`);

// Zephyr's queue, FIFO, LIFO and poll tests (test/conformance/README.md). Most of them hold
// the other CPUs (ztest_simple_1cpu_before) and several measure timeouts, so a loaded host
// can disturb a run; each gets two retries here, and scripts/conformance.mjs runs them
// without retries.
describe("conformance: Zephyr's queue, FIFO, LIFO and poll tests, translated", { retry: 2 }, () => {
  // file, Zephyr source, summary line, suites (each must have its line in the summary)
  const files: [string, string, string, string[]][] = [
    ["queue.ts", "tests/kernel/queue", "23 passed, 0 failed, 0 skipped", ["queue_api", "queue_api_1cpu"]],
    ["fifo_api.ts", "tests/kernel/fifo/fifo_api", "10 passed, 0 failed, 0 skipped", ["fifo_api", "fifo_api_1cpu"]],
    [
      "fifo_timeout.ts",
      "tests/kernel/fifo/fifo_timeout",
      "6 passed, 0 failed, 0 skipped",
      ["fifo_timeout", "fifo_timeout_1cpu"],
    ],
    ["fifo_usage.ts", "tests/kernel/fifo/fifo_usage", "3 passed, 0 failed, 0 skipped", ["fifo_usage"]],
    [
      "lifo_api.ts",
      "tests/kernel/lifo/lifo_api",
      "6 passed, 0 failed, 0 skipped",
      ["lifo_contexts", "lifo_contexts_1cpu", "lifo_fail", "lifo_loop_1cpu"],
    ],
    [
      "lifo_usage.ts",
      "tests/kernel/lifo/lifo_usage",
      "6 passed, 0 failed, 0 skipped",
      ["lifo_usage", "lifo_usage_1cpu"],
    ],
    ["poll.ts", "tests/kernel/poll (test_poll.c)", "7 passed, 0 failed, 0 skipped", ["poll_api"]],
  ];
  for (const cpus of [1, 2, 4]) {
    for (const [file, source, summary, suites] of files) {
      it(`${source} passes on ${cpus} CPU${cpus > 1 ? "s" : ""}`, () => {
        const r = ztest(file, cpus);
        expect(r.out).toContain(summary);
        // The runner moves between CPUs; every suite's line must still be in the summary.
        for (const suite of suites) expect(r.out).toContain(`SUITE PASS - 100.00% [${suite}]:`);
        expect(r.code, r.out).toBe(0);
      });
    }
  }
});
