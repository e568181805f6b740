// NULL-pointer accesses (test/faults.test.ts). Built with
// CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=y, each is a K_ERR_CPU_EXCEPTION of its thread;
// without it, each reads or writes the unused NULL page and goes on ("not reached" printed).
import { printk, atomic_inc, atomic_cas } from "wasmp";
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

/** Zephyr's atomic_inc on a NULL-based atomic_t: an atomic read-modify-write. */
function null_atomic_inc(p1: usize, p2: usize, p3: usize): void {
  atomic_inc(p1 + 8);
  fault_not_reached();
}

/** atomic_cas: a compare-exchange (it writes 5 where it finds 0). */
function null_atomic_cas(p1: usize, p2: usize, p3: usize): void {
  atomic_cas(p1 + 0x20, 0, 5);
  fault_not_reached();
}

const copy_src = memory.data<u8>([1, 2, 3, 4]);
const copy_dst = memory.data(4, 4);

/** memcpy to a NULL-based buffer: the first byte written faults. */
function null_memcpy_to(p1: usize, p2: usize, p3: usize): void {
  memory.copy(p1 + 0x30, copy_src, 4);
  fault_not_reached();
}

/** memcpy from NULL: the first byte read faults. A copy of 0 bytes touches nothing. */
function null_memcpy_from(p1: usize, p2: usize, p3: usize): void {
  memory.copy(p1 + 0x40, copy_src, 0);
  memory.copy(copy_dst, p1 + 0x44, 4);
  fault_not_reached();
}

/** memset of a NULL-based buffer. */
function null_memset(p1: usize, p2: usize, p3: usize): void {
  memory.fill(p1, 0, 0);
  memory.fill(p1 + 0x50, 0xab, 8);
  fault_not_reached();
}

export function main(): i32 {
  fault_harness_start();
  fault_run("null_load", null_load, 0);
  fault_run("null_store", null_store, 0);
  fault_run("null_field", null_field, 0);
  fault_run("null_atomic_inc", null_atomic_inc, 0);
  fault_run("null_atomic_cas", null_atomic_cas, 0);
  fault_run("null_memcpy_to", null_memcpy_to, 0);
  fault_run("null_memcpy_from", null_memcpy_from, 0);
  fault_run("null_memset", null_memset, 0);
  fault_harness_stop();
  printk("fault_null done\n");
  return 0;
}
