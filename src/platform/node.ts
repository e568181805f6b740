// Node's side of the platform seam: worker_threads.

import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Platform, WorkerHandle } from "./types.js";

export const nodePlatform: Platform = {
  spawnWorker(url: URL, data: unknown): WorkerHandle {
    const w = new Worker(url, { workerData: data });
    w.unref();
    return {
      postMessage: (msg) => w.postMessage(msg),
      onMessage: (fn) => { w.on("message", fn); },
      onError: (fn) => { w.on("error", fn); },
      terminate: async () => { await w.terminate(); },
    };
  },
  hardwareConcurrency: () => availableParallelism(),
};
