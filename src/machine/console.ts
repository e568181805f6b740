// The host side of printk: drains every CPU's console ring (see assembly/kernel/printk.ts)
// and hands out complete lines, in order per CPU.

import { _cpu, console_ring, z_kernel } from "../generated/layout.js";

export class ConsoleDrain {
  private readonly partial: string[];
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernelBase: number,
    private readonly cpus: number,
    private readonly sink: (cpu: number, line: string) => void,
  ) {
    this.partial = new Array<string>(cpus).fill("");
  }

  /** Moves everything written so far to the sink; `flush` also emits unfinished lines. */
  drain(flush = false): void {
    const buf = this.memory.buffer;
    const i32 = new Int32Array(buf);
    const u32 = new Uint32Array(buf);
    const u16 = new Uint16Array(buf);
    for (let c = 0; c < this.cpus; c++) {
      const ring = u32[(this.kernelBase + z_kernel.cpus + c * _cpu.SIZE + _cpu.console) >> 2]!;
      if (ring === 0) continue;
      const size = u32[(ring + console_ring.size) >> 2]!;
      const head = Atomics.load(i32, (ring + console_ring.head) >> 2) >>> 0;
      let tail = Atomics.load(i32, (ring + console_ring.tail) >> 2) >>> 0;
      if (head !== tail) {
        const data = (ring + console_ring.SIZE) >> 1;
        let text = "";
        while (tail !== head) {
          const n = Math.min((head - tail) >>> 0, 4096);
          const start = tail & (size - 1);
          const first = Math.min(n, size - start);
          text += String.fromCharCode(...u16.subarray(data + start, data + start + first));
          if (first < n) text += String.fromCharCode(...u16.subarray(data, data + n - first));
          tail = (tail + n) >>> 0;
        }
        Atomics.store(i32, (ring + console_ring.tail) >> 2, tail | 0);
        Atomics.notify(i32, (ring + console_ring.tail) >> 2);
        const lines = (this.partial[c] + text).split("\n");
        this.partial[c] = lines.pop()!;
        for (const l of lines) this.sink(c, l);
      }
      if (flush && this.partial[c]) {
        this.sink(c, this.partial[c]!);
        this.partial[c] = "";
      }
    }
  }
}
