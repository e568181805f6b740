// One way to run the AssemblyScript compiler: asc in-process on an in-memory file host, with
// a content-addressed cache. Used by the image builder (image.ts: buildImage) and by the
// benchmarks' hot-path harness (benchmarks/lib/harness.ts).
//
// The file host reads sources from disk (relative names against asc's baseDir, itself relative
// to `root`), except what `resolveFile` serves instead: generated text (the image's entry file)
// or another path (the "wasmp" package redirect). asc's outputs stay in memory.
//
// Diagnostics: asc's messages are kept one by one (each with its category and source) and only
// those that concern the code being built are shown: every error, and the warnings of files
// outside the library (`~lib/…`, where the "wasmp" package is too). wasmp's own warnings are
// not the user's business. The warnings kept are returned with the binary (and cached with it).
//
// The cache: <cacheDir>/<key>.wasm plus <key>.json, the manifest listing every file read from
// disk with the hash of its text, and the caller's metadata and warnings. The key hashes the asc arguments
// and the caller's `cacheSalt`, which must cover everything else the output depends on
// (generated text, post-processing options). A hit needs every listed file unchanged.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isPrintkLibraryNoise, isUserPrintkError } from "./printk-args.js";
import { VmError } from "../errors.js";

/** What resolveFile returns: generated text (not hashed: cover it with cacheSalt), or the file to read instead. */
export type ResolvedFile = { text: string } | { path: string };

export interface CompileAscOptions {
  /** Directory that relative paths (asc's baseDir, the arguments' files) are resolved against. */
  root: string;
  /** Cache directory; null disables the cache. */
  cacheDir: string | null;
  /** Everything besides `args` and the files read that the output depends on. */
  cacheSalt?: string;
  /** Serves `fullPath` from elsewhere; undefined reads it from disk. */
  resolveFile?: (fullPath: string) => ResolvedFile | undefined;
  /** asc transforms (instances). */
  transforms?: unknown[];
  /**
   * Post-processes asc's binary before it is cached; `meta` is stored in the manifest and
   * returned on a cache hit (buildImage: the binaryen link step and the safepoint count).
   */
  finish?: (raw: Uint8Array) => Promise<{ wasm: Uint8Array; meta?: Record<string, number> }>;
  /** Names the compilation in errors (default: the asc command line). */
  label?: string;
  /**
   * Problems the transforms found (src/image/transform.ts): their errors replace asc's output
   * when the build fails, their warnings join asc's.
   */
  diagnostics?: BuildDiagnostics;
}

/** What a transform reports: one line each, "file:line: message". */
export interface BuildDiagnostics {
  errors: string[];
  warnings: string[];
}

export interface AscOutput {
  wasm: Uint8Array;
  /** What `finish` returned as meta ({} without it). */
  meta: Record<string, number>;
  /** Warnings about the code being built (asc's, formatted, and the transforms'), not the library's. */
  warnings: string[];
  cached: boolean;
}

interface Manifest {
  files: [string, string][];
  meta: Record<string, number>;
  warnings?: string[];
}

/** asc's DiagnosticCategory.Error. */
const CATEGORY_ERROR = 3;

/** One message asc wrote, with the diagnostic it formats (if it is one). */
interface AscMessage {
  text: string;
  diagnostic?: { category: number; path: string | null; message: string };
}

/** Library sources: the standard library and packages, the "wasmp" kernel among them. */
function isLibraryPath(path: string | null): boolean {
  return path?.startsWith("~lib/") ?? false;
}

/** A message worth showing: anything but a diagnostic that is a library file's warning. */
function concernsUser(m: AscMessage): boolean {
  return !m.diagnostic || m.diagnostic.category === CATEGORY_ERROR || !isLibraryPath(m.diagnostic.path);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips asc's ANSI colour codes
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, "");

const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

