// The system timer device: one host thread that watches every CPU's timer deadline and raises
// IRQ_TIMER on a CPU whose deadline has passed. A CPU that is idle also wakes itself at its
// deadline (src/cpu/core.ts), so this matters for CPUs that are busy running threads.
// A CPU that programs an earlier deadline bumps z_kernel.clock_gen and notifies it.

import { _cpu, z_kernel, z_kernel_cpus_addr, IRQ_TIMER, NO_DEADLINE } from "../generated/contract.js";
import { absoluteNowMs } from "../platform/types.js";

export interface ClockInit {
  memory: WebAssembly.Memory;
  kernelBase: number;
  cpus: number;
  epochMs: number;
}

/** How often, at the least, the clock re-checks `stop()` and every deadline. */
const MAX_SLEEP_MS = 50;
const NS_PER_MS = 1e6;

/** Runs the clock until `stop()` returns true (checked at least every `maxSleepMs`). */
export function runClock(init: ClockInit, stop: () => boolean, maxSleepMs = MAX_SLEEP_MS): void {
  const buf = init.memory.buffer;
  const i32 = new Int32Array(buf);
  const i64 = new BigInt64Array(buf, 0, buf.byteLength >>> 3);
  const genIdx = (init.kernelBase + z_kernel.clock_gen) >>> 2;
  const none = BigInt(NO_DEADLINE);
  while (!stop()) {
    const gen = Atomics.load(i32, genIdx);
    const now = (absoluteNowMs() - init.epochMs) * NS_PER_MS;
    let next = Infinity;
    for (let c = 0; c < init.cpus; c++) {
      const base = z_kernel_cpus_addr(init.kernelBase, c);
      const dlIdx = (base + _cpu.timer_deadline) >>> 3;
      const dl = Atomics.load(i64, dlIdx);
      if (dl === none) continue;
      if (Number(dl) <= now) {
        if (Atomics.compareExchange(i64, dlIdx, dl, none) === dl) {
          const p = (base + _cpu.pending) >>> 2;
          Atomics.or(i32, p, IRQ_TIMER);
          Atomics.notify(i32, p);
        }
      } else {
        next = Math.min(next, Number(dl));
      }
    }
    const sleepMs = Math.min(maxSleepMs, Math.max(0, (next - now) / NS_PER_MS));
    if (sleepMs > 0) Atomics.wait(i32, genIdx, gen, sleepMs);
  }
}
