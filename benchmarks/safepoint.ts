// Safepoint and asyncify overhead: one compute-bound guest function (bench_compute in
// test/apps/bench_compute.ts) built four ways. The function is exported from each built image
// with binaryen (it is an application function, not an image export) and called directly on a
// laid-out kernel region on this thread: an image without asyncify cannot boot (it cannot switch
// to main). Reference: no safepoints, no asyncify.
//
// Asyncify instruments only functions that can reach the unwinding import (wasmp.arch_switch).
// Without safepoints nothing in bench_compute can reach it, so an "asyncify, no safepoints"
// build leaves the function exactly as it was and measures nothing (earlier runs had that
// variant, at 0.98x). Asyncify is therefore measured two ways:
//   - on top of safepoints, as every image is built: "safepoints" against "safepoints+asyncify"
//     (the second group). A safepoint can take an interrupt and switch threads, so there
//     asyncify really instruments the loop (16 reads of its state global inside the loop of
//     bench_compute when checked on 2026-12-01): the real cost of asyncify over a safepointed
//     build.
//   - forced with asyncify's addlist ("asyncify-addlist" naming bench_compute) on a build
//     without safepoints. Asyncify then instruments bench_compute (its locals are saved and
//     restored at entry and exit), but it puts code only around calls that can unwind, and the
//     loop has none (mix is inlined): the loop is unchanged, 2 state reads outside it. This
//     variant shows that instrumenting a function costs nothing where it cannot switch.
//     Built with the builder's own steps (linkWithAddlist below); the same path without the
//     addlist reproduces the safepoints+asyncify image byte for byte (checked every run, in the
//     notes).
// Each variant's note says whether asyncify instrumented bench_compute (its body reads the
// state global that asyncify_get_state returns).
// The four are built without NULL-pointer detection (CONFIG_NULL_POINTER_EXCEPTION_DETECTION_NONE,
// the default only without CONFIG_ASSERT), so that they measure safepoints and asyncify alone.
// A fifth variant is the default build: safepoints, asyncify and the NULL-page check on every
// load and store (src/image/null_page.ts, on by default under CONFIG_ASSERT); the third group
// is the check's cost (docs/api.md quotes it).
import { importObject, type EnvImports, type WasmpImports } from "../src/generated/contract.js";
import { kernelParams, layoutKernel } from "../src/machine/layout.js";
import { createBoard } from "../src/board/board.js";
import { resolveKconfig } from "../src/board/kconfig.js";
import { appPath, defaultConfig } from "./lib/guest.js";
import { buildDefines } from "../src/board/kconfig.js";
import { buildImage, linkImage } from "../src/image/image.js";
import { groupResult, interleave, type Variant } from "./lib/measure.js";
import type { Benchmark } from "./lib/types.js";

const TARGET_MS = 50;
const DEFAULT = "safepoints+asyncify";
const NULL_CHECK = "safepoints+asyncify+NULL check (default)";

/** The image with bench_compute exported, and whether asyncify instrumented it. */
async function exported(wasm: Uint8Array): Promise<{ bytes: Uint8Array; fn: string; instrumented: boolean }> {
  const binaryen = (await import("binaryen")).default;
  const mod = binaryen.readBinary(wasm);
  try {
    mod.setFeatures(binaryen.Features.All);
    const name = benchFunction(binaryen, mod);
    // Instrumented functions read asyncify's state global, the one asyncify_get_state returns.
    const getState = mod.getExport("asyncify_get_state");
    const stateGlobal = getState
      ? /global\.get (\$[^\s)]+)\)/.exec(
          binaryen.emitText(binaryen.getFunctionInfo(mod.getFunction(binaryen.getExportInfo(getState).value)).body),
        )?.[1]
      : undefined;
    const instrumented =
      stateGlobal !== undefined &&
      binaryen.emitText(binaryen.getFunctionInfo(mod.getFunction(name)).body).includes(`global.get ${stateGlobal})`);
    mod.addFunctionExport(name, "bench_compute");
    return { bytes: mod.emitBinary(), fn: name, instrumented };
  } finally {
    mod.dispose();
  }
}

type Binaryen = typeof import("binaryen").default;

/** The internal name of bench_compute in `mod`. */
function benchFunction(binaryen: Binaryen, mod: InstanceType<Binaryen["Module"]>): string {
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const n = binaryen.getFunctionInfo(mod.getFunctionByIndex(i)).name;
    if (n.endsWith("/bench_compute")) return n;
  }
  throw new Error("bench_compute not found in the image (inlined?)");
}

/**
 * The image for (`safepoints`, asyncify on) linked as buildImage links it, with `addlist` in
 * asyncify's addlist. buildImage cannot take a pass argument (asc clears binaryen's
 * process-global pass arguments, and its global optimizer settings stay in force for the link
 * step), so: an uncached -O0 build without asyncify (asc runs and leaves binaryen as
 * buildImage's link step finds it), then the builder's own link step (linkImage: runtime
 * redirection, idempotent, asyncify, -O3) with the pass argument set around it.
 */
