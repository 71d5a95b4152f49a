import { holmAdjust } from '../stats/holm.js';
import { pairedDifference } from '../stats/paired-difference.js';
import { comparePaired, type PairedComparison } from '../stats/paired.js';
import { pairedBootstrapPValue } from './bootstrap-p-value.js';
import { formatCorrelation, formatPValue, formatSignedPoints, MINUS } from './figure-text.js';
import { type ItemScore, itemScores } from './item-scores.js';
import type { ModelData } from './model-data.js';
import { clusteringWidens, REPORT_SEED } from './score-estimate.js';
import { sharedRows } from './shared-rows.js';

/** A paired comparison of side A against side B over the items both scored, ready to print. */
export interface PairComparison {
  /** `A − B` as printed, e.g. `qwen3-max − deepseek-chat`. */
  label: string;
  a: string;
  b: string;
  /** Item-repeat rows both sides have (error rows included). */
  sharedRows: number;
  /**
   * A against B over the items both scored, each item's repeats collapsed into
   * their mean (difference = A − B); null when no item was scored by both. With
   * clusters holding several items, the interval and `significant` are those of
   * the clustered z test.
   */
  result: PairedComparison | null;
  /** Exact McNemar for 0/1 item scores, the paired bootstrap otherwise, the clustered z test with clusters. */
  method: 'mcnemar' | 'bootstrap' | 'clustered';
  /** The method's two-sided p-value; null when nothing was compared. */
  pValue: number | null;
  /** Holm-adjusted over the family it was tested in (every pair of models of the run); equals `pValue` alone. */
  adjustedP: number | null;
  /** Comparisons in that family. */
  family: number;
  /** Pearson correlation of the two sides' item scores; null when either is constant. */
  correlation: number | null;
  /** Naive standard error of the mean difference, and the clustered one (null without a cluster column). */
  se: number | null;
  clusteredSe: number | null;
  alpha: number;
  /** One line: `A − B: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412: not significant`. */
  verdict: string;
}

/** The label of a comparison: `A − B` with the real minus sign. */
export function pairLabel(a: string, b: string): string {
  return `${a} ${MINUS} ${b}`;
}

const METHOD_NAMES: Record<PairComparison['method'], string> = {
  mcnemar: 'McNemar',
  bootstrap: 'bootstrap',
  clustered: 'clustered z',
};

/** The figures of a comparison: `+4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412`. */
export function comparisonFigures(
  result: PairedComparison,
  pValue: number,
  method: PairComparison['method'] = result.kind === 'binary' ? 'mcnemar' : 'bootstrap',
): string {
  const interval = `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]`;
  return `${formatSignedPoints(result.difference)} pp ${interval}, ${METHOD_NAMES[method]} ${formatPValue(pValue)}, n = ${result.n}`;
}

/**
 * The verdict line of a comparison:
 * `qwen3-max − deepseek-chat: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412, r = 0.52: not significant`;
 * in a family of several, the Holm-adjusted p-value follows and decides significance.
 */
export function verdictLine(
  pair: Pick<PairComparison, 'label' | 'result' | 'pValue'> &
    Partial<Pick<PairComparison, 'method' | 'adjustedP' | 'family' | 'correlation'>>,
): string {
  const { label, result, pValue } = pair;
  if (result === null || pValue === null) return `${label}: no shared scored items, nothing to compare`;
  const correlation =
    pair.correlation === null || pair.correlation === undefined ? '' : `, r = ${formatCorrelation(pair.correlation)}`;
  const adjusted =
    pair.family !== undefined && pair.family > 1 && pair.adjustedP !== null && pair.adjustedP !== undefined
      ? `, Holm-adjusted over ${pair.family} comparisons ${formatPValue(pair.adjustedP)}`
      : '';
  const verdict = result.significant ? 'significant' : 'not significant';
  return `${label}: ${comparisonFigures(result, pValue, pair.method)}${correlation}${adjusted}: ${verdict}`;
}

/**
 * Compares side A with side B over the items both scored (joined by content
 * key; each item's repeats collapsed into their mean first) at level `alpha`
 * (default 0.05), with the report seed. `clusterBy`: the column whose rows are
 * one cluster; when a cluster holds several items the interval and test use the
 * clustered standard error.
 */
