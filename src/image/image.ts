// The image builder: compiles an application together with the kernel into one Wasm image.
//
// 1. asc compiles a generated entry file that re-exports the kernel's host-facing exports
//    (assembly/exports.ts) and registers the application's main(). "wasmp" resolves to this
//    package wherever the application lives (its own project, or examples/ in this repo).
//    The safepoint transform instruments the application's loops. Memory is imported and
//    shared, threads are on, and the start function is exported (_start) so that the host
//    runs it only after laying out the kernel region.
//    Static data starts at NULL_PAGE_SIZE (asc's --memoryBase), so that nothing of the image
//    or the kernel lives in the NULL page.
// 2. binaryen redirects the stub runtime's __alloc/__realloc/__free to the kernel's shared
//    heap, with CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU adds the NULL-page check to every
//    load and store (null_page.ts; before asyncify, which then leaves the checks alone), runs
//    asyncify limited to what can reach the only unwinding import (wasmp.arch_switch), and
//    optimizes.
// 3. The build record (record.ts) is appended: a custom section listing the defines, so that
//    the host can tell which build-time options an image has.
// asc runs through compileAsc (asc.ts): images are cached by the content of every file the
// compiler read plus the options.

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { VmError } from "../errors.js";
import { NULL_PAGE_SIZE } from "../generated/contract.js";
import { compileAsc, type BuildDiagnostics } from "./asc.js";
import { BUILD_SERVER_ENV, requestBuild } from "./build-server.js";
import { instrumentNullPage } from "./null_page.js";
import { appendBuildRecord } from "./record.js";
import { wasmpTransform, type TransformStats } from "./transform.js";

export interface BuildOptions {
  /** `--use` defines (KCONFIG_X=1), from buildDefines(). */
  defines?: string[];
  /** binaryen optimize level (0..4); default 3. */
  optimize?: number;
  /** Insert safepoints in application loops (default true). */
  safepoints?: boolean;
  /** Run asyncify (default true; an image without it cannot switch threads). */
  asyncify?: boolean;
  /** Cache directory; null disables the cache. */
  cacheDir?: string | null;
  /**
   * "app": the file exports main(). "ztest": the file registers ZTEST_SUITE/ZTEST tests and
   * main() is the ztest runner (`wasmp test`).
   */
  mode?: "app" | "ztest";
}

export interface BuiltImage {
  wasm: Uint8Array;
  /** Loops instrumented with a safepoint. */
  safepoints: number;
  /**
   * Warnings about the application's code, one string each (asc's own, formatted, and wasmp's
   * "file:line: warning: …"); the library's (the kernel's) are not shown. Kept with a cached image.
   */
  warnings: string[];
  cached: boolean;
}

const ENTRY = "__wasmp_entry.ts";
/** asc's diagnostic code for a usize-to-i32 conversion that wasm64 would need a cast for. */
const AS_WARNING_WASM64_CAST = 201;
const BUILD_VERSION = "wasmp-image-15";
/** The define of CONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU (buildDefines): the link step adds the NULL-page check. */
const NULL_PAGE_CHECK_DEFINE = "KCONFIG_NULL_POINTER_EXCEPTION_DETECTION_MPU=1";

/** The root of the wasmp package (holds index.ts and assembly/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "assembly", "exports.ts")) && existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  throw new VmError("E_BUILD", "cannot find the wasmp package root (assembly/exports.ts)");
}

function entrySource(appModule: string, mode: "app" | "ztest"): string {
  if (mode === "ztest") {
    return [
      `import "./${appModule}";`,
      `import { ztest_run_all } from "wasmp/assembly/ztest";`,
      `import { z_set_main } from "wasmp/assembly/exports";`,
      `export * from "wasmp/assembly/exports";`,
      `z_set_main(ztest_run_all);`,
      "",
    ].join("\n");
  }
  return [
    `import { main } from "./${appModule}";`,
    `import { z_set_main } from "wasmp/assembly/exports";`,
    `export * from "wasmp/assembly/exports";`,
    `z_set_main(main);`,
    "",
  ].join("\n");
}

/**
 * The asc options every image is compiled with, from the package's asconfig.json: the stub
 * runtime (redirected to the kernel heap at link time), the imported shared memory, threads,
 * the exported start function and table, names kept and no optimization (binaryen optimizes
 * after asyncify, in linkImage).
 */
export function ascOptions(root: string): string[] {
  let cfg: { options?: Record<string, unknown> };
  try {
    cfg = JSON.parse(readFileSync(join(root, "asconfig.json"), "utf8")) as { options?: Record<string, unknown> };
  } catch (e) {
    throw new VmError("E_BUILD", `${join(root, "asconfig.json")}: cannot read the image compiler options`, {
      cause: e,
    });
  }
  const args: string[] = [];
  for (const [key, value] of Object.entries(cfg.options ?? {})) {
    if (value === true) args.push(`--${key}`);
    else if (value === false) continue;
    else if (Array.isArray(value)) for (const v of value) args.push(`--${key}`, String(v));
    else args.push(`--${key}`, String(value));
  }
  // AS201 ("conversion from usize to i32 will require an explicit cast when switching between
  // 32/64-bit") is about wasm64, which wasmp never targets (a guest address is 32 bits by
  // contract): it fired on every `memory.data(SIZEOF_K_SEM, 16)`, the documented way to place
  // an object, and buried the messages that matter.
  args.push("--disableWarning", String(AS_WARNING_WASM64_CAST));
  return args;
}

