// printk/snprintk with a format (the build-time rewrite in src/image/transform.ts and the
// formatter in assembly/kernel/printk.ts), and CONFIG_BOARD as the guest reads it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFormat } from "../src/image/transform.js";
import { resolveKconfig } from "../src/board/kconfig.js";
import { explain, runApp } from "./helpers.js";

const CLI = join(process.cwd(), "dist", "cli.js");

/** What glibc's printf prints for the same formats and values (test/apps/printk_format.ts). */
const EXPECTED = [
  "brief|42 items, wasmp, ff|",
  "d|42 -42 0|",
  "u|3735928559 4294967254|",
  "x|deadbeef DEADBEEF 000000ab 0xff 0XFF 010 10|",
  "ll|-1234567890123 18446744073709551615 -42 3735928559 7|",
  "width|   42|42   |-0042|+42| 42|-42|",
  "prec|007||     007|007     |was|      wa|",
  "s|wasmp|   ab|ab     ||",
  "c|Hi!|  A|B  |",
  "pct|100%|42%|",
  "star|    42|42    |0042|   0042|",
  "h|4464 4464 44 ff|",
  "p|0x1234|(nil)|",
  "bool|1 0|",
  "min|-2147483648 -9223372036854775808|",
  "zero|0 0 | 0|",
  "literal only: 100% done",
  "template|42%d|",
  "snprintk|9|wasmp-007|",
  "snprintk_cut|6|123|",
  "snprintk_zero|3|",
  "cstr|123|12|",
  "thread|main|",
  "board|wasmp|",
];

function build(source: string) {
  const dir = mkdtempSync(join(tmpdir(), "wasmp-printk-"));
  const file = join(dir, "fmt.ts");
  writeFileSync(
    file,
    `import { printk, snprintk } from "wasmp";\nexport function main(): i32 {\n${source}\n  return 0;\n}\n`,
  );
  const r = spawnSync(process.execPath, [CLI, "build", file, "-o", join(dir, "fmt.wasm")], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, err: r.stderr };
}

describe("printk with a format string", () => {
  it("formats as C's printf does, on every CPU count", { retry: 2 }, async () => {
    for (const cpus of [1, 2]) {
      const r = await runApp("printk_format", { cpus });
      expect(r.result.status, explain(r)).toBe("exit");
      expect(r.out.split("\n")).toEqual(EXPECTED);
    }
  });

  it("parses Zephyr's cbprintf subset and rejects the rest", () => {
    expect(parseFormat("a%-08.3lldb%%")).toEqual([
      { text: "a" },
      { method: "d", flags: 1 | 8, width: 8, prec1: 4, length: 4, spec: "%-08.3lld" },
      { text: "b%" },
    ]);
    expect(parseFormat("%*.*s")[0]).toMatchObject({ method: "s", flags: 32 | 64 });
    expect(() => parseFormat("%f")).toThrow(/floating-point/);
    expect(() => parseFormat("%n")).toThrow(/%n is not supported/);
    expect(() => parseFormat("%Lf")).toThrow(/length modifier 'L'/);
    expect(() => parseFormat("%w")).toThrow(/unknown conversion '%w'/);
    expect(() => parseFormat("100%")).toThrow(/incomplete conversion/);
  });

  it("a wrong argument count is a build error naming the file and line", () => {
    const r = build('  printk("%d and %s\\n", 1);');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/fmt\.ts:3: printk: the format "%d and %s\\n" takes 2 arguments, the call passes 1/);
  });

  it("a format that is not a literal is a build error; snprintk is checked too", () => {
    const a = build('  const f = "%d";\n  printk(f, 1);');
    expect(a.code).toBe(3);
    expect(a.err).toMatch(/fmt\.ts:4: printk: the format must be a string literal/);
    const b = build('  snprintk(0, 0, "%x %x", 1);');
    expect(b.code).toBe(3);
    expect(b.err).toMatch(/fmt\.ts:3: snprintk: the format "%x %x" takes 2 arguments, the call passes 1/);
  });

  it("a template literal takes no arguments", () => {
    const a = build("  const n = 1;\n  printk(`n=${n} %d\\n`, n);");
    expect(a.code).toBe(3);
    expect(a.err).toMatch(/fmt\.ts:4: printk: a template literal is the whole text and takes no arguments/);
  });

  it("an argument of the wrong type is a compile error at the user's argument, naming the conversion", () => {
    // Line 3 of fmt.ts is the first line of main's body (see build()).
    const r = build(
      '  const name = "x";\n  printk("%d items\\n", name);\n  printk("%s %*d\\n", 5.5, "w", 1);\n' +
        '  const buf = new ArrayBuffer(8);\n  snprintk(changetype<usize>(buf), 8, "%u", true ? name : name);',
    );
    expect(r.code).toBe(3);
    expect(r.err).toContain('"printk: argument 1 (for %d) takes an integer (or bool)"');
    expect(r.err).toContain("in fmt.ts(4,24)");
    expect(r.err).toContain(
      '"printk: argument 1 (for %s) takes a string (or the address of a NUL-terminated byte string)"',
    );
    expect(r.err).toContain("in fmt.ts(5,22)");
    expect(r.err).toContain('"printk: argument 2 (the * width of %*d) takes an integer"');
    expect(r.err).toContain("in fmt.ts(5,27)");
    expect(r.err).toContain('"snprintk: argument 1 (for %u) takes an integer (or bool)"');
    expect(r.err).toContain("in fmt.ts(7,45)");
    // The formatter's own checks inside the kernel would repeat these: they are not shown.
    expect(r.err).not.toContain("printk.ts");
    expect(r.err).not.toContain("~lib/");
    const t = build("  const f = (x: i32): i32 => x + 1;\n  printk(`f=${f}\\n`);");
    expect(t.code).toBe(3);
    expect(t.err).toContain(
      '"printk: an interpolation ${…} takes a number, a bool, a string or an object with a toString() method"',
    );
    expect(t.err).toContain("in fmt.ts(4,15)");
  });
});

describe("CONFIG_BOARD", () => {
  it("is the board's name, which the command line takes from the option", async () => {
    const r = await runApp("printk_format", { cpus: 1, set: ['CONFIG_BOARD="qemu_x86_64"'] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("board|qemu_x86_64|");
  });

  it("a value other than the board's is an error; a board name must fit the guest's field", () => {
    expect(() =>
      resolveKconfig([{ name: "BOARD", value: "other", where: "prj.conf:1" }], { cpus: 1, name: "mine" }),
    ).toThrow(/prj\.conf:1: CONFIG_BOARD="other" does not match the board's name 'mine'/);
    expect(resolveKconfig([], { cpus: 2, name: "mine" }).BOARD).toBe("mine");
    expect(() => resolveKconfig([], { cpus: 1, name: "x".repeat(64) })).toThrow(/1 to 63 printable ASCII/);
  });
});
