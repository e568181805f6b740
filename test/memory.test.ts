import { describe, expect, it } from "vitest";
import { explain, runApp } from "./helpers.js";

// The kernel heap (sys_heap) and the reclaiming of dead threads (docs/api.md, "Memory").
describe("memory that is given back", () => {
  for (const cpus of [1, 4]) {
    it(`freed memory serves any size, coalesces and is counted (${cpus} CPUs)`, async () => {
      const r = await runApp("heap_reuse", { cpus });
      expect(r.result.status, explain(r)).toBe("exit");
      // 100-byte blocks fill the heap, then all of it serves 3000-byte blocks.
      expect(r.out).toMatch(/small=\d{6} small_bytes=\d+ freed=1 big_ok=1/);
      const small = Number(/small_bytes=(\d+)/.exec(r.out)![1]);
      const large = Number(/large_bytes=(\d+)/.exec(r.out)![1]);
      expect(large / small, r.out).toBeGreaterThan(0.99);
      expect(r.out).toContain("realloc_ok=1 aligned_ok=1 churn_bad=0");
      expect(r.out).toContain("strings_freed=1");
      expect(r.out).toContain("churn_peak_ok=1 churn_freed=1");
      expect(r.out).toContain("coalesced=1");
    });
    it(`threads created and joined forever run in bounded memory (${cpus} CPUs, 16 MiB)`, async () => {
      // 20,000 threads per CPU with 4 KiB save areas: 86 MB if nothing came back.
      const r = await runApp("thread_churn", { cpus, set: ["CONFIG_WASMP_MEMORY_MB=16"], timeoutMs: 120_000 });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out).toContain(`threads=${cpus * 20000} expected=${cpus * 20000} stale_ok=1`);
      expect(r.out).toContain("heap_growth_bounded=1");
    });
  }
});
