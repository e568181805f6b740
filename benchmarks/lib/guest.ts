// Guest programs for the benchmarks (test/apps/bench_*.ts): built with the real image builder
// (cached) and run on a real Machine with the default Kconfig.
import { join } from "node:path";
import { buildDefines, resolveKconfig, type Kconfig } from "../../src/board/kconfig.js";
import { buildImage } from "../../src/image/image.js";
import { Machine, type RunResult } from "../../src/machine/machine.js";
import { repoRoot } from "./harness.js";

export function appPath(name: string): string { return join(repoRoot(), "test", "apps", `${name}.ts`); }

export function defaultConfig(cpus: number): Kconfig { return resolveKconfig([], { cpus }); }

export async function guestModule(name: string, opts: { safepoints?: boolean; asyncify?: boolean } = {}): Promise<WebAssembly.Module> {
  const img = await buildImage(appPath(name), { defines: buildDefines(defaultConfig(1)), ...opts });
  return WebAssembly.compile(img.wasm as BufferSource);
}

export interface GuestRun { result: RunResult; lines: string[] }

/** Boots `module` on `cpus` CPUs and runs it to the end; throws unless main() returned 0. */
export async function runGuest(module: WebAssembly.Module, cpus: number, onLine?: (cpu: number, line: string) => void): Promise<GuestRun> {
  const lines: string[] = [];
  const machine = await Machine.create({
    image: module, cpus, config: defaultConfig(cpus),
    onLine: (cpu, l) => { lines.push(l); onLine?.(cpu, l); },
    onFatal: (_r, text) => { lines.push(text); },
  });
  const result = await machine.run({ timeoutMs: 120_000 });
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
