import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("a user project outside the repository", () => {
  it('installs wasmp from a path, builds and runs an app that imports from "wasmp"', () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmp-user-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "my-app", private: true, type: "module" }));
    writeFileSync(
      join(dir, "app.ts"),
      [
        'import { printk, k_thread_create, k_thread_join, K_FOREVER, K_NO_WAIT, arch_num_cpus } from "wasmp";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: AssemblyScript source text with a template literal
        "function hi(p1: usize, p2: usize, p3: usize): void { printk(`thread ${p1} says hi\\n`); }",
        "export function main(): i32 {",
        "  const t = k_thread_create(4096, hi, 42, 0, 0, 1, 0, K_NO_WAIT);",
        "  k_thread_join(t, K_FOREVER);",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: AssemblyScript source text with a template literal
        "  printk(`${arch_num_cpus()} cpus\\n`);",
        "  return 5;",
        "}",
      ].join("\n"),
    );
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const inst = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--offline", process.cwd()], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(inst.status, inst.stderr).toBe(0);
    const bin = join(dir, "node_modules", ".bin", "wasmp");
    const b = spawnSync(bin, ["build", "app.ts", "-o", "app.wasm"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
    const r = spawnSync(bin, ["run", "app.wasm", "--cpus", "3"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(r.stdout).toContain("thread 42 says hi");
    expect(r.stdout).toContain("3 cpus");
    expect(r.status).toBe(5);
  });
});
