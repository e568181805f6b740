// Worker entry for the system timer device under Node.
import { workerData } from "node:worker_threads";
import { runClock, type ClockInit } from "./clock.js";

runClock(workerData as ClockInit, () => false);
