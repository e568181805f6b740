// The board: the virtual hardware a machine is made of. It is made once (from the command line
// or the API, by createBoard, the one place that validates it) and passed down: Kconfig is
// resolved against it (resolveKconfig) and the machine is created for it (Machine.create),
// which rejects a configuration resolved for another board.
//
// Today a board is one SMP cluster: `cpus` CPUs sharing `memoryMiB` of memory. Clusters (AMP)
// will come as a `clusters` list, each with its own CPUs; `cpus` then stays the total.

import { BOARD_NAME_MAX, MAX_CPUS } from "../generated/contract.js";
import { VmError } from "../errors.js";

/**
 * Smallest and largest shared memory a board may have, in MiB: the end of memory must be a 32-bit
 * address (4096 MiB would end at 2^32). Addresses above 2 GiB are negative as Wasm i32s and in
 * `>>` arithmetic: the host indexes typed arrays with `>>>` (test/boot.test.ts boots 4095 MiB).
 */
export const MIN_MEMORY_MIB = 4;
export const MAX_MEMORY_MIB = 4095;
/** Defaults of a board description. */
export const DEFAULT_BOARD_NAME = "wasmp";
export const DEFAULT_MEMORY_MIB = 64;

export interface Board {
  readonly name: string;
  /** CPUs on the board: one worker each. */
  readonly cpus: number;
  /** Size of the machine's shared memory (static data, kernel, heap), in MiB. */
  readonly memoryMiB: number;
}

/** What createBoard needs: the CPU count, and optionally a name and the memory size. */
export interface BoardSpec {
  cpus: number;
  name?: string;
  memoryMiB?: number;
}

/** Why `cpus` is not a valid CPU count, or null if it is. */
export function cpuCountProblem(cpus: number): string | null {
  return Number.isInteger(cpus) && cpus >= 1 && cpus <= MAX_CPUS ? null : `a board has 1 to ${MAX_CPUS} CPUs`;
}

/** The boards createBoard made (and validated). */
const made = new WeakSet<Board>();

/**
 * Validates a board description and returns the (frozen) board. Given a board it made, it
 * returns that board: a Board is itself a valid spec.
 */
export function createBoard(spec: BoardSpec | Board): Board {
  if (made.has(spec as Board)) return spec as Board;
  const problem = cpuCountProblem(spec.cpus);
  if (problem) throw new VmError("E_CONFIG", `board: ${problem}, got ${spec.cpus}`);
  const memoryMiB = spec.memoryMiB ?? DEFAULT_MEMORY_MIB;
  if (!Number.isInteger(memoryMiB) || memoryMiB < MIN_MEMORY_MIB || memoryMiB > MAX_MEMORY_MIB) {
    throw new VmError("E_CONFIG", `board: memory must be ${MIN_MEMORY_MIB} to ${MAX_MEMORY_MIB} MiB, got ${memoryMiB}`);
  }
  const name = spec.name ?? DEFAULT_BOARD_NAME;
  // The guest reads it as CONFIG_BOARD from a fixed field of z_kernel (BOARD_NAME_MAX bytes, NUL included).
  if (!/^[\x21-\x7e]+$/.test(name) || name.length >= BOARD_NAME_MAX) {
    throw new VmError(
      "E_CONFIG",
      `board: a name is 1 to ${BOARD_NAME_MAX - 1} printable ASCII characters without spaces, got '${name}'`,
    );
  }
  const board: Board = Object.freeze({ name, cpus: spec.cpus, memoryMiB });
  made.add(board);
  return board;
}

/** True if `a` and `b` describe the same hardware. */
export function sameBoard(a: Board, b: Board): boolean {
  return a.name === b.name && a.cpus === b.cpus && a.memoryMiB === b.memoryMiB;
}

/** "'wasmp' (4 CPUs, 64 MiB)", for messages. */
export function describeBoard(b: Board): string {
  return `'${b.name}' (${b.cpus} CPU${b.cpus === 1 ? "" : "s"}, ${b.memoryMiB} MiB)`;
}
