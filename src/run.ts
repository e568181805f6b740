// The one path from an application to a finished run: resolve the Kconfig against the board,
// build the image (or take a built one), create the machine, run it. The CLI, the tests'
// helpers and the benchmarks all go through here. Node-only, like the image builder it calls.

import { readFileSync } from "node:fs";
import { VmError } from "./errors.js";
import {
  buildDefines,
  resolveKconfig,
  resolveKconfigForImage,
  type ConfigSetting,
  type Kconfig,
} from "./board/kconfig.js";
import type { Board } from "./board/board.js";
import { buildImage, type BuildOptions } from "./image/image.js";
import { readBuildRecord } from "./image/record.js";
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
  /** Called with each warning about the application's code when it is built (BuiltImage.warnings). */
  onWarning?: (warning: string) => void;
}

export interface BuiltApplication {
  config: Kconfig;
  image: Uint8Array | WebAssembly.Module;
  /** Warnings about the application's code (none for a prebuilt image). */
  warnings: string[];
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
 * The configuration to run a prebuilt image with: the image's build-time options (its build
 * record) and the run-time ones of `settings`; a setting that asks for another build-time value
 * than the image's is an E_CONFIG error that names it and says to rebuild.
 */
function prebuiltConfig(image: Uint8Array | WebAssembly.Module, label: string, opts: BuildApplicationOptions): Kconfig {
  const defines = readBuildRecord(image);
  if (defines === null) {
    throw new VmError(
      "E_IMAGE",
      `${label}: the image does not record the build-time options it was built with (an image from an older wasmp?): rebuild it`,
    );
  }
  return resolveKconfigForImage(opts.settings ?? [], opts.board, defines, label);
}

/**
 * Resolves the configuration for `board` and builds the image with its build-time options; a
 * prebuilt image (a .wasm file, bytes or a module) keeps its own build-time options, and settings
 * that contradict them are an error (run the .ts application to rebuild). Errors are VmErrors:
 * E_CONFIG for the configuration, E_BUILD if the image does not compile, E_IMAGE if an image
 * file cannot be read or has no build record.
 */
export async function buildApplication(opts: BuildApplicationOptions): Promise<BuiltApplication> {
  const { app } = opts;
  if (typeof app !== "string") return { config: prebuiltConfig(app, "the image", opts), image: app, warnings: [] };
  if (app.endsWith(".wasm")) {
    let image: Uint8Array;
    try {
      image = new Uint8Array(readFileSync(app));
    } catch (e) {
      throw new VmError("E_IMAGE", `${app}: cannot read the image`, { cause: e });
    }
    return { config: prebuiltConfig(image, app, opts), image, warnings: [] };
  }
  const config = resolveKconfig(opts.settings ?? [], opts.board);
  try {
    const built = await buildImage(app, { ...opts.build, defines: buildDefines(config), mode: opts.mode ?? "app" });
    for (const w of built.warnings) opts.onWarning?.(w);
    return { config, image: built.wasm, warnings: built.warnings };
  } catch (e) {
    if (e instanceof VmError) throw e;
    throw new VmError("E_BUILD", `${app}: build failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Resolves, builds, creates a machine for `board` and runs it to the end (buildApplication's errors, and Machine.create's). */
export async function runApplication(opts: RunApplicationOptions): Promise<ApplicationRun> {
  const { config, image, warnings } = await buildApplication(opts);
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
  return { config, image, warnings, machine, result };
}
