// The host side of printk: drains every CPU's console ring (see assembly/kernel/printk.ts),
// puts the records of all CPUs back in their global order (each record carries a sequence
// number from one kernel-wide counter) and hands out complete lines — one stream, as from a
// single UART: a line is attributed to the CPU that printed its end.
//
// Records that do not come through a ring take their place by number too: a fatal-error
// report (its number taken by z_fatal_error, its text sent as a worker message) is `insert`ed
// and emitted between the records before and after it, so that it is never printed after
// console output that the guest wrote later, nor before output written earlier.

import { _cpu, console_ring, consoleRecord, z_kernel, z_kernel_cpus_addr } from "../generated/contract.js";

/** Code units converted per String.fromCharCode call (its argument count is bounded). */
const CHARS_PER_CALL = 4096;

interface Rec {
  seq: number;
  cpu: number;
  text: string;
  /** An inserted record: emitted by this call, after the unfinished line (if any) is ended. */
  emit?: () => void;
}

export class ConsoleDrain {
  private partial = "";
  private readonly pending = new Map<number, Rec>();
  private nextSeq = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernelBase: number,
    private readonly cpus: number,
    private readonly sink: (cpu: number, line: string) => void,
  ) {}

  private lastCpu = 0;

  private emit(rec: Rec): void {
    if (rec.emit) {
      if (this.partial) {
        this.sink(this.lastCpu, this.partial);
        this.partial = "";
      }
      rec.emit();
      return;
    }
    const lines = (this.partial + rec.text).split("\n");
    this.partial = lines.pop()!;
    this.lastCpu = rec.cpu;
    for (const l of lines) this.sink(rec.cpu, l);
  }

  /**
   * Puts `emit` in the stream at record number `seq` (a number the guest took from the console
   * counter and will not write to a ring); it runs at the next drain that reaches it.
   */
  insert(seq: number, cpu: number, emit: () => void): void {
    this.pending.set(seq, { seq, cpu, text: "", emit });
  }

  /**
   * What the stream still waits for, after a drain: "hole" if a record arrived whose
   * predecessor has not (an inserted fatal report still on its way, or a record still being
   * written), "tail" if the guest numbered records after the last one here, null if nothing.
   */
  waiting(): "hole" | "tail" | null {
    if (this.pending.size > 0) return "hole";
    const i32 = new Int32Array(this.memory.buffer);
    const taken = Atomics.load(i32, (this.kernelBase + z_kernel.console_seq) >>> 2) >>> 0;
    return this.nextSeq !== taken ? "tail" : null;
  }

  /**
   * Moves every complete record to the sink in sequence order. A record whose predecessor is
   * still being written on another CPU waits for the next drain; `flush` (end of run) emits
   * everything, including unfinished lines.
   */
  drain(flush = false): void {
    const buf = this.memory.buffer;
    const i32 = new Int32Array(buf);
    const u32 = new Uint32Array(buf);
    const u16 = new Uint16Array(buf);
    for (let c = 0; c < this.cpus; c++) {
      const ring = u32[(z_kernel_cpus_addr(this.kernelBase, c) + _cpu.console) >>> 2]!;
      if (ring === 0) continue;
      const size = u32[(ring + console_ring.size) >>> 2]!;
      const mask = size - 1;
      const data = (ring + console_ring.SIZE) >>> 1;
      const head = Atomics.load(i32, (ring + console_ring.head) >>> 2) >>> 0;
      let tail = Atomics.load(i32, (ring + console_ring.tail) >>> 2) >>> 0;
      const unit = (i: number): number => u16[data + ((tail + i) & mask)]!;
      // A u32 of the header is two units, low first.
      const word = (at: number): number => (unit(at) | (unit(at + 1) << 16)) >>> 0;
      while (tail !== head) {
        const seq = word(consoleRecord.seq);
        const len = word(consoleRecord.len);
        let text = "";
        for (let i = 0; i < len; i += CHARS_PER_CALL) {
          const codes: number[] = [];
          for (let j = i; j < Math.min(len, i + CHARS_PER_CALL); j++) codes.push(unit(consoleRecord.HEADER_UNITS + j));
          text += String.fromCharCode(...codes);
        }
        this.pending.set(seq, { seq, cpu: c, text });
        tail = (tail + consoleRecord.HEADER_UNITS + len) >>> 0;
      }
      Atomics.store(i32, (ring + console_ring.tail) >>> 2, tail | 0);
      Atomics.notify(i32, (ring + console_ring.tail) >>> 2);
    }
    for (let rec = this.pending.get(this.nextSeq); rec; rec = this.pending.get(this.nextSeq)) {
      this.pending.delete(this.nextSeq);
      this.nextSeq = (this.nextSeq + 1) >>> 0;
      this.emit(rec);
    }
    if (flush) {
      for (const rec of [...this.pending.values()].sort((a, b) => a.seq - b.seq)) this.emit(rec);
      this.pending.clear();
      if (this.partial) {
        this.sink(this.lastCpu, this.partial);
        this.partial = "";
      }
    }
  }
}
