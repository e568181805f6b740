// Pre-test guard: fail fast, with a clear message, if the host cannot run a machine at all.
// Then starts a warm build server (src/image/build-server.ts) for the run: every test that
// builds an image, in this process or in a `wasmp` child, asks it first (WASMP_BUILD_SERVER),
// which saves the 4 s a cold process spends warming up asc and binaryen, over 100 times a run.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export default async function setup(): Promise<() => void> {
  if (typeof SharedArrayBuffer === "undefined") throw new Error("SharedArrayBuffer is not available in this Node");
  if (typeof Atomics.wait !== "function") throw new Error("Atomics.wait is not available");
  for (const f of ["dist/cpu-worker.js", "dist/clock-worker.js", "dist/cli.js", "dist/index.js"]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run 'npm run build' first (npm test does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), "wasmp-build-"));
  const socket = join(dir, "server.sock");
  const server = spawn(process.execPath, ["scripts/build-server.mjs", socket], { stdio: ["pipe", "pipe", "inherit"] });
  const ready = await new Promise<boolean>((resolve) => {
    const lines = createInterface({ input: server.stdout! });
    lines.once("line", (l) => resolve(l.startsWith("listening ")));
    server.once("exit", () => resolve(false));
  });
  // Without a server every build is local: slower, never different.
  if (ready) process.env.WASMP_BUILD_SERVER = socket;
  else console.warn("test/global-setup: the build server did not start; images build in each process");
  return () => {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
}
