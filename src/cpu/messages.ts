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
  /** What the host knows of a fault (a NULL-page access, a stack exhausted); absent otherwise. */
  fault?: FaultFacts;
}

/**
 * The facts of a fault, as the host found them (src/cpu/core.ts). `trap` says the same in words.
 * - null: a load or store in the NULL page (CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU):
 *   K_ERR_CPU_EXCEPTION. `function` is the innermost guest function (after inlining: the
 *   function the access was compiled into).
 * - stack: K_ERR_STACK_CHK_FAIL. `cause` "save_area": the thread's frames did not fit its save
 *   area when it switched out; "scratch": they did not fit the CPU's unwind scratch area
 *   (`scratchSize`, SCRATCH_SIZE), smaller than the save area; "call_stack": the host's call
 *   stack ran out while the thread ran (unbounded recursion; what it needed is not known).
 *   `stackSize` is the thread's save area (its k_thread_create stack size, as raised to
 *   CONFIG_WASMP_MIN_STACK_SIZE); `needed` is what the frames took, or `neededMoreThan` a lower
 *   bound when the unwind stopped at the end of the scratch.
 */
export type FaultFacts =
  | { kind: "null"; address: number; access: "load" | "store"; bytes: number; function: string }
  | {
      kind: "stack";
      cause: "save_area" | "scratch" | "call_stack";
      stackSize: number;
      scratchSize?: number;
      needed?: number;
      neededMoreThan?: number;
      function?: string;
    };

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
