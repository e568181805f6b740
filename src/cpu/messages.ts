// Messages between the machine (main thread) and its CPU workers. The shared memory carries
// everything hot; messages carry only rare events.

export interface FatalReport {
  cpu: number;
  reason: number;
  reasonName: string;
  thread: number;
  threadId: number;
  threadName: string;
  /** A spinlock the error names (CONFIG_SPIN_VALIDATE), or 0. */
  lock: number;
  message: string;
  /** The host's description of a trap (Wasm error and frames), if the error was one. */
  trap: string;
}

export type FromCpuMessage =
  | { type: "ready"; cpu: number }
  | { type: "exit"; cpu: number; code: number }
  | { type: "fatal"; report: FatalReport }
  | { type: "halt"; cpu: number; reason: number }
  | { type: "log"; cpu: number; text: string }
  | { type: "crash"; cpu: number; message: string };

export interface CpuWorkerData {
  cpu: number;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  kernelBase: number;
  epochMs: number;
}

export type ToCpuMessage = { type: "run" };
