// The wasmp command line as data: parseCommandLine turns argv into a typed command or throws
// a usage error (VmError E_USAGE, or E_CONFIG for a bad --set; both exit 2), without touching files or the process, so that every
// usage error can be tested directly. docs/cli.md documents the commands and options.

import { parseArgs } from "node:util";
import { MAX_CPUS } from "../generated/contract.js";
import { VmError } from "../errors.js";
import { cpuCountProblem } from "../board/board.js";
import { parseAssignments, type ConfigSetting } from "../board/kconfig.js";
import { EXIT_BUILD, EXIT_CRASH, EXIT_HALT, EXIT_TIMEOUT, EXIT_USAGE } from "../machine/exit-codes.js";

/** CPUs on the board when --cpus is not given. */
export const DEFAULT_CPUS = 4;
const MS_PER_S = 1000;

export const HELP = `wasmp: run Zephyr-style SMP programs on virtual CPUs in WebAssembly

Usage:
  wasmp build <app.ts> [-o app.wasm] [config options]
  wasmp run <app.ts|app.wasm> [--cpus N] [--timeout S] [config options]
  wasmp test <tests.ts> [--cpus N] [--timeout S] [config options]
  wasmp --help

Config options (every command):
  --config <prj.conf>    Zephyr prj.conf: CONFIG_X=y lines and # comments (repeatable)
  --set CONFIG_X=value   one option; applied after every --config (repeatable)
  Zephyr options that have no effect in wasmp are accepted with a warning; build-time
  options are the image's when running a .wasm (a different value is an error: rebuild).

test: builds a file of ZTEST_SUITE/ZTEST tests with the ztest runner as main and runs it;
  exits 0 if every test passed, 1 if any failed (or the codes below).

run and test options:
  --cpus N               virtual CPUs on the board, 1..${MAX_CPUS} (default ${DEFAULT_CPUS})
  --timeout S            end a hung run after S seconds with a dump of every CPU (exit ${EXIT_TIMEOUT})

Exit codes of run: main()'s return value (low 8 bits); ${EXIT_USAGE} bad usage or configuration;
${EXIT_BUILD} build failed; ${EXIT_TIMEOUT} timeout; ${EXIT_HALT} the kernel halted (k_panic, fatal error of an essential
thread); ${EXIT_CRASH} the VM crashed.
`;

export type AppCommandName = "build" | "run" | "test";

/** `wasmp build|run|test <file> ...`. */
export interface AppCommand {
  command: AppCommandName;
  /** The application (.ts) or, for run and test, an image (.wasm). */
  file: string;
  /** -o/--out: where build writes the image (undefined: next to the application). */
  out: string | undefined;
  /** --cpus: CPUs on the board (validated as the board validates it). */
  cpus: number;
  /** --timeout, in milliseconds. */
  timeoutMs: number | undefined;
  /** --config files, in order; read by the caller, before the --set settings. */
  configFiles: string[];
  /** --set settings, in order. */
  sets: ConfigSetting[];
}

/** `wasmp --help` (exit 0) or no arguments at all (the help, exit 2). */
export interface HelpCommand {
  command: "help";
  exitCode: number;
}

export type CommandLine = AppCommand | HelpCommand;

const COMMANDS: readonly string[] = ["build", "run", "test"] satisfies AppCommandName[];

function usage(msg: string): never {
  throw new VmError("E_USAGE", `${msg}\nRun 'wasmp --help' for usage.`);
}

/** parseArgs's own errors, in this CLI's words. */
function translate(e: unknown): never {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") usage(`unknown option '${/'([^']+)'/.exec(msg)?.[1] ?? msg}'`);
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    usage(`${/'(?:-\w, )?(--?[\w-]+)/.exec(msg)?.[1] ?? "an option"} needs a value`);
  throw e;
}

/** Parses the arguments after `wasmp`; throws VmError E_USAGE for a bad command line. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv.length === 0) return { command: "help", exitCode: 2 };
  if (argv[0] === "help") return { command: "help", exitCode: 0 };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string", short: "o" },
        cpus: { type: "string" },
        timeout: { type: "string" },
        config: { type: "string", multiple: true },
        set: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    translate(e);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", exitCode: 0 };
  const [command, file, ...extra] = positionals;
  if (command === undefined) usage("missing command: build, run or test");
  if (!COMMANDS.includes(command)) usage(`unknown command '${command}'`);
  if (file === undefined) usage(`${command} needs an application file`);
  if (extra.length > 0) usage(`unexpected argument '${extra[0]}'`);

  let cpus = DEFAULT_CPUS;
  if (values.cpus !== undefined) {
    cpus = /^\d+$/.test(values.cpus) ? Number(values.cpus) : NaN;
    if (cpuCountProblem(cpus)) usage(`--cpus must be a whole number from 1 to ${MAX_CPUS}, got '${values.cpus}'`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!(s > 0)) usage(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
    timeoutMs = s * MS_PER_S;
  }
  // A bad assignment is a configuration error (E_CONFIG) naming the --set; all are reported together.
  const sets: ConfigSetting[] = parseAssignments(
    (values.set ?? []).map((v) => [v.startsWith("CONFIG_") ? v : `CONFIG_${v}`, `--set ${v}`] as const),
  );
  return {
    command: command as AppCommandName,
    file,
    out: values.out,
    cpus,
    timeoutMs,
    configFiles: values.config ?? [],
    sets,
  };
}
