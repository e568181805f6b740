// The one path from an application to a finished run: resolve the Kconfig against the board,
// build the image (or take a built one), create the machine, run it. The CLI, the tests'
// helpers and the benchmarks all go through here. Node-only, like the image builder it calls.

import { readFileSync } from "node:fs";
import { VmError } from "./errors.js";
import { buildDefines, resolveKconfig, type ConfigSetting, type Kconfig } from "./board/kconfig.js";
import type { Board } from "./board/board.js";
import { buildImage, type BuildOptions } from "./image/image.js";
import { Machine, type MachineOptions, type RunResult } from "./machine/machine.js";

/** An AssemblyScript application (.ts), an image file (.wasm), image bytes or a compiled image. */
export type Application = string | Uint8Array | WebAssembly.Module;

export interface BuildApplicationOptions {
  /** What to build; a .wasm file, bytes or a module are taken as they are. */
  app: Application;
  board: Board;
  /** Kconfig settings (prj.conf files, --set), later ones winning; resolved against `board`. */
  settings?: readonly ConfigSetting[];
  /** "ztest": the file registers ZTEST tests and main() is the ztest runner (`wasmp test`). */
  mode?: "app" | "ztest";
  /** Image build options other than the Kconfig defines and the mode. */
  build?: Omit<BuildOptions, "defines" | "mode">;
}

export interface BuiltApplication {
  config: Kconfig;
  image: Uint8Array | WebAssembly.Module;
}

export interface RunApplicationOptions
  extends BuildApplicationOptions,
    Pick<MachineOptions, "onLine" | "onFatal" | "platform"> {
  /** End a hung run after this long (status "timeout"); default: no limit. */
  timeoutMs?: number;
  /** Called with the machine once it is created, before it runs. */
  onMachine?: (machine: Machine) => void;
}

export interface ApplicationRun extends BuiltApplication {
  machine: Machine;
  result: RunResult;
}

/**
 * Resolves the configuration for `board` and builds the image with its build-time options.
 * Errors are VmErrors: E_CONFIG for the configuration, E_BUILD if the image does not compile,
 * E_IMAGE if an image file cannot be read.
 */
export async function buildApplication(opts: BuildApplicationOptions): Promise<BuiltApplication> {
  const config = resolveKconfig(opts.settings ?? [], opts.board);
  const { app } = opts;
  if (typeof app !== "string") return { config, image: app };
  if (app.endsWith(".wasm")) {
    try {
      return { config, image: new Uint8Array(readFileSync(app)) };
    } catch (e) {
      throw new VmError("E_IMAGE", `${app}: cannot read the image`, { cause: e });
    }
  }
  try {
    const built = await buildImage(app, { ...opts.build, defines: buildDefines(config), mode: opts.mode ?? "app" });
    return { config, image: built.wasm };
  } catch (e) {
    if (e instanceof VmError) throw e;
    throw new VmError("E_BUILD", `${app}: build failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Resolves, builds, creates a machine for `board` and runs it to the end (buildApplication's errors, and Machine.create's). */
export async function runApplication(opts: RunApplicationOptions): Promise<ApplicationRun> {
  const { config, image } = await buildApplication(opts);
  const machine = await Machine.create({
    image,
    board: opts.board,
    config,
    onLine: opts.onLine,
    onFatal: opts.onFatal,
    platform: opts.platform,
  });
  opts.onMachine?.(machine);
  const result = await machine.run(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
  return { config, image, machine, result };
}
