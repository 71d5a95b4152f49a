import { holmAdjust } from './holm.js';

/** Input of {@link holmTest}. */
export interface HolmTestOptions {
  /** The family's p-values; null entries (no test) are skipped and do not count in m. */
  pValues: ReadonlyArray<number | null>;
  /** Family-wise error rate; default 0.05. */
  alpha?: number;
}

/** Holm's decisions for a family, both arrays in the input order. */
export interface HolmTestResult {
  /** Holm-adjusted p-values (see {@link holmAdjust}); null where the input was null. */
  adjusted: Array<number | null>;
  /** True where the adjusted p-value is at most alpha; false for null entries. */
  rejected: boolean[];
}

/**
 * Holm's step-down test of a family at level α (S. Holm, "A simple sequentially
 * rejective multiple test procedure", Scandinavian Journal of Statistics
 * 6:65–70, 1979): with the p-values sorted ascending, reject p_(1), p_(2), …
 * while p_(k) ≤ α/(m − k + 1) and stop at the first that is not. Rejecting
 * where the monotone adjusted p-value max_{j≤k} (m − j + 1)·p_(j) is at most α
 * makes exactly the same decisions. The chance of any false rejection in the
 * family stays at most α, under any dependence between the tests.
 */
export function holmTest(options: HolmTestOptions): HolmTestResult {
  const { pValues, alpha = 0.05 } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const adjusted = holmAdjust(pValues);
  return { adjusted, rejected: adjusted.map((value) => value !== null && value <= alpha) };
}
