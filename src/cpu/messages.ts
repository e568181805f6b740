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
  /** The kernel's detail ("k_thread_create: out of memory"), or "" when the reason says it all. */
  message: string;
  /** The host's description of a trap (Wasm error and frames), if the error was one. */
  trap: string;
  /** The console record number the kernel took for the report: it is printed in that place. */
  seq: number;
  /**
   * Where the guest raised the error: the innermost application function on the Wasm stack
   * and the library function it called ("app/fill (in ~lib/string/String#concat)"); empty if
   * no application function was on it (a trap: see `trap`).
   */
  site: string;
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
