// Builds and instantiates the Wasm hot-path harness (test/apps/bench_hotpath.ts): the kernel's
// real spinlock and run-queue code compiled on its own, so that it can be driven from JS
// without booting a machine. Two builds: CAS spinlocks and ticket spinlocks.
//
// Compiled with asc directly (not buildImage: no entry file, no asyncify, no runtime
// redirection): --importMemory --sharedMemory --enable threads --runtime stub, -O3. Nothing
// the harness calls can reach arch_switch, so asyncify would not have instrumented it anyway.
// Outputs are cached under node_modules/.cache/wasmp-bench by the hash of every source read.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { HARNESS_MAX_PAGES } from "./harness-rt.js";
export { HARNESS_MAX_PAGES, harnessImports, instantiateHarness, type HotpathExports } from "./harness-rt.js";

export type LockMode = "cas" | "ticket";
/** The run-queue backend (choice SCHED_ALGORITHM) a harness build uses. */
export type RunqBackend = "simple" | "scalable" | "multiq";
export const RUNQ_BACKENDS: RunqBackend[] = ["simple", "scalable", "multiq"];
/** Build options beyond the lock mode: the run-queue backend and CONFIG_SCHED_CPU_MASK_PIN_ONLY. */
export interface HarnessVariant { backend?: RunqBackend; pinOnly?: boolean }

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
    "--runtime", "stub",
    "--importMemory", "--sharedMemory", "--maximumMemory", String(HARNESS_MAX_PAGES),
    "--enable", "threads",
    "-O3", "--noAssert",
    "--use", "KCONFIG_SMP=1",
    "--use", "KCONFIG_SCHED_IPI_SUPPORTED=1",
    ...(mode === "ticket" ? ["--use", "KCONFIG_TICKET_SPINLOCKS=1"] : []),
    ...(v.backend === "scalable" ? ["--use", "KCONFIG_SCHED_SCALABLE=1"] : v.backend === "multiq" ? ["--use", "KCONFIG_SCHED_MULTIQ=1"] : []),
    ...(v.pinOnly ? ["--use", "KCONFIG_SCHED_CPU_MASK_PIN_ONLY=1"] : []),
    "--outFile", "hotpath.wasm",
  ];
}

const memo = new Map<string, Promise<Uint8Array>>();

/** Compiles (or loads from the cache) the harness for `mode` (and a run-queue variant, default SIMPLE). */
export function buildHarness(mode: LockMode, v: HarnessVariant = {}): Promise<Uint8Array> {
  const id = `${mode}/${v.backend ?? "simple"}${v.pinOnly ? "/pin" : ""}`;
  let p = memo.get(id);
  if (!p) { p = compile(mode, v); memo.set(id, p); }
  return p;
}

async function compile(mode: LockMode, v: HarnessVariant): Promise<Uint8Array> {
  const root = repoRoot();
  const args = harnessArgs(mode, v);
  const cacheDir = join(root, "node_modules", ".cache", "wasmp-bench");
  const key = createHash("sha256").update(JSON.stringify(args)).digest("hex").slice(0, 20);
  const manifestPath = join(cacheDir, `hotpath-${mode}-${key}.json`);
  const wasmPath = join(cacheDir, `hotpath-${mode}-${key}.wasm`);
  const sha = (s: string): string => createHash("sha256").update(s).digest("hex");
  try {
    const files = JSON.parse(readFileSync(manifestPath, "utf8")) as [string, string][];
    if (files.every(([f, h]) => existsSync(f) && sha(readFileSync(f, "utf8")) === h)) {
      return new Uint8Array(readFileSync(wasmPath));
    }
  } catch { /* no usable cache entry */ }

  const asc = (await import("assemblyscript/asc")).default;
  const read = new Map<string, string>();
  let out: Uint8Array | null = null;
  const log: string[] = [];
  const result = await asc.main(args, {
    readFile(filename: string, baseDir: string) {
      const full = resolve(root, baseDir, filename);
      try {
        const text = readFileSync(full, "utf8");
        read.set(full, text);
        return text;
      } catch {
        return null;
      }
    },
    writeFile(filename: string, contents: Uint8Array | string) {
      if (filename.endsWith(".wasm") && contents instanceof Uint8Array) out = contents;
    },
    listFiles() { return []; },
    stdout: { write(s: string) { log.push(String(s)); } } as never,
    stderr: { write(s: string) { log.push(String(s)); } } as never,
  });
  if (result.error || !out) {
    throw new Error(`asc ${args.join(" ")} failed:\n${log.join("").replace(/\x1b\[[0-9;]*m/g, "")}${result.error?.message ?? ""}`);
  }
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(wasmPath, out);
    writeFileSync(manifestPath, JSON.stringify([...read].map(([f, t]) => [f, sha(t)])));
  } catch { /* a read-only cache only costs time */ }
  return out;
}

