// The synchronization sample (examples/synchronization/main.ts) in its bounded mode: two
// greetings per thread (about 2.4 s: each greeting is upstream's 100 ms busy wait and 500 ms
// sleep), then the check of the alternation and the CPU ids; exits 0, or 1 with a message.
// test/examples.test.ts runs it on 1, 2 and 4 CPUs:
//
//   wasmp run examples/synchronization/bounded.ts --config examples/synchronization/prj.conf --cpus 4

import { synchronization_main } from "./main";

/** Greetings per thread. */
const ROUNDS = 2;

export function main(): i32 {
  return synchronization_main(ROUNDS);
}
