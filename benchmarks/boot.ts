// Boot time: from Machine.create (image already compiled; runApplication only resolves the
// default Kconfig before it) until main() runs, marked by a printk in main
// (test/apps/bench_boot.ts) that the host sees at the latest when main's exit message arrives
// (main returns right after it).
import { createBoard } from "../src/board/board.js";
import { runApplication } from "../src/run.js";
import { guestModule } from "./lib/guest.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark } from "./lib/types.js";

async function bootOnce(module: WebAssembly.Module, cpus: number): Promise<number> {
  let mark = 0;
  const t0 = performance.now();
  const { result: r } = await runApplication({
    app: module,
    board: createBoard({ cpus }),
    timeoutMs: 60_000,
    onLine: (_c, l) => {
      if (l === "wasmp-bench-main" && mark === 0) mark = performance.now();
    },
  });
  if (r.status !== "exit" || r.mainReturn !== 0 || mark === 0)
    throw new Error(`boot on ${cpus} CPUs: ${r.status} ${r.message}`);
  return mark - t0;
}

export const bootBench: Benchmark = {
  name: "boot",
  title: "Boot time: Machine.create to main()",
  async run(ctx) {
    const t0 = performance.now();
    const module = await guestModule("bench_boot");
    const variants: Variant[] = [1, 4, 16].map((cpus) => ({
      name: `${cpus} CPU${cpus > 1 ? "s" : ""}`,
      run: () => bootOnce(module, cpus),
    }));
    const samples = await interleave("boot", variants, ctx.rounds, ctx.progress);
    return {
      name: "boot",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups: [groupResult("Machine.create -> main()", "ms", "1 CPU", variants, samples)],
      notes: [
        "The image is compiled once beforehand (WebAssembly.Module); create includes worker start-up, instantiation on every CPU and kernel layout; main runs after every CPU has started (z_smp_init).",
      ],
      description: "ms from Machine.create until main() logs (lower is better).",
    };
  },
};
