// Benchmark guest (benchmarks/safepoint.ts): a compute-bound function, built with and without
// safepoints and asyncify. The benchmark exports bench_compute from the built image (binaryen)
// and calls it directly; main() exists because every image needs one.
import { printk } from "wasmp";

/** FNV-style mixing over a small table: a call per inner iteration, two nested loops. */
function mix(h: u32, x: u32): u32 {
  return (h ^ x) * 16777619;
}

const table = memory.data(256 * 4, 16);

export function bench_compute(n: i32): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 256; j++) {
      h = mix(h, load<u32>(table + ((<usize>j) << 2)) + <u32>i);
      store<u32>(table + ((<usize>(h & 255)) << 2), h);
    }
  }
  return h;
}

export function main(): i32 {
  printk("bench compute " + bench_compute(10).toString() + " " + bench_compute(20).toString() + "\n");
  return 0;
}
