// The compute suite (test/apps/lib/compute_suite.ts) as plain AssemblyScript for one bare
// instance: built by asc alone (benchmarks/compute.ts) and called from JavaScript.
import { Workspace, run_program } from "./lib/compute_suite";

let ws: Workspace | null = null;

/** Makes every program's memory (once). */
export function setup(): void {
  if (ws == null) ws = new Workspace();
}

/** Runs program `which` once (setup first). */
export function run(which: i32): i64 {
  return run_program(ws!, which);
}