/** Compiles with asc (see the file header), or loads the result from the cache. */
export async function compileAsc(args: string[], opts: CompileAscOptions): Promise<AscOutput> {
  const key = sha256(JSON.stringify({ args, salt: opts.cacheSalt ?? "" })).slice(0, 24);
  if (opts.cacheDir) {
    const hit = readCache(opts.cacheDir, key);
    if (hit) return { ...hit, cached: true };
  }

  const asc = (await import("assemblyscript/asc")).default;
  const filesRead = new Map<string, string>();
  const outputs = new Map<string, Uint8Array | string>();
  // asc writes each diagnostic in one call, then reports it (reportDiagnostic): the report
  // claims the text just written. A warning turned off is reported without being written.
  const log: AscMessage[] = [];
  const write = (s: string): void => {
    log.push({ text: stripAnsi(String(s)) });
  };
  const result = await asc.main(args, {
    readFile(filename: string, baseDir: string) {
      const full = resolve(opts.root, baseDir, filename);
      const served = opts.resolveFile?.(full);
      if (served && "text" in served) return served.text;
      const target = served ? served.path : full;
      try {
        const text = readFileSync(target, "utf8");
        filesRead.set(target, text);
        return text;
      } catch {
        return null;
      }
    },
    writeFile(filename: string, contents: Uint8Array | string) {
      outputs.set(filename, contents);
    },
    listFiles() {
      return [];
    },
    stdout: { write } as never,
    stderr: { write } as never,
    reportDiagnostic(d: {
      message: string;
      code: number;
      category: number;
      range: { source: { normalizedPath: string } | null } | null;
    }) {
      const last = log[log.length - 1];
      if (last && !last.diagnostic && last.text.includes(d.message) && last.text.includes(String(d.code))) {
        last.diagnostic = { category: d.category, path: d.range?.source?.normalizedPath ?? null, message: d.message };
      }
    },
    transforms: (opts.transforms ?? []) as never,
  } as never);
  const label = opts.label ?? `asc ${args.join(" ")}`;
  // A printk argument of the wrong type is reported at the user's argument; the formatter's
  // errors about the same argument, inside the kernel, only repeat it (printk-args.ts).
  const userPrintkError = log.some((m) => m.diagnostic && isUserPrintkError(m.diagnostic.message, m.diagnostic.path));
  const shown = log.filter(
    (m) => concernsUser(m) && !isPrintkLibraryNoise(m.diagnostic?.path ?? null, userPrintkError),
  );
  const transformErrors = opts.diagnostics?.errors ?? [];
  if (transformErrors.length > 0) {
    // The transform stopped the build: its errors say why (asc's only repeats the throw).
    throw new VmError("E_BUILD", `${label}: build failed\n${transformErrors.join("\n")}`, {
      problems: [`${label}: build failed`, ...transformErrors],
    });
  }
  if (result.error) {
    const failedWithErrors = shown.some((m) => m.diagnostic?.category === CATEGORY_ERROR);
    const text = shown
      .filter((m) => !(failedWithErrors && m.text.startsWith("FAILURE ")))
      .map((m) => m.text.trim())
      .filter((t) => t !== "")
      .join("\n\n");
    throw new VmError("E_BUILD", `${label}: build failed\n${text || result.error.message}`);
  }
  const raw = [...outputs].find(([name, c]) => name.endsWith(".wasm") && c instanceof Uint8Array)?.[1];
  if (!(raw instanceof Uint8Array)) throw new VmError("E_BUILD", `${label}: asc produced no binary`);
  const done = opts.finish ? await opts.finish(raw) : { wasm: raw };
  const warnings = [
    ...shown.filter((m) => m.diagnostic !== undefined).map((m) => m.text.trim()),
    ...(opts.diagnostics?.warnings ?? []),
  ];
  const out = { wasm: done.wasm, meta: done.meta ?? {}, warnings };
  if (opts.cacheDir) writeCache(opts.cacheDir, key, out, filesRead);
  return { ...out, cached: false };
}

function readCache(dir: string, key: string): Omit<AscOutput, "cached"> | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, key + ".json"), "utf8")) as Manifest;
    for (const [file, h] of manifest.files) {
      if (!existsSync(file) || sha256(readFileSync(file, "utf8")) !== h) return null;
    }
    return {
      wasm: new Uint8Array(readFileSync(join(dir, key + ".wasm"))),
      meta: manifest.meta ?? {},
      warnings: manifest.warnings ?? [],
    };
  } catch {
    return null;
  }
}

function writeCache(dir: string, key: string, out: Omit<AscOutput, "cached">, files: Map<string, string>): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed, the image before its manifest: a reader (another process
    // sharing the cache, build-server.ts) sees a whole entry or none.
    const tmp = `.${process.pid}.${key}`;
    writeFileSync(join(dir, tmp + ".wasm"), out.wasm);
    renameSync(join(dir, tmp + ".wasm"), join(dir, key + ".wasm"));
    const manifest: Manifest = {
      files: [...files].map(([f, t]) => [f, sha256(t)]),
      meta: out.meta,
      warnings: out.warnings,
    };
    writeFileSync(join(dir, tmp + ".json"), JSON.stringify(manifest));
    renameSync(join(dir, tmp + ".json"), join(dir, key + ".json"));
  } catch {
    // A read-only cache directory only costs time.
  }
}
