// Run-queue backends (issue #3): CONFIG_SCHED_SIMPLE, CONFIG_SCHED_SCALABLE, CONFIG_SCHED_MULTIQ,
// each with and without CONFIG_SCHED_CPU_MASK_PIN_ONLY.
//
// 1. Property test: the kernel's REAL runq_add/runq_remove/runq_best (the Wasm harness
//    test/apps/bench_hotpath.ts built once per backend) are driven with the same seeded random
//    operation sequences (random priorities with many ties, random CPU masks, best on random
//    CPUs, pops, and a final drain) and must produce the same observable trace (every best
//    answer and the removal order) as each other and as a plain JS model (sorted by priority,
//    FIFO among equals, first mask-eligible thread; PIN_ONLY: one queue per CPU ctz(mask)).
//    The tree's red-black invariants and the MULTIQ bitmap invariant are checked from memory
//    after every operation; order_key wrap-around is forced on some seeds.
//    Seeds are fixed (RUNQ_SEED overrides the base); a failure names its seed.
// 2. Kconfig: the SCHED_ALGORITHM choice and PIN_ONLY's dependency.
// 3. Guest programs under each backend, and a PIN_ONLY program.

import { beforeAll, describe, expect, it } from "vitest";
import {
  buildHarness,
  instantiateHarness,
  RUNQ_BACKENDS,
  type HotpathExports,
  type RunqBackend,
} from "../benchmarks/lib/harness.js";
import { Fixture, pagesFor, sharedMemory } from "../benchmarks/lib/fixture.js";
import {
  _cpu,
  _priq_mq,
  _priq_mq_queues_addr,
  _priq_rb,
  errno,
  k_thread,
  K_HIGHEST_THREAD_PRIO,
  K_NUM_THREAD_PRIO,
  rbnode,
  z_kernel,
} from "../src/generated/contract.js";
import { parseAssignment, resolveKconfig } from "../src/board/kconfig.js";
import { explain, runApp } from "./helpers.js";

const EINVAL = -errno.EINVAL;

const BASE_SEED = Number(process.env.RUNQ_SEED ?? 0x7a11);
const SEEDS = 40;

function rng(seed: number): (n: number) => number {
  let x = seed | 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}
const hex = (x: number): string => "0x" + (x >>> 0).toString(16);
const ctz = (x: number): number => 31 - Math.clz32(x & -x);

interface Variant {
  backend: RunqBackend;
  pinOnly: boolean;
}
const VARIANTS: Variant[] = RUNQ_BACKENDS.flatMap((backend) => [false, true].map((pinOnly) => ({ backend, pinOnly })));
const vname = (v: Variant): string => `${v.backend}${v.pinOnly ? "+PIN_ONLY" : ""}`;
const modules = new Map<string, WebAssembly.Module>();

beforeAll(async () => {
  for (const v of VARIANTS)
    modules.set(vname(v), await WebAssembly.compile((await buildHarness("cas", v)) as BufferSource));
}, 300_000);

/** One Wasm kernel (one backend) on its own fixture. */
class Kernel {
  readonly wasm: HotpathExports;
  readonly f: Fixture;
  constructor(
    readonly v: Variant,
    numCpus: number,
    nThreads: number,
  ) {
    const mod = modules.get(vname(v))!;
    const kb = instantiateHarness(mod, sharedMemory(1), 0).hp_kernel_base();
    const mem = sharedMemory(pagesFor(kb, nThreads));
    this.wasm = instantiateHarness(mod, mem, 0);
    this.f = new Fixture(mem, { kernelBase: kb, numCpus, maxThreads: nThreads, spinBudget: 1000 });
  }

  /** Addresses of the queues this backend uses: the global one, or one per CPU. */
  queues(numCpus: number): number[] {
    const off = (pin: boolean): number =>
      this.v.backend === "scalable"
        ? pin
          ? _cpu.runq_rb
          : z_kernel.runq_rb
        : this.v.backend === "multiq"
          ? pin
            ? _cpu.runq_mq
            : z_kernel.runq_mq
          : pin
            ? _cpu.runq
            : z_kernel.runq;
    return this.v.pinOnly
      ? Array.from({ length: numCpus }, (_, c) => this.f.cpu(c) + off(true))
      : [this.f.kernelBase + off(false)];
  }

