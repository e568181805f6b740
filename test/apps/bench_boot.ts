// Benchmark guest (benchmarks/boot.ts): marks main()'s start with console.log, which the host
// receives as a message at once (printk goes through the console ring, drained every 5 ms).
export function main(): i32 {
  console.log("wasmp-bench-main");
  return 0;
}
