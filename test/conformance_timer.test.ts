import { wasmpTest, wasmpTestPatched } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number, ...extra: string[]) => wasmpTest(`test/conformance/${file}`, cpus, ...extra);

// Zephyr's timer and sleep tests (tests/kernel/timer/timer_api, timer_monotonic,
// tests/kernel/sleep), translated. They measure time: a virtual CPU that the host runs late
// can fail one (their headers say which tolerances are scaled for it), so each gets two
// retries here; scripts/conformance.mjs runs them without retries and reports every flake.
describe("conformance: Zephyr's timer and sleep tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    it(`tests/kernel/timer/timer_api passes on ${cpus} CPUs`, () => {
      const r = ztest("timer_api.ts", cpus, "--config", "test/conformance/timer_api.conf");
      expect(r.out).toContain("15 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/timer/timer_monotonic passes on ${cpus} CPUs`, () => {
      const r = ztest("timer_monotonic.ts", cpus);
      expect(r.out).toContain("2 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/sleep passes on ${cpus} CPUs`, () => {
      const r = ztest("sleep.ts", cpus, "--config", "test/conformance/sleep.conf");
      expect(r.out).toContain("4 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
});

// A check of sleep.ts's test_thread that fails (a wake-up the host ran too late) must fail the
// test with test_thread's " *** " line, not hang it: Zephyr's test_thread returns without giving
// task_sem, and a 10-run measurement on 4 CPUs once hung until --timeout that way (test_sleep
// waiting on task_sem forever). The copy here makes the first check fail every time.
describe("tests/kernel/sleep: a failed check in test_thread", () => {
  it("fails test_sleep with test_thread's diagnostic instead of hanging the run", () => {
    const check = "return dt >= dur && dt <= dur + TICK_MARGIN;";
    const r = wasmpTestPatched(
      "test/conformance/sleep.ts",
      check,
      "return false;",
      4,
      "--config",
      "test/conformance/sleep.conf",
    );
    expect(r.out).not.toContain("timed out");
    expect(r.out).toMatch(/ \*\*\* k_sleep\(\) slept for \d+ ticks not 1000\./);
    expect(r.out).toContain("Assertion failed: condition is true: test failure");
    expect(r.out).toMatch(/ FAIL - test_sleep in /);
    // The helper thread, aborted, does not disturb the suite's other tests.
    expect(r.out).toContain("3 passed, 1 failed, 0 skipped");
    expect(r.code, r.out).toBe(1);
  });
});