  /** Threads of one queue in its order, read from memory (independently of the kernel's code). */
  order(q: number): number[] {
    const f = this.f;
    if (this.v.backend === "simple") return f.listNodes(q).map((n) => n - k_thread.qnode);
    if (this.v.backend === "multiq") {
      const out: number[] = [];
      for (let i = 0; i < K_NUM_THREAD_PRIO; i++)
        out.push(...f.listNodes(_priq_mq_queues_addr(q, i)).map((n) => n - k_thread.qnode));
      return out;
    }
    const out: number[] = [];
    const walk = (n: number): void => {
      if (n === 0) return;
      walk(f.r(n + rbnode.left));
      out.push(n - k_thread.qnode_rb);
      walk(f.r(n + rbnode.right));
    };
    walk(f.r(q + _priq_rb.root));
    return out;
  }

  /** Structural invariants of one queue; throws with a description. */
  check(q: number): void {
    const f = this.f;
    if (this.v.backend === "multiq") {
      const bm = f.r(q + _priq_mq.bitmask);
      for (let i = 0; i < K_NUM_THREAD_PRIO; i++) {
        const n = f.listNodes(_priq_mq_queues_addr(q, i));
        if (n.length > 0 !== ((bm >>> i) & 1) > 0)
          throw new Error(
            `MULTIQ bitmap ${hex(bm)}: level ${i} has ${n.length} threads: ${n.map(hex)} (q ${hex(q)}, threads from ${hex(f.threadsBase)})`,
          );
        for (const node of n)
          if (f.i32[(node - k_thread.qnode + k_thread.prio) >> 2] !== i + K_HIGHEST_THREAD_PRIO)
            throw new Error(`MULTIQ: thread in level ${i} has another priority`);
      }
    } else if (this.v.backend === "scalable") {
      const root = f.r(q + _priq_rb.root);
      if (root !== 0 && (f.r(root + rbnode.color) !== 0 || f.r(root + rbnode.parent) !== 0))
        throw new Error("rb: root not black or has a parent");
      const key = (n: number): [number, number] => [
        f.i32[(n - k_thread.qnode_rb + k_thread.prio) >> 2]!,
        f.r(n - k_thread.qnode_rb + k_thread.order_key),
      ];
      // Returns the black height; checks colours, parent links and strict (prio, order_key) order.
      const bh = (n: number, parent: number): number => {
        if (n === 0) return 1;
        if (f.r(n + rbnode.parent) !== parent) throw new Error(`rb: bad parent link at ${hex(n)}`);
        const red = f.r(n + rbnode.color) === 1;
        const l = f.r(n + rbnode.left),
          r = f.r(n + rbnode.right);
        if (red && ((l && f.r(l + rbnode.color) === 1) || (r && f.r(r + rbnode.color) === 1)))
          throw new Error(`rb: red node ${hex(n)} has a red child`);
        const lt = (a: number, b: number): boolean => {
          const [pa, ka] = key(a),
            [pb, kb] = key(b);
          return pa !== pb ? pa < pb : ka < kb;
        };
        if (l && !lt(l, n)) throw new Error(`rb: order broken at ${hex(n)} (left)`);
        if (r && !lt(n, r)) throw new Error(`rb: order broken at ${hex(n)} (right)`);
        const hl = bh(l, n),
          hr = bh(r, n);
        if (hl !== hr) throw new Error(`rb: black heights differ under ${hex(n)}: ${hl} vs ${hr}`);
        return hl + (red ? 0 : 1);
      };
      bh(root, 0);
    }
  }
}

/** The JS model (threads by index, -1 = none): lists sorted by priority, FIFO among equals; one list, or one per CPU (PIN_ONLY). */
class Model {
  readonly lists: number[][];
  constructor(
    readonly pinOnly: boolean,
    numCpus: number,
    readonly prio: Map<number, number>,
    readonly mask: Map<number, number>,
  ) {
    this.lists = Array.from({ length: pinOnly ? numCpus : 1 }, () => []);
  }
  list(t: number): number[] {
    return this.lists[this.pinOnly ? (this.mask.get(t)! === 0 ? 0 : ctz(this.mask.get(t)!)) : 0]!;
  }
  add(t: number): void {
    const l = this.list(t),
      p = this.prio.get(t)!;
    const at = l.findIndex((u) => this.prio.get(u)! > p);
    if (at < 0) l.push(t);
    else l.splice(at, 0, t);
  }
  remove(t: number): void {
    const l = this.list(t);
    l.splice(l.indexOf(t), 1);
  }
  best(c: number): number {
    const l = this.lists[this.pinOnly ? c : 0]!;
    return l.find((u) => (this.mask.get(u)! & (1 << c)) !== 0) ?? -1;
  }
}

