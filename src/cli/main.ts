// The wasmp command line: `wasmp build`, `wasmp run` and `wasmp test` (docs/cli.md).
// parseCommandLine (command-line.ts) parses; main() reads the prj.conf files, makes the board,
// and builds or runs through src/run.ts; src/cli/bin.ts is the executable that calls main().

import { writeFileSync } from "node:fs";
import { configError, VmError } from "../errors.js";
import { boardFromSettings, kconfigDiagnostics, type ConfigSetting } from "../board/kconfig.js";
import { readPrjConf } from "../platform/node.js";
import { buildApplication, runApplication } from "../run.js";
import { EXIT_BUILD, EXIT_CRASH, EXIT_USAGE } from "../machine/exit-codes.js";
import { HELP, parseCommandLine, type AppCommand } from "./command-line.js";

/** Runs the command line `argv` (the arguments after `wasmp`); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let cmd;
  try {
    cmd = parseCommandLine(argv);
  } catch (e) {
    return report(e);
  }
  if (cmd.command === "help") {
    process.stdout.write(HELP);
    return cmd.exitCode;
  }
  try {
    return await execute(cmd);
  } catch (e) {
    return report(e);
  }
}

/**
 * The --config files' settings, then the --set ones. Every problem of every file is reported
 * together; the warnings and notes the settings call for go to stderr.
 */
function readSettings(cmd: AppCommand): ConfigSetting[] {
  const settings: ConfigSetting[] = [];
  const problems: string[] = [];
  for (const file of cmd.configFiles) {
    try {
      settings.push(...readPrjConf(file));
    } catch (e) {
      if (!(e instanceof VmError && e.code === "E_CONFIG")) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw configError(problems);
  settings.push(...cmd.sets);
  for (const line of kconfigDiagnostics(settings)) process.stderr.write(`wasmp: ${line}\n`);
  return settings;
}

async function execute(cmd: AppCommand): Promise<number> {
  const settings = readSettings(cmd);
  const board = boardFromSettings({ cpus: cmd.cpus }, settings);
  const mode = cmd.command === "test" ? "ztest" : "app";
  // wasmp's warnings are one line; asc's come as its formatted block, with the source line.
  const onWarning = (w: string): void => {
    process.stderr.write(w.includes("\n") ? `${w}\n\n` : `wasmp: ${w}\n`);
  };
  if (cmd.command === "build") {
    const { image: wasm } = await buildApplication({ app: cmd.file, board, settings, mode, onWarning });
    if (!(wasm instanceof Uint8Array)) throw new Error("a file name builds (or reads) image bytes");
    const out = cmd.out ?? cmd.file.replace(/\.ts$/, "") + ".wasm";
    writeFileSync(out, wasm);
    process.stdout.write(`wasmp: wrote ${out} (${wasm.length} bytes)\n`);
    return 0;
  }
  const { result: r } = await runApplication({
    app: cmd.file,
    board,
    settings,
    mode,
    timeoutMs: cmd.timeoutMs,
    onWarning,
  });
  if (r.status !== "exit") {
    process.stderr.write(`wasmp: ${r.message}\n`);
    if (r.dump) process.stderr.write(r.dump + "\n");
  }
  if (cmd.command === "test" && r.status === "exit") return r.mainReturn === 0 ? 0 : 1;
  return r.exitCode;
}

function report(e: unknown): number {
  if (e instanceof VmError) {
    for (const problem of e.problems) process.stderr.write(`wasmp: ${problem}\n`);
    return e.code === "E_BUILD" ? EXIT_BUILD : EXIT_USAGE;
  }
  process.stderr.write(`wasmp: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT_CRASH;
}
