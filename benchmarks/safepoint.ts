// Safepoint and asyncify overhead: one compute-bound guest function (bench_compute in
// test/apps/bench_compute.ts) built four ways by buildImage: with/without safepoints x
// with/without asyncify. The function is exported from each built image with binaryen (it is
// an application function, not an image export) and called directly on a laid-out kernel
// region on this thread: an image without asyncify cannot boot (it cannot switch to main).
// Reference: no safepoints, no asyncify.
import { layoutKernel, type KernelParams } from "../src/machine/layout.js";
import { appPath, defaultConfig } from "./lib/guest.js";
import { buildDefines } from "../src/board/kconfig.js";
import { buildImage } from "../src/image/image.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark } from "./lib/types.js";

const TARGET_MS = 50;

async function exported(wasm: Uint8Array): Promise<{ bytes: Uint8Array; size: number; fn: string }> {
  const binaryen = (await import("binaryen")).default;
  const mod = binaryen.readBinary(wasm);
  try {
    mod.setFeatures(binaryen.Features.All);
    let name = "";
    for (let i = 0; i < mod.getNumFunctions(); i++) {
      const n = binaryen.getFunctionInfo(mod.getFunctionByIndex(i)).name;
      if (n.endsWith("/bench_compute")) name = n;
    }
    if (!name) throw new Error("bench_compute not found in the image (inlined?)");
    mod.addFunctionExport(name, "bench_compute");
    return { bytes: mod.emitBinary(), size: wasm.byteLength, fn: name };
  } finally {
    mod.dispose();
  }
}

function instantiate(module: WebAssembly.Module): (n: number) => number {
  const memory = new WebAssembly.Memory({ initial: 1024, maximum: 1024, shared: true });
  const fail = (what: string) => (): never => { throw new Error(`unexpected host call ${what}`); };
  const t0 = performance.now();
  const inst = new WebAssembly.Instance(module, {
    env: { memory, abort: fail("abort"), trace: () => {}, seed: () => 1, "console.log": () => {} },
    wasmp: {
      arch_switch: fail("arch_switch"), now_ns: () => (performance.now() - t0) * 1e6, park: fail("park"),
      cpu_idle: fail("cpu_idle"), sched_ipi: fail("sched_ipi"), cpu_start: fail("cpu_start"),
      fatal: fail("fatal"), system_halt: fail("system_halt"), main_exit: fail("main_exit"),
    },
  });
  const ex = inst.exports as unknown as { z_kernel_base(): number; z_cpu_init(id: number): void; _start(): void; bench_compute(n: number): number };
  // The machine's defaults for one CPU. `as`: KernelParams is gaining fields (ztestPrio) in
  // the other engineer's work; extra ones are ignored, and nothing here reaches them.
  const params = { boardCpus: 1, numCpus: 1, mainStackSize: 16384, idleStackSize: 4096, minStackSize: 2048,
    mainPrio: 0, spinBudget: 2000, consoleUnits: 1024, ztestPrio: 0 };
  layoutKernel(memory, ex.z_kernel_base(), params as KernelParams);
  ex.z_cpu_init(0);
  ex._start();
  return (n) => ex.bench_compute(n);
}

export const safepointBench: Benchmark = {
  name: "safepoint",
  title: "Safepoint and asyncify overhead on compute-bound code",
  async run(ctx) {
    const t0 = performance.now();
    const defines = buildDefines(defaultConfig(1));
    const builds = [
      { name: "plain", safepoints: false, asyncify: false },
      { name: "safepoints", safepoints: true, asyncify: false },
      { name: "asyncify", safepoints: false, asyncify: true },
      { name: "safepoints+asyncify (default)", safepoints: true, asyncify: true },
    ];
    const notes: string[] = [];
    const variants: Variant[] = [];
    const results = new Set<number>();
    for (const b of builds) {
      const img = await buildImage(appPath("bench_compute"), { defines, safepoints: b.safepoints, asyncify: b.asyncify });
      const ex = await exported(img.wasm);
      const fn = instantiate(await WebAssembly.compile(ex.bytes as BufferSource));
      notes.push(`${b.name}: image ${img.wasm.byteLength} bytes, ${img.safepoints} loops instrumented`);
      let n = 0;
      variants.push({ name: b.name, run: () => {
        if (n === 0) {
          const a = performance.now(); fn(200); n = Math.max(50, Math.round((200 * TARGET_MS) / Math.max(0.01, performance.now() - a)));
        }
        const a = performance.now();
        results.add(fn(n) >>> 0 ^ n);
        return ((performance.now() - a) * 1e6) / (n * 256);
      } });
    }
    const samples = await interleave("compute", variants, ctx.rounds, ctx.progress);
    return {
      name: "safepoint", title: this.title, rounds: ctx.rounds, durationMs: performance.now() - t0,
      groups: [groupResult("bench_compute", "ns/inner iteration", "plain", variants, samples)],
      notes,
      description: "ns per inner-loop iteration of bench_compute (a call, two loads, a store), called directly from JS (lower is better).",
    };
  },
};
