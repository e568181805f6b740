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
