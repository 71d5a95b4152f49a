import { createRng } from '../stats/rng.js';

/**
 * Two-sided percentile-bootstrap p-value for "the mean difference is 0"
 * (Efron & Tibshirani 1993, §15.4; the achieved significance level of the
 * percentile interval): p = min(1, 2 · min(#{θ*_b ≤ 0}, #{θ*_b ≥ 0}) / B),
 * where θ*_b are the means of B resamples of the differences a_i − b_i. It
 * draws exactly as `pairedBootstrapDifference` does for the same seed and
 * resamples, so it agrees with that interval: p ≤ α when the 1 − α interval
 * excludes 0, up to the interval's interpolation between resamples.
 */
export function pairedBootstrapPValue(options: {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  seed?: number | string;
  resamples?: number;
}): number {
  const { a, b, seed = 1, resamples = 2000 } = options;
  const count = a.length;
  if (count === 0) return 1;
  const differences = new Float64Array(count);
  for (let index = 0; index < count; index += 1) differences[index] = a[index] - b[index];
  const random = createRng(seed);
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let round = 0; round < resamples; round += 1) {
    let sum = 0;
    for (let draw = 0; draw < count; draw += 1) sum += differences[(random() * count) | 0];
    const mean = sum / count;
    if (mean <= 0) atOrBelow += 1;
    if (mean >= 0) atOrAbove += 1;
  }
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / resamples);
}
