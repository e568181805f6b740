// Lays out the kernel region of a machine's shared memory (ARCHITECTURE.md, "Memory map"):
//   [0, NULL_PAGE_SIZE)         the NULL page: empty (image.ts starts static data above it)
//   [NULL_PAGE_SIZE, heap_base) the image's static data (rewritten at every instantiation)
//   z_kernel                    at the first 64-aligned address after it
//   per CPU: boot save area, console ring
//   heap                        at least MIN_HEAP_SIZE bytes
//   per CPU: unwind scratch     SCRATCH_SIZE bytes each, at the top of memory, CPU 0 highest
// A context switching out is unwound into its CPU's scratch first and then copied into its
// own save area if it fits (else it is a stack overflow): asyncify checks the bound only when
// the unwind ends, so unwinding straight into a small save area could overrun the heap. With
// the scratch areas at the top, an unwind even larger than the scratch runs off the end of
// memory (a trap) rather than into kernel data.

import {
  _cpu,
  console_ring,
  z_kernel,
  z_kernel_cpus_addr,
  BOARD_NAME_MAX,
  BOOT_BUF_SIZE,
  KERNEL_MAGIC,
  LAYOUT_VERSION,
  MIN_HEAP_SIZE,
  NO_DEADLINE,
  SCRATCH_SIZE,
} from "../generated/contract.js";
import { VmError } from "../errors.js";
import type { Kconfig } from "../board/kconfig.js";

export interface KernelParams {
  boardCpus: number;
  /** CONFIG_BOARD: the board's name (createBoard checked that it fits z_kernel.board_name). */
  boardName: string;
  numCpus: number;
  mainStackSize: number;
  idleStackSize: number;
  minStackSize: number;
  mainPrio: number;
  spinBudget: number;
  /** The board has more CPUs than the host has cores (z_kernel.oversubscribed). */
  oversubscribed: boolean;
  /** CONFIG_WASMP_VCPU_YIELD_US. */
  vcpuYieldUs?: number;
  /** CONFIG_SPIN_LOCK_TIME_LIMIT (cycles; 0 = none). */
  spinLockTimeLimit?: number;
  consoleUnits: number;
  ztestPrio: number;
  /** Time slice in ticks (0 = off) and the highest priority that is sliced. */
  sliceTicks: number;
  sliceMaxPrio: number;
}

/** Alignment of each CPU's boot save area and console ring, and of the heap start. */
const AREA_ALIGN = 16;
const HEAP_ALIGN = 64;

const align = (x: number, a: number): number => Math.ceil(x / a) * a;

/**
 * Spins before a lock waiter parks its host thread, when CONFIG_WASMP_SPIN_BUDGET is 0: short
 * when virtual CPUs outnumber host cores (a spinner then burns the slice the holder needs),
 * long when each has its own core.
 */
const SPIN_BUDGET_OVERSUBSCRIBED = 64;
const SPIN_BUDGET_DEDICATED = 2000;
const MS_PER_S = 1000;

/** The kernel region's parameters for a resolved configuration on a host with `hostCores` cores. */
export function kernelParams(cfg: Kconfig, hostCores: number): KernelParams {
  const board = cfg.board;
  const oversubscribed = board.cpus > hostCores;
  return {
    boardCpus: board.cpus,
    boardName: cfg.BOARD,
    // resolveKconfig checked MP_MAX_NUM_CPUS <= board.cpus.
    numCpus: cfg.SMP ? cfg.MP_MAX_NUM_CPUS : 1,
    mainStackSize: cfg.MAIN_STACK_SIZE,
    idleStackSize: cfg.IDLE_STACK_SIZE,
    minStackSize: cfg.WASMP_MIN_STACK_SIZE,
    mainPrio: cfg.MAIN_THREAD_PRIORITY,
    spinBudget: cfg.WASMP_SPIN_BUDGET || (oversubscribed ? SPIN_BUDGET_OVERSUBSCRIBED : SPIN_BUDGET_DEDICATED),
    oversubscribed,
    vcpuYieldUs: cfg.WASMP_VCPU_YIELD_US,
    spinLockTimeLimit: cfg.SPIN_VALIDATE ? cfg.SPIN_LOCK_TIME_LIMIT : 0,
    consoleUnits: cfg.WASMP_CONSOLE_RING_SIZE,
    ztestPrio: cfg.ZTEST_THREAD_PRIORITY,
    sliceTicks: Math.ceil((cfg.TIMESLICE_SIZE * cfg.SYS_CLOCK_TICKS_PER_SEC) / MS_PER_S),
    sliceMaxPrio: cfg.TIMESLICE_PRIORITY,
  };
}

