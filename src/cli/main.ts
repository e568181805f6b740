// The wasmp command line: `wasmp build` and `wasmp run` (docs/cli.md).

import { readFileSync, writeFileSync } from "node:fs";
import { VmError } from "../errors.js";
import { buildDefines, parseAssignment, readPrjConf, resolveKconfig, type ConfigSetting } from "../board/kconfig.js";
import { buildImage } from "../image/image.js";
import { Machine } from "../machine/machine.js";
import { EXIT_BUILD, EXIT_USAGE } from "../machine/exit-codes.js";

const HELP = `wasmp: run Zephyr-style SMP programs on virtual CPUs in WebAssembly

Usage:
  wasmp build <app.ts> [-o app.wasm] [config options]
  wasmp run <app.ts|app.wasm> [--cpus N] [--timeout S] [config options]
  wasmp test <tests.ts> [--cpus N] [--timeout S] [config options]
  wasmp --help

Config options (both commands):
  --config <prj.conf>    Zephyr prj.conf: CONFIG_X=y lines and # comments (repeatable)
  --set CONFIG_X=value   one option; applied after every --config (repeatable)

test: builds a file of ZTEST_SUITE/ZTEST tests with the ztest runner as main and runs it;
  exits 0 if every test passed, 1 if any failed (or the codes below).

run and test options:
  --cpus N               virtual CPUs on the board, 1..32 (default 4)
  --timeout S            end a hung run after S seconds with a dump of every CPU (exit 124)

Exit codes of run: main()'s return value (low 8 bits); 2 bad usage or configuration;
3 build failed; 124 timeout; 125 the kernel halted (k_panic, fatal error of an essential
thread); 126 the VM crashed.
`;

interface Args {
  cmd: string;
  file: string | undefined;
  out: string | undefined;
  cpus: number;
  timeout: number | undefined;
  settings: ConfigSetting[];
}

function usage(msg: string): never {
  throw new VmError("E_CONFIG", `${msg}\nRun 'wasmp --help' for usage.`);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { cmd: argv[0] ?? "", file: undefined, out: undefined, cpus: 4, timeout: undefined, settings: [] };
  const sets: ConfigSetting[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "-o": case "--out": a.out = val(); break;
      case "--cpus": {
        const v = val();
        a.cpus = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!(a.cpus >= 1 && a.cpus <= 32)) usage(`--cpus must be a whole number from 1 to 32, got '${v}'`);
        break;
      }
      case "--timeout": {
        const v = val();
        a.timeout = Number(v);
        if (!(a.timeout > 0)) usage(`--timeout must be a positive number of seconds, got '${v}'`);
        break;
      }
      case "--config": a.settings.push(...readPrjConf(val())); break;
      case "--set": {
        const v = val();
        const s = parseAssignment(v.startsWith("CONFIG_") ? v : `CONFIG_${v}`, `--set ${v}`);
        if (s) sets.push(s);
        break;
      }
      default:
        if (arg.startsWith("-")) usage(`unknown option '${arg}'`);
        if (a.file !== undefined) usage(`unexpected argument '${arg}'`);
        a.file = arg;
    }
  }
  a.settings.push(...sets);
  return a;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(HELP);
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
    if (args.cmd !== "build" && args.cmd !== "run" && args.cmd !== "test") usage(`unknown command '${args.cmd}'`);
    if (!args.file) usage(`${args.cmd} needs an application file`);
  } catch (e) {
    return report(e);
  }
  try {
    const cfg = resolveKconfig(args.settings, { cpus: args.cpus });
    let wasm: Uint8Array;
    if (args.file!.endsWith(".wasm")) {
      wasm = new Uint8Array(readFileSync(args.file!));
    } else {
      try {
        wasm = (await buildImage(args.file!, { defines: buildDefines(cfg), mode: args.cmd === "test" ? "ztest" : "app" })).wasm;
      } catch (e) {
        report(e);
        return EXIT_BUILD;
      }
    }
    if (args.cmd === "build") {
      const out = args.out ?? args.file!.replace(/\.ts$/, "") + ".wasm";
      writeFileSync(out, wasm);
      process.stdout.write(`wasmp: wrote ${out} (${wasm.length} bytes)\n`);
      return 0;
    }
    const machine = await Machine.create({ image: wasm, cpus: args.cpus, config: cfg });
    const r = await machine.run(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {});
    if (r.status !== "exit") {
      process.stderr.write(`wasmp: ${r.message}\n`);
      if (r.dump) process.stderr.write(r.dump + "\n");
    }
    if (args.cmd === "test" && r.status === "exit") return r.mainReturn === 0 ? 0 : 1;
    return r.exitCode;
  } catch (e) {
    return report(e);
  }
}

function report(e: unknown): number {
  if (e instanceof VmError) {
    process.stderr.write(`wasmp: ${e.message}\n`);
    return e.code === "E_BUILD" ? EXIT_BUILD : EXIT_USAGE;
  }
  process.stderr.write(`wasmp: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 126;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
