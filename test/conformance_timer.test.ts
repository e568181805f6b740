import { wasmpTest } from "./wasmp-test.js";
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
