// Stack exhaustion (test/faults.test.ts): each kind is a K_ERR_STACK_CHK_FAIL of its thread.
// - recursion: a recursion that never ends runs the host's call stack out while the thread runs;
// - small_save_area: a thread whose frames at a context switch (a k_msleep 2,000 calls deep) do
//   not fit its save area of CONFIG_WASMP_MIN_STACK_SIZE bytes dies when it switches out.
// - big_unwind: a thread with a save area of 1 MiB whose frames at a switch (20,000 calls deep)
//   outgrow its CPU's unwind scratch area (SCRATCH_SIZE, 64 KiB): the scratch is the limit.
import { printk, k_msleep } from "wasmp";
import { fault_harness_start, fault_harness_stop, fault_not_reached, fault_run } from "./lib/fault_harness";

const sink = memory.data(4, 4);

/** Never ends: each level adds one to a value the next level returns. */
function recurse(n: u32): u32 {
  atomic.store<u32>(sink, n); // the recursion cannot be folded away
  return recurse(n + 1) + 1;
}

function recursion(p1: usize, p2: usize, p3: usize): void {
  const v = recurse(0);
  printk("recursion returned " + v.toString() + "\n");
  fault_not_reached();
}

function deep(n: i32): i32 {
  if (n == 0) {
    k_msleep(1);
    return 0;
  }
  return deep(n - 1) + 1;
}

function small_save_area(depth: usize, p2: usize, p3: usize): void {
  deep(<i32>depth);
  fault_not_reached();
}

export function main(): i32 {
  fault_harness_start();
  fault_run("recursion", recursion, 0);
  // 1024 requested: k_thread_create raises it to CONFIG_WASMP_MIN_STACK_SIZE (2048 by default).
  fault_run("small_save_area", small_save_area, 2000, 1024);
  fault_run("big_unwind", small_save_area, 20000, 1 << 20);
  fault_harness_stop();
  printk("fault_stack done\n");
  return 0;
}