function defaultCacheDir(): string {
  return resolve("node_modules", ".cache", "wasmp");
}

/** Builds the image for the application at `appPath` (an AssemblyScript file exporting main). */
export async function buildImage(appPath: string, opts: BuildOptions = {}): Promise<BuiltImage> {
  const app = resolve(appPath);
  // The user named a file that is not there: a usage error, not a failed build.
  if (!existsSync(app)) throw new VmError("E_USAGE", `${appPath}: no such file`);
  if (!app.endsWith(".ts")) throw new VmError("E_USAGE", `${appPath}: an application is an AssemblyScript .ts file`);
  const root = packageRoot();
  const defines = [...(opts.defines ?? [])].sort();
  const optimize = opts.optimize ?? 3;
  const safepoints = opts.safepoints ?? true;
  const asyncify = opts.asyncify ?? true;
  const mode = opts.mode ?? "app";
  const nullPageCheck = defines.includes(NULL_PAGE_CHECK_DEFINE);
  const appDir = dirname(app);
  const appModule = basename(app, ".ts");
  const stats: TransformStats = { loops: 0, templates: 0 };
  const diagnostics: BuildDiagnostics = { errors: [], warnings: [] };
  // A source's path as the user would write it: relative to the working directory.
  const display = (normalizedPath: string): string =>
    relative(process.cwd(), join(appDir, normalizedPath)) || normalizedPath;
  const pkgMarker = `${sep}node_modules${sep}wasmp${sep}`;
  const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
  // A warm build server (build-server.ts) fills the cache first, if there is one.
  const server = process.env[BUILD_SERVER_ENV];
  if (server && cacheDir) await requestBuild(server, app, { ...opts, cacheDir });
  const args = [
    ENTRY,
    "--baseDir",
    appDir,
    ...ascOptions(root),
    "--memoryBase",
    String(NULL_PAGE_SIZE),
    "--outFile",
    "image.wasm",
    ...defines.flatMap((d) => ["--use", d]),
  ];
  const out = await compileAsc(args, {
    root: appDir,
    cacheDir,
    // The entry text is generated from appModule and mode; the link step depends on the rest.
    cacheSalt: JSON.stringify({ BUILD_VERSION, appModule, optimize, safepoints, asyncify, mode }),
    resolveFile(full) {
      if (full === join(appDir, ENTRY)) return { text: entrySource(appModule, mode) };
      const i = full.indexOf(pkgMarker);
      return i >= 0 ? { path: join(root, full.slice(i + pkgMarker.length)) } : undefined;
    },
    transforms: [wasmpTransform({ safepoints, app: { internalPath: appModule, mode, display } }, stats, diagnostics)],
    diagnostics,
    label: relative(process.cwd(), app) || app,
    finish: async (raw) => ({
      wasm: appendBuildRecord(await linkImage(raw, { optimize, asyncify, nullPageCheck }), defines),
      meta: { safepoints: stats.loops },
    }),
  });
  return { wasm: out.wasm, safepoints: out.meta.safepoints ?? 0, warnings: out.warnings, cached: out.cached };
}

/** Post-link steps on the asc output (see the file header). */
export async function linkImage(
  raw: Uint8Array,
  opts: { optimize: number; asyncify: boolean; nullPageCheck?: boolean },
): Promise<Uint8Array> {
  const binaryen = (await import("binaryen")).default;
  const mod = binaryen.readBinary(raw);
  try {
    mod.setFeatures(binaryen.Features.All);
    const exportTarget = (name: string): string => {
      const ref = mod.getExport(name);
      if (!ref) throw new VmError("E_BUILD", `image has no export '${name}' (is assembly/exports.ts compiled in?)`);
      return binaryen.getExportInfo(ref).value;
    };
    const redirect = (fn: string, target: string): void => {
      const ref = mod.getFunction(fn);
      if (!ref) return; // not used by this application
      const info = binaryen.getFunctionInfo(ref);
      const params = binaryen.expandType(info.params);
      const args = params.map((t: number, i: number) => mod.local.get(i, t));
      mod.removeFunction(fn);
      mod.addFunction(fn, info.params, info.results, [], mod.call(target, args, info.results));
    };
    redirect("~lib/rt/stub/__alloc", exportTarget("z_rt_alloc"));
    redirect("~lib/rt/stub/__realloc", exportTarget("z_rt_realloc"));
    redirect("~lib/rt/stub/__free", exportTarget("z_rt_free"));
    binaryen.setOptimizeLevel(opts.optimize);
    binaryen.setShrinkLevel(0);
    binaryen.setDebugInfo(true); // keep function names: fatal-error reports show them
    if (opts.nullPageCheck) instrumentNullPage(binaryen, mod);
    if (opts.asyncify) {
      binaryen.setPassArgument("asyncify-imports", "wasmp.arch_switch");
      mod.runPasses(["asyncify"]);
    }
    if (opts.optimize > 0) mod.optimize();
    if (!mod.validate()) throw new VmError("E_BUILD", "the linked image does not validate");
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}
