import { wasmpTest } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number, ...extra: string[]) => wasmpTest(`test/conformance/${file}`, cpus, ...extra);

// Zephyr's work queue tests (tests/kernel/workq), translated. Their 1cpu suites hold the
// other CPUs; their delays are real time, so a loaded host can fail one: two retries each,
// as in test/conformance.test.ts.
describe("conformance: Zephyr's work queue tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    it(`tests/kernel/workq/work passes on ${cpus} CPUs`, () => {
      const r = ztest("work.ts", cpus, "--config", "test/conformance/work.conf");
      // On one CPU the two SMP tests skip (they need a second CPU); test_nop always skips.
      expect(r.out).toContain(cpus === 1 ? "27 passed, 0 failed, 3 skipped" : "29 passed, 0 failed, 1 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/workq/work_queue (main.c) passes on ${cpus} CPUs`, () => {
      const r = ztest("work_queue.ts", cpus);
      expect(r.out).toContain("14 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`k_poll on pipes and triggered work beyond Zephyr's suites (test/ztest/poll_work.ts) pass on ${cpus} CPUs`, () => {
      const r = wasmpTest("test/ztest/poll_work.ts", cpus);
      expect(r.out).toContain("5 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/workq/work_queue (start_stop.c) passes on ${cpus} CPUs`, () => {
      const r = ztest("work_queue_start_stop.ts", cpus);
      expect(r.out).toContain("5 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/workq/work_queue (static_define.c) passes on ${cpus} CPUs`, () => {
      const r = ztest("work_queue_static_define.ts", cpus);
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/workq/work_queue (work_timeout.c, WORKQUEUE_WORK_TIMEOUT=y) passes on ${cpus} CPUs`, () => {
      const r = ztest("work_queue_work_timeout.ts", cpus, "--config", "test/conformance/work_queue_work_timeout.conf");
      expect(r.out).toContain("blocked by work");
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/workq/work_queue (work_timeout.c, default variant) passes on ${cpus} CPUs`, () => {
      const r = ztest("work_queue_work_timeout.ts", cpus);
      expect(r.out).not.toContain("blocked by work");
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/workq/critical passes on ${cpus} CPUs (one booted: CONFIG_MP_MAX_NUM_CPUS=1)`, () => {
      const r = ztest("workq_critical.ts", cpus, "--config", "test/conformance/workq_critical.conf");
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
});
