// A machine: one shared memory, one worker per virtual CPU, the system timer, the console.
//
// Boot sequence (ARCHITECTURE.md): compile the image; probe it once on this thread for the
// kernel's address and layout version; lay out the kernel region; start every CPU worker,
// which instantiates the image (rewriting static data — hence all of them before any code
// runs) and runs its start function; then tell every worker to run: CPU 0 enters z_cstart,
// the others wait on their boot mailbox for arch_cpu_start.

// The machine is platform-neutral: workers, default output sinks and the host's core count
// come from the Platform (src/platform/types.ts); it imports nothing from Node.

import {
  LAYOUT_VERSION,
  z_kernel,
  fatalReasonName,
  fatalReasons,
  importObject,
  type ImageExports,
} from "../generated/contract.js";
import { configError, VmError } from "../errors.js";
import { buildMismatches, type Kconfig } from "../board/kconfig.js";
import { readBuildRecord } from "../image/record.js";
import { describeBoard, sameBoard, type Board } from "../board/board.js";
import type { Platform, WorkerHandle } from "../platform/types.js";
import { absoluteNowMs } from "../platform/types.js";
import type { CpuWorkerData, FatalReport, FromCpuMessage } from "../cpu/messages.js";
import { kernelParams, layoutKernel } from "./layout.js";
import type { ClockInit } from "./clock.js";
import { ConsoleDrain } from "./console.js";
import { formatDump, lockName, objectNames } from "./dump.js";
import { EXIT_CRASH, EXIT_HALT, EXIT_TIMEOUT, exitCodeOf } from "./exit-codes.js";

/** How long a run that ended waits for a fatal report still in flight (see Machine.end). */
const END_HOLE_WAIT_MS = 1000;
/** ...and for records numbered after the last one that came (a report, or a CPU still printing). */
const END_TAIL_WAIT_MS = 50;
const END_HOLE_POLL_MS = 2;

export interface MachineOptions {
  /** The image: a compiled module or its bytes. */
  image: Uint8Array | WebAssembly.Module;
  /** The board (createBoard): one worker per CPU, its memory size. */
  board: Board;
  /** Kconfig resolved for `board` (resolveKconfig); only its run-time values are used here. */
  config: Kconfig;
  /** Console lines; default: the platform's writeOut. */
  onLine?: (cpu: number, line: string) => void;
  /**
   * Fatal error reports, in console order: called between the onLine calls of the console
   * output the guest wrote before the error and after it. Default: each line of the report
   * (Zephyr's format, formatFatal) to onLine, the same stream as the console.
   */
  onFatal?: (report: FatalReport, text: string) => void;
  /** Default: the Node platform (src/platform/node.ts), loaded on first use. */
  platform?: Platform;
}

export type RunStatus = "exit" | "halt" | "timeout" | "crash";

export interface RunResult {
  status: RunStatus;
  /** main()'s return value when status is "exit". */
  mainReturn: number | null;
  /** The process exit code `wasmp run` uses (docs/cli.md). */
  exitCode: number;
  fatal: FatalReport[];
  /** The machine dump, for a timeout or a crash. */
  dump: string;
  /** What went wrong, for a halt, timeout or crash. */
  message: string;
}

/** What Zephyr's fatal-error log calls each reason (kernel/fatal.c, reason_to_str). */
const REASON_TEXT: Record<number, string> = {
  [fatalReasons.K_ERR_CPU_EXCEPTION]: "CPU exception",
  [fatalReasons.K_ERR_SPURIOUS_IRQ]: "Unhandled interrupt",
  [fatalReasons.K_ERR_STACK_CHK_FAIL]: "Stack overflow",
  [fatalReasons.K_ERR_KERNEL_OOPS]: "Kernel oops",
  [fatalReasons.K_ERR_KERNEL_PANIC]: "Kernel panic",
};

/**
 * Zephyr's fatal-error log, for a report: the reason once, in the first line (Zephyr's words),
 * then the thread, then the facts (the kernel's detail, the spinlock, what the host saw).
 */
