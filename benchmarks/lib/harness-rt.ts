// The runtime half of the Wasm hot-path harness (no Node file-system or compiler imports, so
// that workers can bundle it): its exports' types, its host imports, instantiation.

import { importObject, type EnvImports, type WasmpImports } from "../../src/generated/contract.js";

/** Declared maximum of the harness memory, in 64 KiB pages; a host memory may be smaller. */
export const HARNESS_MAX_PAGES = 16384;

/** The exports of test/apps/bench_hotpath.ts (addresses are numbers; u32 results may be negative in JS: use >>> 0). */
export interface HotpathExports {
  hp_kernel_base(): number;
  hp_set_cpu(id: number): void;
  hp_spin_lock(l: number): number;
  hp_spin_unlock(l: number, key: number): void;
  hp_spin_trylock(l: number): number;
  hp_arch_spin_acquire(l: number): void;
  hp_arch_spin_release(l: number): void;
  hp_lock_loop(l: number, counter: number, n: number): void;
  hp_priq_add(list: number, t: number): void;
  hp_runq_add(t: number): void;
  hp_runq_remove(t: number): void;
  hp_runq_best(): number;
  hp_next_up(): number;
  hp_queue_thread(t: number): void;
  hp_dequeue_thread(t: number): void;
  hp_switch_spin(t: number): void;
  hp_runq_loop(threads: number, n: number, iters: number, seed: number, ncpus: number): number;
  hp_ready_thread(t: number): void;
  hp_unready_thread(t: number): void;
}

/**
 * The host imports the harness links against, built by the contract's importObject so that an
 * import added to the schema cannot be missing here. Only park, now_ns and the error reports
 * are implemented; any other import is a bug in the harness and throws.
 */
export function harnessImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  const i32 = new Int32Array(memory.buffer);
  const wasmp: Partial<WasmpImports> = {
    // Same as src/cpu/core.ts: the spinlock's and switch-spin's parking primitive.
    park: (addr, expected, timeoutMs) => {
      Atomics.wait(i32, addr >> 2, expected | 0, timeoutMs);
    },
    now_ns: () => performance.now() * 1e6,
    fatal: (reason) => {
      throw new Error(`harness fatal error ${reason}`);
    },
    // next_up may flag IPIs (flag_ipi only ORs bits into z_kernel.pending_ipi); sending them
    // happens in signal_pending_ipi (sched_ipi), which the harness never reaches.
  };
  const env: Partial<EnvImports> = {
    abort: (_m, _f, line, col) => {
      throw new Error(`harness abort at ${line}:${col}`);
    },
    seed: () => 1,
    trace: () => {},
  };
  return importObject(memory, { wasmp, env }, (module, name) => (): never => {
    throw new Error(`harness called the host import ${module}.${name}`);
  });
}

/** Instantiates the harness on `memory` as CPU `cpu`. Static data is (re)written now. */
export function instantiateHarness(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  cpu: number,
): HotpathExports {
  const inst = new WebAssembly.Instance(module, harnessImports(memory));
  const ex = inst.exports as unknown as HotpathExports & { _start?: () => void };
  ex.hp_set_cpu(cpu);
  return ex;
}
