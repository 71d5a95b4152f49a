import { percentile } from './percentile.js';

/** Summary of a set of latencies (any unit; the values' own unit is kept). */
export interface LatencySummary {
  count: number;
  /** Arithmetic mean; null when there are no values (as are all fields below). */
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Count, mean, min, max and the 50th/90th/95th/99th percentiles of the values,
 * percentiles by linear interpolation between closest ranks (Hyndman & Fan,
 * "Sample quantiles in statistical packages", Am. Stat. 50:361–365, 1996,
 * definition 7; R's and NumPy's default), via {@link percentile}.
 * The input is not modified. Throws when a value is not finite.
 */
export function summarizeLatency(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values);
  let sum = 0;
  for (let index = 0; index < sorted.length; index += 1) {
    if (!Number.isFinite(sorted[index]))
      throw new RangeError(`Latency value ${index} is not a finite number: ${values[index]}`);
    sum += sorted[index];
  }
  const count = sorted.length;
  if (count === 0) return { count, mean: null, p50: null, p90: null, p95: null, p99: null, min: null, max: null };
  sorted.sort();
  return {
    count,
    mean: sum / count,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0],
    max: sorted[count - 1],
  };
}