async function linkWithAddlist(
  app: string,
  defines: string[],
  safepoints: boolean,
  addlist: string | null,
): Promise<{ wasm: Uint8Array; safepoints: number }> {
  const binaryen = (await import("binaryen")).default;
  const o0 = await buildImage(app, { defines, safepoints, asyncify: false, optimize: 0, cacheDir: null });
  binaryen.clearPassArguments();
  if (addlist) binaryen.setPassArgument("asyncify-addlist", addlist);
  try {
    return { wasm: await linkImage(o0.wasm, { optimize: 3, asyncify: true }), safepoints: o0.safepoints };
  } finally {
    binaryen.clearPassArguments(); // later builds must not see the addlist
  }
}

function instantiate(module: WebAssembly.Module): (n: number) => number {
  const memory = new WebAssembly.Memory({ initial: 1024, maximum: 1024, shared: true });
  const t0 = performance.now();
  // Only the clock and the quiet env imports are expected; any other import call is a bug here.
  const wasmp: Partial<WasmpImports> = { now_ns: () => (performance.now() - t0) * 1e6 };
  const env: Partial<EnvImports> = { trace: () => {}, seed: () => 1, "console.log": () => {} };
  const inst = new WebAssembly.Instance(
    module,
    importObject(memory, { wasmp, env }, (mod, name) => (): never => {
      throw new Error(`unexpected host call ${mod}.${name}`);
    }),
  );
  const ex = inst.exports as unknown as {
    z_kernel_base(): number;
    z_cpu_init(id: number): void;
    _start(): void;
    bench_compute(n: number): number;
  };
  // The machine's own parameters for the default configuration of a one-CPU board.
  const board = createBoard({ cpus: 1, memoryMiB: memory.buffer.byteLength >> 20 });
  layoutKernel(memory, ex.z_kernel_base(), kernelParams(resolveKconfig([], board), 1));
  ex.z_cpu_init(0);
  ex._start();
  return (n) => ex.bench_compute(n);
}

export const safepointBench: Benchmark = {
  name: "safepoint",
  title: "Safepoint and asyncify overhead on compute-bound code",
  async run(ctx) {
    const t0 = performance.now();
    const defines = buildDefines(
      resolveKconfig(
        [{ name: "NULL_POINTER_EXCEPTION_DETECTION_NONE", value: true, where: "benchmark" }],
        createBoard({ cpus: 1 }),
      ),
    );
    const nullDefines = buildDefines(defaultConfig(1));
    const app = appPath("bench_compute");
    const image = async (safepoints: boolean, asyncify: boolean): Promise<{ wasm: Uint8Array; safepoints: number }> =>
      buildImage(app, { defines, safepoints, asyncify });
    const builds: { name: string; build: () => Promise<{ wasm: Uint8Array; safepoints: number }> }[] = [
      { name: "plain", build: () => image(false, false) },
      { name: "safepoints", build: () => image(true, false) },
      {
        name: "asyncify forced (addlist, no safepoints)",
        build: async () => linkWithAddlist(app, defines, false, (await exported((await image(false, false)).wasm)).fn),
      },
      { name: DEFAULT, build: () => image(true, true) },
      { name: NULL_CHECK, build: () => buildImage(app, { defines: nullDefines, safepoints: true, asyncify: true }) },
    ];
    const notes: string[] = [];
    const variants: Variant[] = [];
    const results = new Set<number>();
    {
      // The forced variant's link path, without the addlist, must give the safepoints+asyncify image.
      const def = await image(true, true);
      const same = Buffer.from((await linkWithAddlist(app, defines, true, null)).wasm).equals(Buffer.from(def.wasm));
      notes.push(
        `the forced variant's link path without the addlist ${same ? "reproduces" : "does NOT reproduce"} the ${DEFAULT} image byte for byte`,
      );
    }
    for (const b of builds) {
      const img = await b.build();
      const ex = await exported(img.wasm);
      const fn = instantiate(await WebAssembly.compile(ex.bytes as BufferSource));
      notes.push(
        `${b.name}: image ${img.wasm.byteLength} bytes, ${img.safepoints} loops with a safepoint, bench_compute ${ex.instrumented ? "instrumented" : "not instrumented"} by asyncify`,
      );
      let n = 0;
      variants.push({
        name: b.name,
        run: () => {
          if (n === 0) {
            const a = performance.now();
            fn(200);
            n = Math.max(50, Math.round((200 * TARGET_MS) / Math.max(0.01, performance.now() - a)));
          }
          const a = performance.now();
          results.add((fn(n) >>> 0) ^ n);
          return ((performance.now() - a) * 1e6) / (n * 256);
        },
      });
    }
    const samples = await interleave("compute", variants, ctx.rounds, ctx.progress);
    return {
      name: "safepoint",
      title: this.title,
      rounds: ctx.rounds,
      durationMs: performance.now() - t0,
      groups: [
        groupResult("bench_compute", "ns/inner iteration", "plain", variants, samples),
        // The same samples against the safepointed build: what asyncify adds.
        groupResult(
          "asyncify on top of safepoints",
          "ns/inner iteration",
          "safepoints",
          variants.filter((v) => v.name === "safepoints" || v.name === DEFAULT),
          samples,
        ),
        // The same samples against safepoints+asyncify: what the NULL-page check adds.
        groupResult(
          "NULL-pointer detection on top of safepoints+asyncify",
          "ns/inner iteration",
          DEFAULT,
          variants.filter((v) => v.name === DEFAULT || v.name === NULL_CHECK),
          samples,
        ),
      ],
      notes,
      description:
        "ns per inner-loop iteration of bench_compute (a call, two loads, a store), called directly from JS (lower is better).",
    };
  },
};