export function comparePair(options: {
  a: ModelData;
  b: ModelData;
  label?: string;
  alpha?: number;
  clusterBy?: string | null;
}): PairComparison {
  const alpha = options.alpha ?? 0.05;
  const clusterBy = options.clusterBy ?? null;
  const { a, b, clusters } = alignItems(itemScores(options.a, clusterBy), itemScores(options.b, clusterBy));
  const label = options.label ?? pairLabel(options.a.model, options.b.model);
  const base = {
    label,
    a: options.a.model,
    b: options.b.model,
    sharedRows: sharedRows(options.a, options.b).length,
    alpha,
  };
  let result = comparePaired({ a, b, alpha, seed: REPORT_SEED });
  const difference = pairedDifference({ a, b, clusters: clusterBy === null ? null : clusters, alpha });
  if (result === null || difference === null) {
    const empty = { result: null, method: 'mcnemar', pValue: null, adjustedP: null, family: 1 } as const;
    const none = { ...base, ...empty, correlation: null, se: null, clusteredSe: null };
    return { ...none, verdict: verdictLine(none) };
  }
  let method: PairComparison['method'] = result.kind === 'binary' ? 'mcnemar' : 'bootstrap';
  let pValue = result.mcnemar ? result.mcnemar.pValue : pairedBootstrapPValue({ a, b, seed: REPORT_SEED });
  if (clusteringWidens(difference)) {
    method = 'clustered';
    pValue = difference.pValue;
    result = {
      ...result,
      interval: { low: difference.low, high: difference.high },
      significant: difference.pValue <= alpha,
    };
  }
  const pair = {
    ...base,
    result,
    method,
    pValue,
    adjustedP: pValue,
    family: 1,
    correlation: difference.correlation,
    se: difference.se,
    clusteredSe: difference.clusteredSe,
  };
  return { ...pair, verdict: verdictLine(pair) };
}

/** The items both sides scored, in item order, as aligned arrays with A's cluster labels. */
export function alignItems(
  first: readonly ItemScore[],
  second: readonly ItemScore[],
): { a: Float64Array; b: Float64Array; clusters: string[]; items: ItemScore[] } {
  const byItem = new Map(second.map((score) => [score.item, score]));
  const a: number[] = [];
  const b: number[] = [];
  const clusters: string[] = [];
  const items: ItemScore[] = [];
  for (const score of first) {
    const other = byItem.get(score.item);
    if (!other) continue;
    a.push(score.value);
    b.push(other.value);
    clusters.push(score.cluster);
    items.push(score);
  }
  return { a: Float64Array.from(a), b: Float64Array.from(b), clusters, items };
}

/**
 * Re-decides a family of comparisons with Holm's adjustment: each gets its
 * adjusted p-value, the family size, significance by the adjusted p-value at
 * its alpha, and its verdict line again.
 */
export function adjustFamily(pairs: readonly PairComparison[]): PairComparison[] {
  const adjusted = holmAdjust(pairs.map((pair) => pair.pValue));
  const family = pairs.filter((pair) => pair.pValue !== null).length;
  return pairs.map((pair, index) => {
    if (pair.result === null || family < 2) return pair;
    const adjustedP = adjusted[index];
    const result = { ...pair.result, significant: adjustedP !== null && adjustedP <= pair.alpha };
    const next = { ...pair, result, adjustedP, family };
    return { ...next, verdict: verdictLine(next) };
  });
}

/** Every pair of models of a run, in model order (A is the earlier model of each pair), Holm-adjusted as one family. */
export function pairwiseComparisons(
  models: readonly ModelData[],
  options: { alpha?: number; clusterBy?: string | null } = {},
): PairComparison[] {
  const pairs: PairComparison[] = [];
  for (let first = 0; first < models.length; first += 1) {
    for (let second = first + 1; second < models.length; second += 1) {
      pairs.push(comparePair({ a: models[first], b: models[second], ...options }));
    }
  }
  return adjustFamily(pairs);
}
