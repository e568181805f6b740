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

// CONFIG_HEAP_MEM_POOL_SIZE: the system heap of k_malloc (assembly/kernel/mempool.ts).
describe("the system heap (CONFIG_HEAP_MEM_POOL_SIZE)", () => {
  it("k_malloc fails with NULL once a 4096-byte pool is full, new still works, k_free gives back", async () => {
    const r = await runApp("heap_pool", { cpus: 1, set: ["CONFIG_HEAP_MEM_POOL_SIZE=4096"] });
    expect(r.result.status, explain(r)).toBe("exit");
    const m = /pool=4096 blocks=(\d+) kernel_heap_growth=(\d+)/.exec(r.out);
    expect(m, r.out).not.toBeNull();
    // 64-byte blocks take 72 bytes with their header; the pool's own headers take a little more.
    const blocks = Number(m![1]);
    expect(blocks).toBeGreaterThanOrEqual(50);
    expect(blocks).toBeLessThanOrEqual(4096 / 72);
    expect(Number(m![2]), "k_malloc took kernel heap memory").toBe(0);
    expect(r.out).toContain("full: malloc=0 calloc=0 aligned=0 realloc=0 new_ok=1");
    expect(r.out).toContain("refill=1 intact=1 big=1 grown=1");
    expect(r.out).toContain("after_free kernel_heap_growth=0");
  });

  it("set to 0 there is no system heap: every k_malloc-family call returns NULL", async () => {
    const r = await runApp("heap_pool", { cpus: 1, set: ["CONFIG_HEAP_MEM_POOL_SIZE=0"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("pool=0 blocks=0 kernel_heap_growth=0");
    expect(r.out).toContain("full: malloc=0 calloc=0 aligned=0 realloc=0 new_ok=1");
  });

  it("unset, k_malloc draws from the whole kernel heap", async () => {
    const r = await runApp("heap_pool", { cpus: 1 });
    expect(r.result.status, explain(r)).toBe("exit");
    // 4096 blocks of 64 bytes: more than any small pool, all of it from the kernel heap.
    expect(r.out).toMatch(/pool=-1 blocks=4096 kernel_heap_growth=(\d+)/);
    expect(Number(/kernel_heap_growth=(\d+)/.exec(r.out)![1])).toBeGreaterThanOrEqual(4096 * 64);
    expect(r.out).toContain("refill=1 intact=1 big=1 grown=1");
    expect(r.out).toContain("after_free kernel_heap_growth=0");
  });
});
