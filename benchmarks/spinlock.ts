// Spinlock benchmarks: `spinlock` (uncontended on 1 worker, contended on 2..cores workers) and
// `oversubscribed` (4, 8, 16 workers on this machine's cores: throughput under one lock must
// not collapse).
//
// One op = k_spin_lock + counter += 1 + k_spin_unlock, executed by every worker in a loop
// (inside Wasm for the Wasm variants: hp_lock_loop; in JS for TypeScript: lockLoop). Workers
// start together at a barrier and run for TARGET_MS; time = first start to last end; value =
// time / total ops (ns per acquisition, lower is better). The counter must equal the ops the
// workers report, every run.
// Variants: the kernel's Wasm lock (CAS, ticket), the TypeScript mirror (CAS, ticket), and
// native C11/pthreads with the same protocol and a futex for parking (benchmarks/native).
// The spin budget follows the machine's rule (src/machine/machine.ts): 2000 spins when the
// workers fit the cores, 64 when they do not.

import { buildHarness, instantiateHarness } from "./lib/harness.js";
import { Fixture, pagesFor, sharedMemory } from "./lib/fixture.js";
import { Pool, span } from "./lib/pool.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import { runNative } from "./lib/native.js";
import type { BenchContext, BenchResult, Benchmark, GroupResult } from "./lib/types.js";
import { k_spinlock, z_kernel } from "../src/generated/contract.js";

/**
 * One measurement runs for about TARGET_MS: workers loop in chunks of CHUNK acquisitions until
 * one of them has run that long (a fixed op count is hopeless here: an oversubscribed ticket
 * lock swings between ~20 ns and ~20 us per acquisition from one run to the next).
 */
const TARGET_MS = 40;
const CHUNK = 256;

async function lockBench(ctx: BenchContext, name: string, title: string, workerCounts: number[]): Promise<BenchResult> {
  const t0 = performance.now();
  const modules = {
    cas: await WebAssembly.compile((await buildHarness("cas")) as BufferSource),
    ticket: await WebAssembly.compile((await buildHarness("ticket")) as BufferSource),
  };
  const kb = instantiateHarness(modules.cas, sharedMemory(1), 0).hp_kernel_base();
  const maxW = Math.max(...workerCounts);
  const mem = sharedMemory(pagesFor(kb, 1));
  const fix = new Fixture(mem, { kernelBase: kb, numCpus: maxW, maxThreads: 1, spinBudget: 2000 });
  const pool = await Pool.create(maxW, { memory: mem, kernelBase: kb, ctrl: fix.slot(63), modules });
  const lock = fix.slot(2),
    counter = fix.slot(4);
  const groups: GroupResult[] = [];
  const notes: string[] = [];
  try {
    for (const w of workerCounts) {
      const budget = w > ctx.cores ? 64 : 2000;
      setBudget(fix, budget);
      let totalOps = 0,
        runs = 0;
      const runJs = async (impl: "wasm" | "ts", mode: "cas" | "ticket"): Promise<number> => {
        fix.w(lock + k_spinlock.owner, 0);
        fix.w(lock + k_spinlock.tail, 0);
        fix.w(lock + k_spinlock.parked, 0);
        fix.w(counter, 0);
        const r = await pool.run(
          Array.from({ length: w }, () => (gen: number) => ({
            cmd: "lock" as const,
            gen,
            impl,
            mode,
            lock,
            counter,
            n: CHUNK,
            durationMs: TARGET_MS,
          })),
        );
        const ops = r.reduce((s, x) => s + (x.ops ?? 0), 0);
        if (fix.r(counter) !== ops)
          throw new Error(`${impl}-${mode} on ${w} workers: counter ${fix.r(counter)} != ${ops} ops`);
        totalOps += ops;
        runs++;
        return (span(r) * 1e6) / ops;
      };
      const variants: Variant[] = [];
      for (const mode of ["cas", "ticket"] as const) {
        if ("missing" in ctx.native) variants.push({ name: `c-${mode}`, skipped: ctx.native.missing, run: () => NaN });
        else {
          const bin = ctx.native.spinlock;
          variants.push({
            name: `c-${mode}`,
            run: () => runNative(bin, [mode, String(w), String(TARGET_MS), String(budget), String(CHUNK)], "ns_per_op"),
          });
        }
        variants.push({ name: `wasm-${mode}`, run: () => runJs("wasm", mode) });
        variants.push({ name: `ts-${mode}`, run: () => runJs("ts", mode) });
      }
      const label = w === 1 ? "1 worker (uncontended)" : `${w} workers${w > ctx.cores ? ` on ${ctx.cores} cores` : ""}`;
      const samples = await interleave(label, variants, ctx.rounds, ctx.progress);
      const reference = "missing" in ctx.native ? "wasm-cas" : "c-cas";
      groups.push(groupResult(label, "ns/op", reference, variants, samples));
      notes.push(
        `${label}: spin budget ${budget}; ${Math.round(totalOps / runs).toLocaleString("en-US")} acquisitions per Wasm/TS run on average`,
      );
    }
  } finally {
    await pool.close();
  }
  if ("missing" in ctx.native) notes.push(ctx.native.missing);
  return {
    name,
    title,
    rounds: ctx.rounds,
    groups,
    notes,
    durationMs: performance.now() - t0,
    description:
      "ns per lock+increment+unlock, wall time of all workers / total acquisitions (lower is better). " +
      "Workers start at a barrier; the protected counter is checked exact after every run.",
  };
}

function setBudget(fix: Fixture, budget: number): void {
  // z_kernel.spin_budget: read by every wait loop (Wasm and TypeScript) when it starts spinning.
  fix.w(fix.kernelBase + z_kernel.spin_budget, budget);
}

export const spinlockBench: Benchmark = {
  name: "spinlock",
  title: "Spinlock: uncontended and contended",
  run: (ctx) => {
    const counts = [1];
    for (let w = 2; w <= Math.max(2, ctx.cores); w++) counts.push(w);
    return lockBench(ctx, "spinlock", "Spinlock: uncontended and contended", counts);
  },
};

export const oversubscribedBench: Benchmark = {
  name: "oversubscribed",
  title: "Spinlock with more virtual CPUs than host cores",
  run: (ctx) => lockBench(ctx, "oversubscribed", "Spinlock with more virtual CPUs than host cores", [4, 8, 16]),
};
