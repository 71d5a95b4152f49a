import { bootstrapMeanInterval } from '../stats/bootstrap.js';
import { meanWithErrors } from '../stats/clustered-mean.js';
import { normalInterval } from '../stats/normal-interval.js';
import { clusteredWilsonInterval, wilsonInterval } from '../stats/wilson.js';
import { allBinary, type ItemScore } from './item-scores.js';

/** Seed of every bootstrap in the reports, so a report repeats exactly. */
export const REPORT_SEED = 1;

/** How an interval was computed. */
export type IntervalMethod = 'wilson' | 'bootstrap' | 'normal' | 'clustered';

/** A mean score over items with its 95% interval and both standard errors. */
export interface ScoreEstimate {
  /** Items averaged (repeats collapsed). */
  items: number;
  mean: number;
  low: number;
  high: number;
  /** Naive standard error of the mean over items. */
  se: number;
  /** Clustered standard error; null when the run has no cluster column. */
  clusteredSe: number | null;
  /** Distinct clusters among the items; null without a cluster column. */
  clusters: number | null;
  /**
   * `wilson`: 0/1 item scores and no clustering; `clustered`, when some cluster holds more
   * than one item: for 0/1 items Wilson on the effective sample size n / deff (deff =
   * clustered SE² / naive SE²), else mean ± z·clustered SE; otherwise `bootstrap` (a seeded percentile
   * bootstrap over items) or `normal` (mean ± z·SE), as the caller asked.
   */
  method: IntervalMethod;
}

/**
 * The mean of item scores with its interval. With `clustered`, items of one
 * cluster (`ItemScore.cluster`) are not independent: the clustered SE is
 * reported and, when some cluster holds two or more items, it makes the
 * interval. Null for no items.
 */
export function estimateScore(
  scores: readonly ItemScore[],
  options: { clustered: boolean; continuous: 'bootstrap' | 'normal' },
): ScoreEstimate | null {
  if (scores.length === 0) return null;
  const values = Float64Array.from(scores, (score) => score.value);
  const labels = options.clustered ? scores.map((score) => score.cluster) : null;
  const errors = meanWithErrors(values, labels);
  if (errors === null) return null;
  const base = {
    items: errors.n,
    mean: errors.mean,
    se: errors.se,
    clusteredSe: errors.clusteredSe,
    clusters: errors.clusters,
  };
  const binary = allBinary(values);
  if (clusteringWidens(errors) && errors.clusteredSe !== null) {
    // 0/1 items: Wilson on the effective sample size, which stays within [0, 1]; else the normal interval.
    if (binary && errors.se > 0) {
      const designEffect = (errors.clusteredSe / errors.se) ** 2;
      const interval = clusteredWilsonInterval({ share: errors.mean, n: errors.n, designEffect });
      return { ...base, low: interval?.low ?? 0, high: interval?.high ?? 1, method: 'clustered' };
    }
    return { ...base, ...clamped(errors.mean, errors.clusteredSe), method: 'clustered' };
  }
  if (binary) {
    let successes = 0;
    for (const value of values) successes += value;
    const interval = wilsonInterval({ successes, trials: values.length });
    return { ...base, low: interval?.low ?? 0, high: interval?.high ?? 1, method: 'wilson' };
  }
  if (options.continuous === 'bootstrap') {
    const interval = bootstrapMeanInterval({ values, seed: REPORT_SEED });
    return { ...base, low: interval?.low ?? errors.mean, high: interval?.high ?? errors.mean, method: 'bootstrap' };
  }
  return { ...base, ...clamped(errors.mean, errors.se), method: 'normal' };
}

/**
 * Whether the clustered standard error makes an interval: some cluster holds two
 * or more items, there are at least two clusters, and it is larger than the naive
 * error. Items of one subject are not expected to be anti-correlated, so a
 * clustered error below the naive one is taken as the noise of a clustered
 * estimate on few clusters, and the naive error stands (both are reported).
 */
export function clusteringWidens(errors: {
  n: number;
  se: number;
  clusteredSe: number | null;
  clusters: number | null;
}): boolean {
  return (
    errors.clusteredSe !== null &&
    errors.clusters !== null &&
    errors.clusters >= 2 &&
    errors.clusters < errors.n &&
    errors.clusteredSe > errors.se
  );
}

/** The 95% normal interval mean ± z·SE, kept within [0, 1] where every score lies. */
function clamped(mean: number, se: number): { low: number; high: number } {
  const interval = normalInterval({ estimate: mean, se });
  return { low: Math.max(0, interval.low), high: Math.min(1, interval.high) };
}
