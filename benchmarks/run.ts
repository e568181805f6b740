// The benchmark runner: `npm run bench` (all) or `npm run bench -- <name> [<name>...]`.
// Options (node:util parseArgs): --rounds N (default 5), --list. Results: bench-results/ (JSON, Markdown, SVG) and the
// generated section of docs/benchmarks.md. Benchmarks are not tests: nothing here is asserted
// about timing; a run fails only if an implementation computes a wrong result.
import { availableParallelism } from "node:os";
import { DEFAULT_ROUNDS, parseBenchArgs, type BenchArgs } from "./args.js";
import { repoRoot } from "./lib/harness.js";
import { ccVersion, compileNative } from "./lib/native.js";
import { Progress } from "./lib/progress.js";
import { describeMachine, writeReport, type Report } from "./lib/report.js";
import type { BenchContext, BenchResult, Benchmark } from "./lib/types.js";
import { spinlockBench, oversubscribedBench } from "./spinlock.js";
import { runqBench } from "./runq.js";
import { ctxswitchBench } from "./ctxswitch.js";
import { wakeupBench } from "./wakeup.js";
import { safepointBench } from "./safepoint.js";
import { bootBench } from "./boot.js";
import { waitqBench } from "./waitq.js";
import { computeBench } from "./compute.js";
import { ipiBench } from "./ipi.js";

const ALL: Benchmark[] = [
  spinlockBench,
  oversubscribedBench,
  runqBench,
  waitqBench,
  ctxswitchBench,
  wakeupBench,
  ipiBench,
  safepointBench,
  computeBench,
  bootBench,
];

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(
      process.argv.slice(2),
      ALL.map((b) => b.name),
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (args.list) {
    for (const b of ALL) console.log(`${b.name.padEnd(16)} ${b.title}`);
    return 0;
  }
  const { rounds, names } = args;
  const chosen = names.length ? ALL.filter((b) => names.includes(b.name)) : ALL;
  const cores = availableParallelism();
  const progress = new Progress(chosen.length);
  const ctx: BenchContext = { progress, rounds, cores, native: compileNative() };
  if ("missing" in ctx.native) console.error(`note: ${ctx.native.missing}`);
  const t0 = performance.now();
  const results: BenchResult[] = [];
  for (const b of chosen) {
    progress.startBench(b.name);
    const r = await b.run(ctx);
    results.push(r);
    progress.done(`done in ${(r.durationMs / 1000).toFixed(1)} s`);
  }
  const command = `npm run bench${names.length ? " -- " + names.join(" ") : ""}${rounds !== DEFAULT_ROUNDS ? ` --rounds ${rounds}` : ""}`;
  const report: Report = {
    command,
    date: new Date().toISOString(),
    machine: describeMachine(cores, ccVersion()),
    benchmarks: results,
  };
  writeReport(repoRoot(), report);
  console.error(
    `all done in ${((performance.now() - t0) / 1000).toFixed(1)} s: bench-results/latest.{json,md}, bench-results/chart.svg, docs/benchmarks.md`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
