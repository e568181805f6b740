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
    ).toEqual([`wasmp: ${conf}:4: warning: CONFIG_TEST_RANDOM_GENERATOR`, `wasmp: ${conf}:8: warning: CONFIG_CRC`]);
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
    // wasmp's own warnings (AS201 in ~lib/wasmp/…) are not the user's business.
    expect(r.err).not.toContain("~lib/");
  });

  it("a missing application file is a usage error (exit 2), not a failed build", () => {
    const r = wasmp("run", "no/such/app.ts");
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe("wasmp: no/such/app.ts: no such file");
  });

  it("a wrong main signature is a build error at the user's file and line, not in the generated entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const bad = join(dir, "badmain.ts");
    writeFileSync(
      bad,
      'import { printk } from "wasmp";\n\nexport function main(x: i32): void {\n  printk("hi\\n");\n}\n',
    );
    const r = wasmp("build", bad);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      /badmain\.ts:3: main must be `export function main\(\): i32` .*this one is `main\(x: i32\): void`/,
    );
    expect(r.err).not.toContain("__wasmp_entry");
    expect(r.err).not.toContain("WARNING");
  });

  it("build warns about a top-level let that a function writes, with its file:line and docs/api.md", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-cli-"));
    const src = join(dir, "counter.ts");
    writeFileSync(src, "let count: i32 = 0;\nexport function main(): i32 {\n  count++;\n  return count;\n}\n");
    const r = wasmp("build", src, "-o", join(dir, "counter.wasm"));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(
      /^wasmp: .*counter\.ts:1: warning: top-level variable 'count' is written in function 'main' \(line 3\): each CPU has its own copy .*\(docs\/api\.md, "Top-level variables"\)$/m,
    );
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
    // The application's top-level K_SPINLOCK_DEFINE is named by its variable.
    expect(r.err).toMatch(/locks held \[lock \(0x[0-9a-f]+\)\]/);
    expect(r.err).toMatch(
      /#\d+ 'main' prio 0 cpu \d \[pending\] waits on semaphore 'never' \(0x[0-9a-f]+\), count 0 of limit 1, forever/,
    );
    // Each CPU's timer deadline, and the timeout list from its head: the sleeper's hour.
    expect(r.err).toMatch(/^CPU \d: .* timer irqs, timer (off|in \d+\.\d{3} ms|\d+\.\d{3} ms overdue)$/m);
    expect(r.err).toMatch(/^timeouts \(\d+ armed\): (.*; )?tick \d+ #\d+ 'sleeper'(;|$)/m);
  });

  it("--timeout on an ABBA deadlock: the dump shows what each pended thread waits on, each mutex's owner, and the cycle", () => {
    const r = wasmp("run", app("abba"), "--cpus", "2", "--timeout", "2");
    expect(r.code, r.err).toBe(124);
    const hex = "0x[0-9a-f]+";
    expect(r.err).toMatch(
      new RegExp(
        `^  #\\d+ 't1' prio 1 cpu \\d \\[pending\\] waits on mutex 'lock_b' \\(${hex}\\), held by #\\d+ 't2' \\(lock count 1\\), forever$`,
        "m",
      ),
    );
    expect(r.err).toMatch(
      new RegExp(
        `^  #\\d+ 't2' prio 1 cpu \\d \\[pending\\] waits on mutex 'lock_a' \\(${hex}\\), held by #\\d+ 't1' \\(lock count 1\\), forever$`,
        "m",
      ),
    );
    expect(r.err).toMatch(
      new RegExp(
        `^  #\\d+ 'waiter' prio 1 cpu \\d \\[pending\\] waits on semaphore 'never' \\(${hex}\\), count 0 of limit 1, forever$`,
        "m",
      ),
    );
    expect(r.err).toMatch(
      new RegExp(
        `^  #\\d+ 'main' .*\\[pending\\] waits on thread \\(k_thread_join\\) 't1' \\(${hex}\\), forever$`,
        "m",
      ),
    );
    const deadlocks = r.err.split("\n").filter((l) => l.startsWith("deadlock: "));
    expect(deadlocks).toHaveLength(1);
    expect(deadlocks[0]).toMatch(
      new RegExp(
        `^deadlock: #\\d+ 't1' waits for mutex 'lock_b' \\(${hex}\\) held by #\\d+ 't2', which waits for mutex 'lock_a' \\(${hex}\\) held by #\\d+ 't1'$`,
      ),
    );
  });

  it("a fatal report is printed once, with one reason, in order with the console on stdout", () => {
    const r = wasmp("run", app("fatal_order"), "--cpus", "2");
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toEqual([
      "main: start",
      "faulty: line 1",
      "faulty: line 2",
      expect.stringMatching(/^>>> ZEPHYR FATAL ERROR 3: Kernel oops on CPU \d$/),
      expect.stringMatching(/^Current thread: #\d+ 'faulty' \(0x[0-9a-f]+\)$/),
      expect.stringMatching(/^abort: the state is bad at fatal_order\.ts:9:\d+$/),
      "main: after the fault (join 0)",
    ]);
    expect(r.err).toBe("");
  });

  it("a kernel panic exits 125", () => {
    const r = wasmp("run", app("spin_recursive"), "--cpus", "2");
    expect(r.code).toBe(125);
    expect(r.out).toContain(">>> ZEPHYR FATAL ERROR 4: Kernel panic on CPU");
    expect(r.err).toContain("system halted by CPU");
  });

  it("--help documents the commands and exit codes", () => {
    const r = wasmp("--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("wasmp run <app.ts|app.wasm>");
    expect(r.out).toContain("124 timeout");
  });
});
