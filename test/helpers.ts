// Test helpers: build a guest app (cached) and run it on a machine (src/run.ts), collecting its output.
import { fileURLToPath } from "node:url";
import { boardFromSettings, parseAssignment, type ConfigSetting } from "../src/board/kconfig.js";
import type { Machine, RunResult } from "../src/machine/machine.js";
import type { FatalReport } from "../src/cpu/messages.js";
import { runApplication } from "../src/run.js";

export interface AppRun {
  result: RunResult;
  /** Console lines in arrival order, "[cpu] text". */
  lines: string[];
  /** Console text (all CPUs). */
  out: string;
  fatal: FatalReport[];
  fatalText: string[];
  kernelBase: number;
  machine: Machine;
}

export function app(name: string): string {
  return fileURLToPath(new URL(`./apps/${name.endsWith(".ts") ? name : name + ".ts"}`, import.meta.url));
}

export async function runApp(
  name: string,
  opts: { cpus: number; set?: string[]; timeoutMs?: number; onMachine?: (m: Machine) => void },
): Promise<AppRun> {
  const settings: ConfigSetting[] = (opts.set ?? []).map((s) => parseAssignment(s, "test")!);
  const lines: string[] = [];
  const fatalText: string[] = [];
  const { result, machine } = await runApplication({
    app: app(name),
    board: boardFromSettings({ cpus: opts.cpus }, settings),
    settings,
    timeoutMs: opts.timeoutMs ?? 60_000,
    onLine: (cpu, l) => lines.push(`[${cpu}] ${l}`),
    onFatal: (_r, text) => fatalText.push(text),
    onMachine: opts.onMachine,
  });
  return {
    result,
    lines,
    out: lines.map((l) => l.replace(/^\[\d+\] /, "")).join("\n"),
    fatal: result.fatal,
    fatalText,
    kernelBase: machine.kernelBase,
    machine,
  };
}

/** A failure message that carries the machine dump, for hangs. */
export function explain(r: AppRun): string {
  return `status=${r.result.status} exit=${r.result.exitCode} ${r.result.message}\n${r.out}\n${r.fatalText.join("\n")}\n${r.result.dump}`;
}
