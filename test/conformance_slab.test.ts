// Zephyr's k_stack and k_mem_slab tests, translated (test/conformance/stack.ts, mslab*.ts):
// each file on 1, 2 and 4 CPUs. scripts/conformance.mjs runs them without retries and reports
// every flake; here each gets two retries as a guard against a loaded CI host.
import { wasmpTest, confOf } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number) =>
  wasmpTest(`test/conformance/${file}`, cpus, ...confOf(`test/conformance/${file}`));

/** [file, Zephyr test, summary line by CPU count] */
const FILES: [string, string, (cpus: number) => string][] = [
  ["stack.ts", "tests/kernel/stack/stack", () => "12 passed, 0 failed, 0 skipped"],
  ["mslab.ts", "tests/kernel/mem_slab/mslab", () => "1 passed, 0 failed, 0 skipped"],
  // test_mslab_alloc_timeout skips itself unless there is exactly one CPU, as in Zephyr.
  [
    "mslab_api.ts",
    "tests/kernel/mem_slab/mslab_api",
    (cpus) => (cpus === 1 ? "8 passed, 0 failed, 0 skipped" : "7 passed, 0 failed, 1 skipped"),
  ],
  ["mslab_concept.ts", "tests/kernel/mem_slab/mslab_concept", () => "1 passed, 0 failed, 0 skipped"],
  ["mslab_stats.ts", "tests/kernel/mem_slab/mslab_stats", () => "2 passed, 0 failed, 0 skipped"],
  ["mslab_threadsafe.ts", "tests/kernel/mem_slab/mslab_threadsafe", () => "1 passed, 0 failed, 0 skipped"],
];

describe("conformance: Zephyr's stack and memory slab tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    for (const [file, zephyr, summary] of FILES) {
      it(`${zephyr} passes on ${cpus} CPU${cpus === 1 ? "" : "s"}`, () => {
        const r = ztest(file, cpus);
        expect(r.out).toContain(summary(cpus));
        expect(r.code, r.out).toBe(0);
      });
    }
  }
});
