// The warm build server (src/image/build-server.ts): it fills the caller's image cache, and a
// caller whose server is missing or fails builds the image itself, with its usual errors.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBuild, startBuildServer } from "../src/image/build-server.js";
import { buildImage, type BuildOptions } from "../src/image/image.js";
import type { Server } from "node:net";
import { app } from "./helpers.js";

describe("build server", () => {
  let dir = "";
  let server: Server;
  const built: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wasmp-bs-test-"));
    server = await startBuildServer(join(dir, "s.sock"), (a, o) => {
      built.push(a);
      return buildImage(a, { ...o });
    });
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds into the caller's cache, then the caller's own build is a cache hit", async () => {
    const opts: BuildOptions = { cacheDir: join(dir, "cache") };
    expect(await requestBuild(join(dir, "s.sock"), app("boot"), opts)).toBe(true);
    expect(built).toEqual([app("boot")]);
    const local = await buildImage(app("boot"), { ...opts });
    expect(local.cached).toBe(true);
    expect(local.wasm.length).toBeGreaterThan(1000);
  });

  it("reports a failed build as not done, and the caller's own build gives the error", async () => {
    const bad = join(dir, "bad.ts");
    writeFileSync(bad, "export function main(): i32 { return undefined_name; }\n");
    const opts: BuildOptions = { cacheDir: join(dir, "cache") };
    expect(await requestBuild(join(dir, "s.sock"), bad, opts)).toBe(false);
    await expect(buildImage(bad, opts)).rejects.toThrow(/undefined_name/);
  });

  it("without a server at the socket, the request fails at once and nothing is lost", async () => {
    expect(await requestBuild(join(dir, "nobody.sock"), app("boot"), { cacheDir: join(dir, "cache2") })).toBe(false);
  });
});
