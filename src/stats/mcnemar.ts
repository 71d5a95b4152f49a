import { binomialCdf } from './binomial.js';

/** Discordant-pair counts of a paired 2×2 table. */
export interface McNemarCounts {
  /** Items that passed before (or under A) and failed after (or under B). */
  b: number;
  /** Items that failed before (or under A) and passed after (or under B). */
  c: number;
}

/** Result of {@link mcnemarExact}. */
export interface McNemarResult {
  /** Two-sided exact p-value. */
  pValue: number;
  b: number;
  c: number;
  /** Number of discordant pairs, b + c. */
  n: number;
}

/**
 * Exact (conditional) McNemar test for paired binary outcomes (McNemar,
 * Psychometrika 12:153–157, 1947; exact form as in Fay, R package exact2x2,
 * `mcnemar.exact`, and Fagerland, Lydersen & Laake, BMC Med Res Methodol
 * 13:91, 2013). Under H₀ each of the n = b + c discordant pairs is equally
 * likely to fall either way, so with X ~ Bin(n, ½):
 * p = min(1, 2 · P[X ≤ min(b, c)]), and p = 1 when n = 0.
 * This equals R's `binom.test(b, b + c)` two-sided p-value, e.g.
 * b = 2, c = 10 gives 158/4096 = 0.0385742…. Exact for any n (no overflow:
 * the tail is summed from Loader's accurate binomial probabilities).
 */
export function mcnemarExact(counts: McNemarCounts): McNemarResult {
  const { b, c } = counts;
  for (const [name, value] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`McNemar ${name} must be a non-negative integer, got ${value}`);
  }
  const n = b + c;
  if (n === 0) return { pValue: 1, b, c, n };
  const tail = binomialCdf({ k: Math.min(b, c), n, p: 0.5 });
  return { pValue: Math.min(1, 2 * tail), b, c, n };
}
