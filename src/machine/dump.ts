// A readable dump of the machine, read straight from shared memory (it needs no cooperation
// from the CPUs, so it works on a hung machine): each CPU's state, current thread and held
// spinlocks, the kernel's spinlocks, then every thread, a pended one with the object it waits
// on (k_thread.pended_kind says the kind, pended_on its wait queue: waitKinds in the contract),
// then every wait cycle among mutex owners (and joins), which is a deadlock. Each CPU's line
// has its timer deadline (_cpu.timer_deadline), and a line lists the head of the timeout list
// with what each timeout belongs to: a thread that waits for a timeout or an IRQ_TIMER that is
// never delivered (a lost wake-up) shows there.
//
// The CPUs go on running while it reads (a timeout dump): a value can be a moment stale, so a
// cycle is reported only if a second read of every thread finds it too.

import {
  _cpu,
  _cpu_held_addr,
  _timeout,
  sys_dnode,
  k_mutex,
  k_sem,
  k_spinlock,
  k_thread,
  k_timer,
  z_kernel,
  z_kernel_cpus_addr,
  z_kernel_obj_names_addr,
  z_obj_name,
  waitKinds,
  CONFIG_THREAD_MAX_NAME_LEN,
  OBJ_NAMES_MAX,
  WAIT_JOIN,
  WAIT_MUTEX,
  WAIT_SEM,
  _THREAD_PENDING,
  CPU_OFF,
  CPU_BOOTING,
  CPU_RUNNING,
  CPU_IDLE,
  CPU_HALTED,
  HELD_LOCKS_MAX,
  NO_DEADLINE,
  IRQ_LINES_BITS,
  THREAD_STATE_BITS,
  thread_cpu_cpu_plus_one,
  thread_cpu_thread_id,
} from "../generated/contract.js";
import { readAsString, readCString } from "../cpu/core.js";

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
  /** This CPU's timer deadline (host ns since the machine started), null when off (NO_DEADLINE). */
  timerDeadlineNs: number | null;
}

/** What a pended thread waits on. */
export interface WaitTarget {
  /** WAIT_* (k_thread.pended_kind). */
  kind: number;
  /** What the dump calls the kind ("mutex", "semaphore", "thread (k_thread_join)"). */
  label: string;
  /** The object's address; 0 if the kind does not say (a wait on no queue). */
  addr: number;
  /** The object's name: the application's top-level variable, or a thread's name; "" if none. */
  name: string;
  /** False while a timeout may end the wait (K_FOREVER: true). */
  forever: boolean;
  /** A mutex's owner (0: none) and lock count; a semaphore's count and limit. */
  owner?: number;
  lockCount?: number;
  count?: number;
  limit?: number;
}

export interface ThreadState {
  id: number;
  addr: number;
  name: string;
  prio: number;
  cpu: number;
  state: string[];
  /** Set for a pended thread. */
  waitsOn?: WaitTarget;
}

const hexAddr = (a: number): string => `0x${a.toString(16)}`;
const NS_PER_MS = 1e6;

/**
 * The names the application gave its top-level kernel objects (z_kernel.obj_names, written by
 * kernel/obj_name.ts), by address.
 */
export function objectNames(memory: WebAssembly.Memory, kernelBase: number): Map<number, string> {
  const buf = memory.buffer;
  const u32 = new Uint32Array(buf);
  const names = new Map<number, string>();
  for (let i = 0; i < OBJ_NAMES_MAX; i++) {
    const e = z_kernel_obj_names_addr(kernelBase, i);
    const obj = Atomics.load(u32, (e + z_obj_name.obj) >>> 2);
    if (obj === 0) continue;
    const name = Atomics.load(u32, (e + z_obj_name.name) >>> 2);
    try {
      if (name !== 0) names.set(obj, readAsString(buf, name));
    } catch {
      // Not a string (memory the guest overwrote): the object goes unnamed, the dump goes on.
    }
  }
  return names;
}

/** A spinlock's name if it is one of the kernel's or the application's ("sched_lock (0x…)"), else its address. */
export function lockName(kernelBase: number, addr: number, names?: ReadonlyMap<number, string>): string {
  for (const name of KERNEL_LOCKS) if (addr === kernelBase + z_kernel[name]) return `${name} (${hexAddr(addr)})`;
  const given = names?.get(addr);
  return given ? `${given} (${hexAddr(addr)})` : hexAddr(addr);
}

export function threadName(u8: Uint8Array, t: number): string {
  return readCString(u8, t + k_thread.name, CONFIG_THREAD_MAX_NAME_LEN);
}

