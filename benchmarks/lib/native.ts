// Native C references: compiled by the benchmark with the system C compiler (`cc`) into
// bench-results/bin when one is present; skipped with a note when not. Never downloaded.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./harness.js";

export function compileNative(): { spinlock: string; ucontext: string } | { missing: string } {
  const root = repoRoot();
  const cc = process.env.CC ?? "cc";
  const probe = spawnSync(cc, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0)
    return { missing: `no C compiler ('${cc}' not found): native references skipped` };
  const bin = join(root, "bench-results", "bin");
  mkdirSync(bin, { recursive: true });
  const build = (name: string, extra: string[]): string => {
    const src = join(root, "benchmarks", "native", `${name}.c`);
    const out = join(bin, name);
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
      execFileSync(cc, ["-O2", "-Wall", ...extra, "-o", out, src], { stdio: "pipe" });
    }
    return out;
  };
  try {
    return { spinlock: build("spinlock", ["-pthread"]), ucontext: build("ucontext", []) };
  } catch (e) {
    return { missing: `the C compiler failed: ${(e as Error).message.split("\n")[0]}` };
  }
}

export function ccVersion(): string {
  const r = spawnSync(process.env.CC ?? "cc", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0]!.trim() : "none";
}

/** Runs a native helper and returns the number after `key` in its output. */
export function runNative(path: string, args: string[], key: string): number {
  const r = spawnSync(path, args, { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  const m = new RegExp(`${key} ([0-9.]+)`).exec(r.stdout);
  if (!m) throw new Error(`${path}: no '${key}' in output: ${r.stdout}`);
  return Number(m[1]);
}
