// Compute-bound guest code against plain WebAssembly (issue 11, goal 1): the programs of
// test/apps/lib/compute_suite.ts (a prime count, a dense matrix multiply, a bitwise CRC-32, a
// recursive fib, a loop over an array of objects), timed side by side in one run:
//   - reference: the same file built by asc alone (-O3, stub runtime, no wasmp: the entry
//     test/apps/bench_compute_plain.ts), one bare instance, called from JavaScript and timed
//     with performance.now();
//   - wasmp, default build (safepoints, asyncify, the shared kernel heap, CONFIG_ASSERT and with
//     it the NULL-page check), on a 1-CPU machine: test/apps/bench_compute_suite.ts runs each
//     program on the main thread and times it with k_cycle_get_64() (host nanoseconds);
//   - wasmp with CONFIG_ASSERT=n (no kernel assertions, no NULL-page check).
// Each program runs once untimed before its timed run, in every variant; one round boots one
// machine per wasmp variant and times each program once in each of the three. Every variant
// must compute the same results (the run fails otherwise).
import { join } from "node:path";
import { compileAsc } from "../src/image/asc.js";
import { benchLine, guestModule, runGuest } from "./lib/guest.js";
import { repoRoot } from "./lib/harness.js";
import { groupResult, type Variant } from "./lib/measure.js";
import type { Benchmark, GroupResult } from "./lib/types.js";

const PLAIN = "asc -O3 (bare instance)";
const DEFAULT = "wasmp default build";
const NO_ASSERT = "wasmp CONFIG_ASSERT=n";
/** test/apps/lib/compute_suite.ts's PROGRAM_NAMES, in its order. */
const PROGRAMS = ["primes", "matmul", "crc32", "fib", "particles"];

interface PlainExports {
  setup(): void;
  run(which: number): bigint;
}

async function plainInstance(): Promise<PlainExports> {
  const root = repoRoot();
  const out = await compileAsc(
    [
      "test/apps/bench_compute_plain.ts",
      // Not the repository's asconfig.json (imported shared memory, debug info, -O0): asc's
      // own defaults, with the stub runtime at -O3.
      "--config",
      "benchmarks/compute_plain.asconfig.json",
      "--runtime",
      "stub",
      "-O3",
      "--outFile",
      "compute_plain.wasm",
    ],
    { root, cacheDir: join(root, "node_modules", ".cache", "wasmp-bench") },
  );
  const unexpected = (name: string) => (): never => {
    throw new Error(`compute_plain: unexpected host call ${name}`);
  };
  const instance = new WebAssembly.Instance(await WebAssembly.compile(out.wasm as BufferSource), {
    env: { abort: unexpected("env.abort"), seed: unexpected("env.seed"), trace: unexpected("env.trace") },
  });
  const ex = instance.exports as unknown as PlainExports;
  ex.setup();
  return ex;
}

type Times = Map<string, { ns: number; result: string }>;

export const computeBench: Benchmark = {
  name: "compute",
  title: "Compute-bound guest code against the same AssemblyScript built by asc alone",
  async run(ctx) {
    const t0 = performance.now();
    const plain = await plainInstance();
    const modDefault = await guestModule("bench_compute_suite");
    const modNoAssert = await guestModule("bench_compute_suite", {}, [
      { name: "ASSERT", value: false, where: "benchmark" },
    ]);
    const runPlain = (): Times => {
      const out: Times = new Map();
      PROGRAMS.forEach((name, i) => {
        plain.run(i);
        const s = performance.now();
        const r = plain.run(i);
        out.set(name, { ns: (performance.now() - s) * 1e6, result: String(r) });
      });
      return out;
    };
    const runWasmp = async (m: WebAssembly.Module): Promise<Times> => {
      const { lines } = await runGuest(m, 1);
      const out: Times = new Map();
      for (const name of PROGRAMS) {
        const line = benchLine(lines, `compute_${name}`);
        out.set(name, { ns: line.ns!, result: String(line.result) });
      }
      return out;
    };
    const variants: { name: string; run: () => Promise<Times> | Times }[] = [
      { name: PLAIN, run: runPlain },
      { name: DEFAULT, run: () => runWasmp(modDefault) },
      { name: NO_ASSERT, run: () => runWasmp(modNoAssert) },
    ];
    // samples[program][variant] = ns per round
    const samples = new Map(PROGRAMS.map((p) => [p, new Map(variants.map((v) => [v.name, [] as number[]]))]));
    const results = new Map<string, string>();
    for (const v of variants) {
      ctx.progress.step(`compute: warm-up ${v.name}`);
      await v.run();
    }
    for (let r = 0; r < ctx.rounds; r++) {
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(k + r) % variants.length]!;
        ctx.progress.step(`compute: ${v.name}, round ${r + 1}/${ctx.rounds}`);
        const times = await v.run();
        for (const [p, t] of times) {
          const seen = results.get(p);
          if (seen !== undefined && seen !== t.result) {
            throw new Error(`compute ${p}: ${v.name} computed ${t.result}, another variant ${seen}`);
          }
          results.set(p, t.result);
          samples
            .get(p)!
            .get(v.name)!
            .push(t.ns / 1e6);
        }
      }
    }
    const asVariants: Variant[] = variants.map((v) => ({ name: v.name, run: () => NaN }));
    const groups: GroupResult[] = PROGRAMS.map((p) => groupResult(p, "ms", PLAIN, asVariants, samples.get(p)!));
    return {
      name: "compute",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups,
      notes: [
        "Programs (test/apps/lib/compute_suite.ts): primes = count of primes below 1,000,000 by trial division (a loop calling a function with a loop); matmul = 128 x 128 f64 matrices, i-k-j order; crc32 = bitwise CRC-32 of 1 MiB; fib = recursive fib(32); particles = 10,000 objects moved 300 steps.",
        `Results (equal in every variant): ${PROGRAMS.map((p) => `${p} ${results.get(p)}`).join(", ")}.`,
        "asc -O3: test/apps/bench_compute_plain.ts built by asc alone (--runtime stub -O3), one bare instance, timed from JavaScript. wasmp: test/apps/bench_compute_suite.ts on a 1-CPU machine (one boot per round), timed in the guest with k_cycle_get_64(). Each program runs once untimed first in every variant.",
      ],
      description: "ms per run of each program (lower is better); ratio to the same code built by asc alone.",
    };
  },
};
