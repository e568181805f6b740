// printk: console output through a per-CPU ring in shared memory (single producer: this CPU;
// single consumer: the host, which drains every ring and prints each CPU's text in order).
// A full ring parks the writer until the host has drained it: output is never dropped.

import { console_ring, SIZEOF_CONSOLE_RING, CONSOLE_RING_HEAD, CONSOLE_RING_TAIL } from "../generated/layout";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { z_safepoint } from "./irq";

/** Writes `s` to the console. Unlike Zephyr's printk there is no format string: use a template literal. */
export function printk(s: string): void {
  z_safepoint();
  const key = arch_irq_lock(); // a thread cannot migrate between CPUs in the middle of a line
  const ring = changetype<console_ring>(arch_curr_cpu().console);
  const r = changetype<usize>(ring);
  const data = r + SIZEOF_CONSOLE_RING;
  const size = ring.size;
  const mask = size - 1;
  const n = <u32>s.length;
  let head = ring.head;
  for (let i: u32 = 0; i < n; i++) {
    while (head - atomic.load<u32>(r, CONSOLE_RING_TAIL) >= size) {
      atomic.store<u32>(r, head, CONSOLE_RING_HEAD);
      host_park(r + CONSOLE_RING_TAIL, atomic.load<u32>(r, CONSOLE_RING_TAIL), 1);
    }
    store<u16>(data + ((head & mask) << 1), <u16>s.charCodeAt(<i32>i));
    head++;
  }
  atomic.store<u32>(r, head, CONSOLE_RING_HEAD); // publish after the data
  arch_irq_unlock(key);
}
