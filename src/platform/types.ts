// The seam between hosts. Everything that differs between Node and a browser is behind this
// interface; the CPU loop (src/cpu/core.ts) and the clock (src/machine/clock.ts) use only
// what is passed to them, so a single-threaded deterministic engine can reuse them later.

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

export interface Platform {
  /** Starts the worker script `url` (an ES module) with `data` as its first message. */
  spawnWorker(url: URL, data: unknown, transfer?: unknown[]): WorkerHandle;
  /** Host cores available to run virtual CPUs. */
  hardwareConcurrency(): number;
}

/** Milliseconds since the Unix epoch with sub-microsecond resolution, same in every worker. */
export function absoluteNowMs(): number {
  return performance.timeOrigin + performance.now();
}
