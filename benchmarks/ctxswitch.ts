// Context switch on one CPU: two guest threads k_yield to each other (test/apps/bench_ctxswitch.ts),
// timed inside the guest with k_cycle_get_32() (ns); one machine boot per round. Reference:
// a native C ucontext swapcontext ping-pong (benchmarks/native/ucontext.c).
import { guestModule, runGuest, benchLine } from "./lib/guest.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import { runNative } from "./lib/native.js";
import type { Benchmark } from "./lib/types.js";

export const ctxswitchBench: Benchmark = {
  name: "ctxswitch",
  title: "Context switch on one CPU (k_yield ping-pong)",
  async run(ctx) {
    const t0 = performance.now();
    const module = await guestModule("bench_ctxswitch");
    const native = ctx.native;
    const variants: Variant[] = [
      "missing" in native
        ? { name: "c-swapcontext", skipped: native.missing, run: () => NaN }
        : { name: "c-swapcontext", run: () => runNative(native.ucontext, ["200000"], "ns_per_switch") },
      {
        name: "wasmp-k_yield",
        warmup: false,
        run: async () => {
          const { lines } = await runGuest(module, 1);
          const r = benchLine(lines, "ctxswitch");
          return r.ns! / r.switches!;
        },
      },
    ];
    const reference = "missing" in native ? "wasmp-k_yield" : "c-swapcontext";
    const samples = await interleave("1 CPU", variants, ctx.rounds, ctx.progress);
    return {
      name: "ctxswitch",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups: [groupResult("1 CPU", "ns/switch", reference, variants, samples)],
      notes: [
        "wasmp: 20,000 k_yield round trips (40,000 switches) after 1,000 warm-up ones, default Kconfig (SMP, SPIN_VALIDATE), 1 CPU; each round boots a new machine.",
        "C: glibc swapcontext between two ucontexts, 400,000 switches per round.",
      ],
      description: "ns per context switch (lower is better).",
    };
  },
};
