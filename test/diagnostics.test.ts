// Diagnostics that point at the user's problem: the wait-cycle finder of the machine dump,
// fatal reports in console order with one reason, and build problems reported against the
// user's own file (main's signature, top-level variables that functions write). The CLI's side
// of the same (exit codes, the timeout dump of a real deadlock) is in cli.test.ts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { boardFromSettings } from "../src/board/kconfig.js";
import {
  _cpu,
  console_ring,
  consoleRecord,
  z_kernel,
  z_kernel_cpus_addr,
  WAIT_JOIN,
  WAIT_MUTEX,
  WAIT_SEM,
} from "../src/generated/contract.js";
import { ConsoleDrain } from "../src/machine/console.js";
import { buildImage } from "../src/image/image.js";
import { findDeadlocks, type ThreadState, type WaitTarget } from "../src/machine/dump.js";
import { runApplication } from "../src/run.js";
import { nodePlatform } from "../src/platform/node.js";
import type { Platform } from "../src/platform/types.js";
import { app } from "./helpers.js";
import { VmError } from "../src/errors.js";

function thread(id: number, name: string, waitsOn?: Partial<WaitTarget> & { kind: number }): ThreadState {
  const t: ThreadState = { id, addr: 0x1000 * id, name, prio: 1, cpu: 0, state: waitsOn ? ["pending"] : [] };
  if (waitsOn) t.waitsOn = { label: "mutex", addr: 0, name: "", forever: true, ...waitsOn };
  return t;
}

describe("the dump's wait-cycle finder", () => {
  it("prints a three-thread cycle once, from its oldest thread, naming each mutex and its holder", () => {
    const threads = [
      thread(1, "main", { kind: WAIT_JOIN, label: "thread (k_thread_join)", addr: 0x3000, name: "c" }), // into the cycle, not in it
      thread(3, "c", { kind: WAIT_MUTEX, addr: 0x10, name: "m1", owner: 0x4000, lockCount: 1 }),
      thread(4, "d", { kind: WAIT_MUTEX, addr: 0x20, name: "m2", owner: 0x5000, lockCount: 2 }),
      thread(5, "e", { kind: WAIT_MUTEX, addr: 0x30, owner: 0x3000, lockCount: 1 }),
    ];
    expect(findDeadlocks(threads)).toEqual([
      "deadlock: #3 'c' waits for mutex 'm1' (0x10) held by #4 'd', which waits for mutex 'm2' (0x20) held by #5 'e', " +
        "which waits for mutex 0x30 held by #3 'c'",
    ]);
  });

  it("follows joins as well as mutex owners", () => {
    const threads = [
      thread(2, "a", { kind: WAIT_MUTEX, addr: 0x10, name: "m", owner: 0x3000, lockCount: 1 }),
      thread(3, "b", { kind: WAIT_JOIN, label: "thread (k_thread_join)", addr: 0x2000, name: "a" }),
    ];
    expect(findDeadlocks(threads)).toEqual([
      "deadlock: #2 'a' waits for mutex 'm' (0x10) held by #3 'b', which waits for #2 'a' to end (k_thread_join)",
    ]);
  });

  it("finds no cycle in a chain that ends at a thread that runs, a free mutex or a semaphore", () => {
    const threads = [
      thread(2, "a", { kind: WAIT_MUTEX, addr: 0x10, owner: 0x3000, lockCount: 1 }),
      thread(3, "b"), // runs: it will unlock
      thread(4, "c", { kind: WAIT_MUTEX, addr: 0x20, owner: 0, lockCount: 0 }),
      thread(5, "d", { kind: WAIT_SEM, label: "semaphore", addr: 0x30, count: 0, limit: 1 }),
    ];
    expect(findDeadlocks(threads)).toEqual([]);
  });
});

/** One CPU's console ring in a fresh memory (kernel region at 0), and a writer of printk records into it. */
function consoleRing() {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const u32 = new Uint32Array(memory.buffer);
  const u16 = new Uint16Array(memory.buffer);
  const ring = z_kernel.SIZE;
  const units = 256;
  u32[(z_kernel_cpus_addr(0, 0) + _cpu.console) >>> 2] = ring;
  u32[(ring + console_ring.size) >>> 2] = units;
  const data = (ring + console_ring.SIZE) >>> 1;
  let head = 0;
  const put = (at: number, v: number): void => {
    u16[data + ((head + at) & (units - 1))] = v;
  };
  /** A record as printk writes it: header {seq, len} (each u32 as two units), then the text. */
  const printk = (seq: number, text: string): void => {
    put(consoleRecord.seq, seq & 0xffff);
    put(consoleRecord.seq + 1, seq >>> 16);
    put(consoleRecord.len, text.length);
    put(consoleRecord.len + 1, 0);
    for (let i = 0; i < text.length; i++) put(consoleRecord.HEADER_UNITS + i, text.charCodeAt(i));
    head += consoleRecord.HEADER_UNITS + text.length;
    Atomics.store(u32, (ring + console_ring.head) >>> 2, head);
  };
  return { memory, printk };
}

