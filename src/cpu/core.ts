// One virtual CPU: an instance of the image on the shared memory, and the loop that runs its
// contexts. Platform-agnostic: it gets the module, the memory and a port to post to.
//
// Contexts are asyncify stacks in shared memory (see ARCHITECTURE.md, "Execution model").
// Asyncify unwinds the whole Wasm stack up to the JavaScript caller, so the loop that picks
// the next context must be here, outside Wasm:
//   - arch_switch(new, &old->switch_handle) starts an unwind of the running context into this
//     CPU's scratch area (src/machine/layout.ts says why not straight into old's save area);
//     when the export returns, the loop stops the unwind, copies the frames into old's save
//     area, and only THEN stores old's handle (Zephyr: "this store must be done AFTER all
//     relevant state is saved"), and notifies CPUs parked waiting for it;
//   - it then enters `new`: z_thread_entry(t) afresh if t never ran, else the same export in
//     rewind state, which rebuilds t's frames and returns from t's arch_switch call.
// A trap kills the thread that was running through the kernel's fatal-error path; an
// overflow of a save area during an unwind, and a host call stack that runs out (unbounded
// recursion), are the thread's stack-check failure (K_ERR_STACK_CHK_FAIL). A trap of the
// NULL-page check (CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU, src/image/null_page.ts) is a CPU
// exception that names the address and the function. describeFault words every such fault.
// The imports are typed by the contract (WasmpImports, EnvImports): a missing or mistyped
// import is a type error.

import {
  _cpu,
  k_thread,
  z_kernel,
  z_kernel_cpus_addr,
  fatalReasons,
  fatalReasonName,
  CONFIG_THREAD_MAX_NAME_LEN,
  CPU_OFF,
  NULL_PAGE_SIZE,
  null_fault_access_bytes,
  null_fault_access_store,
  IRQ_IPI,
  IRQ_TIMER,
  NO_DEADLINE,
  importObject,
  type EnvImports,
  type ImageExports,
  type ImageGlobals,
  type WasmpImports,
} from "../generated/contract.js";
import { absoluteNowMs, type WorkerPort } from "../platform/types.js";
import { isNullPageHelper } from "../image/null_page.js";
import type { CpuWorkerData, FatalReport, FaultFacts, FromCpuMessage } from "./messages.js";

/** asyncify_get_state() values. */
const ASYNCIFY_UNWINDING = 1,
  ASYNCIFY_REWINDING = 2;
/** An asyncify data buffer starts with {i32 current, i32 end} (byte offsets); the saved frames follow. */
const ASYNCIFY_DATA_CURRENT = 0,
  ASYNCIFY_DATA_END = 4,
  ASYNCIFY_DATA_HEADER = 8;
/** Longest host wait of an idle CPU without a timer deadline, and of a stopped CPU's mailbox check. */
const MAX_WAIT_MS = 1000;
const NS_PER_MS = 1e6,
  NS_PER_US = 1000;
/** AssemblyScript's object header: the string's length in bytes is the u32 at ptr - 4. */
const AS_RT_SIZE_OFFSET = 4;
/** Code units converted per String.fromCharCode call (its argument count is bounded). */
const CHARS_PER_CALL = 4096;
/** V8's message for a call stack that ran out (a RangeError). */
const CALL_STACK_EXHAUSTED = "Maximum call stack size exceeded";
/** How V8 shows a frame of a function without a name: its module's URL. */
const UNNAMED_FRAME = "wasm://";
/** Frames a trap report lists. */
const TRAP_FRAMES = 6;

/** Thrown through Wasm by system_halt: the machine is stopping. */
class HaltSignal extends Error {
  constructor(readonly reason: number) {
    super("system halt");
  }
}

/** Thrown through Wasm by abort(): an AssemblyScript assertion or runtime error. */
class GuestAbort extends Error {}

