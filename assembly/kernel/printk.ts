// printk: console output through a per-CPU ring in shared memory (single producer: this CPU;
// single consumer: the host). Each call is one record {seq, len, text}; seq comes from one
// kernel-wide counter taken after the text is copied, so the host prints records from all
// CPUs in the order the calls completed, as one UART behind a lock would. A full ring parks
// the writer until the host has drained it: output is never dropped.

import {
  console_ring,
  SIZEOF_CONSOLE_RING,
  CONSOLE_RING_HEAD,
  CONSOLE_RING_TAIL,
  Z_KERNEL_CONSOLE_SEQ,
  CONSOLE_RECORD_SEQ,
  CONSOLE_RECORD_LEN,
  CONSOLE_RECORD_HEADER_UNITS,
} from "../generated/contract";
import { arch_curr_cpu, arch_irq_lock, arch_irq_unlock, kernel } from "../arch/cpu";
import { host_park } from "../arch/imports";
import { z_safepoint } from "./irq";

// A record in the ring, in u16 code units (the contract's console record header, docs/contract.md):
// seq (2 units, low half first) at CONSOLE_RECORD_SEQ, len (2 units) at CONSOLE_RECORD_LEN,
// then len units of text; the header is CONSOLE_RECORD_HEADER_UNITS long.
// @ts-ignore: decorator
@inline const HDR_UNITS: u32 = CONSOLE_RECORD_HEADER_UNITS;

/** A writer waiting for room re-checks the ring this often if the host's drain does not notify. */
// @ts-ignore: decorator
@inline const RING_FULL_PARK_MS: f64 = 1;

/** Waits until `units` more code units fit in the ring (the host drains it). */
function reserve(r: usize, head: u32, size: u32, units: u32): void {
  while (head + units - atomic.load<u32>(r, CONSOLE_RING_TAIL) > size) {
    host_park(r + CONSOLE_RING_TAIL, atomic.load<u32>(r, CONSOLE_RING_TAIL), RING_FULL_PARK_MS);
  }
}

/** Writes `s` to the console. Unlike Zephyr's printk there is no format string: use a template literal. */
export function printk(s: string): void {
  z_safepoint();
  const key = arch_irq_lock(); // a thread cannot migrate between CPUs in the middle of a record
  const ring = changetype<console_ring>(arch_curr_cpu().console);
  const r = changetype<usize>(ring);
  const data = r + SIZEOF_CONSOLE_RING;
  const size = ring.size;
  const mask = size - 1;
  // Long strings go out as several records of at most half the ring.
  let off: u32 = 0;
  const n = <u32>s.length;
  do {
    const len = min(n - off, (size >> 1) - HDR_UNITS);
    const head = ring.head;
    reserve(r, head, size, len + HDR_UNITS);
    for (let i: u32 = 0; i < len; i++) {
      store<u16>(data + (((head + HDR_UNITS + i) & mask) << 1), <u16>s.charCodeAt(<i32>(off + i)));
    }
    const seq = atomic.add<u32>(changetype<usize>(kernel()), 1, Z_KERNEL_CONSOLE_SEQ);
    store<u16>(data + (((head + CONSOLE_RECORD_SEQ) & mask) << 1), <u16>seq);
    store<u16>(data + (((head + CONSOLE_RECORD_SEQ + 1) & mask) << 1), <u16>(seq >>> 16));
    store<u16>(data + (((head + CONSOLE_RECORD_LEN) & mask) << 1), <u16>len);
    store<u16>(data + (((head + CONSOLE_RECORD_LEN + 1) & mask) << 1), <u16>(len >>> 16));
    atomic.store<u32>(r, head + HDR_UNITS + len, CONSOLE_RING_HEAD); // publish after the data
    off += len;
  } while (off < n);
  // Wake the host's console drain (it waits on the sequence word instead of polling).
  atomic.notify(changetype<usize>(kernel()) + Z_KERNEL_CONSOLE_SEQ, 1);
  arch_irq_unlock(key);
}
