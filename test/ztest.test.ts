import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = join(process.cwd(), "dist", "cli.js");

describe("the ztest harness and `wasmp test`", () => {
  it("runs suites with hooks, reports pass/fail/skip with a summary line, and exits 1 on a failure", () => {
    const r = spawnSync(process.execPath, [CLI, "test", "test/ztest/sample.ts", "--cpus", "4", "--timeout", "60"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(1);
    const out = r.stdout;
    expect(out).toContain("Running TESTSUITE sample");
    expect(out).toContain(" PASS - test_passes");
    expect(out).toContain(" PASS - test_fixture");
    expect(out).toContain("Assertion failed: 2 not equal to 3: arithmetic");
    expect(out).not.toContain("not reached");
    expect(out).toContain(" FAIL - test_fails");
    expect(out).toContain(" SKIP - test_skipped");
    // a failure in a helper thread ends the test, whose own thread waits forever
    expect(out).toContain("Assertion failed: 4 not equal to 5: in a helper thread");
    expect(out).not.toContain("helper not reached");
    expect(out).not.toContain("test thread not reached");
    expect(out).toContain(" FAIL - test_fails_in_a_helper_thread");
    // setup once; before/after around each of the 5 tests; teardown sees all of them
    expect(out).toContain("teardown fixture=42 log=505");
    expect(out).toContain("SUITE FAIL - 40.00% [sample]: pass = 2, fail = 2, skip = 1, total = 5");
    expect(out).toContain("PROJECT EXECUTION FAILED");
    expect(out.trim().split("\n")).toContain("2 passed, 2 failed, 1 skipped");
    // one ordered stream: the summary comes after every test's verdict
    expect(out.indexOf(" SKIP - test_skipped")).toBeLessThan(out.indexOf("TESTSUITE SUMMARY START"));
  });
});

describe("kernel objects (k_msgq, k_event, k_timer, k_work, k_poll, k_ipi_work)", () => {
  for (const cpus of [1, 2, 4]) {
    it(`pass their ztest suite on ${cpus} CPUs`, () => {
      const r = spawnSync(
        process.execPath,
        [CLI, "test", "test/ztest/kernel_objects.ts", "--cpus", String(cpus), "--timeout", "60"],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(r.stdout, r.stdout + r.stderr).toContain(
        cpus === 1 ? "17 passed, 0 failed, 1 skipped" : "18 passed, 0 failed, 0 skipped",
      );
      expect(r.status).toBe(0);
    });
  }
  it("pass their ztest suite with CONFIG_WAITQ_SCALABLE on 2 CPUs", () => {
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        "test",
        "test/ztest/kernel_objects.ts",
        "--cpus",
        "2",
        "--timeout",
        "60",
        "--set",
        "CONFIG_WAITQ_SCALABLE=y",
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(r.stdout, r.stdout + r.stderr).toContain("18 passed, 0 failed, 0 skipped");
    expect(r.status).toBe(0);
  });
});
