// A warm image builder shared by many short-lived processes (the test suite's `wasmp test`
// runs, a script that runs many applications). A cold process spends about 4 s of a 5 s build
// warming up asc and binaryen; a process that keeps them warm builds the same image in about
// 1.2 s (measured on counter.ts: 5,212 ms in a new process, 1,072 ms for the third build in one).
//
// The server only fills the image cache: a process that has WASMP_BUILD_SERVER set (a Unix
// socket path, or a named pipe on Windows) asks it to build, waits, and then builds as usual,
// which finds the image in the cache. Whatever goes wrong on the way (no server, a compile
// error, a crash) only costs time: the process builds the image itself and reports errors
// as it always does. The protocol is one JSON request per line, one JSON reply per line:
//   {"id": n, "app": "/abs/app.ts", "opts": BuildOptions with cacheDir set}  →  {"id": n, "ok": bool}

import { createConnection, createServer, type Server } from "node:net";
import type { BuildOptions } from "./image.js";

/** The environment variable that names the server's socket. */
export const BUILD_SERVER_ENV = "WASMP_BUILD_SERVER";

/** How long a client waits for one build before building itself. */
const CLIENT_TIMEOUT_MS = 120_000;

interface Request {
  id: number;
  app: string;
  opts: BuildOptions;
}

/**
 * Listens on `socketPath`; each request is built with `build` (buildImage), one at a time in
 * arrival order (builds are CPU-bound: two at once would only share the same core).
 */
export function startBuildServer(
  socketPath: string,
  build: (app: string, opts: BuildOptions) => Promise<unknown>,
): Promise<Server> {
  let queue: Promise<void> = Promise.resolve();
  const server = createServer((sock) => {
    let buf = "";
    sock.setEncoding("utf8");
    sock.on("error", () => sock.destroy());
    sock.on("data", (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let req: Request;
        try {
          req = JSON.parse(line) as Request;
        } catch {
          sock.destroy();
          return;
        }
        queue = queue.then(async () => {
          let ok = true;
          try {
            await build(req.app, req.opts);
          } catch {
            ok = false; // the client builds itself and reports the error
          }
          if (!sock.destroyed) sock.write(`${JSON.stringify({ id: req.id, ok })}\n`);
        });
      }
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolvePromise(server));
  });
}

/**
 * Asks the server at `socketPath` to build `app` into `opts.cacheDir`; resolves true when it
 * did, false on any failure (the caller then builds itself).
 */
export function requestBuild(socketPath: string, app: string, opts: BuildOptions): Promise<boolean> {
  return new Promise((resolvePromise) => {
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolvePromise(ok);
    };
    const sock = createConnection(socketPath);
    const timer = setTimeout(() => finish(false), CLIENT_TIMEOUT_MS);
    let buf = "";
    sock.setEncoding("utf8");
    sock.on("error", () => finish(false));
    sock.on("close", () => finish(false));
    sock.on("connect", () => sock.write(`${JSON.stringify({ id: 1, app, opts } satisfies Request)}\n`));
    sock.on("data", (chunk: string) => {
      buf += chunk;
      const nl = buf.indexOf("\n");
      if (nl < 0) return;
      try {
        finish((JSON.parse(buf.slice(0, nl)) as { ok?: unknown }).ok === true);
      } catch {
        finish(false);
      }
    });
  });
}
