// Benchmark guest (benchmarks/compute.ts): the compute suite (test/apps/lib/compute_suite.ts)
// as a wasmp application, on the main thread. Each program runs once untimed, then once timed
// with k_cycle_get_64() (nanoseconds); one line per program:
//   bench compute_<name> ns=<time> result=<its result>
import { printk, k_cycle_get_64 } from "wasmp";
import { PROGRAM_COUNT, PROGRAM_NAMES, Workspace, run_program } from "./lib/compute_suite";

export function main(): i32 {
  const ws = new Workspace();
  const names = PROGRAM_NAMES.split(" ");
  for (let i = 0; i < PROGRAM_COUNT; i++) {
    run_program(ws, i);
    const t0 = k_cycle_get_64();
    const r = run_program(ws, i);
    const t1 = k_cycle_get_64();
    printk(`bench compute_${names[i]} ns=${t1 - t0} result=${r}\n`);
  }
  return 0;
}
