// A readable dump of the machine, read straight from shared memory (it needs no cooperation
// from the CPUs, so it works on a hung machine): each CPU's state, current thread and held
// spinlocks, then every thread.

import { _cpu, k_thread, z_kernel, CPU_OFF, CPU_BOOTING, CPU_RUNNING, CPU_IDLE, CPU_HALTED, IRQ_IPI,
  IRQ_TIMER, HELD_LOCKS_MAX } from "../generated/contract.js";
import { readCString } from "../cpu/core.js";

const CPU_STATES: Record<number, string> = {
  [CPU_OFF]: "off", [CPU_BOOTING]: "booting", [CPU_RUNNING]: "running", [CPU_IDLE]: "idle", [CPU_HALTED]: "halted",
};

const THREAD_BITS: [number, string][] = [
  [1, "dummy"], [2, "pending"], [4, "sleeping"], [8, "dead"], [16, "suspended"], [32, "aborting"],
  [64, "suspending"], [128, "queued"],
];

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

export interface ThreadState { id: number; addr: number; name: string; prio: number; cpu: number; state: string[] }

export function lockName(kernelBase: number, addr: number): string {
  const names: [number, string][] = [
    [z_kernel.sched_lock, "sched_lock"], [z_kernel.heap_lock, "heap_lock"],
    [z_kernel.thread_list_lock, "thread_list_lock"], [z_kernel.obj_lock, "obj_lock"],
  ];
  for (const [off, name] of names) if (addr === kernelBase + off) return `${name} (0x${addr.toString(16)})`;
  return `0x${addr.toString(16)}`;
}

export function threadLabel(u8: Uint8Array, u32: Uint32Array, t: number): string {
  if (t === 0) return "none";
  return `#${u32[(t + k_thread.id) >> 2]} '${readCString(u8, t + k_thread.name, 32)}' (0x${t.toString(16)})`;
}

export function readCpuStates(memory: WebAssembly.Memory, kernelBase: number): CpuState[] {
  const buf = memory.buffer;
  const u8 = new Uint8Array(buf);
  const u32 = new Uint32Array(buf);
  const n = u32[(kernelBase + z_kernel.board_cpus) >> 2]!;
  const out: CpuState[] = [];
  for (let c = 0; c < n; c++) {
    const b = kernelBase + z_kernel.cpus + c * _cpu.SIZE;
    const cur = Atomics.load(u32, (b + _cpu.current) >> 2);
    const held = Math.min(u32[(b + _cpu.locks_held) >> 2]!, HELD_LOCKS_MAX);
    const pend = u32[(b + _cpu.pending) >> 2]!;
    out.push({
      cpu: c,
      state: CPU_STATES[u32[(b + _cpu.state) >> 2]!] ?? "?",
      current: cur,
      currentName: threadLabel(u8, u32, cur),
      irqMasked: u32[(b + _cpu.irq_masked) >> 2] !== 0,
      nested: u32[(b + _cpu.nested) >> 2]!,
      pending: [...(pend & IRQ_IPI ? ["ipi"] : []), ...(pend & IRQ_TIMER ? ["timer"] : [])],
      locksHeld: Array.from({ length: held }, (_, i) => lockName(kernelBase, u32[(b + _cpu.held + 4 * i) >> 2]!)),
      ipis: u32[(b + _cpu.ipi_count) >> 2]!,
      timerIrqs: u32[(b + _cpu.timer_count) >> 2]!,
    });
  }
  return out;
}

export function readThreads(memory: WebAssembly.Memory, kernelBase: number): ThreadState[] {
  const buf = memory.buffer;
  const u8 = new Uint8Array(buf);
  const u32 = new Uint32Array(buf);
  const i32 = new Int32Array(buf);
  const out: ThreadState[] = [];
  let t = u32[(kernelBase + z_kernel.threads) >> 2]!;
  for (let guard = 0; t !== 0 && guard < 100000; guard++) {
    const st = u32[(t + k_thread.thread_state) >> 2]!;
    out.push({
      id: u32[(t + k_thread.id) >> 2]!, addr: t, name: readCString(u8, t + k_thread.name, 32),
      prio: i32[(t + k_thread.prio) >> 2]!, cpu: u32[(t + k_thread.cpu) >> 2]!,
      state: THREAD_BITS.filter(([bit]) => st & bit).map(([, n]) => n),
    });
    t = u32[(t + k_thread.next_thread) >> 2]!;
  }
  return out;
}

export function formatDump(memory: WebAssembly.Memory, kernelBase: number): string {
  const lines: string[] = ["--- wasmp machine state ---"];
  for (const c of readCpuStates(memory, kernelBase)) {
    lines.push(`CPU ${c.cpu}: ${c.state}, current ${c.currentName}, irqs ${c.irqMasked ? "masked" : "on"}` +
      `${c.nested ? `, in ISR (nested ${c.nested})` : ""}, pending [${c.pending.join(",")}], ` +
      `locks held [${c.locksHeld.join(", ")}], ${c.ipis} IPIs, ${c.timerIrqs} timer irqs`);
  }
  const u32 = new Uint32Array(memory.buffer);
  const locks: [string, number][] = [["sched_lock", z_kernel.sched_lock], ["heap_lock", z_kernel.heap_lock],
    ["thread_list_lock", z_kernel.thread_list_lock], ["obj_lock", z_kernel.obj_lock]];
  lines.push("kernel locks: " + locks.map(([n, off]) => {
    const a = kernelBase + off;
    const tc = u32[(a + 8) >> 2]!;
    return `${n} owner=${u32[a >> 2]} tail=${u32[(a + 4) >> 2]} holder=${tc ? `cpu ${(tc & 0xff) - 1} thread #${tc >>> 8}` : "none"} parked=${u32[(a + 12) >> 2]}`;
  }).join("; "));
  lines.push("threads:");
  for (const t of readThreads(memory, kernelBase)) {
    lines.push(`  #${t.id} '${t.name}' prio ${t.prio} cpu ${t.cpu} [${t.state.join(",") || "ready"}]`);
  }
  return lines.join("\n");
}
