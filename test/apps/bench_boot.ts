// Benchmark guest (benchmarks/boot.ts): main() prints a mark and returns at once. The host sees
// the mark when it drains the console ring: at its 5 ms drain tick or, at the latest, when the
// main-exit message (posted as soon as main returns) makes it drain, so the mark's arrival is
// main()'s start plus one message latency. (console.log would arrive as its own message, but
// Machine.create's probe instance does not provide env.console.log: see docs/benchmarks.md.)
import { printk } from "wasmp";

export function main(): i32 {
  printk("wasmp-bench-main\n");
  return 0;
}
