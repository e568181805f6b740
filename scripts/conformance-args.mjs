// The command line of scripts/conformance.mjs, parsed by node:util's parseArgs. Pure (it throws
// an Error whose message says what is wrong), so that test/command-line.test.ts checks it
// without spawning the script.
import { parseArgs } from "node:util";

export const CONFORMANCE_USAGE =
  "usage: node scripts/conformance.mjs [--cpus 2,4,8] [--runs 10] [--file smp.ts ...] [--match REGEX]";

/**
 * Parses `argv` against the translated files that exist (`available`, e.g. "smp.ts"): `--file` (repeatable)
 * picks files, `--match` keeps the files whose name matches a regular expression.
 * Returns { cpus: number[], runs: number, files: string[] }.
 */
export function parseConformanceArgs(argv, available) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      cpus: { type: "string", default: "2,4,8" },
      runs: { type: "string", default: "10" },
      file: { type: "string", multiple: true },
      match: { type: "string" },
    },
  });
  const cpus = values.cpus.split(",").map((c) => (/^\d+$/.test(c) ? Number(c) : Number.NaN));
  if (cpus.some((n) => !(n >= 1)))
    throw new Error(`--cpus needs a comma-separated list of CPU counts, got '${values.cpus}'`);
  const runs = /^\d+$/.test(values.runs) ? Number(values.runs) : Number.NaN;
  if (!(runs >= 1)) throw new Error(`--runs needs a positive whole number, got '${values.runs}'`);
  const only = values.file ?? [];
  for (const f of only) if (!available.includes(f)) throw new Error(`no conformance file ${f} in test/conformance`);
  let match;
  try {
    match = values.match === undefined ? undefined : new RegExp(values.match);
  } catch {
    throw new Error(`--match needs a regular expression, got '${values.match}'`);
  }
  const files = available.filter((f) => (only.length === 0 || only.includes(f)) && (!match || match.test(f)));
  if (files.length === 0) throw new Error(`no conformance file in test/conformance matches '${values.match}'`);
  return { cpus, runs, files };
}
