// Zephyr's time-unit conversions (k_<from>_to_<to>_<rounding><bits>) and k_uptime_delta, at
// a tick rate that divides the other rates (10,000 ticks/s: integer ratios) and one that does
// not (32,768: z_tmcvt's general (t * to + offset) / from path).
import { describe, expect, it } from "vitest";
import { explain, runApp } from "./helpers.js";

describe("time-unit conversions as Zephyr's z_tmcvt", () => {
  it("at 10,000 ticks per second", async () => {
    const r = await runApp("time_units", { cpus: 1 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("ms_to_ticks(1) floor/ceil/near 10 10 10");
    expect(r.out).toContain("us_to_ticks(150) floor/ceil/near 1 2 2");
    expect(r.out).toContain("ticks_to_ms(15) floor/ceil/near 1 2 2");
    expect(r.out).toContain("ticks_to_us_floor32(3) 300");
    expect(r.out).toContain("ticks_to_cyc_floor64(3) 300000");
    expect(r.out).toContain("cyc_to_ticks_ceil32(100001) 2");
    expect(r.out).toContain("cyc_to_ns_floor64(123) 123");
    expect(r.out).toContain("cyc_to_us(1999) floor/ceil 1 2");
    expect(r.out).toContain("ns_to_cyc_near64(7) 7");
    expect(r.out).toContain("ms_to_cyc_ceil64(2) 2000000");
    expect(r.out).toContain("uptime_delta first<=now yes second>=3 yes ref_updated yes");
  });

  it("at 32,768 ticks per second", async () => {
    const r = await runApp("time_units", { cpus: 1, set: ["CONFIG_SYS_CLOCK_TICKS_PER_SEC=32768"] });
    expect(r.result.status, explain(r)).toBe("exit");
    // 1 ms = 32.768 ticks; 150 us = 4.9152 ticks; 15 ticks = 0.4578 ms; 3 ticks = 91.55 us.
    expect(r.out).toContain("ms_to_ticks(1) floor/ceil/near 32 33 33");
    expect(r.out).toContain("us_to_ticks(150) floor/ceil/near 4 5 5");
    expect(r.out).toContain("ticks_to_ms(15) floor/ceil/near 0 1 0");
    expect(r.out).toContain("ticks_to_us_floor32(3) 91");
    // 3 ticks = 91,552.7 cycles at 1 GHz; 100,001 cycles = 3.27 ticks.
    expect(r.out).toContain("ticks_to_cyc_floor64(3) 91552");
    expect(r.out).toContain("cyc_to_ticks_ceil32(100001) 4");
  });
});

// Absolute timeouts (K_TIMEOUT_ABS_*, CONFIG_TIMEOUT_64BIT) in every kernel wait, timepoints,
// "n ticks last at least n whole ticks", one expiry call per period of a late timer, a periodic
// timer started in the past, and sys_clock_tick_set: test/apps/timeouts.ts prints "ok <check>" or "FAIL <check>: <why>".
describe("timeouts: absolute, timepoints, expiry per period", () => {
  const CHECKS = 35;
  for (const [cpus, hz] of [
    [1, 10000],
    [4, 10000],
    [2, 32768],
    [1, 100],
  ] as const) {
    it(`on ${cpus} CPU(s) at ${hz} ticks per second`, { retry: 2 }, async () => {
      const r = await runApp("timeouts", { cpus, set: [`CONFIG_SYS_CLOCK_TICKS_PER_SEC=${hz}`] });
      expect(r.out).not.toContain("FAIL");
      expect(r.out).toContain("timeouts: 0 failed");
      expect(r.out.split("\n").filter((l) => l.startsWith("ok ")).length).toBe(CHECKS);
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.result.exitCode, explain(r)).toBe(0);
    });
  }
});
