import { wasmpTest } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number, ...extra: string[]) => wasmpTest(`test/conformance/${file}`, cpus, ...extra);

// These tests measure real parallelism: a virtual CPU that the host deschedules at the wrong
// moment can fail one (see test/conformance/README.md, "Known sensitivity"). Each gets two
// retries here so that CI stays green on a loaded host; scripts/conformance.mjs runs them
// without retries and reports every flake.
describe("conformance: Zephyr's SMP tests, translated", { retry: 2 }, () => {
  for (const cpus of [2, 4]) {
    it(`tests/kernel/smp passes on ${cpus} CPUs`, () => {
      const r = ztest("smp.ts", cpus, "--config", "test/conformance/smp.conf");
      expect(r.out).toContain("16 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/smp_suspend passes on ${cpus} CPUs`, () => {
      const r = ztest("smp_suspend.ts", cpus);
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/smp_abort passes on ${cpus} CPUs`, () => {
      const r = ztest("smp_abort.ts", cpus);
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/smp_boot_delay passes on ${cpus} CPUs`, () => {
      const r = ztest("smp_boot_delay.ts", cpus, "--config", "test/conformance/smp_boot_delay.conf");
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/ipi_optimize passes on ${cpus} CPUs`, () => {
      const r = ztest("ipi_optimize.ts", cpus, "--config", "test/conformance/ipi_optimize.conf");
      expect(r.out).toContain("6 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/cpu_mask passes on ${cpus} CPUs`, () => {
      const r = ztest("cpu_mask.ts", cpus, "--config", "test/conformance/cpu_mask.conf");
      expect(r.out).toContain("9 passed, 0 failed, 1 skipped");
      expect(r.code, r.out).toBe(0);
    });
    // testcase.yaml's other variants: each run-queue backend, with and without PIN_ONLY (which
    // skips five tests and runs test_pin_only_single_cpu).
    for (const [variant, sets, summary] of [
      ["scalable", ["CONFIG_SCHED_SCALABLE=y"], "9 passed, 0 failed, 1 skipped"],
      ["multiq", ["CONFIG_SCHED_MULTIQ=y"], "9 passed, 0 failed, 1 skipped"],
      ["pin_only", ["CONFIG_SCHED_CPU_MASK_PIN_ONLY=y"], "5 passed, 0 failed, 5 skipped"],
      [
        "pin_only.scalable",
        ["CONFIG_SCHED_CPU_MASK_PIN_ONLY=y", "CONFIG_SCHED_SCALABLE=y"],
        "5 passed, 0 failed, 5 skipped",
      ],
      [
        "pin_only.multiq",
        ["CONFIG_SCHED_CPU_MASK_PIN_ONLY=y", "CONFIG_SCHED_MULTIQ=y"],
        "5 passed, 0 failed, 5 skipped",
      ],
    ] as const) {
      it(`tests/kernel/cpu_mask (${variant}) passes on ${cpus} CPUs`, () => {
        const r = ztest(
          "cpu_mask.ts",
          cpus,
          "--config",
          "test/conformance/cpu_mask.conf",
          ...sets.flatMap((s) => ["--set", s]),
        );
        expect(r.out).toContain(summary);
        expect(r.code, r.out).toBe(0);
      });
    }
    it(`tests/kernel/ipi_cascade passes on a ${cpus}-CPU board (2 CPUs boot)`, () => {
      const r = ztest("ipi_cascade.ts", cpus, "--config", "test/conformance/ipi_cascade.conf");
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/spinlock (src/main.c) passes on ${cpus} CPUs`, () => {
      const r = ztest("spinlock.ts", cpus);
      expect(r.out).toContain("4 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/spinlock/src/spinlock_error_case.c passes on ${cpus} CPUs`, () => {
      const r = ztest("spinlock_error_case.ts", cpus);
      expect(r.out).toContain("3 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/spinlock/spinlock_api/src/spinlock_error_case.c passes on ${cpus} CPUs`, () => {
      const r = ztest("spinlock_api_error_case.ts", cpus, "--config", "test/conformance/spinlock_api_error_case.conf");
      expect(r.out).toContain("4 passed, 0 failed, 0 skipped");
      expect(r.out).toMatch(/Spin lock held \d+ cycles, longer than limit of 100000000 cycles/);
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/spinlock/spinlock_api/src/spinlock_pool.c passes on ${cpus} CPUs`, () => {
      const r = ztest("spinlock_pool.ts", cpus);
      expect(r.out).toContain("5 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/spinlock/spinlock_held_lock passes on ${cpus} CPUs`, () => {
      const r = ztest("spinlock_held_lock.ts", cpus);
      expect(r.out).toContain("5 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    it(`tests/kernel/spinlock/spinlock_api/src/main.c passes on ${cpus} CPUs`, () => {
      const r = ztest("spinlock_api.ts", cpus);
      expect(r.out).toContain("4 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
    // wasmp is an emulated target (CONFIG_QEMU_TARGET=y): like Zephyr on QEMU, the test prints
    // an uneven split instead of asserting it. Every cycle must still be counted exactly once
    // under the lock.
    it(`tests/kernel/spinlock/spinlock_api/src/spinlock_fairness.c passes on ${cpus} CPUs with exact totals`, () => {
      const r = ztest("spinlock_api_fairness.ts", cpus, "--config", "test/conformance/spinlock_api_fairness.conf");
      const counts = [...r.out.matchAll(/^CPU(\d+) acquired spinlock (\d+) times, expected 1000$/gm)].map((m) =>
        Number(m[2]),
      );
      expect(counts, r.out).toHaveLength(cpus);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1000 * cpus);
      const short = counts.filter((c) => c < 1000).length;
      expect([...r.out.matchAll(/\(not asserted on an emulated target\)$/gm)]).toHaveLength(short);
      expect(r.out).toContain("1 passed, 0 failed, 0 skipped");
      expect(r.code, r.out).toBe(0);
    });
  }
  // The translation must be able to fail: without cascades T1 stays queued behind T4 until the
  // 5 s watchdog timer aborts T2-T4.
  it("tests/kernel/ipi_cascade fails without CONFIG_SCHED_IPI_CASCADE", () => {
    const r = ztest(
      "ipi_cascade.ts",
      2,
      "--config",
      "test/conformance/ipi_cascade.conf",
      "--set",
      "CONFIG_SCHED_IPI_CASCADE=n",
    );
    expect(r.out).toContain("Assertion failed: condition is true: Test terminated by timer");
    expect(r.out).toContain("0 passed, 1 failed, 0 skipped");
  });
});
