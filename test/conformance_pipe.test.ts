import { wasmpTest } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = wasmpTest;

// Zephyr's pipe (tests/kernel/pipe/pipe_api) and mailbox (tests/kernel/mbox) suites, translated
// (test/conformance/README.md), and wasmp's cross-CPU test of both objects. Two retries guard
// against a loaded CI host; scripts/conformance.mjs runs them without retries.
describe("conformance: Zephyr's pipe and mailbox tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    it(`tests/kernel/pipe/pipe_api/src/basic.c passes on ${cpus} CPUs`, () => {
      const r = ztest("test/conformance/pipe_api_basic.ts", cpus);
      expect(r.out).toContain("9 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/pipe/pipe_api/src/concurrency.c passes on ${cpus} CPUs`, () => {
      const r = ztest("test/conformance/pipe_api_concurrency.ts", cpus);
      expect(r.out).toContain("7 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/pipe/pipe_api/src/stress.c passes on ${cpus} CPUs`, () => {
      const r = ztest("test/conformance/pipe_api_stress.ts", cpus);
      expect(r.out).toContain("2 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/mbox/mbox_api passes on ${cpus} CPUs`, () => {
      const r = ztest("test/conformance/mbox_api.ts", cpus);
      expect(r.out).toContain("19 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/mbox/mbox_usage passes on ${cpus} CPUs`, () => {
      const r = ztest("test/conformance/mbox_usage.ts", cpus);
      expect(r.out).toContain("3 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`pipes and mailboxes across CPUs (test/ztest/pipe_mbox_smp.ts) pass on ${cpus} CPUs`, () => {
      const r = ztest("test/ztest/pipe_mbox_smp.ts", cpus);
      expect(r.out).toContain("3 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
  // The wait-queue walks of k_mbox (matching skips waiters) and the pipes' direct copies on the
  // other backend.
  it("mbox_api and the cross-CPU test pass with CONFIG_WAITQ_SCALABLE on 2 CPUs", () => {
    for (const [file, summary] of [
      ["test/conformance/mbox_api.ts", "19 passed, 0 failed, 0 skipped"],
      ["test/ztest/pipe_mbox_smp.ts", "3 passed, 0 failed, 0 skipped"],
    ] as const) {
      const r = ztest(file, 2, "--set", "CONFIG_WAITQ_SCALABLE=y");
      expect(r.out).toContain(summary);
      expect(r.code, r.out).toBe(0);
    }
  });
});
