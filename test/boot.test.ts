import { describe, expect, it } from "vitest";
import { readCpuStates } from "../src/machine/dump.js";
import { explain, runApp } from "./helpers.js";

describe("SMP boot", () => {
  for (const cpus of [1, 2, 4, 8, 16]) {
    it(`brings up all ${cpus} CPUs with distinct ids, each running a thread at once`, async () => {
      const r = await runApp("boot", { cpus });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.result.mainReturn).toBe(0);
      expect(r.out).toContain(`cpus=${cpus} mask=${2 ** cpus - 1} `);
      const states = readCpuStates(r.machine.memory, r.kernelBase);
      expect(states.map((s) => s.state === "off")).toEqual(new Array(cpus).fill(false));
      expect(r.machine.readKernelU32("cpus_active")).toBe(cpus);
    });
  }

  it("honours CONFIG_MP_MAX_NUM_CPUS below the board's count: the rest stay off", async () => {
    const r = await runApp("boot", { cpus: 8, set: ["CONFIG_MP_MAX_NUM_CPUS=3"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("cpus=3 mask=7 ");
    const states = readCpuStates(r.machine.memory, r.kernelBase);
    expect(states.slice(0, 3).every((s) => s.state !== "off")).toBe(true);
    expect(states.slice(3).every((s) => s.state === "off")).toBe(true);
    expect(r.machine.readKernelU32("cpus_active")).toBe(3);
    expect(r.machine.workerCount).toBe(3);
  });

  it("CONFIG_SMP=n builds a uniprocessor kernel that runs on CPU 0 only", async () => {
    const r = await runApp("boot", { cpus: 4, set: ["CONFIG_SMP=n"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("cpus=1 mask=1 main_cpu=0");
    expect(r.machine.readKernelU32("cpus_active")).toBe(1);
    // The other three CPUs are off: no worker runs their start function beside CPU 0's boot
    // (without CONFIG_SMP the heap lock takes no lock word, so they raced).
    expect(r.machine.workerCount).toBe(1);
  });
});

// Every documented memory size boots (issue 10: 2048 to 4095 MiB crashed with "Invalid typed
// array length", and addresses above 2 GiB were negative indices on the host). test/apps/
// high_memory.ts fills the heap so that threads, their save areas, a semaphore and strings
// come from the top of memory, where the CPUs' unwind scratch areas are too.
describe("memory sizes up to CONFIG_WASMP_MEMORY_MB=4095", () => {
  for (const [mb, blocks] of [
    [2048, 7],
    [4095, 15],
  ] as const) {
    it(`boots with ${mb} MiB and runs threads at the top of memory`, async () => {
      const r = await runApp("high_memory", { cpus: 4, set: [`CONFIG_WASMP_MEMORY_MB=${mb}`] });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.result.mainReturn, explain(r)).toBe(0);
      expect(r.machine.memory.buffer.byteLength).toBe(mb * 2 ** 20);
      expect(r.out).toContain(`blocks ${blocks} `);
      expect(r.out).toContain("intact yes");
      expect(r.out).toContain(`passes 8000 `);
      const lastEnd = Number.parseInt(/last_end 0x([0-9a-f]+)/.exec(r.out)![1]!, 16);
      const [, thread, sem, str] = /thread 0x([0-9a-f]+) sem 0x([0-9a-f]+) string 0x([0-9a-f]+)/
        .exec(r.out)!
        .map((h) => Number.parseInt(h, 16));
      for (const addr of [thread, sem, str]) expect(addr).toBeGreaterThanOrEqual(lastEnd);
      if (mb > 2048) expect(lastEnd).toBeGreaterThan(2 ** 31);
      // The faulting thread, also up there, is named in its fatal report with its real address.
      expect(r.fatal.map((f) => [f.reasonName, f.threadName])).toEqual([["K_ERR_CPU_EXCEPTION", "high_faulty"]]);
      expect(r.fatal[0]!.thread).toBeGreaterThanOrEqual(lastEnd);
    });
  }
});
