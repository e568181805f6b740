// A trap kills only its thread: the faulting threads die through the fatal-error path,
// the rest of the machine goes on and main() returns normally.
import {
  printk,
  k_thread_create,
  k_thread_join,
  k_thread_name_set,
  K_FOREVER,
  K_NO_WAIT,
  k_msleep,
  k_thread_start,
} from "wasmp";

const progress = memory.data(4, 4);

function oob(p1: usize, p2: usize, p3: usize): void {
  const v = load<u32>(0xfffffff0); // out of bounds
  printk(`not reached ${v}\n`);
}

function bad(p1: usize, p2: usize, p3: usize): void {
  unreachable();
}

function worker(p1: usize, p2: usize, p3: usize): void {
  for (let i = 0; i < 20; i++) {
    k_msleep(1);
    atomic.add<u32>(progress, 1);
  }
}

export function main(): i32 {
  const w = k_thread_create(4096, worker, 0, 0, 0, 1, 0, K_NO_WAIT);
  const a = k_thread_create(4096, oob, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(a, "oob");
  const b = k_thread_create(4096, bad, 0, 0, 0, 1, 0, K_FOREVER);
  k_thread_name_set(b, "bad");
  k_thread_start(a);
  k_thread_start(b);
  const ja = k_thread_join(a, K_FOREVER);
  const jb = k_thread_join(b, K_FOREVER);
  k_thread_join(w, K_FOREVER);
  printk(`joins=${ja},${jb} progress=${load<u32>(progress)}\n`);
  return ja == 0 && jb == 0 && load<u32>(progress) == 20 ? 0 : 1;
}
