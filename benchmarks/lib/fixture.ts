// A minimal kernel region for driving the hot path without booting a machine: z_kernel at the
// harness's kernel() address, its CPUs, thread structs after it, and scratch words for locks.
// Used identically for the Wasm harness and the TypeScript implementation, so the same
// addresses mean the same objects in both (the differential test compares bytes).
//
// Memory map from kernelBase (64-aligned, given by the harness's hp_kernel_base):
//   [kernelBase, +z_kernel.SIZE)       z_kernel (runq, timeout_list, cpus[32], ...)
//   threadsBase = kernelBase + SIZE    k_thread[maxThreads], k_thread.SIZE apart
//   lockBase (64-aligned)              LOCK_SLOTS slots of 64 bytes: one lock or counter per
//                                      cache line, so workers do not false-share
//   arrayBase                          u32 scratch (e.g. the thread-address array of runqLoop)

import { _cpu, k_thread, sys_dnode, z_kernel, z_kernel_cpus_addr, _timeout } from "../../src/generated/contract.js";
import { HARNESS_MAX_PAGES } from "./harness.js";

export const LOCK_SLOTS = 64;
export const SLOT = 64;

export interface FixtureOptions {
  kernelBase: number;
  numCpus: number;
  maxThreads: number;
  spinBudget: number;
}

export class Fixture {
  readonly kernelBase: number;
  readonly threadsBase: number;
  readonly lockBase: number;
  readonly arrayBase: number;
  /** End of everything the fixture owns (exclusive). */
  readonly end: number;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly u8: Uint8Array;

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly opts: FixtureOptions,
  ) {
    const align = (x: number, a: number): number => Math.ceil(x / a) * a;
    this.kernelBase = opts.kernelBase;
    this.threadsBase = this.kernelBase + z_kernel.SIZE;
    this.lockBase = align(this.threadsBase + opts.maxThreads * k_thread.SIZE, 64);
    this.arrayBase = this.lockBase + LOCK_SLOTS * SLOT;
    this.end = this.arrayBase + 4 * opts.maxThreads;
    if (this.end > memory.buffer.byteLength)
      throw new Error(`fixture needs ${this.end} bytes, memory has ${memory.buffer.byteLength}`);
    this.u32 = new Uint32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.u8 = new Uint8Array(memory.buffer);
    this.reset();
  }

  /** Zeroes the whole region and writes a fresh z_kernel (empty, initialised lists). */
  reset(): void {
    const k = this.kernelBase;
    this.u8.fill(0, k, this.end);
    this.w(k + z_kernel.num_cpus, this.opts.numCpus);
    this.w(k + z_kernel.board_cpus, this.opts.numCpus);
    this.w(k + z_kernel.spin_budget, this.opts.spinBudget);
    this.w(k + z_kernel.runq + sys_dnode.next, k + z_kernel.runq);
    this.w(k + z_kernel.runq + sys_dnode.prev, k + z_kernel.runq);
    this.w(k + z_kernel.timeout_list + sys_dnode.next, k + z_kernel.timeout_list);
    this.w(k + z_kernel.timeout_list + sys_dnode.prev, k + z_kernel.timeout_list);
    for (let c = 0; c < this.opts.numCpus; c++) this.w(this.cpu(c) + _cpu.id, c);
  }

  w(addr: number, v: number): void {
    this.u32[addr >> 2] = v >>> 0;
  }
  r(addr: number): number {
    return this.u32[addr >> 2]!;
  }

  cpu(c: number): number {
    return z_kernel_cpus_addr(this.kernelBase, c);
  }
  thread(i: number): number {
    return this.threadsBase + i * k_thread.SIZE;
  }
  /** Address of lock/counter slot `i` (64 bytes each). */
  slot(i: number): number {
    return this.lockBase + i * SLOT;
  }
  get runq(): number {
    return this.kernelBase + z_kernel.runq;
  }
  get timeoutList(): number {
    return this.kernelBase + z_kernel.timeout_list;
  }

  /** Initialises thread `i` (not queued anywhere) and returns its address. */
  initThread(i: number, t: { prio: number; cpuMask: number; state?: number; options?: number; id?: number }): number {
    const a = this.thread(i);
    this.u8.fill(0, a, a + k_thread.SIZE);
    this.i32[(a + k_thread.prio) >> 2] = t.prio;
    this.w(a + k_thread.cpu_mask, t.cpuMask);
    this.w(a + k_thread.thread_state, t.state ?? 0);
    this.w(a + k_thread.user_options, t.options ?? 0);
    this.w(a + k_thread.id, t.id ?? i + 1);
    this.i32[(a + k_thread.fatal_reason) >> 2] = -1;
    for (const q of [a + k_thread.join_queue, a + k_thread.halt_queue]) {
      // as z_thread_alloc does
      this.w(q + sys_dnode.next, q);
      this.w(q + sys_dnode.prev, q);
    }
    return a;
  }

  /** Appends `node` to `list` (test set-up only: no sorting). */
  append(list: number, node: number): void {
    if (this.r(list + sys_dnode.next) === 0) {
      this.w(list, list);
      this.w(list + 4, list);
    }
    const last = this.r(list + sys_dnode.prev);
    this.w(node + sys_dnode.next, list);
    this.w(node + sys_dnode.prev, last);
    this.w(last + sys_dnode.next, node);
    this.w(list + sys_dnode.prev, node);
  }

  /** Links thread `t`'s timeout into the global timeout list (as if armed). */
  armTimeout(t: number, fn: number): void {
    this.append(this.timeoutList, t + k_thread.timeout + _timeout.node);
    this.w(t + k_thread.timeout + _timeout.fn, fn);
  }

  /** Node addresses of a list, head to tail (bounded: a corrupted list throws). */
  listNodes(list: number, max = 1_000_000): number[] {
    const out: number[] = [];
    let n = this.r(list + sys_dnode.next);
    if (n === 0) return out;
    while (n !== list) {
      out.push(n);
      if (out.length > max) throw new Error(`list at 0x${list.toString(16)} does not close`);
      n = this.r(n + sys_dnode.next);
    }
    return out;
  }
}

/** A shared memory of `pages` 64 KiB pages that the harness can import. */
export function sharedMemory(pages: number): WebAssembly.Memory {
  if (pages > HARNESS_MAX_PAGES) throw new Error(`at most ${HARNESS_MAX_PAGES} pages`);
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

/** Pages needed for a fixture of `maxThreads` threads at `kernelBase`. */
export function pagesFor(kernelBase: number, maxThreads: number): number {
  const bytes = kernelBase + z_kernel.SIZE + maxThreads * (k_thread.SIZE + 4) + LOCK_SLOTS * SLOT + 4096;
  return Math.ceil(bytes / 65536);
}