export function formatFatal(r: FatalReport, kernelBase: number, names?: ReadonlyMap<number, string>): string {
  const reason = REASON_TEXT[r.reason] ?? "Unknown error";
  const lines = [`>>> ZEPHYR FATAL ERROR ${r.reason}: ${reason} on CPU ${r.cpu}`];
  lines.push(`Current thread: #${r.threadId} '${r.threadName}' (0x${r.thread.toString(16)})`);
  if (r.message) lines.push(r.message);
  if (r.lock) lines.push(`spinlock: ${lockName(kernelBase, r.lock, names)}`);
  if (r.site) lines.push(`site: ${r.site}`);
  if (r.trap) lines.push(r.trap);
  return lines.join("\n");
}

async function defaultPlatform(): Promise<Platform> {
  return (await import("../platform/node.js")).nodePlatform;
}

/** WebAssembly memory is sized in pages of 64 KiB. */
const WASM_PAGE_BYTES = 65536;
const PAGES_PER_MIB = (1 << 20) / WASM_PAGE_BYTES;
/** How long the console drain sleeps between printk notifications at the most. */
const DRAIN_WAIT_MS = 200;

export class Machine {
  readonly memory: WebAssembly.Memory;
  readonly kernelBase: number;
  private readonly workers: WorkerHandle[] = [];
  private clock: WorkerHandle | null = null;
  private readonly console: ConsoleDrain;
  private readonly fatal: FatalReport[] = [];
  private finish: ((r: RunResult) => void) | null = null;
  private done: RunResult | null = null;
  /** Set while end() waits for a fatal report that a console hole says is still in flight. */
  private ending: ReturnType<typeof setInterval> | null = null;
  /** absoluteNowMs() when the CPUs' clock started (null before startWorkers). */
  private epochMs: number | null = null;
  private disposed = false;
  private readonly onLine: (cpu: number, line: string) => void;
  private readonly onFatal: (report: FatalReport, text: string) => void;

  private constructor(
    opts: MachineOptions,
    private readonly module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    kernelBase: number,
    private readonly platform: Platform,
    private readonly numCpus: number,
  ) {
    this.memory = memory;
    this.kernelBase = kernelBase;
    this.onLine = opts.onLine ?? ((_c: number, l: string) => platform.writeOut(l));
    this.onFatal =
      opts.onFatal ??
      ((r: FatalReport, text: string) => {
        for (const l of text.split("\n")) this.onLine(r.cpu, l);
      });
    this.console = new ConsoleDrain(memory, kernelBase, opts.board.cpus, this.onLine);
  }

  /**
   * Lays out memory and starts every CPU worker; resolves once all have instantiated.
   * `config` must have been resolved for `board`.
   */
  static async create(opts: MachineOptions): Promise<Machine> {
    if (typeof SharedArrayBuffer === "undefined") {
      throw new VmError(
        "E_NO_SHARED_MEMORY",
        "SharedArrayBuffer is not available (a browser page needs cross-origin isolation)",
      );
    }
    const { board, config: cfg } = opts;
    if (!sameBoard(cfg.board, board)) {
      throw new VmError(
        "E_CONFIG",
        `the configuration was resolved for board ${describeBoard(cfg.board)}, not for this machine's ` +
          `board ${describeBoard(board)}: resolve it with resolveKconfig(settings, board)`,
      );
    }
    const platform = opts.platform ?? (await defaultPlatform());
    let module: WebAssembly.Module;
    try {
      module =
        opts.image instanceof WebAssembly.Module ? opts.image : await WebAssembly.compile(opts.image as BufferSource);
    } catch (e) {
      throw new VmError("E_IMAGE", `not a wasmp image: ${(e as Error).message}`, { cause: e });
    }
    // The image's build-time options are compiled in: the configuration must have the same.
    const defines = readBuildRecord(module);
    if (defines === null) {
      throw new VmError(
        "E_IMAGE",
        "the image does not record the build-time options it was built with (an image from an older wasmp?): rebuild it",
      );
    }
    const mismatches = buildMismatches(cfg, defines);
    if (mismatches.length > 0) {
      const show = (v: boolean | number | string): string => (typeof v === "boolean" ? (v ? "y" : "n") : String(v));
      throw configError(
        mismatches.map(
          (m) =>
            `the configuration has CONFIG_${m.name}=${show(m.config)} but the image was built with CONFIG_${m.name}=${show(m.image)}: ` +
            "a build-time option must be the image's; rebuild the image with this configuration (buildImage with buildDefines(config))",
        ),
      );
    }
    const pages = board.memoryMiB * PAGES_PER_MIB;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    // Probe: one instance on this thread, to ask the image where the kernel region starts.
    let probe: WebAssembly.Instance;
    try {
      probe = new WebAssembly.Instance(
        module,
        importObject(memory, {}, () => () => {
          throw new Error("probe instance must not run");
        }),
      );
    } catch (e) {
      throw new VmError("E_IMAGE", `not a wasmp image: ${(e as Error).message}`, { cause: e });
    }
    const pex = probe.exports as Partial<ImageExports>;
    for (const name of ["z_kernel_base", "z_layout_version"] as const) {
      if (typeof pex[name] !== "function") throw new VmError("E_IMAGE", `not a wasmp image: no ${name} export`);
    }
    const version = pex.z_layout_version!();
    if (version !== LAYOUT_VERSION) {
      throw new VmError(
        "E_IMAGE",
        `image has layout version ${version}, this host ${LAYOUT_VERSION}: rebuild the image`,
      );
    }
    const kernelBase = pex.z_kernel_base!();
    const params = kernelParams(cfg, platform.hardwareConcurrency());
    layoutKernel(memory, kernelBase, params);
    const m = new Machine(opts, module, memory, kernelBase, platform, params.numCpus);
    await m.startWorkers();
    return m;
  }

