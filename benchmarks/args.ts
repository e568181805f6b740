// The benchmark runner's command line (`npm run bench -- [names...] [--rounds N] [--list]`),
// parsed by node:util's parseArgs. Pure: benchmarks/run.ts prints the error and exits 2.
import { parseArgs } from "node:util";

export const DEFAULT_ROUNDS = 5;

export type BenchArgs = { list: true } | { list: false; rounds: number; names: string[] };

/** A bad command line: the message says what is wrong. */
export class BenchUsageError extends Error {
  override readonly name = "BenchUsageError";
}

/** Parses `argv` (the arguments after the script) against the known benchmark names. */
export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new BenchUsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals: names } = parsed;
  if (values.list) return { list: true };
  const rounds = /^\d+$/.test(values.rounds) ? Number(values.rounds) : Number.NaN;
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new BenchUsageError(`--rounds needs a positive integer, got '${values.rounds}'`);
  }
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new BenchUsageError(`unknown benchmark ${unknown.join(", ")}; known: ${known.join(", ")}`);
  return { list: false, rounds, names };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { rounds: { type: "string", default: String(DEFAULT_ROUNDS) }, list: { type: "boolean", default: false } },
  });
}
