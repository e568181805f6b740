import { spawnSync } from "node:child_process";
import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { buildImage } from "../src/image/image.js";
import { k_thread, k_spinlock, z_kernel, _cpu } from "../src/generated/contract.js";
import { app } from "./helpers.js";

describe("one layout schema", () => {
  it("the generated files are up to date with contract/schema.mjs", () => {
    const r = spawnSync(process.execPath, ["scripts/gen-contract.mjs", "--check"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  });

  it("offsets follow natural alignment and per-CPU data does not false-share", () => {
    expect(k_spinlock.SIZE).toBe(20);
    expect(k_thread.timeout % 8).toBe(0);
    expect(_cpu.SIZE % 64).toBe(0);
    expect(z_kernel.cpus % 64).toBe(0);
  });
});

describe("image invariants (regression guards for platform pitfalls)", () => {
  it("the image never blocks in Wasm (memory.atomic.wait hangs under Liftoff on Node 20), has no shadow stack, and imports its memory", async () => {
    const img = await buildImage(app("counter"), { defines: ["KCONFIG_SMP=1"] });
    const mod = binaryen.readBinary(img.wasm);
    mod.setFeatures(binaryen.Features.All);
    const text = mod.emitText();
    mod.dispose();
    expect(text).not.toMatch(/memory\.atomic\.wait(32|64)/);
    expect(text).not.toContain("__stack_pointer");
    expect(text).toMatch(/\(import "env" "memory" \(memory \$\S+ \d+ \d+ shared\)\)/);
    expect(text).toContain('(import "wasmp" "arch_switch"');
    expect(text).toContain("asyncify_start_unwind");
    expect(img.safepoints).toBeGreaterThan(0);
  });
});
