import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { app } from "./helpers.js";

const CLI = join(process.cwd(), "dist", "cli.js");

function wasmp(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("wasmp CLI", () => {
  it("run exits with main()'s return value and shows printk output", () => {
    const r = wasmp("run", "examples/hello.ts", "--cpus", "2");
    expect(r.out).toContain("Hello from main on CPU 0");
    expect(r.code).toBe(7);
  });

  it("build writes an image that run accepts", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const out = join(dir, "hello.wasm");
    const b = wasmp("build", "examples/hello.ts", "-o", out);
    expect(b.code, b.err).toBe(0);
    expect(existsSync(out)).toBe(true);
    const r = wasmp("run", out, "--cpus", "1");
    expect(r.code).toBe(7);
  });

  it("a bad prj.conf line is an error that names the file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const conf = join(dir, "prj.conf");
    writeFileSync(conf, "# comment\nCONFIG_SMP=y\nCONFIG_TICKET_SPINLOCKS=maybe\n");
    const r = wasmp("run", "examples/hello.ts", "--config", conf);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${conf}:3: CONFIG_TICKET_SPINLOCKS is a bool: expected y or n, got 'maybe'`);
  });

  it("every problem of every prj.conf is reported together, one line each", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const a = join(dir, "a.conf");
    const b = join(dir, "b.conf");
    writeFileSync(a, "CONFIG_STDOUT_CONSOL=y\nCONFIG_SMP=y\nCONFIG_MAIN_STACK_SIZE=big\n");
    writeFileSync(b, "CONFIG_NO_SUCH_THING=y\n");
    const r = wasmp("build", "examples/hello.ts", "-o", join(dir, "x.wasm"), "--config", a, "--config", b);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual([
      `wasmp: ${a}:1: unknown option CONFIG_STDOUT_CONSOL: did you mean CONFIG_STDOUT_CONSOLE?`,
      `wasmp: ${a}:3: CONFIG_MAIN_STACK_SIZE is an int: expected a number, got 'big'`,
      `wasmp: ${b}:1: unknown option CONFIG_NO_SUCH_THING: not a wasmp option, nor one of the Zephyr options wasmp accepts without effect (docs/cli.md lists both)`,
    ]);
  });

  it("an upstream prj.conf runs as it is, with one warning per option that has no effect", () => {
    const conf = "test/fixtures/zephyr/samples/arch/smp/pktqueue/prj.conf";
    const r = wasmp("run", "examples/hello.ts", "--cpus", "2", "--config", conf);
    expect(r.code, r.err).toBe(7);
    expect(
      r.err
        .trim()
        .split("\n")
        .map((l) => l.replace(/ has no effect in wasmp: .*/, "")),
    ).toEqual([
      `wasmp: ${conf}:3: warning: CONFIG_HEAP_MEM_POOL_SIZE`,
      `wasmp: ${conf}:4: warning: CONFIG_TEST_RANDOM_GENERATOR`,
      `wasmp: ${conf}:8: warning: CONFIG_CRC`,
    ]);
  });

  it("running a built image with another build-time option is an error that names it and says to rebuild", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const out = join(dir, "hello.wasm");
    const b = wasmp("build", "examples/hello.ts", "-o", out);
    expect(b.code, b.err).toBe(0);
    const r = wasmp("run", out, "--set", "CONFIG_TICKET_SPINLOCKS=y");
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `--set CONFIG_TICKET_SPINLOCKS=y: CONFIG_TICKET_SPINLOCKS is a build-time option and ${out} was built with CONFIG_TICKET_SPINLOCKS=n: rebuild the image`,
    );
    const smp = wasmp("run", out, "--set", "CONFIG_SMP=n");
    expect(smp.code).toBe(2);
    expect(smp.err).toContain("CONFIG_SMP is a build-time option");
    // Run-time options still apply at run, and the image's own build-time values are no conflict.
    const ok = wasmp(
      "run",
      out,
      "--cpus",
      "1",
      "--set",
      "CONFIG_TICKET_SPINLOCKS=n",
      "--set",
      "CONFIG_TIMESLICE_SIZE=5",
    );
    expect(ok.code, ok.err).toBe(7);
  });

  it("an unknown option is an error that names it", () => {
    const r = wasmp("run", "examples/hello.ts", "--set", "CONFIG_NO_SUCH_THING=y");
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option CONFIG_NO_SUCH_THING");
  });

  it("a build error exits 3 with the compiler's message", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const bad = join(dir, "bad.ts");
    writeFileSync(bad, "export function main(): i32 { return undefined_name; }\n");
    const r = wasmp("run", bad);
    expect(r.code).toBe(3);
    expect(r.err).toContain("undefined_name");
  });

  it("ATOMIC_DEFINE with a size that is not an integer literal is a build error naming the file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const bad = join(dir, "atomic_size.ts");
    writeFileSync(
      bad,
      'import { ATOMIC_DEFINE } from "wasmp";\nconst n = 64;\nconst bits = ATOMIC_DEFINE(n);\nexport function main(): i32 { return <i32>bits; }\n',
    );
    const r = wasmp("build", bad);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/atomic_size\.ts:3: ATOMIC_DEFINE\(num_bits\) takes one positive integer literal/);
  });

  it("--timeout ends a hung run with exit 124 and a dump of each CPU's current thread and held locks", () => {
    const r = wasmp("run", app("hang"), "--cpus", "2", "--timeout", "3");
    expect(r.code).toBe(124);
    expect(r.err).toContain("timed out after 3000 ms");
    expect(r.err).toMatch(/CPU \d: running, current #\d+ 'holder'/);
    expect(r.err).toMatch(/locks held \[0x[0-9a-f]+\]/);
    expect(r.err).toMatch(/#\d+ 'main' prio 0 cpu \d \[pending\]/);
  });

  it("a kernel panic exits 125", () => {
    const r = wasmp("run", app("spin_recursive"), "--cpus", "2");
    expect(r.code).toBe(125);
    expect(r.err).toContain(">>> ZEPHYR FATAL ERROR 4: K_ERR_KERNEL_PANIC");
  });

  it("--help documents the commands and exit codes", () => {
    const r = wasmp("--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("wasmp run <app.ts|app.wasm>");
    expect(r.out).toContain("124 timeout");
  });
});
