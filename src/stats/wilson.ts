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