function threadLabel(u8: Uint8Array, u32: Uint32Array, t: number): string {
  if (t === 0) return "none";
  return `#${u32[(t + k_thread.id) >>> 2]} '${threadName(u8, t)}' (0x${t.toString(16)})`;
}

export function readCpuStates(
  memory: WebAssembly.Memory,
  kernelBase: number,
  names: ReadonlyMap<number, string> = objectNames(memory, kernelBase),
): CpuState[] {
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
      locksHeld: Array.from({ length: held }, (_, i) => lockName(kernelBase, u32[_cpu_held_addr(b, i) >>> 2]!, names)),
      ipis: u32[(b + _cpu.ipi_count) >>> 2]!,
      timerIrqs: u32[(b + _cpu.timer_count) >>> 2]!,
      timerDeadlineNs: timerDeadline(memory, b),
    });
  }
  return out;
}

function timerDeadline(memory: WebAssembly.Memory, cpuBase: number): number | null {
  const i64 = new BigInt64Array(memory.buffer, 0, memory.buffer.byteLength >>> 3);
  const dl = Atomics.load(i64, (cpuBase + _cpu.timer_deadline) >>> 3);
  return dl === BigInt(NO_DEADLINE) ? null : Number(dl);
}

/** A CPU's timer as the dump says it: "timer off", "timer in 3.200 ms", "timer 21.000 ms overdue". */
function describeTimer(deadlineNs: number | null, nowNs: number | undefined): string {
  if (deadlineNs === null) return "timer off";
  const ms = (ns: number): string => `${(ns / NS_PER_MS).toFixed(3)} ms`;
  if (nowNs === undefined) return `timer at ${ms(deadlineNs)}`;
  return deadlineNs > nowNs ? `timer in ${ms(deadlineNs - nowNs)}` : `timer ${ms(nowNs - deadlineNs)} overdue`;
}

export interface TimeoutEntry {
  /** The _timeout's address. */
  addr: number;
  /** Its deadline (absolute, in ticks). */
  deadline: bigint;
  /** The thread whose k_thread.timeout it is (a sleep or a wait with a timeout), else 0. */
  thread: number;
  /** The CPU whose time slice it is (_cpu.slice_timeout), else -1. */
  sliceCpu: number;
}

/** How many entries of the timeout list the dump names (it counts them all). */
const TIMEOUTS_LISTED = 8;

/**
 * The timeout list (z_kernel.timeout_list, sorted by deadline) from its head: at most `max`
 * entries, and the number armed (bounded like the thread walk, in case a link is corrupt).
 */
export function readTimeouts(
  memory: WebAssembly.Memory,
  kernelBase: number,
  max = TIMEOUTS_LISTED,
): { armed: number; head: TimeoutEntry[] } {
  const buf = memory.buffer;
  const u32 = new Uint32Array(buf);
  const i64 = new BigInt64Array(buf, 0, buf.byteLength >>> 3);
  const threads = new Set<number>();
  for (let t = u32[(kernelBase + z_kernel.threads) >>> 2]!, g = 0; t !== 0 && g < MAX_THREADS_LISTED; g++) {
    threads.add(t);
    t = u32[(t + k_thread.next_thread) >>> 2]!;
  }
  const cpus = u32[(kernelBase + z_kernel.board_cpus) >>> 2]!;
  const sliceOf = (n: number): number => {
    for (let c = 0; c < cpus; c++) if (n === z_kernel_cpus_addr(kernelBase, c) + _cpu.slice_timeout) return c;
    return -1;
  };
  const list = kernelBase + z_kernel.timeout_list;
  const head: TimeoutEntry[] = [];
  let armed = 0;
  for (let n = u32[(list + sys_dnode.next) >>> 2]!; n !== list && n !== 0 && armed < MAX_THREADS_LISTED; armed++) {
    if (head.length < max) {
      const owner = n - k_thread.timeout;
      head.push({
        addr: n,
        deadline: i64[(n + _timeout.deadline) >>> 3]!,
        thread: threads.has(owner) ? owner : 0,
        sliceCpu: sliceOf(n),
      });
    }
    n = u32[(n + sys_dnode.next) >>> 2]!;
  }
  return { armed, head };
}

/** Bounds the walk of the all-threads list, in case a corrupted link makes it a cycle. */
const MAX_THREADS_LISTED = 100_000;

const WAIT_KINDS = new Map(waitKinds.map((k) => [k.kind, k]));

