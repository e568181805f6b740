import { wasmpTest, wasmpTestPatched } from "./wasmp-test.js";
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

// A failed test_delayed leaves its delayed items armed. Zephyr's suite then re-initialises them
// in the timeout list and overflows results[] (a 10-run measurement hung that way once on a
// loaded host; with the check forced to fail, the next suite faulted in the timeout list). The
// translation's after hook cancels them (test/conformance/work_queue.ts, header). The copy here
// checks after 150 ms instead of CHECK_WAIT, so test_delayed fails every time.
describe("tests/kernel/workq/work_queue: a failed test_delayed", () => {
  it("fails that test only: the other tests pass and the run ends", () => {
    const wait = "  test_delayed_submit();\n  k_msleep(CHECK_WAIT);";
    const r = wasmpTestPatched("test/conformance/work_queue.ts", wait, "  test_delayed_submit();\n  k_msleep(150);", 2);
    expect(r.out).not.toContain("timed out");
    expect(r.out).not.toContain("FATAL ERROR");
    expect(r.out).toMatch(/ FAIL - test_delayed in /);
    expect(r.out).toContain("13 passed, 1 failed, 0 skipped");
    expect(r.code, r.out).toBe(1);
  });
});
