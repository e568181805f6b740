// The one worker entry of the benchmarks and of the differential test's concurrent case.
// Bundled at run time by benchmarks/lib/pool.ts (esbuild, CommonJS, eval'd), because workers
// started from vitest are not transformed.
//
// A worker is one "CPU": it owns a KernelMem (TypeScript) and one harness instance per lock
// mode (Wasm) over the shared memory, all bound to CPU `cpu` (each CPU has its own
// _cpu.irq_masked, which k_spin_lock writes). A timed command waits at the pool's barrier so
// that every worker starts together, and reports its own start and end times (absolute ms).

import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { KernelMem, publish_switch_handle, z_sched_switch_spin, z_take_switch_handle } from "../../twin/index.js";
import { lockLoop } from "../lib/loops.js";
import { instantiateHarness, type HotpathExports } from "../lib/harness-rt.js";
import type { WorkerCommand, WorkerData, WorkerReply } from "../lib/pool-types.js";

const data = workerData as WorkerData;
const i32 = new Int32Array(data.memory.buffer);
const ts = {
  cas: new KernelMem(data.memory.buffer, data.kernelBase, { ticketSpinlocks: false }),
  ticket: new KernelMem(data.memory.buffer, data.kernelBase, { ticketSpinlocks: true }),
};
ts.cas.setCpu(data.cpu);
ts.ticket.setCpu(data.cpu);
// Instantiation rewrites the harness's static data: the pool creates every worker (and waits
// for "ready") before any command runs, so no instance is rewritten under another's feet.
const wasm: { cas: HotpathExports; ticket: HotpathExports } = {
  cas: instantiateHarness(data.modules.cas, data.memory, data.cpu),
  ticket: instantiateHarness(data.modules.ticket, data.memory, data.cpu),
};
const now = (): number => performance.timeOrigin + performance.now();

/** The pool's start barrier: count in, then wait until the pool opens generation `gen`. */
function barrier(gen: number): void {
  const arrived = data.ctrl >> 2,
    go = (data.ctrl + 4) >> 2;
  Atomics.add(i32, arrived, 1);
  Atomics.notify(i32, arrived);
  for (let g = Atomics.load(i32, go); g < gen; g = Atomics.load(i32, go)) Atomics.wait(i32, go, g, 1000);
}

function reply(r: WorkerReply): void {
  parentPort!.postMessage(r);
}

async function run(cmd: WorkerCommand): Promise<void> {
  switch (cmd.cmd) {
    case "lock": {
      // Fixed count (`n` ops), or time-bounded: chunks of `n` ops until some worker has run
      // `durationMs` and raised the pool's stop word (so all stop within one chunk).
      const stop = (data.ctrl + 8) >> 2;
      const loop =
        cmd.impl === "wasm"
          ? (k: number) => wasm[cmd.mode].hp_lock_loop(cmd.lock, cmd.counter, k)
          : (k: number) => lockLoop(ts[cmd.mode], cmd.lock, cmd.counter, k);
      barrier(cmd.gen);
      const start = now();
      let ops = 0;
      if (cmd.durationMs === undefined) {
        loop(cmd.n);
        ops = cmd.n;
      } else {
        do {
          loop(cmd.n);
          ops += cmd.n;
          if (now() - start >= cmd.durationMs) Atomics.store(i32, stop, 1);
        } while (Atomics.load(i32, stop) === 0);
      }
      reply({ start, end: now(), ops });
      return;
    }
    case "handoff": {
      // A ring of CPUs passes one thread: CPU `me` waits for its turn, waits for the thread's
      // switch handle (the Wasm kernel's z_sched_switch_spin or the TypeScript mirror's), takes
      // it, counts one run, hands the turn on and only then publishes the handle — so the next
      // CPU often spins or parks on a handle that is not published yet, as a CPU that picked a
      // thread still being saved elsewhere does.
      const turn = cmd.turn >> 2;
      barrier(cmd.gen);
      const start = now();
      for (let i = 0; i < cmd.n; i++) {
        for (let v = Atomics.load(i32, turn); v !== cmd.me; v = Atomics.load(i32, turn)) Atomics.wait(i32, turn, v, 10);
        if (cmd.impl === "wasm") wasm.cas.hp_switch_spin(cmd.thread);
        else z_sched_switch_spin(ts.cas, cmd.thread);
        if (z_take_switch_handle(ts.cas, cmd.thread) !== cmd.thread) Atomics.add(i32, cmd.errors >> 2, 1);
        Atomics.add(i32, cmd.counter >> 2, 1);
        Atomics.store(i32, turn, (cmd.me + 1) % cmd.workers);
        Atomics.notify(i32, turn);
        publish_switch_handle(ts.cas, cmd.thread);
      }
      reply({ start, end: now() });
      return;
    }
    case "atomics-pingpong": {
      // Round trips through one word: A stores 2i+1 and waits for 2i+2, B the reverse.
      const w = cmd.word >> 2;
      barrier(cmd.gen);
      const start = now();
      for (let i = 0; i < cmd.n; i++) {
        if (cmd.role === 0) {
          Atomics.store(i32, w, 2 * i + 1);
          Atomics.notify(i32, w);
          while (Atomics.load(i32, w) !== 2 * i + 2) Atomics.wait(i32, w, 2 * i + 1, 1000);
        } else {
          while (Atomics.load(i32, w) !== 2 * i + 1) Atomics.wait(i32, w, 2 * i, 1000);
          Atomics.store(i32, w, 2 * i + 2);
          Atomics.notify(i32, w);
        }
      }
      reply({ start, end: now() });
      return;
    }
    case "port-pingpong": {
      const port = cmd.port as MessagePort;
      barrier(cmd.gen);
      const start = now();
      await new Promise<void>((resolve) => {
        let i = 0;
        port.on("message", () => {
          if (cmd.role === 1) {
            port.postMessage(0);
            if (++i === cmd.n) resolve();
            return;
          }
          if (++i === cmd.n) resolve();
          else port.postMessage(0);
        });
        if (cmd.role === 0) port.postMessage(0);
      });
      const end = now();
      port.close();
      reply({ start, end });
      return;
    }
  }
}

parentPort!.on("message", (cmd: WorkerCommand) => {
  run(cmd).catch((e: unknown) =>
    reply({ start: 0, end: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
reply({ start: 0, end: 0, ready: true });
