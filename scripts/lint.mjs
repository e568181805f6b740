#!/usr/bin/env node
// `npm run lint` (check) and `npm run format` (--write): Biome for every TypeScript and
// JavaScript source, AssemblyScript included.
//
// No TypeScript parser accepts AssemblyScript's decorators on functions, variables and
// `declare function` (`@inline export function …`, `@external("wasmp", "x")`): Biome,
// Prettier and oxc all reject them as invalid TypeScript. So AssemblyScript sources go through
// a shim: each decorator at the start of a line becomes a block comment (`@inline` →
// `/*@inline*/`, on the same line, so diagnostics keep their line numbers), Biome checks the
// shimmed copies in a temporary folder with the AssemblyScript rules below, and with --write
// the formatted copies are shimmed back and written over the originals that changed.
//
//   node scripts/lint.mjs            lint + format check, exit 1 on any problem
//   node scripts/lint.mjs --write    apply the formatter and Biome's safe fixes
//   node scripts/lint.mjs --write --unsafe correctness/noUnusedImports   one rule's unsafe fixes too
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { write: { type: "boolean", default: false }, unsafe: { type: "string" } } });
/** `--write --unsafe <group>/<rule>`: also apply that one rule's unsafe fixes (review the diff). */
const writeArgs = [
  "check",
  "--max-diagnostics=300",
  "--write",
  ...(values.unsafe ? ["--unsafe", `--only=${values.unsafe}`] : []),
  ".",
];
const checkArgs = ["check", "--max-diagnostics=300", "."];
const biome = join(root, "node_modules", "@biomejs", "biome", "bin", "biome");

/** AssemblyScript sources: compiled by asc, never by tsc. Keep in step with biome.json's excludes. */
export const AS_GLOBS = [
  "assembly/**/*.ts",
  "index.ts",
  "examples/**/*.ts",
  "test/apps/**/*.ts",
  "test/conformance/**/*.ts",
  "test/ztest/**/*.ts",
];

/**
 * Rules that differ for AssemblyScript: its decorators need `// @ts-ignore: decorator` (tsc
 * does not know them), it has no `import type`, and its integer types make `==` exact.
 */
const AS_RULES = {
  suspicious: { noTsIgnore: "off", noDoubleEquals: "off" },
  // useArrayLiterals: a top-level `[]` is static data in AssemblyScript, one array for every CPU.
  style: { useNumberNamespace: "off", useImportType: "off", useArrayLiterals: "off" },
  // Zephyr's entry signatures (p1, p2, p3), u64 literals (exact in AssemblyScript) and its min/max builtins.
  correctness: { noUnusedFunctionParameters: "off", noPrecisionLoss: "off" },
  complexity: { useMathMinMax: "off" },
};

function mergeRules(base, extra) {
  const out = { ...base };
  for (const [group, rules] of Object.entries(extra))
    out[group] = { ...(typeof base[group] === "object" ? base[group] : {}), ...rules };
  return out;
}

const DECORATOR = /^(\s*(?:\/\*@[^*\n]*\*\/\s*)*)@(\w+(?:\([^)\n]*\))?)(?=\s)/gm;
const SHIMMED = /^(\s*(?:@\w+(?:\([^)\n]*\))?\s+)*)\/\*@(\w+(?:\([^)\n]*\))?)\*\//gm;
/** Turns every decorator that starts a line (or follows one on it) into a comment. */
export function shim(text) {
  for (let prev = ""; prev !== text; ) [prev, text] = [text, text.replace(DECORATOR, "$1/*@$2*/")];
  return text;
}
export function unshim(text) {
  for (let prev = ""; prev !== text; ) [prev, text] = [text, text.replace(SHIMMED, "$1@$2")];
  return text;
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, [biome, ...args], { cwd, encoding: "utf8" });
  return { status: r.status ?? 1, out: (r.stdout ?? "") + (r.stderr ?? "") };
}

function asFiles() {
  const r = spawnSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", ...AS_GLOBS.map((g) => `:(glob)${g}`)],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split("\n").filter((f) => f.endsWith(".ts") && !f.includes("/generated/"));
}

let failed = false;

// 1. TypeScript and JavaScript (biome.json leaves the AssemblyScript sources out).
const ts = run(values.write ? writeArgs : checkArgs, root);
process.stdout.write(ts.out);
if (ts.status !== 0) failed = true;

// 2. AssemblyScript, through the shim.
const tmp = mkdtempSync(join(tmpdir(), "wasmp-lint-"));
try {
  const files = asFiles();
  const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
  delete config.$schema;
  config.vcs = { enabled: false };
  config.files = { includes: ["**"] };
  config.linter.rules = mergeRules(config.linter.rules, AS_RULES);
  writeFileSync(join(tmp, "biome.json"), `${JSON.stringify(config, null, 2)}\n`);
  for (const f of files) {
    mkdirSync(dirname(join(tmp, f)), { recursive: true });
    writeFileSync(join(tmp, f), shim(readFileSync(join(root, f), "utf8")));
  }
  // Only the formatter writes AssemblyScript: Biome's safe fixes assume TypeScript's semantics
  // (useArrayLiterals turns `new Array<T>()` into `[]`, which asc puts in static data shared by
  // every CPU; noInferrableTypes would drop the `: u32` that makes a literal unsigned).
  const asArgs = values.write
    ? ["format", "--max-diagnostics=300", "--write", ...files]
    : ["check", "--max-diagnostics=300", ...files];
  if (values.write && values.unsafe) {
    run(["lint", "--max-diagnostics=300", "--write", "--unsafe", `--only=${values.unsafe}`, ...files], tmp);
  }
  const as = run(asArgs, tmp);
  process.stdout.write(as.out.replaceAll(tmp + "/", ""));
  if (as.status !== 0) failed = true;
  if (values.write) {
    for (const f of files) {
      const next = unshim(readFileSync(join(tmp, f), "utf8"));
      if (next !== readFileSync(join(root, f), "utf8")) writeFileSync(join(root, f), next);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
