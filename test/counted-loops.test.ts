// Short counted loops get no safepoint (src/image/counted-loops.ts); every other loop keeps its
// own. The image builder counts the safepoints it inserted (BuiltImage.safepoints).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildImage } from "../src/image/image.js";
import { SHORT_LOOP_MAX_ITERATIONS } from "../src/image/counted-loops.js";

async function safepointsIn(body: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "wasmp-loops-"));
  const file = join(dir, "loops.ts");
  writeFileSync(
    file,
    `function f(x: i32): i32 { return x + 1; }\nexport function main(): i32 {\n  let x: u32 = 1;\n  const n = <i32>x + 7;\n${body}\n  return <i32>x;\n}\n`,
  );
  const img = await buildImage(file, { cacheDir: null, asyncify: false, optimize: 0 });
  return img.safepoints;
}

describe("safepoints in loops", () => {
  it("a short counted loop of straight-line code has none", async () => {
    expect(await safepointsIn("  for (let k = 0; k < 8; k++) x = (x >>> 1) ^ (0xedb88320 & (0 - (x & 1)));")).toBe(0);
    expect(await safepointsIn("  for (let k = 1; k <= 64; ++k) x += <u32>k;")).toBe(0);
    expect(await safepointsIn("  for (let k = 0; k < 256; k += 4) { x ^= <u32>k; x *= 3; }")).toBe(0);
  });

  it("every other loop keeps its safepoint", async () => {
    // A bound that is not a literal, a call, too many iterations, a write to the counter, a
    // nested loop, and loops that are not counted at all.
    const loops = [
      "  for (let k = 0; k < n; k++) x++;",
      "  for (let k = 0; k < 8; k++) x += <u32>f(k);",
      `  for (let k = 0; k <= ${SHORT_LOOP_MAX_ITERATIONS}; k++) x++;`,
      "  for (let k = 0; k < 8; k++) { if (x > 100) k--; x++; }",
      "  for (let k = 0; k < 8; k++) for (let j = 0; j < 2; j++) x++;",
      "  while (x < 1000) x += 3;",
      "  do { x--; } while (x > 10);",
    ];
    // The nested loop's inner loop is short: it has none, its outer loop has one.
    expect(await safepointsIn(loops.join("\n"))).toBe(loops.length);
  });
});
