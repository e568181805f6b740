// Run-queue benchmark: the kernel's Wasm run queue (z_priq_add/runq_remove/runq_best via
// hp_runq_loop) against the TypeScript mirror (runqLoop), with 10 to 100,000 ready threads,
// random priorities (32 levels) and random CPU masks over 4 CPUs.
//
// One op = remove a random queued thread + give it a random priority + insert it (sorted,
// O(n) walk) + runq_best on a random CPU. Each variant works on its own memory holding an
// identical queue; each round uses a fresh seed, the same for both, and their checksums of
// the chosen threads must agree (a benchmark run is also a differential check).

import { k_thread } from "../src/generated/layout.js";
import { KernelMem, runqLoop } from "../src/core-ts/index.js";
import { buildHarness, instantiateHarness, type HotpathExports } from "./lib/harness.js";
import { Fixture, pagesFor, sharedMemory } from "./lib/fixture.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark, GroupResult } from "./lib/types.js";

const SIZES = [10, 100, 1000, 10_000, 100_000];
const NCPUS = 4;

/** Lays out n threads with seeded priorities/masks, already linked in priority order (O(n)). */
function populate(f: Fixture, n: number, seed: number): void {
  let x = seed | 0;
  const next = (): number => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x >>> 0; };
  const byPrio: number[][] = Array.from({ length: 32 }, () => []);
  for (let i = 0; i < n; i++) {
    const r = next();
    const prio = (r % 32) - 16;
    const t = f.initThread(i, { prio, cpuMask: 1 + ((r >>> 8) % 15), state: 1 << 7 /* _THREAD_QUEUED */ });
    f.w(f.arrayBase + 4 * i, t);
    byPrio[prio + 16]!.push(t);
  }
  for (const level of byPrio) for (const t of level) f.append(f.runq, t + k_thread.qnode);
}

export const runqBench: Benchmark = {
  name: "runq",
  title: "Run queue: insert/remove/best, Wasm vs TypeScript",
  async run(ctx) {
    const t0 = performance.now();
    const module = await WebAssembly.compile(await buildHarness("cas") as BufferSource);
    const kb = instantiateHarness(module, sharedMemory(1), 0).hp_kernel_base();
    const groups: GroupResult[] = [];
    const notes: string[] = [];
    for (const n of SIZES) {
      const pages = pagesFor(kb, n);
      const memW = sharedMemory(pages), memT = sharedMemory(pages);
      const wasm: HotpathExports = instantiateHarness(module, memW, 0);
      const opts = { kernelBase: kb, numCpus: NCPUS, maxThreads: n, spinBudget: 2000 };
      const fw = new Fixture(memW, opts), ft = new Fixture(memT, opts);
      populate(fw, n, 0x1234 + n); populate(ft, n, 0x1234 + n);
      const ts = new KernelMem(memT.buffer, kb, { ticketSpinlocks: false });
      const iters = Math.max(200, Math.min(400_000, Math.round(4e6 / n)));
      // Same seed sequence for both variants: their k-th runs start from identical queues.
      const seeds = { wasm: 1, ts: 1 };
      const sums = { wasm: [] as number[], ts: [] as number[] };
      const variants: Variant[] = [
        { name: "wasm", run: () => {
          const seed = 0x9e3779b9 * seeds.wasm++ >>> 0 || 1;
          const a = performance.now();
          sums.wasm.push(wasm.hp_runq_loop(fw.arrayBase, n, iters, seed, NCPUS) >>> 0);
          return ((performance.now() - a) * 1e6) / iters;
        } },
        { name: "ts", run: () => {
          const seed = 0x9e3779b9 * seeds.ts++ >>> 0 || 1;
          const a = performance.now();
          sums.ts.push(runqLoop(ts, ft.arrayBase, n, iters, seed, NCPUS));
          return ((performance.now() - a) * 1e6) / iters;
        } },
      ];
      const label = `${n} threads`;
      const samples = await interleave(label, variants, ctx.rounds, ctx.progress);
      if (sums.wasm.join() !== sums.ts.join()) throw new Error(`runq ${n}: checksums differ: wasm ${sums.wasm} ts ${sums.ts}`);
      groups.push(groupResult(label, "ns/op", "wasm", variants, samples));
      notes.push(`${label}: ${iters} ops per run; checksums of both variants agreed in all ${sums.ts.length} runs`);
    }
    return {
      name: "runq", title: this.title, rounds: ctx.rounds, groups, notes, durationMs: performance.now() - t0,
      description: "ns per (remove + re-prioritise + sorted insert + runq_best on a random CPU), loop inside each implementation (lower is better).",
    };
  },
};
