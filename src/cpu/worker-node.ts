// Worker entry for one virtual CPU under Node.

import { parentPort, workerData } from "node:worker_threads";
import { CpuCore } from "./core.js";
import type { CpuWorkerData, ToCpuMessage } from "./messages.js";

const data = workerData as CpuWorkerData;
const port = parentPort!;
const core = new CpuCore(data, port);
try {
  core.instantiate();
  port.postMessage({ type: "ready", cpu: data.cpu });
} catch (e) {
  port.postMessage({ type: "crash", cpu: data.cpu, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
port.on("message", (msg: ToCpuMessage) => {
  if (msg.type === "run") core.run();
});
