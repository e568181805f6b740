#!/usr/bin/env node
// Runs the conformance suite N times per CPU count and reports every failure (flakes too).
//   node scripts/conformance.mjs [--cpus 2,4,8] [--runs 10] [--file smp.ts]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const usage = (msg) => {
  console.error(`${msg}\nusage: node scripts/conformance.mjs [--cpus 2,4,8] [--runs 10] [--file smp.ts]`);
  process.exit(2);
};
let values;
try {
  ({ values } = parseArgs({
    strict: true,
    options: {
      cpus: { type: "string", default: "2,4,8" },
      runs: { type: "string", default: "10" },
      file: { type: "string" },
    },
  }));
} catch (e) {
  usage(e.message);
}
const cpus = values.cpus.split(",").map((c) => (/^\d+$/.test(c) ? Number(c) : NaN));
if (cpus.some((n) => !(n >= 1))) usage(`--cpus needs a comma-separated list of CPU counts, got '${values.cpus}'`);
const runs = /^\d+$/.test(values.runs) ? Number(values.runs) : NaN;
if (!(runs >= 1)) usage(`--runs needs a positive whole number, got '${values.runs}'`);
const only = values.file ?? null;
const files = readdirSync("test/conformance").filter((f) => f.endsWith(".ts") && (!only || f === only));
if (files.length === 0) usage(`no conformance file ${only} in test/conformance`);
let failures = 0;
for (const file of files) {
  for (const n of cpus) {
    let ok = 0;
    for (let run = 1; run <= runs; run++) {
      const conf = join("test/conformance", file.replace(/\.ts$/, ".conf"));
      const extra = existsSync(conf) ? ["--config", conf] : [];
      const r = spawnSync(
        process.execPath,
        [
          join("dist", "cli.js"),
          "test",
          join("test/conformance", file),
          "--cpus",
          String(n),
          "--timeout",
          "120",
          ...extra,
        ],
        { encoding: "utf8" },
      );
      const summary = (r.stdout.match(/^\d+ passed, \d+ failed, \d+ skipped$/m) ?? ["(no summary)"])[0];
      if (r.status === 0) {
        ok++;
        continue;
      }
      failures++;
      const failed = (r.stdout.match(/ FAIL - \S+/g) ?? []).join(", ");
      console.log(`FAIL ${file} cpus=${n} run=${run}: exit ${r.status}, ${summary} ${failed}`);
      console.log(
        r.stdout
          .split("\n")
          .filter((l) => /Assertion failed|FAIL|timed out/.test(l))
          .join("\n"),
      );
      if (r.stderr.trim()) console.log(r.stderr.trim().split("\n").slice(0, 20).join("\n"));
    }
    console.log(`${file} on ${n} CPUs: ${ok}/${runs} runs passed`);
  }
}
console.log(failures === 0 ? "no failures" : `${failures} failing runs`);
process.exit(failures === 0 ? 0 : 1);