  /** Host ns since the machine started: the clock of _cpu.timer_deadline. */
  private nowNs(): number | undefined {
    return this.epochMs === null ? undefined : (absoluteNowMs() - this.epochMs) * 1e6;
  }

  private async startWorkers(): Promise<void> {
    const epochMs = absoluteNowMs();
    this.epochMs = epochMs;
    const url = this.platform.workerUrl("cpu-worker");
    const ready: Promise<void>[] = [];
    // Only the CPUs the kernel can use get a worker. The others are off (CONFIG_SMP=n, or
    // CONFIG_MP_MAX_NUM_CPUS below the board's count). Their start functions would allocate
    // on the shared heap at the same moment as CPU 0. Without CONFIG_SMP, k_spin_lock takes no
    // lock word, so that was a real race (CI: a spinlock-validation halt in z_heap_alloc).
    for (let c = 0; c < this.numCpus; c++) {
      const data: CpuWorkerData = {
        cpu: c,
        module: this.module,
        memory: this.memory,
        kernelBase: this.kernelBase,
        epochMs,
      };
      const w = this.platform.spawnWorker(url, data);
      this.workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          w.onMessage((raw) => {
            const msg = raw as FromCpuMessage;
            if (msg.type === "ready") resolve();
            else if (msg.type === "crash" && !this.finish)
              reject(new VmError("E_CPU_CRASHED", `CPU ${c} failed to start: ${msg.message}`, { cpu: c }));
            this.onMessage(msg);
          });
          w.onError((err) => {
            reject(err);
            this.onMessage({ type: "crash", cpu: c, message: err.stack ?? err.message });
          });
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await this.dispose();
      throw e;
    }
    const clock: ClockInit = { memory: this.memory, kernelBase: this.kernelBase, cpus: this.numCpus, epochMs };
    this.clock = this.platform.spawnWorker(this.platform.workerUrl("clock-worker"), clock);
  }

  private onMessage(msg: FromCpuMessage): void {
    switch (msg.type) {
      case "ready":
        return;
      case "log":
        this.console.drain();
        this.onLine(msg.cpu, msg.text);
        return;
      case "fatal": {
        const report = msg.report;
        this.fatal.push(report);
        // In its place in the console stream (ConsoleDrain: inserted records).
        this.console.insert(report.seq, report.cpu, () =>
          this.onFatal(report, formatFatal(report, this.kernelBase, objectNames(this.memory, this.kernelBase))),
        );
        this.console.drain();
        return;
      }
      case "exit":
        this.end({ status: "exit", mainReturn: msg.code, exitCode: exitCodeOf(msg.code), message: "" });
        return;
      case "halt": {
        const name = fatalReasonName(msg.reason);
        this.end({
          status: "halt",
          mainReturn: null,
          exitCode: EXIT_HALT,
          message: `system halted by CPU ${msg.cpu} (${name})`,
        });
        return;
      }
      case "crash":
        this.end({
          status: "crash",
          mainReturn: null,
          exitCode: EXIT_CRASH,
          message: `CPU ${msg.cpu} crashed: ${msg.message}`,
          dump: formatDump(this.memory, this.kernelBase, this.nowNs()),
        });
        return;
    }
  }

