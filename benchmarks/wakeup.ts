// Cross-CPU wake-up latency: k_sem_give on one CPU until the waiter runs on another, as round
// trips between threads pinned to CPU 0 and CPU 1 (test/apps/bench_wakeup.ts), with the
// target CPU idle and with it busy (a lower-priority spinner it must preempt). References: a
// raw Atomics.wait/Atomics.notify round trip between two workers, and a postMessage round
// trip between two workers over a MessageChannel.
import { MessageChannel } from "node:worker_threads";
import { buildHarness, instantiateHarness } from "./lib/harness.js";
import { Fixture, pagesFor, sharedMemory } from "./lib/fixture.js";
import { Pool, span } from "./lib/pool.js";
import { guestModule, runGuest, benchLine } from "./lib/guest.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark } from "./lib/types.js";

const REF_N = 2000;

export const wakeupBench: Benchmark = {
  name: "wakeup",
  title: "Cross-CPU wake-up round trip",
  async run(ctx) {
    const t0 = performance.now();
    const module = await guestModule("bench_wakeup");
    const modules = {
      cas: await WebAssembly.compile((await buildHarness("cas")) as BufferSource),
      ticket: await WebAssembly.compile((await buildHarness("ticket")) as BufferSource),
    };
    const kb = instantiateHarness(modules.cas, sharedMemory(1), 0).hp_kernel_base();
    const mem = sharedMemory(pagesFor(kb, 1));
    const fix = new Fixture(mem, { kernelBase: kb, numCpus: 2, maxThreads: 1, spinBudget: 2000 });
    const pool = await Pool.create(2, { memory: mem, kernelBase: kb, ctrl: fix.slot(63), modules });
    // One machine run measures both phases; the other phase's sample waits for its turn.
    const pending = { idle: [] as number[], busy: [] as number[] };
    let runs = 0;
    const take = async (kind: "idle" | "busy"): Promise<number> => {
      const ready = pending[kind].shift();
      if (ready !== undefined) return ready;
      runs++;
      const { lines } = await runGuest(module, 2);
      const r = benchLine(lines, "wakeup");
      pending[kind === "idle" ? "busy" : "idle"].push(r[kind === "idle" ? "busy_ns" : "idle_ns"]! / r.n!);
      return r[`${kind}_ns`]! / r.n!;
    };
    const variants: Variant[] = [
      {
        name: "atomics-wait-notify",
        run: async () => {
          const word = fix.slot(5);
          fix.w(word, 0);
          const r = await pool.run(
            [0, 1].map((role) => (gen: number) => ({
              cmd: "atomics-pingpong" as const,
              gen,
              role: role as 0 | 1,
              word,
              n: REF_N,
            })),
          );
          return (span(r) * 1e6) / REF_N;
        },
      },
      {
        name: "postmessage",
        run: async () => {
          const ch = new MessageChannel();
          const r = await pool.run(
            [ch.port1, ch.port2].map((port, role) => (gen: number) => ({
              cmd: "port-pingpong" as const,
              gen,
              role: role as 0 | 1,
              port,
              n: REF_N,
            })),
            [[ch.port1], [ch.port2]],
          );
          return (span(r) * 1e6) / REF_N;
        },
      },
      { name: "wasmp-target-idle", warmup: false, run: () => take("idle") },
      { name: "wasmp-target-busy", warmup: false, run: () => take("busy") },
    ];
    let samples;
    try {
      samples = await interleave("2 CPUs", variants, ctx.rounds, ctx.progress);
    } finally {
      await pool.close();
    }
    return {
      name: "wakeup",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups: [groupResult("round trip (2 wake-ups)", "ns/round trip", "atomics-wait-notify", variants, samples)],
      notes: [
        `wasmp: 1,000 round trips after 100 warm-up ones per phase, default Kconfig, 2 CPUs; ${runs} machine runs.`,
        `References: ${REF_N} round trips between two workers per run.`,
        "Target busy: a priority-10 spinner pinned to each CPU; the woken priority-1 thread preempts it at its next safepoint after the IPI.",
      ],
      description: "ns per round trip = two cross-CPU wake-ups (lower is better); one-way latency is about half.",
    };
  },
};
