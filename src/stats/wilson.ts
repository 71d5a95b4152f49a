import type { Interval } from './interval.js';
import { normalQuantile } from './normal.js';

/** Input of {@link wilsonInterval}. */
export interface WilsonOptions {
  /** Number of successes, 0 ≤ successes ≤ trials. */
  successes: number;
  /** Number of trials. */
  trials: number;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  confidence?: number;
}

/**
 * Wilson score interval for a binomial proportion, without continuity
 * correction (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22:209–212, 1927; method 3 of R. G. Newcombe,
 * "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Statistics in Medicine 17:857–872, 1998).
 *
 * With p̂ = x/n and z = Φ⁻¹(1 − α/2):
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
 * Example (Newcombe 1998, Table II): 81/263 gives 0.2553 to 0.3662.
 * `estimate` is p̂. Returns null when there are no trials.
 */
export function wilsonInterval(options: WilsonOptions): Interval | null {
  const { successes, trials, confidence = 0.95 } = options;
  if (!Number.isSafeInteger(trials) || trials < 0)
    throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const share = successes / trials;
  const zSquareOverN = (z * z) / trials;
  const denominator = 1 + zSquareOverN;
  const center = (share + zSquareOverN / 2) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((share * (1 - share)) / trials + zSquareOverN / (4 * trials));
  return {
    low: successes === 0 ? 0 : Math.max(0, center - halfWidth),
    high: successes === trials ? 1 : Math.min(1, center + halfWidth),
    estimate: share,
  };
}

/**
 * The Wilson interval of a share observed on a clustered sample: the formula
 * above with n replaced by the effective sample size n / deff, where the design
 * effect deff = SE_clustered² / SE² is how much the clustering inflates the
 * variance of the mean (L. Kish, "Survey Sampling", Wiley, 1965, §8.2). It stays
 * inside [0, 1] and is asymmetric near the ends, where a normal interval on the
 * clustered SE would run past 100%. With deff = 1 it is `wilsonInterval` itself.
 * Null when n is 0.
 */
export function clusteredWilsonInterval(options: {
  /** The observed share, in [0, 1]. */
  share: number;
  /** Items observed. */
  n: number;
  /** Design effect, at least 0 (values below 1 shrink the interval, as the clustered SE does). */
  designEffect: number;
  confidence?: number;
}): Interval | null {
  const { share, n, designEffect, confidence = 0.95 } = options;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be in [0, 1], got ${share}`);
  if (!(designEffect > 0) || !Number.isFinite(designEffect)) {
    throw new RangeError(`designEffect must be a positive number, got ${designEffect}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return null;
  const effective = n / designEffect;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const zSquareOverN = (z * z) / effective;
  const denominator = 1 + zSquareOverN;
  const center = (share + zSquareOverN / 2) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((share * (1 - share)) / effective + zSquareOverN / (4 * effective));
  return {
    low: share === 0 ? 0 : Math.max(0, center - halfWidth),
    high: share === 1 ? 1 : Math.min(1, center + halfWidth),
    estimate: share,
  };
}
