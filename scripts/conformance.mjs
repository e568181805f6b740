#!/usr/bin/env node
// Runs the conformance suite N times per CPU count and reports every failure (flakes too).
//   node scripts/conformance.mjs [--cpus 2,4,8] [--runs 10] [--file smp.ts ...] [--match REGEX]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CONFORMANCE_USAGE, parseConformanceArgs } from "./conformance-args.mjs";

let cpus, runs, files;
try {
  ({ cpus, runs, files } = parseConformanceArgs(
    process.argv.slice(2),
    readdirSync("test/conformance").filter((f) => f.endsWith(".ts")),
  ));
} catch (e) {
  console.error(`${e.message}\n${CONFORMANCE_USAGE}`);
  process.exit(2);
}
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
