// parseCommandLine: every command and every usage error, without spawning the CLI.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../src/cli/command-line.js";
import { VmError } from "../src/errors.js";
import { MAX_CPUS } from "../src/generated/contract.js";
import { BenchUsageError, DEFAULT_ROUNDS, parseBenchArgs } from "../benchmarks/args.js";
import { parseConformanceArgs } from "../scripts/conformance-args.mjs";

function usageError(argv: string[]): VmError {
  try {
    parseCommandLine(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(VmError);
    return e as VmError;
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`);
}

describe("parseCommandLine", () => {
  it("parses run with every option; --config files and --set settings keep their order", () => {
    expect(
      parseCommandLine([
        "run",
        "app.ts",
        "--cpus",
        "8",
        "--timeout",
        "1.5",
        "--config",
        "a.conf",
        "--set",
        "CONFIG_ASSERT=n",
        "--config",
        "b.conf",
        "--set",
        "TICKET_SPINLOCKS=y",
      ]),
    ).toEqual({
      command: "run",
      file: "app.ts",
      out: undefined,
      cpus: 8,
      timeoutMs: 1500,
      configFiles: ["a.conf", "b.conf"],
      sets: [
        { name: "ASSERT", value: false, where: "--set CONFIG_ASSERT=n" },
        { name: "TICKET_SPINLOCKS", value: true, where: "--set TICKET_SPINLOCKS=y" },
      ],
    });
  });

  it("defaults: 4 CPUs, no timeout, no configuration", () => {
    expect(parseCommandLine(["test", "t.ts"])).toEqual({
      command: "test",
      file: "t.ts",
      out: undefined,
      cpus: 4,
      timeoutMs: undefined,
      configFiles: [],
      sets: [],
    });
  });

  it("parses build with -o, --out and --name=value", () => {
    expect(parseCommandLine(["build", "app.ts", "-o", "x.wasm"])).toMatchObject({
      command: "build",
      file: "app.ts",
      out: "x.wasm",
    });
    expect(parseCommandLine(["build", "app.ts", "--out", "y.wasm"])).toMatchObject({ out: "y.wasm" });
    expect(parseCommandLine(["build", "--cpus=2", "app.ts"])).toMatchObject({ file: "app.ts", cpus: 2 });
  });

  it("help: --help, -h and help exit 0; no arguments prints the help and exits 2", () => {
    expect(parseCommandLine(["--help"])).toEqual({ command: "help", exitCode: 0 });
    expect(parseCommandLine(["-h"])).toEqual({ command: "help", exitCode: 0 });
    expect(parseCommandLine(["help"])).toEqual({ command: "help", exitCode: 0 });
    expect(parseCommandLine(["run", "app.ts", "--help"])).toEqual({ command: "help", exitCode: 0 });
    expect(parseCommandLine([])).toEqual({ command: "help", exitCode: 2 });
  });

  const usageErrors: [string, string[], string][] = [
    ["a missing value", ["run", "app.ts", "--cpus"], "--cpus needs a value"],
    ["a missing value before another option", ["run", "app.ts", "--timeout", "--cpus", "2"], "--timeout needs a value"],
    ["a missing -o value", ["build", "app.ts", "-o"], "--out needs a value"],
    [
      "a --cpus that is not a number",
      ["run", "app.ts", "--cpus", "four"],
      `--cpus must be a whole number from 1 to ${MAX_CPUS}, got 'four'`,
    ],
    ["--cpus 0", ["run", "app.ts", "--cpus", "0"], `--cpus must be a whole number from 1 to ${MAX_CPUS}, got '0'`],
    ["--cpus above MAX_CPUS", ["run", "app.ts", "--cpus", String(MAX_CPUS + 1)], `got '${MAX_CPUS + 1}'`],
    ["a fractional --cpus", ["run", "app.ts", "--cpus", "2.5"], "got '2.5'"],
    [
      "a --timeout that is not a number",
      ["run", "app.ts", "--timeout", "soon"],
      "--timeout must be a positive number of seconds, got 'soon'",
    ],
    ["a zero --timeout", ["run", "app.ts", "--timeout", "0"], "got '0'"],
    ["an unknown option", ["run", "app.ts", "--fast"], "unknown option '--fast'"],
    ["an unknown short option", ["run", "app.ts", "-x"], "unknown option '-x'"],
    ["an unknown command", ["launch", "app.ts"], "unknown command 'launch'"],
    ["no command", ["--cpus", "2"], "missing command: build, run or test"],
    ["a missing application file", ["run"], "run needs an application file"],
    ["a missing file for build", ["build", "-o", "x.wasm"], "build needs an application file"],
    ["an extra argument", ["run", "a.ts", "b.ts"], "unexpected argument 'b.ts'"],
  ];
  for (const [what, argv, msg] of usageErrors) {
    it(`rejects ${what} (E_USAGE, pointing at --help)`, () => {
      const e = usageError(argv);
      expect(e.code).toBe("E_USAGE");
      expect(e.message).toContain(msg);
      expect(e.message).toContain("Run 'wasmp --help' for usage.");
    });
  }

  const setErrors: [string, string][] = [
    ["NO_SUCH_THING=y", "--set NO_SUCH_THING=y: unknown option CONFIG_NO_SUCH_THING"],
    ["CONFIG_SMP", "--set CONFIG_SMP: expected CONFIG_<NAME>=<value>, got 'CONFIG_SMP'"],
    ["CONFIG_SMP=1", "--set CONFIG_SMP=1: CONFIG_SMP is a bool: expected y or n, got '1'"],
    ["MAIN_STACK_SIZE=lots", "--set MAIN_STACK_SIZE=lots: CONFIG_MAIN_STACK_SIZE is an int"],
  ];
  for (const [value, msg] of setErrors) {
    it(`rejects --set ${value} as a configuration error naming it`, () => {
      const e = usageError(["run", "app.ts", "--set", value]);
      expect(e.code).toBe("E_CONFIG");
      expect(e.message).toContain(msg);
    });
  }

  it("reports every bad --set together, each naming its --set", () => {
    const e = usageError([
      "run",
      "app.ts",
      "--set",
      "NO_SUCH_THING=y",
      "--set",
      "CONFIG_SMP=y",
      "--set",
      "CONFIG_SMP=1",
    ]);
    expect(e.code).toBe("E_CONFIG");
    expect(e.problems).toEqual([
      "--set NO_SUCH_THING=y: unknown option CONFIG_NO_SUCH_THING: not a wasmp option, nor one of the Zephyr options wasmp accepts without effect (docs/cli.md lists both)",
      "--set CONFIG_SMP=1: CONFIG_SMP is a bool: expected y or n, got '1'",
    ]);
  });

  it("accepts a --set of a Zephyr option without effect (main prints its warning) and suggests a near name", () => {
    expect(parseCommandLine(["run", "app.ts", "--set", "CONFIG_STDOUT_CONSOLE=y"])).toMatchObject({
      sets: [
        { name: "STDOUT_CONSOLE", value: true, where: "--set CONFIG_STDOUT_CONSOLE=y", inert: expect.any(String) },
      ],
    });
    expect(usageError(["run", "app.ts", "--set", "TICKET_SPINLOCK=y"]).message).toBe(
      "--set TICKET_SPINLOCK=y: unknown option CONFIG_TICKET_SPINLOCK: did you mean CONFIG_TICKET_SPINLOCKS?",
    );
  });

  it("does not read --config files (the caller does)", () => {
    expect(parseCommandLine(["run", "app.ts", "--config", "/no/such/prj.conf"])).toMatchObject({
      configFiles: ["/no/such/prj.conf"],
    });
  });
});

describe("parseBenchArgs (npm run bench)", () => {
  const known = ["spinlock", "runq", "safepoint"];
  it("defaults to every benchmark and 5 rounds; takes names, --rounds and --list", () => {
    expect(parseBenchArgs([], known)).toEqual({ list: false, rounds: DEFAULT_ROUNDS, names: [] });
    expect(parseBenchArgs(["runq", "safepoint", "--rounds", "3"], known)).toEqual({
      list: false,
      rounds: 3,
      names: ["runq", "safepoint"],
    });
    expect(parseBenchArgs(["--rounds=7", "spinlock"], known)).toEqual({ list: false, rounds: 7, names: ["spinlock"] });
    expect(parseBenchArgs(["--list"], known)).toEqual({ list: true });
  });
  it.each([
    [["nope"], "unknown benchmark nope; known: spinlock, runq, safepoint"],
    [["--rounds", "0"], "--rounds needs a positive integer, got '0'"],
    [["--rounds", "x"], "--rounds needs a positive integer, got 'x'"],
    [["--rounds"], "--rounds"],
    [["--fast"], "Unknown option '--fast'"],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseBenchArgs(argv, known)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv, known)).toThrow(message);
  });
});

describe("parseConformanceArgs (scripts/conformance.mjs)", () => {
  const files = ["smp.ts", "spinlock.ts"];
  it("defaults to 2, 4 and 8 CPUs, 10 runs, every file; --file picks one", () => {
    expect(parseConformanceArgs([], files)).toEqual({ cpus: [2, 4, 8], runs: 10, files });
    expect(parseConformanceArgs(["--cpus", "1,4", "--runs", "3", "--file", "smp.ts"], files)).toEqual({
      cpus: [1, 4],
      runs: 3,
      files: ["smp.ts"],
    });
    expect(parseConformanceArgs(["--file", "smp.ts", "--file", "spinlock.ts"], files).files).toEqual(files);
    expect(parseConformanceArgs(["--match", "^spin"], files).files).toEqual(["spinlock.ts"]);
  });
  it.each([
    [["--cpus", "2,x"], "--cpus needs a comma-separated list of CPU counts, got '2,x'"],
    [["--cpus", "0"], "--cpus needs a comma-separated list of CPU counts, got '0'"],
    [["--runs", "0"], "--runs needs a positive whole number, got '0'"],
    [["--file", "nope.ts"], "no conformance file nope.ts in test/conformance"],
    [["--runs"], "--runs"],
    [["--match", "^zz"], "no conformance file in test/conformance matches '^zz'"],
    [["--match", "("], "--match needs a regular expression, got '('"],
    [["--bogus"], "Unknown option '--bogus'"],
    [["smp.ts"], "Unexpected argument 'smp.ts'"],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseConformanceArgs(argv, files)).toThrow(message);
  });
});
