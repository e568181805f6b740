// A pool of benchmark workers (benchmarks/workers/bench-worker.ts) on one shared memory, and a
// barrier so that a timed command starts on every participating worker at once.
//
// The worker entry is bundled with esbuild at run time into CommonJS and started with
// `eval: true`: the same code path under vitest (which does not transform workers) and under
// the bundled bench runner.

import { Worker, type TransferListItem } from "node:worker_threads";
import { join } from "node:path";
import { repoRoot } from "./harness.js";
import type { WorkerCommand, WorkerData, WorkerReply } from "./pool-types.js";

let source: Promise<string> | null = null;

export function workerSource(): Promise<string> {
  source ??= (async () => {
    const esbuild = await import("esbuild");
    const r = await esbuild.build({
      entryPoints: [join(repoRoot(), "benchmarks", "workers", "bench-worker.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    return r.outputFiles[0]!.text;
  })();
  return source;
}

export interface Timed {
  start: number;
  end: number;
  ops?: number;
}

export class Pool {
  private gen = 0;
  private constructor(
    readonly workers: Worker[],
    private readonly i32: Int32Array,
    private readonly ctrl: number,
  ) {}

  /** Starts `count` workers (CPUs 0..count-1) and waits until each has instantiated. */
  static async create(count: number, base: Omit<WorkerData, "cpu">): Promise<Pool> {
    const src = await workerSource();
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let cpu = 0; cpu < count; cpu++) {
      const w = new Worker(src, { eval: true, workerData: { ...base, cpu } satisfies WorkerData });
      workers.push(w);
      ready.push(once(w).then(() => undefined));
    }
    await Promise.all(ready);
    const i32 = new Int32Array(base.memory.buffer);
    i32[base.ctrl >> 2] = 0;
    i32[(base.ctrl + 4) >> 2] = 0;
    return new Pool(workers, i32, base.ctrl);
  }

  /**
   * Sends cmds[i] to worker i (fewer commands: the first workers only), opens the barrier once
   * all of them have arrived, and resolves with their replies. Blocks this thread while
   * waiting for arrivals (workers do not need this thread's event loop to receive messages).
   */
  async run(cmds: ((gen: number) => WorkerCommand)[], transfer: TransferListItem[][] = []): Promise<Timed[]> {
    const gen = ++this.gen;
    const arrived = this.ctrl >> 2,
      go = (this.ctrl + 4) >> 2;
    Atomics.store(this.i32, arrived, 0);
    Atomics.store(this.i32, (this.ctrl + 8) >> 2, 0); // stop word of time-bounded commands
    const replies = cmds.map((mk, i) => {
      const w = this.workers[i]!;
      const p = once(w);
      w.postMessage(mk(gen), transfer[i] ?? []);
      return p;
    });
    const deadline = Date.now() + 60_000;
    for (let a = Atomics.load(this.i32, arrived); a < cmds.length; a = Atomics.load(this.i32, arrived)) {
      if (Date.now() > deadline) throw new Error(`barrier: only ${a} of ${cmds.length} workers arrived`);
      Atomics.wait(this.i32, arrived, a, 100);
    }
    Atomics.store(this.i32, go, gen);
    Atomics.notify(this.i32, go);
    return Promise.all(replies);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function once(w: Worker): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onMsg = (r: WorkerReply): void => {
      cleanup();
      if (r.error) reject(new Error(r.error));
      else resolve(r);
    };
    const onErr = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const cleanup = (): void => {
      w.off("message", onMsg);
      w.off("error", onErr);
    };
    w.on("message", onMsg);
    w.on("error", onErr);
  });
}

/** Wall time of a barrier-started run: first start to last end, in ms. */
export function span(r: Timed[]): number {
  return Math.max(...r.map((x) => x.end)) - Math.min(...r.map((x) => x.start));
}
