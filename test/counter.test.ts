import { describe, expect, it } from "vitest";
import { explain, runApp } from "./helpers.js";

describe("the counter test: 4 threads x 100,000 increments under spinlock, semaphore, mutex", () => {
  const want = "spinlock=400000 sem=400000 mutex=400000";
  for (let round = 1; round <= 3; round++) {
    it(`is exact on 4 CPUs, every time (round ${round})`, async () => {
      const r = await runApp("counter", { cpus: 4 });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toContain(want);
      expect(r.result.mainReturn).toBe(0);
    });
  }

  it("is exact with ticket spinlocks on 4 CPUs", async () => {
    const r = await runApp("counter", { cpus: 4, set: ["CONFIG_TICKET_SPINLOCKS=y"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain(want);
  });

  it("finishes in bounded time with 16 virtual CPUs on this host (more CPUs than cores)", async () => {
    const r = await runApp("counter", { cpus: 16, timeoutMs: 90_000 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain(want);
  });

  it("is exact without IPIs (idle CPUs poll) on 4 CPUs", async () => {
    const r = await runApp("counter", { cpus: 4, set: ["CONFIG_SCHED_IPI_SUPPORTED=n"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain(want);
  });
});
