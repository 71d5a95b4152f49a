/** A mean with its standard errors: the naive one, and the clustered one when clusters were given. */
export interface MeanEstimate {
  /** Values (items) averaged. */
  n: number;
  mean: number;
  /** Naive standard error s/√n, with s the sample standard deviation (n − 1 denominator); 0 when n = 1. */
  se: number;
  /** Cluster-robust standard error; null without clusters, or with all values in one cluster (nothing to estimate it from). */
  clusteredSe: number | null;
  /** Distinct clusters; null without clusters. */
  clusters: number | null;
}

/**
 * The mean of `values` with its naive standard error and, given a cluster label
 * per value, its clustered standard error, as E. Miller recommends for evals
 * whose questions come in groups ("Adding Error Bars to Evals", 2024):
 *
 *   SE_clustered² = SE² + (1/n²) · Σ_c Σ_{i≠j ∈ c} (x_i − x̄)(x_j − x̄)
 *
 * The cross-products of items in the same cluster add the covariance the naive
 * SE assumes away: positive when items of a cluster succeed and fail together.
 * With one item per cluster the sum is empty and the two errors are equal. The
 * double sum is computed as Σ_c [(Σ_{i∈c} e_i)² − Σ_{i∈c} e_i²] with e = x − x̄,
 * in two passes. A negative total (items of a cluster anti-correlated) is
 * clamped at zero variance. Null for no values.
 */
export function meanWithErrors(values: ArrayLike<number>, clusters?: ArrayLike<string> | null): MeanEstimate | null {
  const n = values.length;
  if (n === 0) return null;
  if (clusters && clusters.length !== n) {
    throw new RangeError(`one cluster label per value: ${clusters.length} labels for ${n} values`);
  }
  let sum = 0;
  for (let index = 0; index < n; index += 1) {
    const value = values[index];
    if (!Number.isFinite(value)) throw new RangeError(`value ${index} is not a finite number: ${value}`);
    sum += value;
  }
  const mean = sum / n;
  let squares = 0;
  for (let index = 0; index < n; index += 1) squares += (values[index] - mean) ** 2;
  const variance = n > 1 ? squares / (n - 1) : 0;
  const se = Math.sqrt(variance / n);
  if (!clusters) return { n, mean, se, clusteredSe: null, clusters: null };
  const residualSums = new Map<string, number>();
  const residualSquares = new Map<string, number>();
  for (let index = 0; index < n; index += 1) {
    const residual = values[index] - mean;
    const label = clusters[index];
    residualSums.set(label, (residualSums.get(label) ?? 0) + residual);
    residualSquares.set(label, (residualSquares.get(label) ?? 0) + residual * residual);
  }
  let crossProducts = 0;
  for (const [label, residualSum] of residualSums) {
    crossProducts += residualSum * residualSum - (residualSquares.get(label) ?? 0);
  }
  // One cluster: its residuals sum to zero by construction, so the formula would return a meaningless near-zero.
  if (residualSums.size < 2) return { n, mean, se, clusteredSe: null, clusters: residualSums.size };
  const clusteredVariance = Math.max(0, se * se + crossProducts / (n * n));
  return { n, mean, se, clusteredSe: Math.sqrt(clusteredVariance), clusters: residualSums.size };
}