/** Reads a UTF-16 string (AssemblyScript's layout: length in bytes at ptr - 4). */
export function readAsString(mem: ArrayBufferLike, ptr: number, len?: number): string {
  ptr >>>= 0; // an i32 from Wasm: negative above 2 GiB
  if (ptr === 0) return "null";
  const u16 = new Uint16Array(mem, 0, mem.byteLength >>> 1);
  const n = len ?? new Uint32Array(mem, ptr - AS_RT_SIZE_OFFSET, 1)[0]! >>> 1;
  let s = "";
  for (let i = 0; i < n; i += CHARS_PER_CALL) {
    s += String.fromCharCode(...u16.subarray((ptr >>> 1) + i, (ptr >>> 1) + Math.min(n, i + CHARS_PER_CALL)));
  }
  return s;
}

export function readCString(u8: Uint8Array, ptr: number, max: number): string {
  let s = "";
  for (let i = 0; i < max; i++) {
    const c = u8[ptr + i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

export class CpuCore {
  readonly id: number;
  private readonly i32: Int32Array;
  private readonly u32: Uint32Array;
  private readonly u8: Uint8Array;
  private readonly i64: BigInt64Array;
  private readonly cpuBase: number;
  private readonly kernelBase: number;
  private readonly epochMs: number;
  private ex!: ImageExports;
  private readonly scratch: number;
  private readonly scratchSize: number;
  private switchTo = 0;
  private switchOldPtr = 0;
  private lastTrap = "";
  private lastFault: FaultFacts | undefined;
  /** The NULL-page check's globals (only in images built with the check). */
  private faultGlobals: ImageGlobals = {};

  constructor(
    private readonly init: CpuWorkerData,
    private readonly port: WorkerPort,
  ) {
    this.id = init.cpu;
    const buf = init.memory.buffer;
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
    this.u8 = new Uint8Array(buf);
    this.i64 = new BigInt64Array(buf, 0, buf.byteLength >>> 3);
    this.kernelBase = init.kernelBase;
    this.cpuBase = z_kernel_cpus_addr(init.kernelBase, init.cpu);
    this.epochMs = init.epochMs;
    this.scratch = this.u32[(this.cpuBase + _cpu.scratch) >>> 2]!;
    this.scratchSize = this.u32[(this.cpuBase + _cpu.scratch_size) >>> 2]!;
  }

  private post(msg: FromCpuMessage): void {
    this.port.postMessage(msg);
  }

  nowNs(): number {
    return (absoluteNowMs() - this.epochMs) * NS_PER_MS;
  }

  /** Instantiates the image for this CPU and runs its start function. */
  instantiate(): void {
    // envImports() and wasmpImports() are complete (their types say so): `missing` is never used.
    const imports = importObject(this.init.memory, { env: this.envImports(), wasmp: this.wasmpImports() }, (m, n) => {
      throw new Error(`no host import ${m}.${n}`);
    });
    const instance = new WebAssembly.Instance(this.init.module, imports);
    this.ex = instance.exports as unknown as ImageExports;
    const globals = instance.exports as unknown as ImageGlobals;
    this.faultGlobals = { wasmp_fault_addr: globals.wasmp_fault_addr, wasmp_fault_access: globals.wasmp_fault_access };
    this.ex.z_cpu_init(this.id);
    this.ex._start();
  }

  private envImports(): EnvImports {
    return {
      abort: (msg: number, file: number, line: number, col: number) => {
        const buf = this.init.memory.buffer;
        const text = `${readAsString(buf, msg)} at ${readAsString(buf, file)}:${line}:${col}`;
        throw new GuestAbort(text);
      },
      trace: () => {},
      seed: () => Date.now(),
      "console.log": (p: number) => {
        this.post({ type: "log", cpu: this.id, text: readAsString(this.init.memory.buffer, p) });
      },
    };
  }

  private wasmpImports(): WasmpImports {
    const u32 = this.u32,
      i32 = this.i32;
    return {
      // Addresses arrive as Wasm i32s, negative above 2 GiB: `>>> 0` makes them the unsigned
      // byte offsets that typed arrays take.
      arch_switch: (newHandle: number, oldShPtr: number) => {
        const ex = this.ex;
        if (ex.asyncify_get_state() === ASYNCIFY_REWINDING) {
          ex.asyncify_stop_rewind(); // the resumed thread returns from its arch_switch here
          return;
        }
        const s = this.scratch;
        u32[(s + ASYNCIFY_DATA_CURRENT) >>> 2] = s + ASYNCIFY_DATA_HEADER;
        u32[(s + ASYNCIFY_DATA_END) >>> 2] = s + this.scratchSize;
        this.switchTo = newHandle >>> 0;
        this.switchOldPtr = oldShPtr >>> 0;
        ex.asyncify_start_unwind(s);
      },
      now_ns: () => this.nowNs(),
      park: (addr: number, expected: number, timeoutMs: number) => {
        this.hostWait(() => Atomics.wait(i32, addr >>> 2, expected | 0, timeoutMs));
      },
      cpu_idle: () => this.idle(),
      sched_ipi: (mask: number) => this.sendIpi(mask),
      cpu_start: (cpu: number, fn: number, arg: number) => {
        const base = z_kernel_cpus_addr(this.kernelBase, cpu);
        u32[(base + _cpu.start_fn) >>> 2] = fn;
        u32[(base + _cpu.start_arg) >>> 2] = arg;
        Atomics.store(i32, (base + _cpu.start_req) >>> 2, 1);
        Atomics.notify(i32, (base + _cpu.start_req) >>> 2);
      },
      fatal: (reason: number, thread: number, lock: number, msg: number, len: number, seq: number) => {
        const text = len > 0 ? readAsString(this.init.memory.buffer, msg, len) : "";
        const report = this.fatalReport(reason, thread >>> 0, lock >>> 0, text, seq >>> 0);
        report.site = guestSite();
        this.post({ type: "fatal", report });
      },
      system_halt: (reason: number) => {
        this.post({ type: "halt", cpu: this.id, reason });
        throw new HaltSignal(reason);
      },
      main_exit: (code: number) => {
        this.post({ type: "exit", cpu: this.id, code });
      },
    };
  }

  private fatalReport(reason: number, thread: number, lock: number, message: string, seq: number): FatalReport {
    const name = thread ? readCString(this.u8, thread + k_thread.name, CONFIG_THREAD_MAX_NAME_LEN) : "";
    const report: FatalReport = {
      cpu: this.id,
      reason,
      reasonName: fatalReasonName(reason),
      thread,
      threadName: name,
      threadId: thread ? this.u32[(thread + k_thread.id) >>> 2]! : 0,
      lock,
      message,
      trap: this.lastTrap,
      seq,
      site: "",
      ...(this.lastFault ? { fault: this.lastFault } : {}),
    };
    this.lastTrap = "";
    this.lastFault = undefined;
    return report;
  }

  /** Raises IRQ_IPI on every started CPU in `mask` but this one, and wakes them. */
  private sendIpi(mask: number): void {
    const n = this.u32[(this.kernelBase + z_kernel.num_cpus) >>> 2]!;
    for (let c = 0; c < n; c++) {
      if (c === this.id || ((mask >>> c) & 1) === 0) continue;
      const p = (z_kernel_cpus_addr(this.kernelBase, c) + _cpu.pending) >>> 2;
      Atomics.or(this.i32, p, IRQ_IPI);
      Atomics.notify(this.i32, p);
    }
  }

  /**
   * Runs a blocking Atomics.wait with _cpu.host_waiting set, then stamps _cpu.beat: other CPUs'
   * directed-yield check (assembly/kernel/vcpu_yield.ts) does not wait for a CPU that blocks.
   */
  private hostWait(wait: () => unknown): void {
    const base = this.cpuBase;
    Atomics.store(this.i32, (base + _cpu.host_waiting) >>> 2, 1);
    wait();
    Atomics.store(this.i32, (base + _cpu.host_waiting) >>> 2, 0);
    Atomics.store(this.u32, (base + _cpu.beat) >>> 2, Math.floor(this.nowNs() / NS_PER_US) >>> 0);
  }

  /** Low-power idle: wait for an interrupt or this CPU's timer deadline. */
  private idle(): void {
    const pending = (this.cpuBase + _cpu.pending) >>> 2;
    const dlIdx = (this.cpuBase + _cpu.timer_deadline) >>> 3;
    const dl = Atomics.load(this.i64, dlIdx);
    let timeout = MAX_WAIT_MS;
    if (dl !== BigInt(NO_DEADLINE)) timeout = Math.max(0, (Number(dl) - this.nowNs()) / NS_PER_MS);
    if (Atomics.load(this.i32, pending) === 0 && timeout > 0)
      this.hostWait(() => Atomics.wait(this.i32, pending, 0, timeout));
    if (dl !== BigInt(NO_DEADLINE) && this.nowNs() >= Number(dl)) {
      if (Atomics.compareExchange(this.i64, dlIdx, dl, BigInt(NO_DEADLINE)) === dl)
        Atomics.or(this.i32, pending, IRQ_TIMER);
    }
  }

  /**
   * Runs this CPU: CPU 0 boots the kernel, the others wait on their boot mailbox. Returns when
   * the machine halts (system_halt); the machine ends a run by terminating the worker.
   */
  run(): void {
    try {
      let next: number;
      if (this.id === 0) {
        next = this.enter(0, () => this.ex.z_cstart());
      } else {
        next = this.startSecondary();
      }
      for (;;) next = next === 0 ? this.startSecondary() : this.resume(next);
    } catch (e) {
      if (e instanceof HaltSignal) return;
      this.post({ type: "crash", cpu: this.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }

  /**
   * A secondary CPU waits in its boot mailbox for arch_cpu_start, then runs the start function
   * on its boot context. Returns the first thread to run, or 0 if the function returned
   * without entering the scheduler (k_smp_cpu_resume without invoke_sched): the CPU is then
   * stopped and waits for the next start.
   */
  private startSecondary(): number {
    const req = (this.cpuBase + _cpu.start_req) >>> 2;
    while (Atomics.load(this.i32, req) === 0) Atomics.wait(this.i32, req, 0, MAX_WAIT_MS);
    Atomics.store(this.i32, req, 0);
    return this.enter(0, () => this.ex.z_arch_cpu_entry(), true);
  }

  /** Switches this CPU to thread `t` (a handle published by the kernel). */
  private resume(t: number): number {
    const u32 = this.u32;
    const doa = u32[(t + k_thread.arch_doa) >>> 2]!;
    if (doa !== 0) {
      // Its context was lost (save-area overflow): it runs only to die, on a fresh stack.
      u32[(t + k_thread.arch_doa) >>> 2] = 0;
      return this.enter(t, () => this.ex.z_thread_fault_entry(t, doa - 1));
    }
    if (u32[(t + k_thread.arch_started) >>> 2] === 0) {
      u32[(t + k_thread.arch_started) >>> 2] = 1;
      return this.enter(t, () => this.ex.z_thread_entry(t));
    }
    this.ex.asyncify_start_rewind(u32[(t + k_thread.stack_buf) >>> 2]!);
    return this.enter(t, () => this.ex.z_thread_entry(t));
  }

  /**
   * Calls an entry export for thread `t` (0: a boot context) and returns the handle the CPU
   * switches to next, once the running context has switched away.
   */
  private enter(t: number, call: () => void, mayReturn = false): number {
    const ex = this.ex;
    try {
      call();
    } catch (e) {
      return this.onTrap(e);
    }
    if (ex.asyncify_get_state() !== ASYNCIFY_UNWINDING) {
      if (mayReturn) {
        Atomics.store(this.i32, (this.cpuBase + _cpu.state) >>> 2, CPU_OFF);
        return 0;
      }
      throw new Error(`CPU ${this.id}: a context returned without switching (thread 0x${t.toString(16)})`);
    }
    return this.finishUnwind();
  }

  /**
   * The running context is unwound into the scratch area: copy it to the old thread's save
   * area, then publish the old thread's handle. Frames that do not fit are a stack overflow.
   */
  private finishUnwind(): number {
    const u32 = this.u32,
      s = this.scratch;
    const cur = u32[(s + ASYNCIFY_DATA_CURRENT) >>> 2]!;
    const old = this.switchOldPtr - k_thread.switch_handle;
    const buf = u32[(old + k_thread.stack_buf) >>> 2]!;
    const size = u32[(old + k_thread.stack_size) >>> 2]!;
    const used = cur - s;
    if (used > this.scratchSize || used > size) return this.overflow(used);
    this.ex.asyncify_stop_unwind();
    this.u8.copyWithin(buf + ASYNCIFY_DATA_HEADER, s + ASYNCIFY_DATA_HEADER, cur);
    u32[(buf + ASYNCIFY_DATA_CURRENT) >>> 2] = buf + used;
    u32[(buf + ASYNCIFY_DATA_END) >>> 2] = buf + size;
    this.publish();
    return this.switchTo;
  }

  /**
   * The old thread's frames did not fit its save area: it cannot be resumed. Mark it dead on
   * arrival, publish it (a CPU may already wait for it) and let the kernel wake it so that it
   * dies through the fatal-error path instead of staying blocked forever.
   */
  private overflow(used: number): number {
    const u32 = this.u32,
      s = this.scratch;
    const old = this.switchOldPtr - k_thread.switch_handle;
    u32[(s + ASYNCIFY_DATA_CURRENT) >>> 2] = s + ASYNCIFY_DATA_HEADER; // a valid position, so that stopping the unwind does not trap
    this.ex.asyncify_stop_unwind();
    u32[(old + k_thread.arch_doa) >>> 2] = fatalReasons.K_ERR_STACK_CHK_FAIL + 1;
    // used 0: asyncify trapped when the frames passed the end of the scratch, so they needed
    // more than the scratch holds. The smaller of the two areas is the one that ran out.
    const stackSize = u32[(old + k_thread.stack_size) >>> 2]!;
    const needs = used > 0 ? { needed: used } : { neededMoreThan: this.scratchSize };
    this.setFault(
      stackSize > this.scratchSize && (used === 0 || used > this.scratchSize)
        ? { kind: "stack", cause: "scratch", stackSize, scratchSize: this.scratchSize, ...needs }
        : { kind: "stack", cause: "save_area", stackSize, ...needs },
    );
    this.publish();
    this.ex.z_thread_doa(old);
    return this.switchTo;
  }

  /** Stores the switched-out thread's handle: its context is now fully saved. */
  private publish(): void {
    const p = this.switchOldPtr >>> 2;
    Atomics.store(this.i32, p, this.switchOldPtr - k_thread.switch_handle);
    Atomics.notify(this.i32, p);
  }

  private onTrap(e: unknown): number {
    if (e instanceof HaltSignal) throw e;
    const ex = this.ex;
    const u32 = this.u32;
    const text = e instanceof Error ? e.message : String(e);
    const state = ex.asyncify_get_state();
    // An unwind that outgrew even the scratch area ran off the end of memory.
    if (state === ASYNCIFY_UNWINDING) return this.overflow(0);
    if (state === ASYNCIFY_REWINDING) ex.asyncify_stop_rewind();
    const cur = u32[(this.cpuBase + _cpu.current) >>> 2]!;
    const frames = wasmFrames(e);
    const access = this.faultGlobals.wasmp_fault_access;
    let reason: number;
    if (access && access.value !== 0) {
      // The NULL-page check trapped (src/image/null_page.ts): it set both globals first.
      const a = access.value >>> 0;
      access.value = 0;
      this.setFault({
        kind: "null",
        address: (this.faultGlobals.wasmp_fault_addr?.value ?? 0) >>> 0,
        access: null_fault_access_store(a) ? "store" : "load",
        bytes: null_fault_access_bytes(a),
        function: frames[0] ?? "?",
      });
      this.lastTrap += frameList(frames);
      reason = fatalReasons.K_ERR_CPU_EXCEPTION;
    } else if (e instanceof RangeError && e.message.includes(CALL_STACK_EXHAUSTED)) {
      this.setFault({
        kind: "stack",
        cause: "call_stack",
        stackSize: cur ? u32[(cur + k_thread.stack_size) >>> 2]! : 0,
        ...(frames[0] ? { function: frames[0] } : {}),
      });
      this.lastTrap += frameList(frames);
      reason = fatalReasons.K_ERR_STACK_CHK_FAIL;
    } else {
      this.lastTrap = e instanceof GuestAbort ? `abort: ${text}` : `trap: ${text}${frameList(frames)}`;
      reason = e instanceof GuestAbort ? fatalReasons.K_ERR_KERNEL_OOPS : fatalReasons.K_ERR_CPU_EXCEPTION;
    }
    return this.enter(cur, () => ex.z_thread_fault_entry(cur, reason));
  }

  /** Records a fault's facts for the next fatal report, and its description as the trap text. */
  private setFault(f: FaultFacts): void {
    this.lastFault = f;
    this.lastTrap = describeFault(f);
  }
}

/**
 * A fault in words, for the fatal report (the one place that words them). Zephyr's MPU fault
 * log says "Data Access Violation" and the faulting address (MMFAR); a stack-check failure
 * says "Stack overflow" (kernel/fatal.c).
 */
export function describeFault(f: FaultFacts): string {
  if (f.kind === "null") {
    return (
      `MPU FAULT: data access violation at 0x${f.address.toString(16).padStart(8, "0")}, ` +
      `a ${f.bytes}-byte ${f.access} in the NULL page [0, 0x${NULL_PAGE_SIZE.toString(16)}), in ${f.function}`
    );
  }
  const needed =
    f.needed !== undefined
      ? ` (needed ${f.needed})`
      : f.neededMoreThan !== undefined
        ? ` (needed more than ${f.neededMoreThan})`
        : "";
  if (f.cause === "save_area") {
    return `stack overflow: the thread's save area of ${f.stackSize} bytes overflowed while switching out${needed}`;
  }
  if (f.cause === "scratch") {
    return (
      `stack overflow: the thread's frames outgrew this CPU's unwind scratch area of ${f.scratchSize} bytes ` +
      `(SCRATCH_SIZE, the most a thread can have live at a switch) while switching out${needed}; ` +
      `its save area is ${f.stackSize} bytes`
    );
  }
  return (
    `stack overflow: the host's call stack ran out (${CALL_STACK_EXHAUSTED})` +
    `${f.function ? ` in ${f.function}` : ""}, likely an unbounded recursion; ` +
    `the thread's save area is ${f.stackSize} bytes; how much it needed is not known`
  );
}

/**
 * The guest functions on a trap's stack, innermost first, without the NULL-page check's
 * helpers: optimized, the check is inlined; unoptimized (optimize 0) it is a call to a helper
 * that Binaryen made, which has no name in the image (V8 shows it as `wasm://…`), unlike
 * every function asc compiled.
 */
function wasmFrames(e: unknown): string[] {
  if (!(e instanceof Error) || !e.stack) return [];
  return e.stack
    .split("\n")
    .filter((l) => l.includes("wasm-function") || l.includes("wasm://"))
    .map((l) =>
      l
        .trim()
        .replace(/^at /, "")
        .replace(/ \(wasm:\/\/.*\)$/, ""),
    )
    .filter((name) => !isNullPageHelper(name) && !name.startsWith(UNNAMED_FRAME));
}

function frameList(frames: readonly string[]): string {
  const shown = frames.slice(0, TRAP_FRAMES);
  return shown.length ? `\n    in ${shown.join("\n    in ")}` : "";
}

/** Wasm frames a site is looked for in: the kernel's and the runtime's come first (a dozen at most). */
const SITE_STACK_FRAMES = 64;

/**
 * Where the guest raised a fatal error, from the Wasm stack of the `fatal` import call: the
 * innermost function that is the application's (kernel and standard-library functions are
 * `~lib/...`), and the library function it called, "app/fill (in ~lib/array/Array<i32>#push)".
 * Empty when no application function is on the stack (a trap is reported on a fresh stack).
 * Called from the import, whose Wasm callers are still on the stack.
 */
function guestSite(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = SITE_STACK_FRAMES;
  const frames = wasmFrames(new Error("site"));
  Error.stackTraceLimit = limit;
  const i = frames.findIndex((f) => !f.startsWith("~lib/"));
  if (i < 0) return "";
  return i > 0 ? `${frames[i]} (in ${frames[i - 1]})` : frames[i]!;
}
