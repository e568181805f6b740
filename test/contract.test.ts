// The contract (contract/schema.mjs) is the one place where errno values, CPU limits, structure
// offsets and bit encodings are written as numbers. This scans every hand-written source for
// the literal forms they used to take, so that a new one fails here with its file and line.
// A line that must keep a literal says why with `contract-ok: <reason>`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errno } from "../src/generated/contract.js";

const SOURCES = ["assembly", "src", "twin", "benchmarks", "scripts", "test", "index.ts", "examples"];

function sources(): string[] {
  const r = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", ...SOURCES], {
    encoding: "utf8",
  });
  return r.stdout
    .split("\n")
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.includes("/generated/") && f !== "test/contract.test.ts");
}

/** Errno values other than 1 (`-1` is a common sentinel, EPERM is written by name where meant). */
const ERRNOS = new Set<number>(Object.values(errno).filter((v) => v !== 1));

/** Guest programs: their own memory.data records are theirs, not the contract's. */
const GUEST_PROGRAMS = /^(test\/(apps|conformance|ztest)|examples)\//;

interface Rule {
  what: string;
  test: (line: string) => boolean;
  /** Applies to guest test programs too. */
  guests?: boolean;
}

const RULES: Rule[] = [
  {
    what: "an errno value written as a number (use -EBUSY / errno.EBUSY)",
    guests: true,
    test: (l) =>
      [...l.matchAll(/(?:return|===?|!==?|toBe\(|\?|:|\(|,)\s*-(\d+)\b/g)].some((m) => ERRNOS.has(Number(m[1]))),
  },
  {
    what: "a CPU limit written as 32 (use MAX_CPUS)",
    guests: true,
    test: (l) => /cpu/i.test(l) && /(?<![\w.])32(?![\w.])/.test(l),
  },
  {
    what: "a structure offset written as a number (use the generated offsets)",
    test: (l) =>
      /\(\s*\w+\s*\+\s*[1-9]\d*\s*\)\s*>>\s*[23]\b/.test(l) ||
      /\bload<\w+>\([^,()]+,\s*[1-9]\d*\s*\)/.test(l) ||
      /\bstore<\w+>\([^,()]+,[^,()]+,\s*[1-9]\d*\s*\)/.test(l),
  },
  {
    what: "a thread-state, option or encoding bit written as a number (use the generated names)",
    test: (l) =>
      /1\s*<<\s*\d+\s*\/\*\s*_?(THREAD|K_)/.test(l) ||
      (/thread_cpu|tc\b/.test(l) && /0xff\b|<<\s*8\b|>>>?\s*8\b/.test(l)),
  },
];

describe("the contract is the only place for errno values, CPU limits, offsets and encodings", () => {
  it("no hand-written source writes them as literals", () => {
    const hits: string[] = [];
    for (const file of sources()) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (line.includes("contract-ok:")) return;
        if (/^\s*(\*|\/\*)/.test(line)) return; // a doc or block comment line
        const code = line.replace(/\/\/.*$/, "");
        const guest = GUEST_PROGRAMS.test(file);
        for (const r of RULES)
          if ((r.guests || !guest) && r.test(code)) hits.push(`${file}:${i + 1}: ${r.what}\n    ${line.trim()}`);
      });
    }
    expect(hits, hits.join("\n")).toEqual([]);
  });

  it("the rules catch what they are meant to", () => {
    const bad = [
      "return -16; // -EBUSY",
      "expect(r).toBe(-22);",
      "if (n > 32) usage('cpus')",
      "const tc = u32[(a + 8) >> 2];",
      "return load<u32>(p, 12);",
      "state: 1 << 7 /* _THREAD_QUEUED */",
      "holder = (tc & 0xff) - 1",
    ];
    for (const b of bad)
      expect(
        RULES.some((r) => r.test(b)),
        b,
      ).toBe(true);
    const good = [
      "return -EBUSY;",
      "if (n > MAX_CPUS)",
      "u32[(a + k_spinlock.thread_cpu) >> 2]",
      "return -1;",
      "let x: u32 = 0;",
    ];
    for (const g of good)
      expect(
        RULES.some((r) => r.test(g)),
        g,
      ).toBe(false);
  });
});
