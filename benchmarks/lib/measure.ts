// Runs variants interleaved: every round runs each variant once, in a rotated order so that
// no variant always runs first (or right after the same neighbour). One untimed warm-up per
// variant first. Returns per-variant samples in round order.
import { summarize } from "./stats.js";
import type { GroupResult, VariantResult } from "./types.js";
import type { Progress } from "./progress.js";

export interface Variant {
  name: string;
  /** One measurement, in the group's unit. */
  run(): Promise<number> | number;
  /** Set instead of run when the variant cannot run here. */
  skipped?: string;
  warmup?: boolean;
}

export async function interleave(
  group: string,
  variants: Variant[],
  rounds: number,
  progress: Progress,
): Promise<Map<string, number[]>> {
  const live = variants.filter((v) => !v.skipped);
  const out = new Map<string, number[]>(live.map((v) => [v.name, []]));
  for (const v of live) {
    if (v.warmup === false) continue;
    progress.step(`${group}: warm-up ${v.name}`);
    await v.run();
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < live.length; k++) {
      const v = live[(k + r) % live.length]!;
      progress.step(`${group}: ${v.name}, round ${r + 1}/${rounds}`);
      out.get(v.name)!.push(await v.run());
    }
  }
  return out;
}

/** Summaries and ratios to `reference` for one group. */
export function groupResult(
  group: string,
  unit: string,
  reference: string,
  variants: Variant[],
  samples: Map<string, number[]>,
): GroupResult {
  const ref = samples.get(reference);
  const refMedian = ref ? summarize(ref).median : NaN;
  const rows: VariantResult[] = variants.map((v) => {
    const s = samples.get(v.name);
    if (!s) return { variant: v.name, samples: [], ratio: null, skipped: v.skipped ?? "not run" };
    const sum = summarize(s);
    return { variant: v.name, samples: s, ...sum, ratio: Number.isFinite(refMedian) ? sum.median / refMedian : null };
  });
  return { group, unit, reference, variants: rows };
}
