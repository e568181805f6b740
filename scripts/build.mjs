#!/usr/bin/env node
// Builds the host bundles into dist/ with esbuild: the CLI, the library entry and the two
// worker entries (workers are started from built JavaScript, under vitest too).
import { build } from "esbuild";
import { chmodSync } from "node:fs";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
};
await Promise.all([
  build({ ...common, entryPoints: ["src/cli/bin.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } }),
  build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js" }),
  build({ ...common, entryPoints: ["src/cpu/worker-node.ts"], outfile: "dist/cpu-worker.js" }),
  build({ ...common, entryPoints: ["src/machine/clock-worker-node.ts"], outfile: "dist/clock-worker.js" }),
]);
chmodSync("dist/cli.js", 0o755);
