// Runs a ztest program with the built CLI (`wasmp test`), as CI and a user do: the helper of
// every test/conformance*.test.ts file.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const CLI = join(process.cwd(), "dist", "cli.js");

/** `wasmp test <path> --cpus N --timeout 100 ...extra`; returns the exit code and all output. */
export function wasmpTest(path: string, cpus: number, ...extra: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, "test", path, "--cpus", String(cpus), "--timeout", "100", ...extra], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** `["--config", <path>.conf]` if the program has a prj.conf beside it, else `[]`. */
export function confOf(path: string): string[] {
  const conf = path.replace(/\.ts$/, ".conf");
  return existsSync(conf) ? ["--config", conf] : [];
}
