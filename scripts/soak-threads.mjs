#!/usr/bin/env node
// The thread soak of docs/api.md ("Memory"): test/apps/thread_churn.ts with one spawner per CPU,
// each creating and joining one thread at a time, --threads in all (a build define,
// WASMP_CHURN_ROUNDS per CPU), on a board of --memory MiB. Checks that every thread ran and that
// the kernel heap grew by no more than the quarantine of joined control blocks; prints the figures.
//   npm run -s build && nice -n 10 node scripts/soak-threads.mjs [--threads 1000000] [--cpus 4] [--memory 16]
// Exits 0 when the heap stayed bounded and every thread ran, 1 otherwise.
import { parseArgs } from "node:util";
import { buildDefines, buildImage, createBoard, resolveKconfig, runApplication } from "../dist/index.js";

const { values } = parseArgs({
  options: {
    threads: { type: "string", default: "1000000" },
    cpus: { type: "string", default: "4" },
    memory: { type: "string", default: "16" },
  },
});
const cpus = Number(values.cpus);
const threads = Number(values.threads);
const memoryMiB = Number(values.memory);
if (!(cpus >= 1) || !Number.isSafeInteger(threads) || threads < cpus || threads % cpus !== 0 || !(memoryMiB >= 4)) {
  console.error("usage: node scripts/soak-threads.mjs [--threads N (a multiple of --cpus)] [--cpus N] [--memory MiB]");
  process.exit(2);
}
const rounds = threads / cpus;

const board = createBoard({ cpus, memoryMiB });
const settings = [{ name: "WASMP_MEMORY_MB", value: memoryMiB, where: "--memory" }];
const config = resolveKconfig(settings, board);
const { wasm } = await buildImage("test/apps/thread_churn.ts", {
  defines: [...buildDefines(config), `WASMP_CHURN_ROUNDS=${rounds}`],
});

const out = [];
const t0 = performance.now();
const { result } = await runApplication({
  app: wasm,
  board,
  settings,
  timeoutMs: 7_200_000,
  onLine: (_cpu, text) => out.push(text),
  onFatal: (_r, text) => console.error(text),
});
const seconds = (performance.now() - t0) / 1000;
const text = out.join("\n");
const f = Object.fromEntries([...text.matchAll(/(\w+)=(-?\d+)/g)].map((m) => [m[1], Number(m[2])]));
const ok =
  result.status === "exit" &&
  result.mainReturn === 0 &&
  f.threads === threads &&
  f.expected === threads &&
  f.heap_growth_bounded === 1;
console.log(
  [
    `soak-threads ${new Date().toISOString()}: ${threads} threads created and joined on ${cpus} CPUs (${rounds} per CPU), ${memoryMiB} MiB board (node ${process.version})`,
    `  run: ${result.status}${result.status === "exit" ? ` ${result.mainReturn}` : ""} ${result.message}`,
    `  threads that ran: ${f.threads} of ${threads}`,
    `  wall time ${seconds.toFixed(1)} s (boot included); guest time ${f.ms} ms: ${Math.round(threads / (f.ms / 1000))} threads/s`,
    `  kernel heap allocated bytes: before ${f.before}, after ${f.after}, peak ${f.peak}; growth ${f.growth} (bound: the quarantine, ${f.bound})`,
    ok ? "  ok: bounded" : `  FAILED\n${text}`,
  ].join("\n"),
);
process.exit(ok ? 0 : 1);
