import { type MeanEstimate, meanWithErrors } from './clustered-mean.js';
import { normalCdf, normalQuantile } from './normal.js';

/** Input of {@link pairedDifference}: per-item scores of two systems, aligned. */
export interface PairedDifferenceOptions {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  /** A cluster label per item, for clustered standard errors. */
  clusters?: ArrayLike<string> | null;
  /** Two-sided level; the interval has confidence 1 − alpha. Default 0.05. */
  alpha?: number;
}

/** The difference A − B over shared items, with its errors, interval and test. */
export interface PairedDifference {
  n: number;
  meanA: number;
  meanB: number;
  /** Mean of a_i − b_i. */
  difference: number;
  /** Naive SE of the mean difference: sd(a − b)/√n. */
  se: number;
  /** Clustered SE of the mean difference; null without clusters. */
  clusteredSe: number | null;
  clusters: number | null;
  /** Pearson correlation of the two systems' per-item scores; null when either side is constant. */
  correlation: number | null;
  /** difference ± z·SE, with the clustered SE when there is one. */
  low: number;
  high: number;
  /** Two-sided p-value of the z test of no difference (same SE as the interval). */
  pValue: number;
}

/**
 * The paired comparison Miller recommends ("Adding Error Bars to Evals", 2024):
 * the per-item differences d_i = a_i − b_i carry the two systems' correlation,
 * Var(d) = Var(a) + Var(b) − 2·Cov(a, b), so the SE of their mean is smaller
 * than that of two unpaired means whenever the systems find the same items hard.
 * The interval and the two-sided p-value use the normal approximation
 * d̄/SE ~ N(0, 1) (the clustered SE when clusters are given). With SE = 0 the
 * p-value is 1 for d̄ = 0 and 0 otherwise. Null for no items.
 */
export function pairedDifference(options: PairedDifferenceOptions): PairedDifference | null {
  const { a, b, alpha = 0.05 } = options;
  if (a.length !== b.length) throw new RangeError(`a has ${a.length} scores and b ${b.length}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const n = a.length;
  if (n === 0) return null;
  const differences = new Float64Array(n);
  let sumA = 0;
  let sumB = 0;
  for (let index = 0; index < n; index += 1) {
    differences[index] = a[index] - b[index];
    sumA += a[index];
    sumB += b[index];
  }
  const estimate = meanWithErrors(differences, options.clusters) as MeanEstimate;
  const used = estimate.clusteredSe ?? estimate.se;
  const z = normalQuantile(1 - alpha / 2);
  return {
    n,
    meanA: sumA / n,
    meanB: sumB / n,
    difference: estimate.mean,
    se: estimate.se,
    clusteredSe: estimate.clusteredSe,
    clusters: estimate.clusters,
    correlation: pearson(a, b),
    low: estimate.mean - z * used,
    high: estimate.mean + z * used,
    pValue: used > 0 ? 2 * normalCdf(-Math.abs(estimate.mean) / used) : estimate.mean === 0 ? 1 : 0,
  };
}

/** Pearson's r of two aligned samples; null when fewer than two values or either is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n < 2) return null;
  let sumA = 0;
  let sumB = 0;
  for (let index = 0; index < n; index += 1) {
    sumA += a[index];
    sumB += b[index];
  }
  // Sums first: a constant side then has residuals of exactly 0, and no correlation.
  const meanA = sumA / n;
  const meanB = sumB / n;
  let covariance = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let index = 0; index < n; index += 1) {
    const da = a[index] - meanA;
    const db = b[index] - meanB;
    covariance += da * db;
    squaresA += da * da;
    squaresB += db * db;
  }
  if (squaresA === 0 || squaresB === 0) return null;
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(squaresA * squaresB)));
}
