// Messages between benchmarks/lib/pool.ts and benchmarks/workers/bench-worker.ts.
import type { MessagePort } from "node:worker_threads";

export interface WorkerData {
  cpu: number;
  memory: WebAssembly.Memory;
  kernelBase: number;
  /** Address of the pool's control words: [arrived count, go generation, stop]. */
  ctrl: number;
  modules: { cas: WebAssembly.Module; ticket: WebAssembly.Module };
}

export type WorkerCommand =
  /** n ops; or, with durationMs, chunks of n ops until the pool's stop word is raised. */
  | {
      cmd: "lock";
      gen: number;
      impl: "wasm" | "ts";
      mode: "cas" | "ticket";
      lock: number;
      counter: number;
      n: number;
      durationMs?: number;
    }
  | { cmd: "atomics-pingpong"; gen: number; role: 0 | 1; word: number; n: number }
  | { cmd: "port-pingpong"; gen: number; role: 0 | 1; port: MessagePort; n: number }
  /** The switch-handle hand-off ring of the differential test (see bench-worker.ts). */
  | {
      cmd: "handoff";
      gen: number;
      impl: "wasm" | "ts";
      thread: number;
      turn: number;
      counter: number;
      errors: number;
      me: number;
      workers: number;
      n: number;
    };

export interface WorkerReply {
  start: number;
  end: number;
  ops?: number;
  ready?: boolean;
  error?: string;
}
