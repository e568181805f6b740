import { wasmpTest } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number, ...extra: string[]) => wasmpTest(`test/conformance/${file}`, cpus, ...extra);

// Zephyr's tests/kernel/threads, translated (test/conformance/README.md). Retries as in
// test/conformance.test.ts: a loaded host can deschedule a virtual CPU at the wrong moment.
describe("conformance: Zephyr's thread tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    it(`tests/kernel/threads/thread_apis passes on ${cpus} CPU${cpus === 1 ? "" : "s"}`, () => {
      const r = ztest("thread_apis.ts", cpus, "--config", "test/conformance/thread_apis.conf");
      expect(r.out).toContain("40 passed, 0 failed, 1 skipped");
      expect(r.code, r.out).toBe(0);
    });
    // testcase.yaml's kernel.threads.apis.pinonly variant (filter: CONFIG_SMP).
    if (cpus > 1) {
      it(`tests/kernel/threads/thread_apis (pinonly) passes on ${cpus} CPUs`, () => {
        const r = ztest(
          "thread_apis.ts",
          cpus,
          "--config",
          "test/conformance/thread_apis.conf",
          "--set",
          "CONFIG_SCHED_CPU_MASK_PIN_ONLY=y",
        );
        expect(r.out).toContain("40 passed, 0 failed, 1 skipped");
        expect(r.code, r.out).toBe(0);
      });
    }
    it(`tests/kernel/threads/thread_init passes on ${cpus} CPU${cpus === 1 ? "" : "s"}`, () => {
      const r = ztest("thread_init.ts", cpus);
      expect(r.out).toContain("3 passed, 0 failed, 1 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/threads/thread_stack passes on ${cpus} CPU${cpus === 1 ? "" : "s"}`, () => {
      const r = ztest("thread_stack.ts", cpus, "--config", "test/conformance/thread_stack.conf");
      expect(r.out).toContain("2 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
});

// The stack checks must be able to fail: without CONFIG_INIT_STACKS nothing is painted and
// k_thread_stack_space_get returns -ENOTSUP.
describe("conformance: thread_stack without stack painting", () => {
  it("fails both tests without CONFIG_INIT_STACKS", () => {
    const r = ztest("thread_stack.ts", 2, "--set", "CONFIG_INIT_STACKS=n");
    expect(r.out).toContain("0 passed, 2 failed, 0 skipped");
  });
});
