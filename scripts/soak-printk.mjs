#!/usr/bin/env node
// The printk soak of docs/api.md ("Memory"): test/apps/soak_printk.ts on every CPU runs the
// docs' loop (two strings built and freed, one template-literal printk per iteration) for
// --lines lines in all, on a board of --memory MiB. Checks that every line arrives, in order
// per CPU, and that the kernel heap holds the same bytes before and after; prints the figures.
//   npm run -s build && nice -n 10 node scripts/soak-printk.mjs [--lines 10000000] [--cpus 4] [--memory 16]
// Exits 0 when the heap came back to where it was and every line arrived, 1 otherwise.
import { parseArgs } from "node:util";
import { buildDefines, buildImage, createBoard, resolveKconfig, runApplication } from "../dist/index.js";

const { values } = parseArgs({
  options: {
    lines: { type: "string", default: "10000000" },
    cpus: { type: "string", default: "4" },
    memory: { type: "string", default: "16" },
  },
});
const lines = Number(values.lines);
const cpus = Number(values.cpus);
const memoryMiB = Number(values.memory);
if (!Number.isSafeInteger(lines) || lines < 1 || !(cpus >= 1) || !(memoryMiB >= 4)) {
  console.error("usage: node scripts/soak-printk.mjs [--lines N] [--cpus N] [--memory MiB]");
  process.exit(2);
}

const board = createBoard({ cpus, memoryMiB });
const settings = [{ name: "WASMP_MEMORY_MB", value: memoryMiB, where: "--memory" }];
const config = resolveKconfig(settings, board);
const { wasm } = await buildImage("test/apps/soak_printk.ts", {
  defines: [...buildDefines(config), `WASMP_SOAK_LINES=${lines}`],
});

// Each CPU's lines: "cpu C pkt NNNNNNNN of ethX", NNNNNNNN counting from 0.
const next = new Array(cpus).fill(0);
let received = 0;
let outOfOrder = 0;
let summary = "";
const LINE = /^cpu (\d+) pkt (\d+) of eth[01]$/;
const t0 = performance.now();
const { result } = await runApplication({
  app: wasm,
  board,
  settings,
  timeoutMs: 3_600_000,
  onLine: (_cpu, text) => {
    const m = LINE.exec(text);
    if (!m) {
      if (text.startsWith("soak ")) summary = text;
      else console.log(text);
      return;
    }
    const c = Number(m[1]);
    if (Number(m[2]) !== next[c]) outOfOrder++;
    next[c] = Number(m[2]) + 1;
    received++;
  },
  onFatal: (_r, text) => console.error(text),
});
const seconds = (performance.now() - t0) / 1000;
const f = Object.fromEntries([...summary.matchAll(/(\w+)=(-?\d+)/g)].map((m) => [m[1], Number(m[2])]));
const ok = result.status === "exit" && result.mainReturn === 0 && received === lines && outOfOrder === 0;
console.log(
  [
    `soak-printk ${new Date().toISOString()}: ${lines} lines on ${cpus} CPUs, ${memoryMiB} MiB board (node ${process.version})`,
    `  run: ${result.status}${result.status === "exit" ? ` ${result.mainReturn}` : ""} ${result.message}`,
    `  lines received ${received} (out of order: ${outOfOrder})`,
    `  wall time ${seconds.toFixed(1)} s (boot and drain included): ${Math.round(lines / seconds)} lines/s`,
    `  guest time ${f.ms} ms: ${Math.round(lines / (f.ms / 1000))} lines/s`,
    `  kernel heap allocated bytes: before ${f.heap_before}, after ${f.heap_after}, peak ${f.heap_peak}; free before ${f.heap_free}`,
    ok ? "  ok: bounded (the heap holds what it held before)" : "  FAILED",
  ].join("\n"),
);
process.exit(ok ? 0 : 1);
