// printk (and snprintk) of a template literal: rewritten at build time into the formatter
// chain (src/image/transform.ts, assembly/kernel/printk.ts `tpl`), so that a line allocates
// nothing that outlives the call, and formatted as AssemblyScript's own template literal.
import { beforeAll, describe, expect, it } from "vitest";
import { explain, runApp, type AppRun } from "./helpers.js";

const LINES_PER_CPU = 25000;
const NAMES = ["alpha", "beta", "gamma", "delta"];
const U64_MAX = 2n ** 64n - 1n;

/** AssemblyScript's toString of a float that JavaScript prints without a fraction: "2.0". */
function asFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** The line worker `w` prints for `i` (test/apps/printk_template.ts). */
function expectedLine(w: number, i: number): string {
  const i8 = ((i & 0xff) << 24) >> 24;
  return (
    `w${w} i=${i} neg=${-i === 0 ? 0 : -i} u64=${U64_MAX - BigInt(i)} i8=${i8} f=${asFloat(i + 0.5)} ` +
    `h=${asFloat(Math.fround(i * 0.25))} ok=${i % 2 === 0} s=${NAMES[w]} n=null`
  );
}

describe("printk of a template literal", () => {
  const cpus = 4;
  let r: AppRun;
  beforeAll(async () => {
    r = await runApp("printk_template", { cpus, timeoutMs: 120_000 });
  }, 180_000);

  it("prints 100,000 lines on 4 CPUs, each in order and exact, and the heap holds what it held before", () => {
    expect(r.result.status, explain(r)).toBe("exit");
    const summary = /heap before=(\d+) after=(\d+) peak=(\d+) lines=(\d+) snprintk_bad=(\d+) wrong_cpu=(\d+)/.exec(
      r.out,
    );
    expect(summary, r.out.slice(-2000)).not.toBeNull();
    const [, before, after, peak, lines, snprintkBad, wrongCpu] = summary!.map(Number);
    expect(lines).toBe(cpus * LINES_PER_CPU);
    // Nothing the 100,000 printk calls made is left on the heap.
    expect(after, `heap grew by ${after! - before!} bytes`).toBe(before);
    // ... and while they ran, at most a few builders were live (one per CPU at a time).
    expect(peak! - before!).toBeLessThan(cpus * 1024);
    expect(snprintkBad).toBe(0);
    expect(wrongCpu).toBe(0);
    // Every line is there, once, in order per worker, from the worker's CPU.
    const next = [0, 0, 0, 0];
    const bad: string[] = [];
    for (const l of r.lines) {
      const m = /^\[(\d+)\] w(\d) i=(\d+) /.exec(l);
      if (!m) continue;
      const cpu = Number(m[1]);
      const w = Number(m[2]);
      const i = Number(m[3]);
      const text = l.slice(l.indexOf("] ") + 2);
      if (cpu !== w || i !== next[w] || text !== expectedLine(w, i)) {
        if (bad.length < 5) bad.push(`${l} (expected [${w}] ${expectedLine(w, next[w]!)})`);
      }
      next[w] = i + 1;
    }
    expect(bad).toEqual([]);
    expect(next).toEqual([LINES_PER_CPU, LINES_PER_CPU, LINES_PER_CPU, LINES_PER_CPU]);
  });

  it("formats every type as AssemblyScript's own template literal does", () => {
    expect(r.result.status, explain(r)).toBe("exit");
    const out = r.out.split("\n");
    // Each edge case is printed by the printk chain, then by a string AssemblyScript built.
    for (const name of ["edge1", "edge2", "edge3", "edge4", "null", "edge5"]) {
      const pair = out.filter((l) => l.startsWith(`${name}|`));
      expect(pair, name).toHaveLength(2);
      expect(pair[0], name).toBe(pair[1]);
    }
    expect(out).toContain("edge1|-9223372036854775808|18446744073709551615|-128|65535|-7|");
    expect(out.find((l) => l.startsWith("edge2|"))).toMatch(
      /^edge2\|NaN\|Infinity\|-Infinity\|0\.0\|1e\+21\|1\.2e-7\|0\.3333333333333333\|2\.0\|0\.1\|16777216\.0\|/,
    );
    expect(out).toContain("edge3|true|false|na\u00efve \ud83d\ude00||");
    expect(out).toContain("edge4|(30,-400)|1,2,3|");
    expect(out).toContain("null|null|null|");
    // A template literal is not a format; snprintk of one counts UTF-8 bytes and cuts to fit.
    expect(out).toContain("pct|42%d 100%|");
    expect(out).toContain("line|149|in42|"); // __LINE__ and a nested template literal, rewritten too
    expect(out).toContain(`edge5|51|${U64_MAX}|0.3333333333333333|na\u00efve \ud83d\ude00|`);
    expect(out).toContain("cut|6|4242|");
  });
});
