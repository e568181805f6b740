#!/usr/bin/env node
// Bundles the benchmark runner (benchmarks/run.ts) with esbuild into dist/bench.js and runs it
// with the given arguments. `npm run bench` builds dist/ first (the CPU workers a Machine
// starts are built JavaScript).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";

await build({
  entryPoints: ["benchmarks/run.ts"],
  outfile: "dist/bench.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
const r = spawnSync(process.execPath, ["--enable-source-maps", "dist/bench.js", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
