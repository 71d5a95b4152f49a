import { type MeanEstimate, meanWithErrors } from './clustered-mean.js';
import type { Interval } from './interval.js';
import { normalQuantile } from './normal.js';

/** Input of {@link normalInterval}. */
export interface NormalIntervalOptions {
  estimate: number;
  /** Standard error of `estimate`, finite and non-negative. */
  se: number;
  /** Two-sided level; the interval has confidence 1 − alpha. Default 0.05. */
  alpha?: number;
}

/**
 * The normal-approximation interval estimate ± z_{1−α/2} · SE (Miller,
 * "Adding Error Bars to Evals", arXiv:2411.00640, 2024, §2.1: by the central
 * limit theorem the mean over questions is about normal around the
 * super-population mean). For α = 0.05, z = 1.959963984540054. The bounds are
 * not clamped: callers whose scores lie in [0, 1] clamp them if they wish.
 */
export function normalInterval(options: NormalIntervalOptions): Interval {
  const { estimate, se, alpha = 0.05 } = options;
  if (!Number.isFinite(estimate)) throw new RangeError(`estimate must be finite, got ${estimate}`);
  if (!(se >= 0) || !Number.isFinite(se)) throw new RangeError(`se must be a finite non-negative number, got ${se}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const half = normalQuantile(1 - alpha / 2) * se;
  return { low: estimate - half, high: estimate + half, estimate };
}

/** Input of {@link meanWithInterval}. */
export interface MeanIntervalOptions {
  /** Per-item values, repeats already collapsed (see `collapseRepeats`). */
  values: ArrayLike<number>;
  /** A cluster label per value, for the clustered standard error. */
  clusters?: ArrayLike<string> | null;
  /** Two-sided level; default 0.05. */
  alpha?: number;
}

/** {@link MeanEstimate} with the normal interval around the mean. */
export interface MeanWithInterval extends MeanEstimate {
  /** mean ± z_{1−α/2} · SE, with the clustered SE when clusters were given, else the naive one. */
  interval: Interval;
}

/**
 * The mean of per-item values, both standard errors of {@link meanWithErrors}
 * (the naive s/√n with the n − 1 denominator, and the clustered one when
 * labels are given; both as documented there) and the normal interval built on
 * the clustered SE when there is one, else on the naive SE. Null for no values.
 */
export function meanWithInterval(options: MeanIntervalOptions): MeanWithInterval | null {
  const { values, clusters, alpha = 0.05 } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const errors = meanWithErrors(values, clusters);
  if (errors === null) return null;
  const se = errors.clusteredSe ?? errors.se;
  return { ...errors, interval: normalInterval({ estimate: errors.mean, se, alpha }) };
}
