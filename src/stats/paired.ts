import { pairedBootstrapDifference } from './bootstrap.js';
import { mcnemarExact } from './mcnemar.js';
import { minimumDetectableEffect } from './minimum-detectable-effect.js';

/** Input of {@link comparePaired}: per-item scores of two systems on the same items, in the same order. */
export interface PairedComparisonOptions {
  /** Scores of system A (for a regression check: the baseline). */
  a: ArrayLike<number>;
  /** Scores of system B (for a regression check: the current run). */
  b: ArrayLike<number>;
  /** Two-sided significance level; the interval has confidence 1 − alpha. Default 0.05. */
  alpha?: number;
  /** Seed of the paired bootstrap; default 1. */
  seed?: number | string;
  /** Bootstrap resamples; default 2000. */
  resamples?: number;
}

/** Whether two systems differ on shared items, and how small a difference the data could show. */
export interface PairedComparison {
  /** Number of shared items. */
  n: number;
  /** 'binary' when every score is 0 or 1 (McNemar applies), else 'continuous'. */
  kind: 'binary' | 'continuous';
  meanA: number;
  meanB: number;
  /** Mean of the per-item differences a_i − b_i (= meanA − meanB up to rounding). */
  difference: number;
  /** Paired percentile-bootstrap interval for `difference`, confidence 1 − alpha. */
  interval: { low: number; high: number };
  /** Exact McNemar test: b = items A passed and B failed, c = items A failed and B passed. Null for continuous scores. */
  mcnemar: { b: number; c: number; pValue: number } | null;
  /** Binary: McNemar p ≤ alpha. Continuous: the interval excludes 0. */
  significant: boolean;
  /** Minimum detectable |difference| at 80% power and level alpha; null when it cannot be estimated (continuous, n < 2). */
  mde: number | null;
}

/**
 * Compares two systems scored on the same items.
 *
 * Binary scores: exact McNemar test on the discordant pairs, and
 * MDE = (z_{1−α/2} + z_{0.8}) · √(p_d / n) with p_d = (b + c)/n the discordant
 * proportion: Connor's sample size for McNemar's test (R. J. Connor, "Sample
 * size for testing differences in proportions for the paired-sample design",
 * Biometrics 43:207–211, 1987), n = [z_{1−α/2}√p_d + z_{1−β}√(p_d − δ²)]²/δ²,
 * solved for δ with the small δ² term dropped. When no pair is discordant p_d
 * is taken as 1/n (one pair), since an observed 0 would claim any difference
 * is detectable; the MDE is capped at 1, the largest possible difference.
 *
 * Continuous scores: no McNemar; significance means the paired bootstrap
 * interval excludes 0, and MDE = (z_{1−α/2} + z_{0.8}) · s_d/√n with s_d the
 * sample standard deviation of the differences.
 *
 * Throws when the lengths differ or a score is not finite; null for no items.
 */
export function comparePaired(options: PairedComparisonOptions): PairedComparison | null {
  const { a, b, alpha = 0.05, seed, resamples } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const bootstrap = pairedBootstrapDifference({ a, b, confidence: 1 - alpha, seed, resamples });
  if (bootstrap === null) return null;
  const n = a.length;
  let sumA = 0;
  let sumB = 0;
  let aOnly = 0;
  let bOnly = 0;
  let binary = true;
  for (let index = 0; index < n; index += 1) {
    const first = a[index];
    const second = b[index];
    sumA += first;
    sumB += second;
    if ((first !== 0 && first !== 1) || (second !== 0 && second !== 1)) binary = false;
    else if (first > second) aOnly += 1;
    else if (second > first) bOnly += 1;
  }
  const base = {
    n,
    meanA: sumA / n,
    meanB: sumB / n,
    difference: bootstrap.estimate,
    interval: { low: bootstrap.low, high: bootstrap.high },
  };
  if (binary) {
    const test = mcnemarExact({ b: aOnly, c: bOnly });
    const discordantShare = Math.max(test.n, 1) / n;
    const mde = minimumDetectableEffect({ n, standardDeviation: Math.sqrt(discordantShare), alpha });
    return {
      ...base,
      kind: 'binary',
      mcnemar: { b: test.b, c: test.c, pValue: test.pValue },
      significant: test.pValue <= alpha,
      mde: Math.min(1, mde),
    };
  }
  return {
    ...base,
    kind: 'continuous',
    mcnemar: null,
    significant: bootstrap.low > 0 || bootstrap.high < 0,
    mde: n < 2 ? null : minimumDetectableEffect({ n, standardDeviation: sampleDeviation(a, b), alpha }),
  };
}

/** Sample standard deviation (n − 1 denominator) of a_i − b_i, by Welford's update. */
function sampleDeviation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let mean = 0;
  let squares = 0;
  for (let index = 0; index < a.length; index += 1) {
    const value = a[index] - b[index];
    const delta = value - mean;
    mean += delta / (index + 1);
    squares += delta * (value - mean);
  }
  return Math.sqrt(squares / (a.length - 1));
}