describe("the console drain", () => {
  it("prints an inserted record (a fatal report) in its numbered place, holding back later records until it comes", () => {
    const { memory, printk } = consoleRing();
    const out: string[] = [];
    const drain = new ConsoleDrain(memory, 0, 1, (_cpu, l) => out.push(l));
    printk(0, "before\n");
    printk(2, "after\n"); // printed after the report took number 1, which has not arrived yet
    drain.drain();
    expect(out).toEqual(["before"]);
    drain.insert(1, 0, () => out.push("REPORT"));
    drain.drain();
    expect(out).toEqual(["before", "REPORT", "after"]);
  });

  it("ends an unfinished line before the report", () => {
    const { memory, printk } = consoleRing();
    const out: string[] = [];
    const drain = new ConsoleDrain(memory, 0, 1, (_cpu, l) => out.push(l));
    printk(0, "half a line");
    drain.insert(1, 0, () => out.push("REPORT"));
    printk(2, " and the rest\n");
    drain.drain();
    expect(out).toEqual(["half a line", "REPORT", " and the rest"]);
  });
});

describe("fatal reports", () => {
  it("come in the console stream, between the lines printed before and after, with one reason", async () => {
    const lines: string[] = [];
    const { result } = await runApplication({
      app: app("fatal_order"),
      board: boardFromSettings({ cpus: 2 }, []),
      timeoutMs: 60_000,
      onLine: (_cpu, l) => lines.push(l), // no onFatal: the report goes to the console stream
    });
    expect(result.status, lines.join("\n")).toBe("exit");
    expect(result.fatal.map((f) => f.reasonName)).toEqual(["K_ERR_KERNEL_OOPS"]);
    const cpu = result.fatal[0]!.cpu;
    expect(lines).toEqual([
      "main: start",
      "faulty: line 1",
      "faulty: line 2",
      `>>> ZEPHYR FATAL ERROR 3: Kernel oops on CPU ${cpu}`,
      expect.stringMatching(/^Current thread: #\d+ 'faulty' \(0x[0-9a-f]+\)$/),
      expect.stringMatching(/^abort: the state is bad at fatal_order\.ts:9:\d+$/),
      "main: after the fault (join 0)",
    ]);
  });

  it("stay in their place when the report's message comes after main's exit (messages of two workers race)", async () => {
    // The faulting CPU's "fatal" message held back by 200 ms: main's "exit" comes first. The
    // machine waits for the hole in the console stream that the report's number leaves.
    const node = nodePlatform;
    const platform: Platform = {
      ...node,
      spawnWorker(url, data, transfer) {
        const w = node.spawnWorker(url, data, transfer);
        return {
          ...w,
          postMessage: (m: unknown) => w.postMessage(m),
          terminate: () => w.terminate(),
          onError: (fn) => w.onError(fn),
          onMessage(fn) {
            w.onMessage((m) => {
              if ((m as { type?: string }).type === "fatal") setTimeout(() => fn(m), 200);
              else fn(m);
            });
          },
        };
      },
    };
    const lines: string[] = [];
    const { result } = await runApplication({
      app: app("fatal_order"),
      board: boardFromSettings({ cpus: 2 }, []),
      timeoutMs: 60_000,
      platform,
      onLine: (_cpu, l) => lines.push(l),
    });
    expect(result.status, lines.join("\n")).toBe("exit");
    expect(result.fatal.map((f) => f.reasonName)).toEqual(["K_ERR_KERNEL_OOPS"]);
    expect(lines.slice(0, 4)).toEqual([
      "main: start",
      "faulty: line 1",
      "faulty: line 2",
      `>>> ZEPHYR FATAL ERROR 3: Kernel oops on CPU ${result.fatal[0]!.cpu}`,
    ]);
    expect(lines.at(-1)).toBe("main: after the fault (join 0)");
  });
});

/** Builds `source` as an application in a fresh directory; returns its path (as the user names it) and the error, if any. */
async function build(name: string, source: string, cacheDir: string | null = null) {
  const dir = mkdtempSync(join(tmpdir(), "wasmp-diag-"));
  const file = join(dir, name);
  writeFileSync(file, source);
  try {
    const img = await buildImage(file, { cacheDir, asyncify: false, optimize: 0 });
    return { shown: relative(process.cwd(), file), img, error: null, dir };
  } catch (e) {
    if (!(e instanceof VmError)) throw e;
    return { shown: relative(process.cwd(), file), img: null, error: e, dir };
  }
}

describe("build problems are the user's file and line", () => {
  it("a main with parameters or another return type is reported at its declaration, not in the generated entry", async () => {
    const r = await build(
      "badmain.ts",
      'import { printk } from "wasmp";\n\nexport function main(x: i32): void {\n  printk("hi\\n");\n}\n',
    );
    expect(r.error?.code).toBe("E_BUILD");
    expect(r.error!.problems).toEqual([
      `${r.shown}: build failed`,
      `${r.shown}:3: main must be \`export function main(): i32\` (Zephyr's \`int main(void)\`: the kernel runs it in the main thread, and its return value ends the run); this one is \`main(x: i32): void\``,
    ]);
    expect(r.error!.message).not.toContain("__wasmp_entry");
  });

  it("a main that is missing or not exported says so", async () => {
    const none = await build("nomain.ts", "export function start(): i32 { return 0; }\n");
    expect(none.error!.problems[1]).toBe(
      `${none.shown}: the application has no main function: it must define \`export function main(): i32\` (Zephyr's \`int main(void)\`: the kernel runs it in the main thread, and its return value ends the run)`,
    );
    const hidden = await build("hidden.ts", "function main(): i32 { return 0; }\n");
    expect(hidden.error!.problems[1]).toBe(`${hidden.shown}:1: main must be exported: \`export function main(): i32\``);
  });

  it("a failed build shows the user's error but not the kernel's own warnings", async () => {
    const r = await build("undef.ts", "export function main(): i32 { return undefined_name; }\n");
    expect(r.error?.code).toBe("E_BUILD");
    expect(r.error!.message).toContain("ERROR TS2304: Cannot find name 'undefined_name'.");
    expect(r.error!.message).toContain("in undef.ts(1,38)");
    expect(r.error!.message).not.toContain("~lib/");
    expect(r.error!.message).not.toContain("WARNING");
  });

  it("warns about top-level variables that functions write, naming each with its file:line and docs/api.md", async () => {
    const source = [
      'import { k_thread_create, K_NO_WAIT } from "wasmp";', // 1
      "let counter: i32 = 0;", // 2: written by a thread entry
      "let configured: i32 = 0;", // 3: written by main
      "let once: i32 = 0;", // 4: written only in top-level code: fine
      "const xs: i32[] = [];", // 5: grown by a thread
      "const ys: i32[] = [1, 2];", // 6: only read
      "let shadowed: i32 = 0;", // 7: only a local of that name is written
      "once = 1;", // 8
      "function worker(p1: usize, p2: usize, p3: usize): void {", // 9
      "  for (let i = 0; i < 10; i++) counter++;", // 10
      "  xs.push(ys[0]);", // 11
      "  let shadowed = 1;", // 12
      "  shadowed += 2;", // 13
      "}", // 14
      "export function main(): i32 {", // 15
      "  configured = 1;", // 16
      "  k_thread_create(4096, worker, 0, 0, 0, 1, 0, K_NO_WAIT);", // 17
      "  return configured + once;", // 18
      "}", // 19
      "",
    ].join("\n");
    const cache = mkdtempSync(join(tmpdir(), "wasmp-diag-cache-"));
    const r = await build("shared.ts", source, cache);
    expect(r.error).toBeNull();
    const doc = '(docs/api.md, "Top-level variables")';
    const perCpu =
      "each CPU has its own copy of a top-level variable, so a thread sees only the writes made on the CPU it runs on; share data through a kernel object, an atomic or static memory";
    expect(r.img!.warnings).toEqual([
      `${r.shown}:2: warning: top-level variable 'counter' is written in function 'worker' (line 10): ${perCpu} ${doc}`,
      `${r.shown}:5: warning: top-level array literal 'xs' is changed in function 'worker' (line 11): the array is static data that every CPU shares, with no lock, and it cannot grow (its storage is not heap memory); share data through a kernel object, an atomic or static memory, or make a per-CPU array with new Array<T>() ${doc}`,
      `${r.shown}:3: warning: top-level variable 'configured' is written in function 'main' (line 16): ${perCpu} ${doc}`,
    ]);
    // A cached image keeps its warnings.
    const again = await buildImage(join(r.dir, "shared.ts"), { cacheDir: cache, asyncify: false, optimize: 0 });
    expect(again.cached).toBe(true);
    expect(again.warnings).toEqual(r.img!.warnings);
  });
});
