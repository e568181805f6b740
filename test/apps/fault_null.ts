// NULL-pointer accesses (test/faults.test.ts). Built with
// CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=y, each is a K_ERR_CPU_EXCEPTION of its thread;
// without it, each reads or writes the unused NULL page and goes on ("not reached" printed).
import { printk } from "wasmp";
import { fault_harness_start, fault_harness_stop, fault_not_reached, fault_run } from "./lib/fault_harness";

function null_load(p1: usize, p2: usize, p3: usize): void {
  const v = load<u32>(p1);
  printk("null_load read " + v.toString() + "\n");
  fault_not_reached();
}

function null_store(p1: usize, p2: usize, p3: usize): void {
  store<u32>(p1, 42);
  fault_not_reached();
}

/** A field of a struct through a NULL pointer: the address is the field's offset. */
function null_field(p1: usize, p2: usize, p3: usize): void {
  store<u16>(p1, 7, 0x7fe);
  fault_not_reached();
}

export function main(): i32 {
  fault_harness_start();
  fault_run("null_load", null_load, 0);
  fault_run("null_store", null_store, 0);
  fault_run("null_field", null_field, 0);
  fault_harness_stop();
  printk("fault_null done\n");
  return 0;
}
