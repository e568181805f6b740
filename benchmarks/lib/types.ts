// The shape of benchmark results (bench-results/latest.json) and of a benchmark module.
import type { Summary } from "./stats.js";
import type { Progress } from "./progress.js";

export interface VariantResult extends Partial<Summary> {
  variant: string;
  /** Per-round values, in `unit`. */
  samples: number[];
  /** median / reference median (null for a skipped variant or no reference). */
  ratio: number | null;
  /** Why this variant did not run. */
  skipped?: string;
}

export interface GroupResult {
  /** E.g. "2 workers" or "1000 threads". */
  group: string;
  unit: string;
  reference: string;
  variants: VariantResult[];
}

export interface BenchResult {
  name: string;
  title: string;
  /** What one op is and how it was measured. */
  description: string;
  rounds: number;
  groups: GroupResult[];
  notes: string[];
  durationMs: number;
}

export interface BenchContext {
  progress: Progress;
  rounds: number;
  /** Host cores (os.availableParallelism()). */
  cores: number;
  /** Compiled native helpers, or null with the reason they are not available. */
  native: { spinlock: string; ucontext: string } | { missing: string };
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
