// A readable dump of the machine, read straight from shared memory (it needs no cooperation
// from the CPUs, so it works on a hung machine): each CPU's state, current thread and held
// spinlocks, the kernel's spinlocks, then every thread.

import {
  _cpu,
  _cpu_held_addr,
  k_spinlock,
  k_thread,
  z_kernel,
  z_kernel_cpus_addr,
  CONFIG_THREAD_MAX_NAME_LEN,
  CPU_OFF,
  CPU_BOOTING,
  CPU_RUNNING,
  CPU_IDLE,
  CPU_HALTED,
  HELD_LOCKS_MAX,
  IRQ_LINES_BITS,
  THREAD_STATE_BITS,
  thread_cpu_cpu_plus_one,
  thread_cpu_thread_id,
} from "../generated/contract.js";
import { readCString } from "../cpu/core.js";

const CPU_STATES: Record<number, string> = {
  [CPU_OFF]: "off",
  [CPU_BOOTING]: "booting",
  [CPU_RUNNING]: "running",
  [CPU_IDLE]: "idle",
  [CPU_HALTED]: "halted",
};

/**
 * thread_state bits by the names Zephyr's k_thread_state_str() prints ("pending", "queued"…).
 * wasmp-only bits (none at present) are left out: a thread with none of these is "ready".
 */
const THREAD_STATES: readonly (readonly [number, string])[] = THREAD_STATE_BITS.filter(
  ([, , wasmpOnly]) => !wasmpOnly,
).map(([mask, name]) => [mask, name.replace(/^_THREAD_/, "").toLowerCase()] as const);

/** Interrupt lines by short name ("ipi", "timer"). */
const IRQ_LINES: readonly (readonly [number, string])[] = IRQ_LINES_BITS.map(
  ([mask, name]) => [mask, name.replace(/^IRQ_/, "").toLowerCase()] as const,
);

/** The kernel's own spinlocks, by their z_kernel field. */
const KERNEL_LOCKS = ["sched_lock", "heap_lock", "thread_list_lock", "obj_lock", "ipi_lock"] as const;

export interface CpuState {
  cpu: number;
  state: string;
  current: number;
  currentName: string;
  irqMasked: boolean;
  nested: number;
  pending: string[];
  locksHeld: string[];
  ipis: number;
  timerIrqs: number;
}

export interface ThreadState {
  id: number;
  addr: number;
  name: string;
  prio: number;
  cpu: number;
  state: string[];
}

/** A spinlock's name if it is one of the kernel's ("sched_lock (0x…)"), else its address. */
export function lockName(kernelBase: number, addr: number): string {
  for (const name of KERNEL_LOCKS) if (addr === kernelBase + z_kernel[name]) return `${name} (0x${addr.toString(16)})`;
  return `0x${addr.toString(16)}`;
}

export function threadName(u8: Uint8Array, t: number): string {
  return readCString(u8, t + k_thread.name, CONFIG_THREAD_MAX_NAME_LEN);
}

function threadLabel(u8: Uint8Array, u32: Uint32Array, t: number): string {
  if (t === 0) return "none";
  return `#${u32[(t + k_thread.id) >>> 2]} '${threadName(u8, t)}' (0x${t.toString(16)})`;
}