function forSeeds(name: string, body: (seed: number, s: number) => void): void {
  for (let s = 0; s < SEEDS; s++) {
    const seed = (BASE_SEED + s * 0x9e3779b9) >>> 0;
    try {
      body(seed, s);
    } catch (e) {
      const msg = `${name} failed with seed ${hex(seed)} (rerun: RUNQ_SEED=${hex(seed)} npx vitest run test/runq.test.ts)`;
      console.error(msg);
      throw new Error(`${msg}\n${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}

describe("run-queue backends: same observable order (Wasm kernel code vs each other vs a JS model)", () => {
  for (const pinOnly of [false, true]) {
    it(`SIMPLE, SCALABLE and MULTIQ${pinOnly ? " with PIN_ONLY" : ""}: same best answers and removal order`, () => {
      const cover = { ties: 0, masked: 0, none: 0, wraps: 0, pops: 0, maxLen: 0 };
      forSeeds(`run queue${pinOnly ? " PIN_ONLY" : ""}`, (seed, s) => {
        const r = rng(seed);
        const numCpus = 1 + r(pinOnly ? 4 : 6),
          nThreads = 24 + r(40);
        const variants = RUNQ_BACKENDS.map((backend) => new Kernel({ backend, pinOnly }, numCpus, nThreads));
        // Threads are named by index: each build has its own kernel base, so addresses differ.
        const threads = Array.from({ length: nThreads }, (_, i) => i);
        const tid = (k: Kernel, a: number): number => (a === 0 ? -1 : (a - k.f.threadsBase) / k_thread.SIZE);
        const prio = new Map<number, number>(),
          mask = new Map<number, number>();
        const model = new Model(pinOnly, numCpus, prio, mask);
        const randomMask = (): number => {
          if (r(12) === 0) return 0; // never chosen (PIN_ONLY: parked in CPU 0's queue)
          if (pinOnly) return (1 << r(numCpus)) >>> 0;
          return r(5) === 0 ? 0xffffffff : (1 + r((1 << numCpus) - 1)) >>> 0;
        };
        for (const k of variants) for (let i = 0; i < nThreads; i++) k.f.initThread(i, { prio: 0, cpuMask: 0 });
        // Force order_key wrap-around early on a third of the seeds (the tree renumbers in order).
        const wrapAt = s % 3 === 0 ? (0xffffffff - r(12)) >>> 0 : 0;
        if (wrapAt) for (const q of variants[1]!.queues(numCpus)) variants[1]!.f.w(q + _priq_rb.next_order_key, wrapAt);
        const queued = new Set<number>();
        const traces = variants.map(() => [] as string[]);
        const modelTrace: string[] = [];
        const best = (c: number, op: number): number => {
          const got = variants.map((k) => {
            k.wasm.hp_set_cpu(c);
            return tid(k, k.wasm.hp_runq_best() >>> 0);
          });
          const want = model.best(c);
          if (got.some((g) => g !== want)) {
            throw new Error(
              `op ${op}: runq_best on CPU ${c}: ${variants.map((k, i) => `${vname(k.v)} thread ${got[i]!}`).join(", ")}; model thread ${want}`,
            );
          }
          got.forEach((g, i) => {
            traces[i]!.push(`best${c}=${g}`);
          });
          modelTrace.push(`best${c}=${want}`);
          if (want < 0) cover.none++;
          else if (model.lists[pinOnly ? c : 0]![0] !== want) cover.masked++;
          return want;
        };
        const remove = (t: number): void => {
          for (const k of variants) k.wasm.hp_runq_remove(k.f.thread(t));
          const qi = pinOnly && mask.get(t)! !== 0 ? ctz(mask.get(t)!) : 0;
          model.remove(t);
          queued.delete(t);
          const k = variants[1]!,
            q = k.queues(numCpus)[qi]!; // an emptied tree restarts its order keys
          if (k.f.r(q + _priq_rb.root) === 0) expect(k.f.r(q + _priq_rb.next_order_key)).toBe(0);
        };
        const checkAll = (op: number): void => {
          for (const k of variants) {
            const qs = k.queues(numCpus);
            qs.forEach((q, i) => {
              try {
                k.check(q);
              } catch (e) {
                throw new Error(`op ${op}: ${vname(k.v)}: ${(e as Error).message}`);
              }
              const got = k.order(q).map((a) => tid(k, a)),
                want = model.lists[i]!;
              if (got.join() !== want.join())
                throw new Error(`op ${op}: ${vname(k.v)} queue ${i} order ${got} != model ${want}`);
              cover.maxLen = Math.max(cover.maxLen, got.length);
            });
          }
        };
        const nOps = 200 + r(200);
        for (let op = 0; op < nOps; op++) {
          const kind = r(10);
          const t = threads[r(nThreads)]!;
          if (kind < 4 && !queued.has(t)) {
            const p = r(3) === 0 ? r(32) - 16 : r(5) - 2; // mostly a few levels: many ties
            const m = randomMask();
            if ([...queued].some((u) => prio.get(u) === p)) cover.ties++;
            prio.set(t, p);
            mask.set(t, m);
            for (const k of variants) {
              const a = k.f.thread(t);
              k.f.i32[(a + k_thread.prio) >> 2] = p;
              k.f.w(a + k_thread.cpu_mask, m);
            }
            const before = variants[1]!.queues(numCpus).map((q) => variants[1]!.f.r(q + _priq_rb.next_order_key));
            for (const k of variants) k.wasm.hp_runq_add(k.f.thread(t));
            const after = variants[1]!.queues(numCpus).map((q) => variants[1]!.f.r(q + _priq_rb.next_order_key));
            if (after.some((a, i) => a < before[i]! && before[i]! > 0x80000000)) cover.wraps++;
            model.add(t);
            queued.add(t);
          } else if (kind < 6 && queued.has(t)) {
            remove(t);
          } else if (kind < 8) {
            best(r(numCpus), op);
          } else {
            // Pop: best on a random CPU, then remove it (what next_up does).
            const b = best(r(numCpus), op);
            if (b >= 0) {
              remove(b);
              cover.pops++;
            }
          }
          checkAll(op);
        }
        // Drain: CPUs take turns popping their best; threads no CPU may run are removed last, in id order.
        for (let guard = 0; queued.size > 0 && guard < 10 * nThreads; guard++) {
          let any = false;
          for (let c = 0; c < numCpus; c++) {
            const b = best(c, nOps + guard);
            if (b >= 0) {
              remove(b);
              any = true;
            }
          }
          if (!any)
            for (const t of [...queued].sort((a, b) => a - b)) {
              remove(t);
              for (const tr of [...traces, modelTrace]) tr.push(`rm=${t}`);
            }
          checkAll(nOps + guard);
        }
        expect(queued.size).toBe(0);
        for (let i = 0; i < variants.length; i++) expect(traces[i]!.join(" ")).toBe(modelTrace.join(" "));
        for (const k of variants)
          for (const q of k.queues(numCpus)) {
            if (k.v.backend === "scalable") expect(k.f.r(q + _priq_rb.root)).toBe(0);
            if (k.v.backend === "multiq") expect(k.f.r(q + _priq_mq.bitmask)).toBe(0);
          }
      });
      console.log(`runq coverage${pinOnly ? " PIN_ONLY" : ""}`, JSON.stringify(cover));
      expect(cover.ties).toBeGreaterThan(500);
      expect(cover.masked).toBeGreaterThan(50);
      expect(cover.none).toBeGreaterThan(20);
      expect(cover.pops).toBeGreaterThan(200);
      expect(cover.wraps).toBeGreaterThan(5);
      expect(cover.maxLen).toBeGreaterThan(15);
    });
  }
});

describe("Kconfig: choice SCHED_ALGORITHM and PIN_ONLY", () => {
  const resolve = (...s: string[]): Record<string, unknown> =>
    resolveKconfig(
      s.map((x, i) => parseAssignment(x, `prj.conf:${i + 1}`)!),
      { cpus: 4 },
    );

  it("defaults to SIMPLE; one member picks itself; DUMB is SIMPLE", () => {
    expect(resolve()).toMatchObject({ SCHED_SIMPLE: true, SCHED_SCALABLE: false, SCHED_MULTIQ: false });
    expect(resolve("CONFIG_SCHED_SCALABLE=y")).toMatchObject({
      SCHED_SIMPLE: false,
      SCHED_SCALABLE: true,
      SCHED_MULTIQ: false,
    });
    expect(resolve("CONFIG_SCHED_MULTIQ=y")).toMatchObject({
      SCHED_SIMPLE: false,
      SCHED_SCALABLE: false,
      SCHED_MULTIQ: true,
    });
    expect(resolve("CONFIG_SCHED_DUMB=y")).toMatchObject({ SCHED_SIMPLE: true, SCHED_DUMB: true });
    expect(resolve("CONFIG_SCHED_DUMB=y", "CONFIG_SCHED_SIMPLE=y")).toMatchObject({ SCHED_SIMPLE: true });
  });

  it("rejects two members, naming both and the choice", () => {
    expect(() => resolve("CONFIG_SCHED_SCALABLE=y", "CONFIG_SCHED_MULTIQ=y")).toThrow(
      /prj.conf:2: CONFIG_SCHED_SCALABLE=y and CONFIG_SCHED_MULTIQ=y are alternatives of choice SCHED_ALGORITHM: set only one/,
    );
    expect(() => resolve("CONFIG_SCHED_DUMB=y", "CONFIG_SCHED_SCALABLE=y")).toThrow(
      /CONFIG_SCHED_DUMB=y and CONFIG_SCHED_SCALABLE=y/,
    );
    expect(() => resolve("CONFIG_SCHED_SIMPLE=n")).toThrow(/leaves choice SCHED_ALGORITHM empty/);
  });

  it("PIN_ONLY needs SMP", () => {
    expect(() => resolve("CONFIG_SMP=n", "CONFIG_SCHED_CPU_MASK_PIN_ONLY=y")).toThrow(
      /CONFIG_SCHED_CPU_MASK_PIN_ONLY=y needs CONFIG_SMP=y/,
    );
    expect(resolve("CONFIG_SCHED_CPU_MASK_PIN_ONLY=y", "CONFIG_SCHED_MULTIQ=y")).toMatchObject({
      SCHED_CPU_MASK_PIN_ONLY: true,
      SCHED_MULTIQ: true,
    });
  });
});

describe("guest programs under each run-queue backend", () => {
  for (const b of ["SIMPLE", "SCALABLE", "MULTIQ"]) {
    const set = [`CONFIG_SCHED_${b}=y`];
    it(`${b}: counter exact, preemption by IPI, time slicing`, async () => {
      const c = await runApp("counter", { cpus: 4, set });
      expect(c.result.status, explain(c)).toBe("exit");
      expect(c.out).toContain("spinlock=400000 sem=400000 mutex=400000");
      const p = await runApp("preempt", { cpus: 4, set });
      expect(p.result.status, explain(p)).toBe("exit");
      expect(p.out).toContain("urgent ran on the spinner's CPU: yes, spinner spun=1");
      const s = await runApp("timeslice", { cpus: 2, set });
      expect(s.result.status, explain(s)).toBe("exit");
      expect(s.out).toContain("a=ran b=ran");
    }, 180_000);

    it(`${b} + PIN_ONLY: pinned threads run only on their CPU; a two-CPU mask is -EINVAL`, async () => {
      const r = await runApp("runq_pin", { cpus: 4, set: [...set, "CONFIG_SCHED_CPU_MASK_PIN_ONLY=y"] });
      expect(r.result.status, explain(r)).toBe("exit");
      // rc: enable CPU 1 on a default (CPU 0) mask, enable_all, disable CPU 0, pin to 0;
      // two: enable CPU c on threads pinned to CPU 3 (c = 1, 2, 3).
      expect(r.out).toContain(
        `pin_only wrong=0 rounds=160 rc=${EINVAL},${EINVAL},0,0 two=${EINVAL},${EINVAL},0 running=${EINVAL}`,
      );
      expect(r.result.mainReturn).toBe(0);
    }, 120_000);
  }

  it("without PIN_ONLY the same program may widen masks (enable and enable_all succeed)", async () => {
    const r = await runApp("runq_pin", { cpus: 4 });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain(`pin_only wrong=0 rounds=160 rc=0,0,0,0 two=0,0,0 running=${EINVAL}`);
  }, 120_000);

  it("PIN_ONLY: the counter program (every thread on CPU 0's queue) is still exact", async () => {
    const r = await runApp("counter", { cpus: 4, set: ["CONFIG_SCHED_CPU_MASK_PIN_ONLY=y", "CONFIG_SCHED_MULTIQ=y"] });
    expect(r.result.status, explain(r)).toBe("exit");
    expect(r.out).toContain("spinlock=400000 sem=400000 mutex=400000");
  }, 120_000);
});
