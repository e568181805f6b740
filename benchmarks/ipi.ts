// Interrupt latency (issue 11, goal 2): from an IPI raised on CPU 0 to its handler running on
// CPU 1, with CPU 1 running compute-bound code (it takes the interrupt at a safepoint) and with
// CPU 1 idle (the IPI wakes it from cpu_idle). test/apps/bench_ipi_latency.ts measures 2,000
// IPIs per phase with the cycle counter (one host clock for every CPU) and reports their
// median, 99th percentile and maximum; one machine run per round. The goal: p99 at most 20 µs
// on a busy target that has a host core of its own (2 virtual CPUs on the 2-core machine: the
// host's other work competes for them).
import { benchLine, guestModule, runGuest } from "./lib/guest.js";
import { groupResult, type Variant } from "./lib/measure.js";
import type { Benchmark } from "./lib/types.js";

const STATS = ["p50", "p99", "max"] as const;
const PHASES = [
  { key: "busy", group: "target CPU busy (compute-bound thread)" },
  { key: "idle", group: "target CPU idle" },
] as const;

export const ipiBench: Benchmark = {
  name: "ipi",
  title: "Interrupt latency: IPI raised to its handler running on another CPU",
  async run(ctx) {
    const t0 = performance.now();
    const module = await guestModule("bench_ipi_latency");
    const samples = new Map(PHASES.map((p) => [p.key, new Map(STATS.map((s) => [s as string, [] as number[]]))]));
    ctx.progress.step("ipi: warm-up");
    await runGuest(module, 2);
    for (let r = 0; r < ctx.rounds; r++) {
      ctx.progress.step(`ipi: round ${r + 1}/${ctx.rounds}`);
      const { lines } = await runGuest(module, 2);
      for (const p of PHASES) {
        const line = benchLine(lines, `ipi_${p.key}`);
        for (const s of STATS)
          samples
            .get(p.key)!
            .get(s)!
            .push(line[s]! / 1000);
      }
    }
    const variants: Variant[] = STATS.map((s) => ({ name: s, run: () => NaN }));
    return {
      name: "ipi",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups: PHASES.map((p) => groupResult(p.group, "µs", "p50", variants, samples.get(p.key)!)),
      notes: [
        "Each row is the median over the rounds of one statistic of a run's 2,000 IPIs (after 200 warm-up ones): p50, p99 and the maximum; the ratio column is that statistic over the p50.",
        "Default Kconfig, 2 CPUs; the busy target runs the prime count of test/apps/lib/compute_suite.ts in a loop at priority 10; the measurer is pinned to CPU 0 and busy-waits 20–62 µs between IPIs.",
      ],
      description:
        "µs from k_ipi_work_signal() on CPU 0 to the k_ipi_work function running on CPU 1 (lower is better).",
    };
  },
};
