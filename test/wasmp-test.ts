// Runs a ztest program with the built CLI (`wasmp test`), as CI and a user do: the helper of
// every test/conformance*.test.ts file.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

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

/**
 * `wasmpTest` on a temporary copy of the program at `path` with `find` replaced by `replace`
 * (a check forced to fail, a wait shortened): for tests of what a failure does. Throws if
 * `find` is not in the file, so that a test cannot pass on a copy that changed nothing.
 */
export function wasmpTestPatched(
  path: string,
  find: string,
  replace: string,
  cpus: number,
  ...extra: string[]
): { code: number | null; out: string } {
  const src = readFileSync(path, "utf8");
  if (!src.includes(find)) throw new Error(`${path}: the text to replace is not there: ${JSON.stringify(find)}`);
  const dir = mkdtempSync(join(tmpdir(), "wasmp-patched-"));
  const file = join(dir, basename(path));
  writeFileSync(file, src.replace(find, replace));
  try {
    return wasmpTest(file, cpus, ...extra);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
