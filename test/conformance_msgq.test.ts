import { wasmpTest, confOf } from "./wasmp-test.js";
import { describe, expect, it } from "vitest";

const ztest = (file: string, cpus: number) => wasmpTest(file, cpus, ...confOf(file));

// Zephyr's semaphore, message-queue and event suites (test/conformance/README.md), and the
// k_msgq/k_event behaviour they do not reach (test/ztest/msgq_event.ts). Retries only guard
// against a loaded host; scripts/conformance.mjs runs the suites without them.
const FILES = [
  ["test/conformance/semaphore.ts", "tests/kernel/semaphore/semaphore", "32 passed, 0 failed, 0 skipped"],
  ["test/conformance/msgq_api.ts", "tests/kernel/msgq/msgq_api (put and put_front)", "34 passed, 0 failed, 0 skipped"],
  ["test/conformance/msgq_usage.ts", "tests/kernel/msgq/msgq_usage", "1 passed, 0 failed, 0 skipped"],
  ["test/conformance/event_api.ts", "tests/kernel/events/event_api", "11 passed, 0 failed, 0 skipped"],
  ["test/conformance/sys_event.ts", "tests/kernel/events/sys_event", "3 passed, 0 failed, 0 skipped"],
  ["test/ztest/msgq_event.ts", "k_msgq/k_event beyond Zephyr's suites", "6 passed, 0 failed, 0 skipped"],
] as const;

describe("conformance: Zephyr's semaphore, msgq and event tests, translated", { retry: 2 }, () => {
  for (const cpus of [1, 2, 4]) {
    for (const [file, what, summary] of FILES) {
      it(`${what} passes on ${cpus} CPU${cpus > 1 ? "s" : ""}`, () => {
        const r = ztest(file, cpus);
        expect(r.out).toContain(summary);
        expect(r.code, r.out).toBe(0);
      });
    }
  }
});
