import { wasmpTest, confOf } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number, ...extra: string[]) =>
  wasmpTest(`test/conformance/${file}`, cpus, ...confOf(`test/conformance/${file}`), ...extra);

/** [file, Zephyr source, summary on 1 CPU, summary on 2 and 4 CPUs]. */
const FILES: [string, string, string, string][] = [
  [
    "condvar_api.ts",
    "tests/kernel/condvar/condvar_api",
    // 4 userspace-only skips; on SMP also the 3 that Zephyr skips when CONFIG_MP_MAX_NUM_CPUS > 1
    "19 passed, 0 failed, 4 skipped",
    "16 passed, 0 failed, 7 skipped",
  ],
  [
    "mutex_api.ts",
    "tests/kernel/mutex/mutex_api (test_mutex_apis.c)",
    "8 passed, 0 failed, 0 skipped",
    "8 passed, 0 failed, 0 skipped",
  ],
  [
    "mutex_api_complex_inversion.ts",
    "tests/kernel/mutex/mutex_api (complex_inversion.c)",
    "1 passed, 0 failed, 0 skipped",
    "1 passed, 0 failed, 0 skipped",
  ],
  [
    "mutex_api_priority_inheritance_enhanced.ts",
    "tests/kernel/mutex/mutex_api (priority_inheritance_enhanced.c)",
    "15 passed, 0 failed, 0 skipped",
    "15 passed, 0 failed, 0 skipped",
  ],
  [
    "mutex_error_case.ts",
    "tests/kernel/mutex/mutex_error_case (test_mutex_error.c)",
    "4 passed, 0 failed, 0 skipped",
    "4 passed, 0 failed, 0 skipped",
  ],
  [
    "mutex_error_case_timeout_race.ts",
    "tests/kernel/mutex/mutex_error_case (test_mutex_timeout_race.c)",
    "1 passed, 0 failed, 0 skipped",
    "1 passed, 0 failed, 0 skipped",
  ],
  [
    "sys_mutex.ts",
    "tests/kernel/mutex/sys_mutex (main.c, nouser)",
    "2 passed, 0 failed, 1 skipped",
    "2 passed, 0 failed, 1 skipped",
  ],
  [
    "sys_mutex_thread_competition.ts",
    "tests/kernel/mutex/sys_mutex (thread_competition.c)",
    "1 passed, 0 failed, 0 skipped",
    "1 passed, 0 failed, 0 skipped",
  ],
  [
    "mutex_smp.ts",
    "tests/kernel/mutex/mutex_smp",
    // BUILD_ASSERT(CONFIG_MP_MAX_NUM_CPUS > 1) is a skip on one CPU
    "0 passed, 0 failed, 1 skipped",
    "1 passed, 0 failed, 0 skipped",
  ],
  [
    "mutex_deadlock.ts",
    "tests/kernel/mutex/mutex_deadlock",
    "1 passed, 0 failed, 0 skipped",
    "1 passed, 0 failed, 0 skipped",
  ],
];

// Timing-sensitive on a loaded host like the rest of the suite: two retries here, none in
// scripts/conformance.mjs, which reports every flake.
describe("conformance: Zephyr's condvar and mutex tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    for (const [file, source, up, smp] of FILES) {
      it(`${source} passes on ${cpus} CPU${cpus > 1 ? "s" : ""}`, () => {
        const r = ztest(file, cpus);
        expect(r.out).toContain(cpus === 1 ? up : smp);
        expect(r.code, r.out).toBe(0);
      });
    }
    it(`mutex_api (priority_inheritance_enhanced.c) passes on ${cpus} CPU${cpus > 1 ? "s" : ""} with CONFIG_MUTEX_DEADLOCK_DETECT=y`, () => {
      const r = ztest("mutex_api_priority_inheritance_enhanced.ts", cpus, "--set", "CONFIG_MUTEX_DEADLOCK_DETECT=y");
      expect(r.out).toContain("15 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
  for (const cpus of [1, 2, 4]) {
    // complex_inversion.c was written for a crash under CONFIG_WAITQ_SCALABLE (a priority
    // boost must re-sort the wait queue the boosted owner pends on).
    it(`mutex_api (complex_inversion.c) passes on ${cpus} CPU${cpus > 1 ? "s" : ""} with CONFIG_WAITQ_SCALABLE=y`, () => {
      const r = ztest("mutex_api_complex_inversion.ts", cpus, "--set", "CONFIG_WAITQ_SCALABLE=y");
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
  it("mutex_error_case fails without CONFIG_ASSERT (its tests check assertions)", () => {
    const r = ztest("mutex_error_case.ts", 2, "--set", "CONFIG_ASSERT=n");
    expect(r.out).toContain("1 passed, 3 failed, 0 skipped");
    expect(r.code).not.toBe(0);
  });
});