/** What the pended thread `t` waits on, from its pended_kind and pended_on. */
function readWaitTarget(u8: Uint8Array, u32: Uint32Array, t: number, names: ReadonlyMap<number, string>): WaitTarget {
  const kind = u32[(t + k_thread.pended_kind) >>> 2]!;
  const info = WAIT_KINDS.get(kind) ?? WAIT_KINDS.get(0)!;
  const wq = u32[(t + k_thread.pended_on) >>> 2]!;
  // Without a struct the kind does not place its wait queue: the queue's own address then.
  const addr = wq === 0 ? 0 : info.struct === null ? wq : wq - info.offset;
  const forever = u32[(t + k_thread.timeout + _timeout.fn) >>> 2] === 0;
  const w: WaitTarget = { kind, label: info.label, addr, name: names.get(addr) ?? "", forever };
  if (addr === 0) return w;
  if (info.struct === "k_thread") w.name = threadName(u8, addr);
  if (kind === WAIT_MUTEX) {
    w.owner = u32[(addr + k_mutex.owner) >>> 2]!;
    w.lockCount = u32[(addr + k_mutex.lock_count) >>> 2]!;
  } else if (kind === WAIT_SEM) {
    w.count = u32[(addr + k_sem.count) >>> 2]!;
    w.limit = u32[(addr + k_sem.limit) >>> 2]!;
  }
  return w;
}

export function readThreads(
  memory: WebAssembly.Memory,
  kernelBase: number,
  names: ReadonlyMap<number, string> = objectNames(memory, kernelBase),
): ThreadState[] {
  const buf = memory.buffer;
  const u8 = new Uint8Array(buf);
  const u32 = new Uint32Array(buf);
  const i32 = new Int32Array(buf);
  const out: ThreadState[] = [];
  let t = u32[(kernelBase + z_kernel.threads) >>> 2]!;
  for (let guard = 0; t !== 0 && guard < MAX_THREADS_LISTED; guard++) {
    const st = u32[(t + k_thread.thread_state) >>> 2]!;
    const ts: ThreadState = {
      id: u32[(t + k_thread.id) >>> 2]!,
      addr: t,
      name: threadName(u8, t),
      prio: i32[(t + k_thread.prio) >>> 2]!,
      cpu: u32[(t + k_thread.cpu) >>> 2]!,
      state: THREAD_STATES.filter(([bit]) => st & bit).map(([, n]) => n),
    };
    if (st & _THREAD_PENDING) ts.waitsOn = readWaitTarget(u8, u32, t, names);
    out.push(ts);
    t = u32[(t + k_thread.next_thread) >>> 2]!;
  }
  return out;
}

/** "#3 't1'" for a thread the dump listed, else its address. */
function threadRef(byAddr: ReadonlyMap<number, ThreadState>, addr: number): string {
  const t = byAddr.get(addr);
  return t ? `#${t.id} '${t.name}'` : `thread ${hexAddr(addr)}`;
}

/** An object as the dump names it: "mutex 'lock_a' (0x…)", or "mutex 0x…" without a name. */
function objectRef(w: WaitTarget): string {
  const kind = w.label;
  if (w.addr === 0) return kind;
  return w.name ? `${kind} '${w.name}' (${hexAddr(w.addr)})` : `${kind} ${hexAddr(w.addr)}`;
}

/** What a pended thread's dump line adds: " waits on mutex 'lock_a' (0x…), held by #4 't2' (lock count 1)". */
function describeWait(byAddr: ReadonlyMap<number, ThreadState>, w: WaitTarget): string {
  let s = ` waits on ${objectRef(w)}`;
  if (w.kind === WAIT_MUTEX) {
    s += w.owner ? `, held by ${threadRef(byAddr, w.owner)} (lock count ${w.lockCount})` : ", not held";
  } else if (w.kind === WAIT_SEM) {
    s += `, count ${w.count} of limit ${w.limit}`;
  }
  return s + (w.forever ? ", forever" : ", with a timeout");
}

/** The thread `t` waits for (a mutex's owner, a joined thread), and how the cycle line says it. */
function waitEdge(byAddr: ReadonlyMap<number, ThreadState>, t: ThreadState): { to: number; says: string } | null {
  const w = t.waitsOn;
  if (!w || w.addr === 0) return null;
  if (w.kind === WAIT_MUTEX && w.owner) {
    return { to: w.owner, says: `waits for ${objectRef(w)} held by ${threadRef(byAddr, w.owner)}` };
  }
  if (w.kind === WAIT_JOIN)
    return { to: w.addr, says: `waits for ${threadRef(byAddr, w.addr)} to end (k_thread_join)` };
  return null;
}

