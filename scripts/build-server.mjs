#!/usr/bin/env node
// A warm image builder (src/image/build-server.ts): `node scripts/build-server.mjs <socket>`
// listens on <socket> and builds the images that processes with WASMP_BUILD_SERVER=<socket>
// ask for, into their cache. test/global-setup.ts starts one for the test suite. Prints
// "listening <socket>" when ready; ends on SIGTERM, or when its stdin is a pipe that closes.
import { fstatSync } from "node:fs";
import { buildImage, startBuildServer } from "../dist/index.js";

const socket = process.argv[2];
if (!socket) {
  console.error("usage: node scripts/build-server.mjs <socket path>");
  process.exit(2);
}
delete process.env.WASMP_BUILD_SERVER; // its own builds are local
const server = await startBuildServer(socket, (app, opts) => buildImage(app, opts));
console.log(`listening ${socket}`);
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
if (fstatSync(0).isFIFO()) {
  // Started with a pipe for stdin (test/global-setup.ts): its parent's end closes it.
  process.stdin.on("end", stop);
  process.stdin.resume();
}
