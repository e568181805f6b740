// Run-queue benchmark: each backend (CONFIG_SCHED_SIMPLE sorted list, CONFIG_SCHED_SCALABLE
// red-black tree, CONFIG_SCHED_MULTIQ per-priority lists + bitmap), the kernel's Wasm code
// (runq_add/runq_remove/runq_best via hp_runq_loop, one harness build per backend) against the
// TypeScript twin (runqLoop, benchmarks/lib/loops.ts), with 10 to 100,000 ready threads, random priorities (32
// levels) and random CPU masks over 4 CPUs.
//
// One op = remove a random queued thread + give it a random priority + insert it + runq_best
// on a random CPU. Each variant works on its own memory holding an identical queue; each round
// uses a fresh seed, the same for the Wasm and TypeScript variants of a backend, and their
// checksums of the chosen threads must agree (a benchmark run is also a differential check).

import { k_thread, K_HIGHEST_THREAD_PRIO, K_NUM_THREAD_PRIO, _THREAD_QUEUED } from "../src/generated/contract.js";
import { KernelMem, runq_add } from "../twin/index.js";
import { runqLoop } from "./lib/loops.js";
import {
  buildHarness,
  instantiateHarness,
  RUNQ_BACKENDS,
  type HotpathExports,
  type RunqBackend,
} from "./lib/harness.js";
import { Fixture, pagesFor, sharedMemory } from "./lib/fixture.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark, GroupResult } from "./lib/types.js";

const SIZES = [10, 100, 1000, 10_000, 100_000];
const NCPUS = 4;

/** Seeded priorities/masks for n threads; SIMPLE is linked in priority order directly (O(n), not O(n^2)). */
function populate(f: Fixture, n: number, seed: number, backend: RunqBackend, add: (t: number) => void): void {
  let x = seed | 0;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const byPrio: number[][] = Array.from({ length: K_NUM_THREAD_PRIO }, () => []);
  for (let i = 0; i < n; i++) {
    const r = next();
    const prio = (r % K_NUM_THREAD_PRIO) + K_HIGHEST_THREAD_PRIO;
    const t = f.initThread(i, { prio, cpuMask: 1 + ((r >>> 8) % 15), state: _THREAD_QUEUED });
    f.w(f.arrayBase + 4 * i, t);
    byPrio[prio - K_HIGHEST_THREAD_PRIO]!.push(t);
  }
  if (backend === "simple") {
    for (const level of byPrio) for (const t of level) f.append(f.runq, t + k_thread.qnode);
  } else for (let i = 0; i < n; i++) add(f.thread(i));
}

/** Ops per run: the O(n) SIMPLE insert gets fewer at large n; the others are O(log n) or O(1). */
const itersFor = (backend: RunqBackend, n: number): number =>
  backend === "simple" ? Math.max(200, Math.min(400_000, Math.round(4e6 / n))) : 200_000;

export const runqBench: Benchmark = {
  name: "runq",
  title: "Run queue per backend: insert/remove/best, Wasm vs TypeScript",
  async run(ctx) {
    const t0 = performance.now();
    const modules = new Map<RunqBackend, WebAssembly.Module>();
    for (const b of RUNQ_BACKENDS)
      modules.set(b, await WebAssembly.compile((await buildHarness("cas", { backend: b })) as BufferSource));
    const groups: GroupResult[] = [];
    const notes: string[] = [];
    for (const n of SIZES) {
      const variants: Variant[] = [];
      const checks: (() => void)[] = [];
      for (const backend of RUNQ_BACKENDS) {
        const module = modules.get(backend)!;
        const kb = instantiateHarness(module, sharedMemory(1), 0).hp_kernel_base();
        const pages = pagesFor(kb, n);
        const memW = sharedMemory(pages),
          memT = sharedMemory(pages);
        const wasm: HotpathExports = instantiateHarness(module, memW, 0);
        const opts = { kernelBase: kb, numCpus: NCPUS, maxThreads: n, spinBudget: 2000 };
        const fw = new Fixture(memW, opts),
          ft = new Fixture(memT, opts);
        const ts = new KernelMem(memT.buffer, kb, { ticketSpinlocks: false, backend });
        populate(fw, n, 0x1234 + n, backend, (t) => wasm.hp_runq_add(t));
        populate(ft, n, 0x1234 + n, backend, (t) => runq_add(ts, t));
        const iters = itersFor(backend, n);
        // Same seed sequence for both implementations: their k-th runs start from identical queues.
        const seeds = { wasm: 1, ts: 1 };
        const sums = { wasm: [] as number[], ts: [] as number[] };
        variants.push(
          {
            name: `${backend}-wasm`,
            run: () => {
              const seed = (0x9e3779b9 * seeds.wasm++) >>> 0 || 1;
              const a = performance.now();
              sums.wasm.push(wasm.hp_runq_loop(fw.arrayBase, n, iters, seed, NCPUS) >>> 0);
              return ((performance.now() - a) * 1e6) / iters;
            },
          },
          {
            name: `${backend}-ts`,
            run: () => {
              const seed = (0x9e3779b9 * seeds.ts++) >>> 0 || 1;
              const a = performance.now();
              sums.ts.push(runqLoop(ts, ft.arrayBase, n, iters, seed, NCPUS));
              return ((performance.now() - a) * 1e6) / iters;
            },
          },
        );
        checks.push(() => {
          if (sums.wasm.join() !== sums.ts.join())
            throw new Error(`runq ${backend} ${n}: checksums differ: wasm ${sums.wasm} ts ${sums.ts}`);
          notes.push(
            `${n} threads, ${backend}: ${iters} ops per run; Wasm and TS checksums agreed in all ${sums.ts.length} runs`,
          );
        });
      }
      const label = `${n} threads`;
      const samples = await interleave(label, variants, ctx.rounds, ctx.progress);
      for (const c of checks) c();
      groups.push(groupResult(label, "ns/op", "simple-wasm", variants, samples));
    }
    return {
      name: "runq",
      title: this.title,
      rounds: ctx.rounds,
      groups,
      notes,
      durationMs: performance.now() - t0,
      description:
        "ns per (remove + re-prioritise + insert + runq_best on a random CPU), loop inside each implementation, per run-queue backend (lower is better).",
    };
  },
};