export interface KernelLayout {
  kernelBase: number;
  heapStart: number;
  heapEnd: number;
}

/** Writes a fresh kernel region at `kernelBase`; returns where the heap landed. */
export function layoutKernel(memory: WebAssembly.Memory, kernelBase: number, p: KernelParams): KernelLayout {
  const buf = memory.buffer;
  const u8 = new Uint8Array(buf);
  const u32 = new Uint32Array(buf);
  const i32 = new Int32Array(buf);
  const i64 = new BigInt64Array(buf, 0, buf.byteLength >>> 3);
  const w32 = (addr: number, v: number): void => {
    u32[addr >>> 2] = v >>> 0;
  };
  u8.fill(0, kernelBase, kernelBase + z_kernel.SIZE);
  const k = kernelBase;
  w32(k + z_kernel.layout_version, LAYOUT_VERSION);
  w32(k + z_kernel.num_cpus, p.numCpus);
  w32(k + z_kernel.board_cpus, p.boardCpus);
  w32(k + z_kernel.main_stack_size, p.mainStackSize);
  w32(k + z_kernel.idle_stack_size, p.idleStackSize);
  w32(k + z_kernel.default_stack_size, p.minStackSize);
  i32[(k + z_kernel.main_prio) >>> 2] = p.mainPrio;
  w32(k + z_kernel.spin_budget, p.spinBudget);
  w32(k + z_kernel.oversubscribed, p.oversubscribed ? 1 : 0);
  w32(k + z_kernel.vcpu_yield_us, p.vcpuYieldUs ?? 0);
  w32(k + z_kernel.spin_lock_time_limit, p.spinLockTimeLimit ?? 0);
  i32[(k + z_kernel.ztest_thread_prio) >>> 2] = p.ztestPrio;
  i32[(k + z_kernel.slice_ticks) >>> 2] = p.sliceTicks;
  i32[(k + z_kernel.slice_max_prio) >>> 2] = p.sliceMaxPrio;
  const name = new TextEncoder().encode(p.boardName).subarray(0, BOARD_NAME_MAX - 1);
  u8.set(name, k + z_kernel.board_name); // the region was zeroed: the NUL is there
  const units = 2 ** Math.ceil(Math.log2(p.consoleUnits));
  let off = k + z_kernel.SIZE;
  for (let c = 0; c < p.boardCpus; c++) {
    const cpu = z_kernel_cpus_addr(k, c);
    w32(cpu + _cpu.id, c);
    w32(cpu + _cpu.irq_masked, 1);
    i64[(cpu + _cpu.timer_deadline) >>> 3] = BigInt(NO_DEADLINE);
    off = align(off, AREA_ALIGN);
    w32(cpu + _cpu.boot_buf, off);
    w32(cpu + _cpu.boot_buf_size, BOOT_BUF_SIZE);
    off += BOOT_BUF_SIZE;
    off = align(off, AREA_ALIGN);
    u8.fill(0, off, off + console_ring.SIZE);
    w32(off + console_ring.size, units);
    w32(cpu + _cpu.console, off);
    off += console_ring.SIZE + units * Uint16Array.BYTES_PER_ELEMENT;
  }
  const heapStart = align(off, HEAP_ALIGN);
  const heapEnd = buf.byteLength - p.boardCpus * SCRATCH_SIZE;
  for (let c = 0; c < p.boardCpus; c++) {
    const cpu = z_kernel_cpus_addr(k, c);
    w32(cpu + _cpu.scratch, buf.byteLength - (c + 1) * SCRATCH_SIZE);
    w32(cpu + _cpu.scratch_size, SCRATCH_SIZE);
  }
  if (heapStart + MIN_HEAP_SIZE > heapEnd) {
    throw new VmError(
      "E_CONFIG",
      `memory too small: the kernel region ends at ${heapStart}, leaving less than ${MIN_HEAP_SIZE} bytes of heap`,
    );
  }
  w32(k + z_kernel.heap_start, heapStart);
  w32(k + z_kernel.heap_end, heapEnd);
  // Published last: a reader that sees the magic sees a complete region.
  Atomics.store(i32, (k + z_kernel.magic) >>> 2, KERNEL_MAGIC | 0);
  return { kernelBase, heapStart, heapEnd };
}
