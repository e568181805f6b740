// Wait queues per backend (CONFIG_WAITQ_SIMPLE sorted list, CONFIG_WAITQ_SCALABLE red-black
// tree): N threads of one priority pend on one semaphore, then N gives wake them
// (test/apps/bench_waitq.ts, timed in the guest with k_cycle_get_64), N = 1,000 to 20,000, on
// one CPU. Equal priorities are the list's worst case: a pend walks the whole queue to keep
// FIFO order. One machine boot per backend per round; each boot measures every N, and the
// per-N groups below are assembled from those runs.
import { parseAssignment } from "../src/board/kconfig.js";
import { createBoard } from "../src/board/board.js";
import { runApplication } from "../src/run.js";
import { appPath } from "./lib/guest.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark, GroupResult } from "./lib/types.js";

const BACKENDS = [
  { name: "simple", set: [] as string[] },
  { name: "scalable", set: ["CONFIG_WAITQ_SCALABLE=y"] },
];
// 20,000 waiters need more than the default 64 MiB (about 4.4 KB per thread and save area).
const MEMORY_MIB = 512;

interface Point {
  n: number;
  pend: number;
  wake: number;
}

async function runOnce(set: string[]): Promise<Point[]> {
  const settings = set.map((s) => parseAssignment(s, "bench")!);
  const lines: string[] = [];
  const { result } = await runApplication({
    app: appPath("bench_waitq"),
    board: createBoard({ cpus: 1, memoryMiB: MEMORY_MIB }),
    settings,
    timeoutMs: 300_000,
    onLine: (_c, l) => lines.push(l),
  });
  if (result.status !== "exit" || result.mainReturn !== 0)
    throw new Error(`bench_waitq ${set.join(" ")}: ${result.status} ${result.message}\n${lines.join("\n")}`);
  const points: Point[] = [];
  for (const l of lines) {
    const m = /^bench waitq n=(\d+) pend_ns=(\d+) wake_ns=(\d+)$/.exec(l);
    if (m) points.push({ n: Number(m[1]), pend: Number(m[2]), wake: Number(m[3]) });
  }
  if (points.length === 0) throw new Error(`bench_waitq: no result lines:\n${lines.join("\n")}`);
  return points;
}

export const waitqBench: Benchmark = {
  name: "waitq",
  title: "Wait queues per backend: pend and wake with N waiters",
  async run(ctx) {
    const t0 = performance.now();
    const runs = new Map<string, Point[][]>(BACKENDS.map((b) => [b.name, []]));
    const variants: Variant[] = BACKENDS.map((b) => ({
      name: b.name,
      warmup: false,
      run: async () => {
        const p = await runOnce(b.set);
        runs.get(b.name)!.push(p);
        return p.reduce((s, x) => s + x.pend, 0);
      },
    }));
    await interleave("waitq", variants, ctx.rounds, ctx.progress);
    const sizes = runs.get("simple")![0]!.map((p) => p.n);
    const groups: GroupResult[] = [];
    for (const [what, key] of [
      ["pend", "pend"],
      ["wake", "wake"],
    ] as const) {
      for (const [i, n] of sizes.entries()) {
        const samples = new Map<string, number[]>(
          BACKENDS.map((b) => [b.name, runs.get(b.name)!.map((r) => r[i]![key])]),
        );
        const vs: Variant[] = BACKENDS.map((b) => ({ name: b.name, run: () => NaN }));
        groups.push(groupResult(`${what}, ${n} waiters`, "ns/op", "simple", vs, samples));
      }
    }
    return {
      name: "waitq",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups,
      notes: [
        "pend: k_thread_start of a waiter that runs at once and pends on the semaphore (thread start and two switches included); wake: k_sem_give that readies the first waiter and runs it to its end (one switch each way). 1 CPU, default Kconfig on a 512 MiB board; one machine boot per backend per round.",
      ],
      description: "ns per pend or per wake (lower is better).",
    };
  },
};
