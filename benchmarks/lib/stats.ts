// Small statistics for benchmark samples (no dependency): median, quantiles, and a robust
// relative spread (median absolute deviation / median).

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Median absolute deviation over the median, in percent. */
  spreadPct: number;
  n: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const mad = quantile(
    samples.map((x) => Math.abs(x - median)).sort((a, b) => a - b),
    0.5,
  );
  return {
    median,
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    spreadPct: median ? (100 * mad) / median : 0,
    n: s.length,
  };
}
