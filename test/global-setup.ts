// Pre-test guard: fail fast, with a clear message, if the host cannot run a machine at all.
import { existsSync } from "node:fs";

export default function setup(): void {
  if (typeof SharedArrayBuffer === "undefined") throw new Error("SharedArrayBuffer is not available in this Node");
  if (typeof Atomics.wait !== "function") throw new Error("Atomics.wait is not available");
  for (const f of ["dist/cpu-worker.js", "dist/clock-worker.js", "dist/cli.js"]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run 'npm run build' first (npm test does)`);
  }
}
