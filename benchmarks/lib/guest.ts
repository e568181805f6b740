// Guest programs for the benchmarks (test/apps/bench_*.ts): built with the real image builder
// (cached) and run on a real Machine with the default Kconfig, through src/run.ts.
import { join } from "node:path";
import { resolveKconfig, type ConfigSetting, type Kconfig } from "../../src/board/kconfig.js";
import { createBoard } from "../../src/board/board.js";
import type { RunResult } from "../../src/machine/machine.js";
import { buildApplication, runApplication } from "../../src/run.js";
import { repoRoot } from "./harness.js";

export function appPath(name: string): string {
  return join(repoRoot(), "test", "apps", `${name}.ts`);
}

export function defaultConfig(cpus: number): Kconfig {
  return resolveKconfig([], createBoard({ cpus }));
}

export async function guestModule(
  name: string,
  opts: { safepoints?: boolean; asyncify?: boolean } = {},
  settings: readonly ConfigSetting[] = [],
): Promise<WebAssembly.Module> {
  // Build-time options do not depend on the CPU count: one image serves every board. A
  // prebuilt image runs with its own build-time options (runGuest needs no settings).
  const { image } = await buildApplication({
    app: appPath(name),
    board: createBoard({ cpus: 1 }),
    build: opts,
    settings,
  });
  return image instanceof WebAssembly.Module ? image : WebAssembly.compile(image as BufferSource);
}

export interface GuestRun {
  result: RunResult;
  lines: string[];
}

/** Boots `module` on `cpus` CPUs and runs it to the end; throws unless main() returned 0. */
export async function runGuest(
  module: WebAssembly.Module,
  cpus: number,
  onLine?: (cpu: number, line: string) => void,
): Promise<GuestRun> {
  const lines: string[] = [];
  const { result } = await runApplication({
    app: module,
    board: createBoard({ cpus }),
    timeoutMs: 120_000,
    onLine: (cpu, l) => {
      lines.push(l);
      onLine?.(cpu, l);
    },
    onFatal: (_r, text) => {
      lines.push(text);
    },
  });
  if (result.status !== "exit" || result.mainReturn !== 0) {
    throw new Error(`guest run failed: ${result.status} ${result.message}\n${lines.join("\n")}\n${result.dump}`);
  }
  return { result, lines };
}

/** The numbers of a "bench <name> key=value ..." console line. */
export function benchLine(lines: string[], name: string): Record<string, number> {
  const line = lines.find((l) => l.startsWith(`bench ${name} `));
  if (!line) throw new Error(`no 'bench ${name}' line in guest output:\n${lines.join("\n")}`);
  const out: Record<string, number> = {};
  for (const m of line.matchAll(/(\w+)=(-?[0-9.]+)/g)) out[m[1]!] = Number(m[2]);
  return out;
}
