// The ports of Zephyr's samples in examples/ (smp_pi, smp_pktqueue, synchronization) run as a
// user runs them, `wasmp run <main.ts> --config <upstream prj.conf>`, on 1, 2 and 4 CPUs: each
// exits 0 with its own check passed, prints upstream's lines, and the prj.conf draws only the
// warnings of its inert options. A hang ends at --timeout with exit 124 and the machine dump,
// which the failure message shows.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = join(process.cwd(), "dist", "cli.js");
const CPUS = [1, 2, 4];

function wasmp(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000 });
  const out = r.stdout;
  const err = r.stderr;
  return {
    code: r.status,
    lines: out.split("\n").filter((l) => l !== ""),
    err,
    explain: `exit ${r.status}\n${out}\n${err}`,
  };
}

function runExample(dir: string, file: string, cpus: number, timeout = 60) {
  return wasmp(
    "run",
    `examples/${dir}/${file}`,
    "--config",
    `examples/${dir}/prj.conf`,
    "--cpus",
    String(cpus),
    "--timeout",
    String(timeout),
  );
}

/** The warning lines a prj.conf draws (stderr lines of the form "wasmp: <file>:<line>: warning: CONFIG_X has no effect"). */
function warnings(err: string): string[] {
  return err
    .split("\n")
    .map((l) => /^wasmp: (\S+:\d+): warning: (CONFIG_\w+) has no effect in wasmp: /.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
}

/** The first n digits of pi, by Machin's formula in BigInt (independent of the sample's table). */
function piDigits(n: number): string {
  const unity = 10n ** BigInt(n + 20);
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = unity / x;
    let k = 1n;
    let sign = 1n;
    while (term !== 0n) {
      sum += (sign * term) / k;
      term /= x * x;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  return (16n * atanInv(5n) - 4n * atanInv(239n)).toString().slice(0, n);
}

describe("examples: Zephyr's samples, with their upstream prj.conf", () => {
  it("the prj.conf files are upstream's, byte for byte (test/fixtures/zephyr records the commits)", () => {
    const fixtures = "test/fixtures/zephyr/samples";
    for (const [dir, upstream] of [
      ["smp_pi", "arch/smp/pi"],
      ["smp_pktqueue", "arch/smp/pktqueue"],
      ["synchronization", "synchronization"],
    ]) {
      expect(readFileSync(`examples/${dir}/prj.conf`, "utf8"), dir).toBe(
        readFileSync(`${fixtures}/${upstream}/prj.conf`, "utf8"),
      );
    }
  });

  for (const cpus of CPUS) {
    it(`smp_pi on ${cpus} CPU(s): 16 threads each compute pi's first 240 digits`, () => {
      const r = runExample("smp_pi", "main.ts", cpus);
      expect(r.code, r.explain).toBe(0);
      const pi = piDigits(240);
      expect(r.lines).toEqual([
        "Calculate first 240 digits of Pi independently by 16 threads.",
        ...Array.from({ length: 16 }, (_, i) => `Pi value calculated by thread #${i}: ${pi}`),
        expect.stringMatching(new RegExp(`^All 16 threads executed by ${cpus} cores in \\d+ msec$`)),
        "Pi check: OK: all 16 threads computed the first 240 digits of pi",
      ]);
      expect(warnings(r.err)).toEqual(["examples/smp_pi/prj.conf:8 CONFIG_TEST"]);
    });
  }

  for (const cpus of CPUS) {
    it(`smp_pktqueue on ${cpus} CPU(s): every header's CRC checks out and every header is received once`, () => {
      const r = runExample("smp_pktqueue", "main.ts", cpus);
      expect(r.code, r.explain).toBe(0);
      expect(r.lines).toEqual([
        "Simulating IP header validation on multiple cores.",
        `Each of 2 parallel queues is processed by ${cpus + 1} threads on ${cpus} cores and contain 5000 packet headers.`,
        "Bytes in packet header: 24",
        "RESULT: OK",
        "Application ran successfully.",
        expect.stringMatching(/^All 10000 headers were processed in \d+ msec$/),
        "Check: OK: CRC-16/UMTS check value right, every header received exactly once",
      ]);
      expect(warnings(r.err)).toEqual([
        "examples/smp_pktqueue/prj.conf:4 CONFIG_TEST_RANDOM_GENERATOR",
        "examples/smp_pktqueue/prj.conf:8 CONFIG_CRC",
      ]);
    });
  }

  for (const cpus of CPUS) {
    it(`synchronization (bounded) on ${cpus} CPU(s): thread_a and thread_b alternate, each on its pinned CPU`, () => {
      const r = runExample("synchronization", "bounded.ts", cpus);
      expect(r.code, r.explain).toBe(0);
      const b = cpus > 1 ? 1 : 0; // upstream pins thread_b to CPU 1 when there is one
      expect(r.lines).toEqual([
        "thread_a: Hello World from cpu 0 on wasmp!",
        `thread_b: Hello World from cpu ${b} on wasmp!`,
        "thread_a: Hello World from cpu 0 on wasmp!",
        `thread_b: Hello World from cpu ${b} on wasmp!`,
        `synchronization: OK: 4 greetings, thread_a and thread_b alternating, thread_a on cpu 0, thread_b on cpu ${b}`,
      ]);
      expect(warnings(r.err)).toEqual(["examples/synchronization/prj.conf:1 CONFIG_STDOUT_CONSOLE"]);
    });
  }

  it("synchronization's main.ts runs forever, as upstream: still alternating when --timeout ends it", () => {
    const r = runExample("synchronization", "main.ts", 2, 2);
    expect(r.code, r.explain).toBe(124);
    const greetings = r.lines.filter((l) => l.includes("Hello World"));
    expect(greetings.length, r.explain).toBeGreaterThanOrEqual(2);
    greetings.forEach((l, i) => {
      expect(l).toBe(
        i % 2 === 0 ? "thread_a: Hello World from cpu 0 on wasmp!" : "thread_b: Hello World from cpu 1 on wasmp!",
      );
    });
    expect(r.lines.some((l) => l.includes("FAILED"))).toBe(false);
  });
});