export function readCpuStates(memory: WebAssembly.Memory, kernelBase: number): CpuState[] {
  const buf = memory.buffer;
  const u8 = new Uint8Array(buf);
  const u32 = new Uint32Array(buf);
  const n = u32[(kernelBase + z_kernel.board_cpus) >>> 2]!;
  const out: CpuState[] = [];
  for (let c = 0; c < n; c++) {
    const b = z_kernel_cpus_addr(kernelBase, c);
    const cur = Atomics.load(u32, (b + _cpu.current) >>> 2);
    const held = Math.min(u32[(b + _cpu.locks_held) >>> 2]!, HELD_LOCKS_MAX);
    const pend = u32[(b + _cpu.pending) >>> 2]!;
    out.push({
      cpu: c,
      state: CPU_STATES[u32[(b + _cpu.state) >>> 2]!] ?? "?",
      current: cur,
      currentName: threadLabel(u8, u32, cur),
      irqMasked: u32[(b + _cpu.irq_masked) >>> 2] !== 0,
      nested: u32[(b + _cpu.nested) >>> 2]!,
      pending: IRQ_LINES.filter(([bit]) => pend & bit).map(([, name]) => name),
      locksHeld: Array.from({ length: held }, (_, i) => lockName(kernelBase, u32[_cpu_held_addr(b, i) >>> 2]!)),
      ipis: u32[(b + _cpu.ipi_count) >>> 2]!,
      timerIrqs: u32[(b + _cpu.timer_count) >>> 2]!,
    });
  }
  return out;
}

/** Bounds the walk of the all-threads list, in case a corrupted link makes it a cycle. */
const MAX_THREADS_LISTED = 100_000;

export function readThreads(memory: WebAssembly.Memory, kernelBase: number): ThreadState[] {
  const buf = memory.buffer;
  const u8 = new Uint8Array(buf);
  const u32 = new Uint32Array(buf);
  const i32 = new Int32Array(buf);
  const out: ThreadState[] = [];
  let t = u32[(kernelBase + z_kernel.threads) >>> 2]!;
  for (let guard = 0; t !== 0 && guard < MAX_THREADS_LISTED; guard++) {
    const st = u32[(t + k_thread.thread_state) >>> 2]!;
    out.push({
      id: u32[(t + k_thread.id) >>> 2]!,
      addr: t,
      name: threadName(u8, t),
      prio: i32[(t + k_thread.prio) >>> 2]!,
      cpu: u32[(t + k_thread.cpu) >>> 2]!,
      state: THREAD_STATES.filter(([bit]) => st & bit).map(([, n]) => n),
    });
    t = u32[(t + k_thread.next_thread) >>> 2]!;
  }
  return out;
}

/** One kernel spinlock's words: "sched_lock owner=0 tail=0 holder=none parked=0". */
function describeKernelLock(u32: Uint32Array, kernelBase: number, name: (typeof KERNEL_LOCKS)[number]): string {
  const a = kernelBase + z_kernel[name];
  const tc = u32[(a + k_spinlock.thread_cpu) >>> 2]!;
  const holder = tc ? `cpu ${thread_cpu_cpu_plus_one(tc) - 1} thread #${thread_cpu_thread_id(tc)}` : "none";
  return (
    `${name} owner=${u32[(a + k_spinlock.owner) >>> 2]} tail=${u32[(a + k_spinlock.tail) >>> 2]} holder=${holder} ` +
    `parked=${u32[(a + k_spinlock.parked) >>> 2]}`
  );
}

export function formatDump(memory: WebAssembly.Memory, kernelBase: number): string {
  const lines: string[] = ["--- wasmp machine state ---"];
  for (const c of readCpuStates(memory, kernelBase)) {
    lines.push(
      `CPU ${c.cpu}: ${c.state}, current ${c.currentName}, irqs ${c.irqMasked ? "masked" : "on"}` +
        `${c.nested ? `, in ISR (nested ${c.nested})` : ""}, pending [${c.pending.join(",")}], ` +
        `locks held [${c.locksHeld.join(", ")}], ${c.ipis} IPIs, ${c.timerIrqs} timer irqs`,
    );
  }
  const u32 = new Uint32Array(memory.buffer);
  lines.push("kernel locks: " + KERNEL_LOCKS.map((n) => describeKernelLock(u32, kernelBase, n)).join("; "));
  lines.push("threads:");
  for (const t of readThreads(memory, kernelBase)) {
    lines.push(`  #${t.id} '${t.name}' prio ${t.prio} cpu ${t.cpu} [${t.state.join(",") || "ready"}]`);
  }
  return lines.join("\n");
}
