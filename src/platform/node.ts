// Node's side of the platform seam (src/platform/types.ts): worker_threads, the built worker
// entries in dist/, process.stdout and process.stderr; and readPrjConf, the file read that
// the pure parser in src/board/kconfig.ts leaves to the Node side.

import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { VmError } from "../errors.js";
import { parsePrjConf, type ConfigSetting } from "../board/kconfig.js";
import { packageRoot } from "../image/image.js";
import type { Platform, WorkerEntry, WorkerHandle } from "./types.js";

export const nodePlatform: Platform = {
  spawnWorker(url: URL, data: unknown): WorkerHandle {
    const w = new Worker(url, { workerData: data });
    w.unref();
    return {
      postMessage: (msg) => w.postMessage(msg),
      onMessage: (fn) => {
        w.on("message", fn);
      },
      onError: (fn) => {
        w.on("error", fn);
      },
      terminate: async () => {
        await w.terminate();
      },
    };
  },
  workerUrl(entry: WorkerEntry): URL {
    const file = join(packageRoot(), "dist", `${entry}.js`);
    if (!existsSync(file)) throw new VmError("E_CPU_CRASHED", `${file} is missing: run 'npm run build'`);
    return pathToFileURL(file);
  },
  hardwareConcurrency: () => availableParallelism(),
  writeOut: (line) => {
    process.stdout.write(line + "\n");
  },
  writeErr: (text) => {
    process.stderr.write(text + "\n");
  },
};

/** Reads and parses a prj.conf file; errors name the file (and line). */
export function readPrjConf(path: string): ConfigSetting[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new VmError("E_CONFIG", `${path}: cannot read the configuration file`, { cause: e });
  }
  return parsePrjConf(text, path);
}
