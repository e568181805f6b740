// The seam between hosts. Everything that differs between Node and a browser is behind this
// interface: Machine (src/machine/machine.ts) reaches workers, output and the host's core count
// only through a Platform, and the CPU loop (src/cpu/core.ts) and the clock
// (src/machine/clock.ts) use only what is passed to them, so that a single-threaded
// deterministic engine can reuse them later. src/platform/node.ts is Node's side.
//
// A browser host will have to provide:
//   - spawnWorker: module Workers (`new Worker(url, { type: "module" })`) on a cross-origin
//     isolated page (COOP same-origin, COEP require-corp), posting `data` as the first message
//     (the worker entries read Node's workerData today; a browser entry reads that message);
//   - workerUrl: where its bundles of the CPU and clock worker entries are served;
//   - hardwareConcurrency: navigator.hardwareConcurrency;
//   - writeOut / writeErr: the page's console or a terminal element.
// Building images (src/image/), reading prj.conf files and the command line stay Node-only.

/** A worker's end of its channel to the machine. */
export interface WorkerPort {
  postMessage(msg: unknown): void;
}

export interface WorkerHandle {
  postMessage(msg: unknown): void;
  onMessage(fn: (msg: unknown) => void): void;
  onError(fn: (err: Error) => void): void;
  terminate(): Promise<void>;
}

/** The worker entries a machine starts. */
export type WorkerEntry = "cpu-worker" | "clock-worker";

export interface Platform {
  /** Starts the worker script `url` (an ES module) with `data` as its first message. */
  spawnWorker(url: URL, data: unknown, transfer?: unknown[]): WorkerHandle;
  /** The URL of a built worker entry; throws a VmError if it is missing. */
  workerUrl(entry: WorkerEntry): URL;
  /** Host cores available to run virtual CPUs. */
  hardwareConcurrency(): number;
  /** The default console sink: one line of guest output (no newline). */
  writeOut(line: string): void;
  /** The default sink of fatal-error reports and diagnostics: text without a final newline. */
  writeErr(text: string): void;
}

/** Milliseconds since the Unix epoch with sub-microsecond resolution, same in every worker. */
export function absoluteNowMs(): number {
  return performance.timeOrigin + performance.now();
}
