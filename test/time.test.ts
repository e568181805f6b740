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

// The lower bound of every timed wait (issue 10): test/apps/sleep_bounds.ts runs 200 waits of
// each kind (sleeps, kernel-object waits, k_poll and k_heap_alloc woken by unrelated activity,
// delayed work, periodic timer expiries, timeouts armed in an expiry function) at once and counts
// those that ended before n whole ticks of the cycle counter or before the tick count moved by
// n + 1. Only lower bounds are checked: a loaded host makes waits longer, never shorter.
describe("timeouts last at least the time asked for", () => {
  const KINDS = [
    "k_msleep",
    "k_usleep",
    "k_sleep(K_MSEC)",
    "k_sleep(K_TICKS)",
    "k_sem_take",
    "k_mutex_lock",
    "k_condvar_wait",
    "k_msgq_get",
    "k_event_wait",
    "k_queue_get",
    "k_poll",
    "k_heap_alloc",
    "k_work_schedule",
    "k_timer_periodic",
    "k_timer_start_in_expiry_fn",
    "k_work_schedule_in_expiry_fn",
  ];
  for (const [cpus, hz] of [
    [1, 100],
    [2, 1000],
    [4, 10000],
  ] as const) {
    it(`on ${cpus} CPU(s) at ${hz} ticks per second`, async () => {
      const r = await runApp("sleep_bounds", {
        cpus,
        set: [`CONFIG_SYS_CLOCK_TICKS_PER_SEC=${hz}`],
        timeoutMs: 180_000,
      });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.result.exitCode, explain(r)).toBe(0);
      expect(r.out).not.toContain("FAIL");
      const rows = new Map<string, string>();
      for (const m of r.out.matchAll(/^bound (\S+) (waits .*)$/gm)) rows.set(m[1]!, m[2]!);
      // Every kind that did not make 200 waits, none of them short: its row, for the message.
      const bad = KINDS.filter((kind) => {
        const m = /^waits (\d+) short_cycles (\d+) short_ticks (\d+)/.exec(rows.get(kind) ?? "");
        return m?.[1] !== "200" || m[2] !== "0" || m[3] !== "0";
      }).map((kind) => `${kind}: ${rows.get(kind) ?? "missing"}`);
      expect(bad, r.out).toEqual([]);
    });
  }
});
