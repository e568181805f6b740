// Builds and instantiates the Wasm hot-path harness (test/apps/bench_hotpath.ts): the kernel's
// real spinlock and run-queue code compiled on its own, so that it can be driven from JS
// without booting a machine. Two builds: CAS spinlocks and ticket spinlocks.
//
// Compiled by the image builder's asc path (src/image/asc.ts: compileAsc, the same in-memory
// file host and content-addressed cache as buildImage), but not as an image: no entry file, no
// asyncify, no runtime redirection: --importMemory --sharedMemory --enable threads --runtime
// stub, -O3. Nothing the harness calls can reach arch_switch, so asyncify would not have
// instrumented it anyway. Outputs are cached under node_modules/.cache/wasmp-bench.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileAsc } from "../../src/image/asc.js";

import { HARNESS_MAX_PAGES } from "./harness-rt.js";
export { HARNESS_MAX_PAGES, harnessImports, instantiateHarness, type HotpathExports } from "./harness-rt.js";

export type LockMode = "cas" | "ticket";
/** The run-queue backend (choice SCHED_ALGORITHM) a harness build uses. */
export type RunqBackend = "simple" | "scalable" | "multiq";
export const RUNQ_BACKENDS: RunqBackend[] = ["simple", "scalable", "multiq"];
/** Build options beyond the lock mode: the run-queue backend and CONFIG_SCHED_CPU_MASK_PIN_ONLY. */
export interface HarnessVariant {
  backend?: RunqBackend;
  pinOnly?: boolean;
}

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "assembly", "kernel", "sched.ts")) && existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("cannot find the wasmp repository root from " + fileURLToPath(import.meta.url));
}

const HARNESS_SRC = "test/apps/bench_hotpath.ts";

/** The asc command line (relative to the repository root) for one build. */
export function harnessArgs(mode: LockMode, v: HarnessVariant = {}): string[] {
  return [
    HARNESS_SRC,
    "--runtime",
    "stub",
    "--importMemory",
    "--sharedMemory",
    "--maximumMemory",
    String(HARNESS_MAX_PAGES),
    "--enable",
    "threads",
    "-O3",
    "--noAssert",
    "--use",
    "KCONFIG_SMP=1",
    "--use",
    "KCONFIG_SCHED_IPI_SUPPORTED=1",
    ...(mode === "ticket" ? ["--use", "KCONFIG_TICKET_SPINLOCKS=1"] : []),
    ...(v.backend === "scalable"
      ? ["--use", "KCONFIG_SCHED_SCALABLE=1"]
      : v.backend === "multiq"
        ? ["--use", "KCONFIG_SCHED_MULTIQ=1"]
        : []),
    ...(v.pinOnly ? ["--use", "KCONFIG_SCHED_CPU_MASK_PIN_ONLY=1"] : []),
    "--outFile",
    "hotpath.wasm",
  ];
}

const memo = new Map<string, Promise<Uint8Array>>();

/** Compiles (or loads from the cache) the harness for `mode` (and a run-queue variant, default SIMPLE). */
export function buildHarness(mode: LockMode, v: HarnessVariant = {}): Promise<Uint8Array> {
  const id = `${mode}/${v.backend ?? "simple"}${v.pinOnly ? "/pin" : ""}`;
  let p = memo.get(id);
  if (!p) {
    p = compile(mode, v);
    memo.set(id, p);
  }
  return p;
}

async function compile(mode: LockMode, v: HarnessVariant): Promise<Uint8Array> {
  const root = repoRoot();
  const out = await compileAsc(harnessArgs(mode, v), {
    root,
    cacheDir: join(root, "node_modules", ".cache", "wasmp-bench"),
  });
  return out.wasm;
}
