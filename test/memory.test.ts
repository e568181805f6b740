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

// An allocation of AssemblyScript's runtime that fails (z_rt_alloc, z_rt_realloc → heap.ts's
// z_rt_alloc_failed): a fatal error of the thread, naming the size, the site and the heap.
describe("running out of memory", () => {
  it("is a fatal error of the thread that names the size, the allocation site and the heap's state; the rest goes on", async () => {
    const r = await runApp("oom", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.result.mainReturn).toBe(0);
    expect(r.fatal.map((f) => [f.reasonName, f.threadName])).toEqual([
      ["K_ERR_KERNEL_OOPS", "hog"],
      ["K_ERR_KERNEL_OOPS", "pusher"],
    ]);
    const [hog, pusher] = r.fatal;
    const heapState = (msg: string) => {
      const m = /kernel heap: (\d+) bytes used, (\d+) free, largest free block (\d+)\)$/.exec(msg);
      expect(m, msg).not.toBeNull();
      return { used: Number(m![1]), free: Number(m![2]), largest: Number(m![3]) };
    };
    // new ArrayBuffer(1 MiB): the object's size, with AssemblyScript's 16-byte header.
    expect(hog!.message).toMatch(
      /^out of memory: could not allocate an object of 1048576 bytes \(1048592 with its header; /,
    );
    const h = heapState(hog!.message);
    expect(h.largest).toBeLessThan(1048592); // that is why it failed
    expect(h.largest).toBeLessThanOrEqual(h.free);
    expect(h.used + h.free).toBeGreaterThan(60 << 20); // the 64 MiB board's heap, nearly all used
    expect(h.free).toBeLessThan(2 << 20);
    expect(hog!.site).toBe("oom/grow (in ~lib/arraybuffer/ArrayBuffer#constructor)");
    // Array#push doubling its buffer: a realloc that cannot grow it.
    expect(pusher!.message).toMatch(/^out of memory: could not grow an object to (\d+) bytes \(\d+ with its header; /);
    const p = heapState(pusher!.message);
    expect(p.largest).toBeLessThan(Number(/grow an object to (\d+)/.exec(pusher!.message)![1]));
    expect(pusher!.site).toBe("oom/push_forever (in ~lib/array/Array<i64>#push)");
    expect(r.fatalText[0]).toContain("\nsite: oom/grow (in ~lib/arraybuffer/ArrayBuffer#constructor)");
    // The thread on another CPU went on, and the memory of the dead threads' objects came back.
    expect(r.out).toMatch(/hog_held=6\d recovered=1 pushed=\d+ beats_went_on=1 free_after=1/);
  });
});