/**
 * Every wait cycle: threads each waiting for a mutex the next one holds (or for the next one to
 * end), back to the first. One line each, "deadlock: #3 't1' waits for mutex 'b' (0x…) held by
 * #4 't2', which waits for mutex 'a' (0x…) held by #3 't1'", starting at the cycle's oldest thread.
 */
export function findDeadlocks(threads: readonly ThreadState[]): string[] {
  const byAddr = new Map(threads.map((t) => [t.addr, t]));
  const done = new Set<number>();
  const lines: string[] = [];
  for (const start of threads) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let cur: ThreadState | undefined = start;
    while (cur && !done.has(cur.addr) && !onPath.has(cur.addr)) {
      onPath.set(cur.addr, path.length);
      path.push(cur.addr);
      const e = waitEdge(byAddr, cur);
      cur = e ? byAddr.get(e.to) : undefined;
    }
    if (cur && onPath.has(cur.addr)) {
      const cycle = path.slice(onPath.get(cur.addr));
      // Oldest first (lowest id), so that a cycle reads the same wherever the walk entered it.
      const first = cycle.reduce((a, b, i) => (byAddr.get(b)!.id < byAddr.get(cycle[a]!)!.id ? i : a), 0);
      const ordered = [...cycle.slice(first), ...cycle.slice(0, first)];
      const parts = ordered.map((a) => waitEdge(byAddr, byAddr.get(a)!)!.says);
      lines.push(`deadlock: ${threadRef(byAddr, ordered[0]!)} ${parts.join(", which ")}`);
    }
    for (const a of path) done.add(a);
  }
  return lines;
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

/**
 * The dump. `nowNs` (host ns since the machine started, the clock of _cpu.timer_deadline) makes
 * each CPU's timer read relative to now ("in 3.200 ms", "21.000 ms overdue"); without it, absolute.
 */
export function formatDump(memory: WebAssembly.Memory, kernelBase: number, nowNs?: number): string {
  const lines: string[] = ["--- wasmp machine state ---"];
  const names = objectNames(memory, kernelBase);
  for (const c of readCpuStates(memory, kernelBase, names)) {
    lines.push(
      `CPU ${c.cpu}: ${c.state}, current ${c.currentName}, irqs ${c.irqMasked ? "masked" : "on"}` +
        `${c.nested ? `, in ISR (nested ${c.nested})` : ""}, pending [${c.pending.join(",")}], ` +
        `locks held [${c.locksHeld.join(", ")}], ${c.ipis} IPIs, ${c.timerIrqs} timer irqs, ` +
        describeTimer(c.timerDeadlineNs, nowNs),
    );
  }
  const u32 = new Uint32Array(memory.buffer);
  lines.push("kernel locks: " + KERNEL_LOCKS.map((n) => describeKernelLock(u32, kernelBase, n)).join("; "));
  const threads = readThreads(memory, kernelBase, names);
  const byAddr = new Map(threads.map((t) => [t.addr, t]));
  const tos = readTimeouts(memory, kernelBase);
  const owner = (e: TimeoutEntry): string => {
    if (e.thread) return threadRef(byAddr, e.thread);
    if (e.sliceCpu >= 0) return `CPU ${e.sliceCpu}'s time slice`;
    const timer = names.get(e.addr - k_timer.timeout);
    return timer ? `k_timer '${timer}' (${hexAddr(e.addr - k_timer.timeout)})` : `timeout ${hexAddr(e.addr)}`;
  };
  const listed = tos.head.map((e) => `tick ${e.deadline} ${owner(e)}`);
  if (tos.armed > tos.head.length) listed.push(`${tos.armed - tos.head.length} more`);
  lines.push(`timeouts (${tos.armed} armed)${listed.length ? ": " + listed.join("; ") : ""}`);
  lines.push("threads:");
  for (const t of threads) {
    const waits = t.waitsOn ? describeWait(byAddr, t.waitsOn) : "";
    lines.push(`  #${t.id} '${t.name}' prio ${t.prio} cpu ${t.cpu} [${t.state.join(",") || "ready"}]${waits}`);
  }
  // A cycle read twice is not an artefact of reading while the CPUs run.
  const again = new Set(findDeadlocks(readThreads(memory, kernelBase, names)));
  lines.push(...findDeadlocks(threads).filter((l) => again.has(l)));
  return lines.join("\n");
}