  private end(r: Omit<RunResult, "fatal" | "dump"> & { dump?: string }): void {
    if (this.done || this.ending) return;
    // A fatal report's text comes as a message from its CPU's worker, and messages from two
    // workers can arrive in either order: main's exit can come before the report of a thread
    // that died before main printed its last lines. Its record number is then a hole in the
    // console stream; wait (boundedly) for it before the final flush, so that the report is in
    // its place and in RunResult.fatal. A timeout or a crash ends at once.
    // A record numbered after everything here ("tail") may also be a report in flight, or a
    // CPU that goes on printing: that is waited for only briefly.
    this.console.drain();
    if ((r.status === "exit" || r.status === "halt") && this.console.waiting()) {
      const t0 = performance.now();
      this.ending = setInterval(() => {
        this.console.drain();
        const w = this.console.waiting();
        const waited = performance.now() - t0;
        if (w === null || waited >= END_HOLE_WAIT_MS || (w === "tail" && waited >= END_TAIL_WAIT_MS)) this.endNow(r);
      }, END_HOLE_POLL_MS);
      return;
    }
    this.endNow(r);
  }

  private endNow(r: Omit<RunResult, "fatal" | "dump"> & { dump?: string }): void {
    if (this.done) return;
    if (this.ending) clearInterval(this.ending);
    this.ending = null;
    this.console.drain(true);
    this.done = { dump: "", ...r, fatal: this.fatal };
    this.finish?.(this.done);
  }

  /** Boots the machine and resolves when main() returns, the kernel halts, or `timeoutMs` passes. */
  run(opts: { timeoutMs?: number } = {}): Promise<RunResult> {
    const result = new Promise<RunResult>((resolve) => {
      this.finish = resolve;
    });
    if (this.done) this.finish!(this.done);
    // The console drain sleeps in Atomics.waitAsync on the printk sequence word, which every
    // printk notifies, instead of polling: fewer host wake-ups competing with the CPU workers.
    let draining = true;
    void this.drainLoop(() => draining);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        this.end({
          status: "timeout",
          mainReturn: null,
          exitCode: EXIT_TIMEOUT,
          message: `timed out after ${opts.timeoutMs} ms`,
          dump: formatDump(this.memory, this.kernelBase, this.nowNs()),
        });
      }, opts.timeoutMs);
    }
    for (const w of this.workers) w.postMessage({ type: "run" });
    return result.then(async (r) => {
      draining = false;
      if (timer) clearTimeout(timer);
      await this.dispose();
      return r;
    });
  }

  private async drainLoop(active: () => boolean): Promise<void> {
    const i32 = new Int32Array(this.memory.buffer);
    const seq = (this.kernelBase + z_kernel.console_seq) >>> 2;
    while (active() && !this.done) {
      const seen = Atomics.load(i32, seq);
      this.console.drain();
      const w = Atomics.waitAsync(i32, seq, seen, DRAIN_WAIT_MS);
      if (w.async) await w.value;
    }
  }

  /** The current state of every CPU and thread, as text. */
  dumpState(): string {
    return formatDump(this.memory, this.kernelBase, this.nowNs());
  }

  /** Number of CPUs that take part in scheduling. */
  get activeCpus(): number {
    return this.numCpus;
  }

  /** Number of CPU workers (host threads) this machine runs: one per active CPU. */
  get workerCount(): number {
    return this.workers.length;
  }

  /** Kernel word helpers for tests and tools. */
  readKernelU32(field: keyof typeof z_kernel): number {
    return new Uint32Array(this.memory.buffer)[(this.kernelBase + (z_kernel[field] as number)) >>> 2]!;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all([...this.workers, ...(this.clock ? [this.clock] : [])].map((w) => w.terminate()));
  }
}
