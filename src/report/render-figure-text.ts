/**
 * Figure texts shared by report.md and report.html: a score with its interval, a
 * difference in points with its interval, standard errors, p-values and the
 * sentences that say how intervals and corrections were made. Plain text: each
 * renderer escapes what it embeds.
 */
import type { GroupBreakdown, GroupPair } from '../analysis/group-breakdown.js';
import type { PairComparison } from '../analysis/pairwise.js';
import type { IntervalMethod } from '../analysis/score-estimate.js';
import { formatPercent, formatPoints, formatPValue, formatSignedPoints } from './format.js';

/** En dash: the mark of a figure that does not exist. */
export const NONE = '\u2013';

/** The marker of a credible difference in both reports. */
export const CREDIBLE_MARK = '\u2020';

/** A mean and its 95% interval, as fractions. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
}

/** `93.3% [84.6, 100.0]`; an en dash when there is no score. */
export function scoreWithInterval(score: MeanInterval | null): string {
  if (score === null) return NONE;
  return `${formatPercent(score.mean)} ${intervalText(score)}`;
}

/** `[84.6, 100.0]`: an interval of fractions in percent, one decimal, no sign. */
export function intervalText(score: Pick<MeanInterval, 'low' | 'high'>): string {
  return `[${(score.low * 100).toFixed(1)}, ${(score.high * 100).toFixed(1)}]`;
}

/**
 * `+15.0 [+3.1, +26.9]`: a difference of means in percentage points with its 95%
 * interval. A normal interval can reach past ±100 pp on a few items; a difference
 * of scores in [0, 1] cannot, so the printed ends stop there.
 */
export function differenceWithInterval(pair: Pick<GroupPair, 'difference' | 'low' | 'high'>): string {
  const low = Math.max(-1, pair.low);
  const high = Math.min(1, pair.high);
  return `${formatSignedPoints(pair.difference)} [${formatSignedPoints(low)}, ${formatSignedPoints(high)}]`;
}

/** A p-value without its `p =` prefix: `0.012`, `< 0.001`; an en dash for none. */
export function pValueText(pValue: number | null): string {
  if (pValue === null) return NONE;
  return formatPValue(pValue).replace(/^p = /, '').replace(/^p /, '');
}

/** `1 comparison`, `6 comparisons`. */
export function comparisons(count: number): string {
  return `${count} comparison${count === 1 ? '' : 's'}`;
}

/** The label of a table's p-values: `p-values Holm-adjusted over the 6 comparisons of this table`. */
export function holmLabel(family: number): string {
  return `p-values Holm-adjusted over the ${comparisons(family)} of this table`;
}

/** What the credible marker means at level `alpha`. */
export function credibleLegend(alpha: number): string {
  return `credible difference (Holm-adjusted p \u2264 ${alpha}, so it holds after correcting for the table\u2019s other comparisons)`;
}

/**
 * A score's standard errors: `SE 2.1 pp`, or with a cluster column
 * `SE 2.1 pp, clustered 3.4 pp (67 clusters by subject)`.
 */
export function standardErrorText(
  score: { se: number; clusteredSe: number | null; clusters: number | null },
  clusterBy: string | null,
): string {
  const naive = `SE ${formatPoints(score.se)} pp`;
  if (score.clusteredSe === null || clusterBy === null) return naive;
  const clusters = score.clusters === null ? '' : ` (${score.clusters} clusters by ${clusterBy})`;
  return `${naive}, clustered ${formatPoints(score.clusteredSe)} pp${clusters}`;
}

/** How each interval method is named in a table cell. */
export const INTERVAL_METHOD_NAMES: Record<IntervalMethod, string> = {
  wilson: 'Wilson',
  bootstrap: 'bootstrap',
  normal: 'normal',
  clustered: 'clustered',
};

/** How a group pair's p-value was computed, for a table cell. */
export const GROUP_TEST_NAMES: Record<GroupPair['method'], string> = {
  mcnemar: 'McNemar',
  z: 'paired z',
  'clustered z': 'clustered z',
};

/** How a run pair's p-value was computed, for a table cell. */
export const PAIR_TEST_NAMES: Record<PairComparison['method'], string> = {
  mcnemar: 'McNemar',
  bootstrap: 'bootstrap',
  clustered: 'clustered z',
};

/** The sentence under every score table: what a score is and how its interval was made. */
export const SCORE_DEFINITION =
  'Score: mean over items, each item\u2019s repeats averaged first (the pass rate for pass/fail scores); error rows are not scored. ' +
  'The 95% interval is Wilson for pass/fail items, a seeded bootstrap (overall) or normal (per group) for other scores; ' +
  '"clustered" when several items share a cluster: Wilson on the effective sample size for pass/fail items, else mean \u00b1 1.96 clustered SE. ' +
  'Each score names its method.';

/** The sentence under a breakdown: what the micro and macro rows average. */
export const AVERAGES_DEFINITION =
  'micro: mean over items, each item once; macro: mean over groups, each weighing the same (its interval from the groups\u2019 standard errors).';

/** The sentence under a breakdown with pairs: how group differences were tested. */
export const GROUP_DIFFERENCE_DEFINITION =
  'Differences: A \u2212 B in percentage points over the group\u2019s items both scored, with a 95% normal interval (clustered SE when the group holds clusters of several items); ' +
  'p from the exact McNemar test for pass/fail items, else a paired z test.';

/** Groups a breakdown has, as `6 groups`. */
export function groupCount(breakdown: Pick<GroupBreakdown, 'groups'>): string {
  const count = breakdown.groups.length;
  return `${count} group${count === 1 ? '' : 's'}`;
}

/**
 * The column labels of a breakdown's models: the model names, or the caller's
 * labels (e.g. `this run` and `baseline` in a comparison) in the same order.
 */
export function modelLabels(breakdown: GroupBreakdown, labels?: readonly string[]): string[] {
  return breakdown.averages.map((entry, index) => labels?.[index] ?? entry.model);
}

/** Pair columns of a breakdown: A and B as indexes into its models, in the order the groups list them. */
export function pairColumns(breakdown: GroupBreakdown): Array<{ a: number; b: number }> {
  const models = breakdown.averages.map((entry) => entry.model);
  const columns: Array<{ a: number; b: number }> = [];
  for (let a = 0; a < models.length; a += 1) for (let b = a + 1; b < models.length; b += 1) columns.push({ a, b });
  return columns;
}

/** The pair of a group for a pair column; null when the two models shared no scored item there. */
export function pairIn(
  breakdown: GroupBreakdown,
  pairs: readonly GroupPair[],
  column: { a: number; b: number },
): GroupPair | null {
  const a = breakdown.averages[column.a]?.model;
  const b = breakdown.averages[column.b]?.model;
  return pairs.find((pair) => pair.a === a && pair.b === b) ?? null;
}
