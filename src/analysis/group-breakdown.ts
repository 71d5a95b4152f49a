import { holmTest } from '../stats/holm-test.js';
import { mcnemarExact } from '../stats/mcnemar.js';
import { meanWithErrors } from '../stats/clustered-mean.js';
import { normalInterval } from '../stats/normal-interval.js';
import { matchedProportionsInterval } from '../stats/matched-proportions.js';
import { pairedDifference } from '../stats/paired-difference.js';
import { percentile } from '../stats/percentile.js';
import type { GroupTotals } from './group-totals.js';
import { allBinary, groupOf, type ItemScore, itemScores, NO_GROUP } from './item-scores.js';
import type { ModelData } from './model-data.js';
import { alignItems } from './pairwise.js';
import { clusteringWidens, estimateScore, type ScoreEstimate } from './score-estimate.js';

/** One model in one group. */
export interface GroupScore {
  model: string;
  /** The model's score over the group's items (repeats collapsed); null when it scored none. */
  score: ScoreEstimate | null;
  /** The model's rows in the group, and those that ended in errors. */
  rows: number;
  errors: number;
  /** Final-attempt latency percentiles of the group's ok, non-cached rows. */
  latencyMs: { count: number; p50: number | null; p90: number | null; p99: number | null };
  /** Token sums over the rows that reported them; null when none did. */
  tokens: { input: number | null; output: number | null };
  costUsd: number | null;
}

/** Two models compared over the items of one group both scored. */
export interface GroupPair {
  a: string;
  b: string;
  /** Items both scored. */
  n: number;
  /** Mean of A − B over those items, with its 95% interval (the clustered SE when the group holds several clusters of several items). */
  difference: number;
  low: number;
  high: number;
  correlation: number | null;
  /** Exact McNemar for 0/1 item scores without clustering, else the paired z test; null below two items for the z test. */
  pValue: number | null;
  method: 'mcnemar' | 'z' | 'clustered z';
  /** Holm-adjusted over every test of this breakdown (all groups, all pairs). */
  adjustedP: number | null;
  /** The adjusted p-value is at most alpha: the difference is credible after the correction. */
  credible: boolean;
}

/** One group of a breakdown column. */
export interface GroupRow {
  name: string;
  /** Distinct items of the group any model scored or errored on. */
  items: number;
  scores: GroupScore[];
  pairs: GroupPair[];
}

/** An average of a model over a breakdown, with its 95% interval. */
export interface Average {
  mean: number;
  low: number;
  high: number;
  /** Items (micro) or groups (macro) averaged. */
  count: number;
}

/** Micro (over items) and macro (over groups, each weighing the same) averages of one model. */
export interface ModelAverages {
  model: string;
  micro: Average | null;
  macro: Average | null;
}

/** Scores broken down by one column. */
export interface GroupBreakdown {
  column: string;
  /** The cluster column used inside groups; null when none, or when it is this column (one cluster per group). */
  clusterBy: string | null;
  groups: GroupRow[];
  averages: ModelAverages[];
  /** Tests in this breakdown's Holm family. */
  family: number;
  alpha: number;
}

/**
 * Breaks every model's score down by `column`: per group, each model's score
 * with its interval, and every pair of models compared over the items both
 * scored; the family of all those pair tests is Holm-adjusted, and a pair is
 * credible when its adjusted p-value is at most `alpha`. Items lacking the
 * column form the group `(none)`. Groups are in name order, `(none)` last.
 */
export function breakDown(options: {
  models: readonly ModelData[];
  column: string;
  clusterBy: string | null;
  alpha?: number;
}): GroupBreakdown {
  const { models, column } = options;
  const alpha = options.alpha ?? 0.05;
  const clusterBy = options.clusterBy === column ? null : options.clusterBy;
  const scored = models.map((data) => ({ data, scores: itemScores(data, clusterBy) }));
  const names = new Map<string, Set<string>>();
  for (const { data } of scored) {
    for (const [item, outcome] of data.items) {
      const name = groupOf(outcome, column);
      const items = names.get(name) ?? new Set<string>();
      items.add(item);
      names.set(name, items);
    }
  }
  const ordered = [...names.keys()].sort((left, right) =>
    left === NO_GROUP ? 1 : right === NO_GROUP ? -1 : left.localeCompare(right),
  );
  const groups: GroupRow[] = ordered.map((name) => {
    const members = scored.map(({ data, scores }) => ({
      data,
      scores: scores.filter((score) => groupName(score, column) === name),
    }));
    return {
      name,
      items: names.get(name)?.size ?? 0,
      scores: members.map(({ data, scores }) => ({
        model: data.model,
        score: estimateScore(scores, { clustered: clusterBy !== null, continuous: 'normal' }),
        ...totalsOf(data.groups.get(column)?.get(name)),
      })),
      pairs: comparePairs(members, { clustered: clusterBy !== null, alpha }),
    };
  });
  const family = adjust(groups, alpha);
  return {
    column,
    clusterBy,
    groups,
    averages: scored.map(({ data, scores }, index) => averages(data.model, index, scores, groups, clusterBy !== null)),
    family,
    alpha,
  };
}

function groupName(score: ItemScore, column: string): string {
  return groupOf(score, column);
}

function totalsOf(totals: GroupTotals | undefined): Omit<GroupScore, 'model' | 'score'> {
  const latencies = totals?.latencies.sorted() ?? new Float64Array(0);
  return {
    rows: totals?.rows ?? 0,
    errors: totals?.errors ?? 0,
    latencyMs: {
      count: latencies.length,
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
    },
    tokens: { input: totals?.inputTokens ?? null, output: totals?.outputTokens ?? null },
    costUsd: totals?.costUsd ?? null,
  };
}

function comparePairs(
  members: ReadonlyArray<{ data: ModelData; scores: ItemScore[] }>,
  options: { clustered: boolean; alpha: number },
): GroupPair[] {
  const pairs: GroupPair[] = [];
  for (let first = 0; first < members.length; first += 1) {
    for (let second = first + 1; second < members.length; second += 1) {
      const pair = comparePairInGroup(members[first], members[second], options);
      if (pair) pairs.push(pair);
    }
  }
  return pairs;
}

function comparePairInGroup(
  first: { data: ModelData; scores: ItemScore[] },
  second: { data: ModelData; scores: ItemScore[] },
  options: { clustered: boolean; alpha: number },
): GroupPair | null {
  const { a, b, clusters } = alignItems(first.scores, second.scores);
  const difference = pairedDifference({ a, b, clusters: options.clustered ? clusters : null, alpha: options.alpha });
  if (difference === null) return null;
  const clusteredUsed = clusteringWidens(difference);
  let pValue: number | null;
  let method: GroupPair['method'];
  let interval: { low: number; high: number };
  if (!clusteredUsed && allBinary(a) && allBinary(b)) {
    let aOnly = 0;
    let bOnly = 0;
    for (let index = 0; index < a.length; index += 1) {
      if (a[index] > b[index]) aOnly += 1;
      else if (b[index] > a[index]) bOnly += 1;
    }
    pValue = mcnemarExact({ b: aOnly, c: bOnly }).pValue;
    method = 'mcnemar';
    // Never of zero width on a few items, unlike the plain normal interval.
    interval = matchedProportionsInterval({ aOnly, bOnly, n: a.length, confidence: 1 - options.alpha }) ?? {
      low: -1,
      high: 1,
    };
  } else {
    // A z test needs a spread to estimate: one item tells nothing.
    pValue = difference.n >= 2 ? difference.pValue : null;
    method = clusteredUsed ? 'clustered z' : 'z';
    const se = clusteredUsed ? (difference.clusteredSe ?? difference.se) : difference.se;
    interval = normalInterval({ estimate: difference.difference, se, alpha: options.alpha });
  }
  return {
    a: first.data.model,
    b: second.data.model,
    n: difference.n,
    difference: difference.difference,
    low: interval.low,
    high: interval.high,
    correlation: difference.correlation,
    pValue,
    method,
    adjustedP: pValue,
    credible: false,
  };
}

/** Holm over every pair test of every group; returns the family size. */
function adjust(groups: GroupRow[], alpha: number): number {
  const tests = groups.flatMap((group) => group.pairs);
  const { adjusted, rejected } = holmTest({ pValues: tests.map((pair) => pair.pValue), alpha });
  tests.forEach((pair, index) => {
    pair.adjustedP = adjusted[index];
    pair.credible = rejected[index];
  });
  return tests.filter((pair) => pair.pValue !== null).length;
}

/**
 * Micro: the mean over every scored item (each item once). Macro: the mean of
 * the group means, each group weighing the same, with SE = √(Σ SE_g²)/G over
 * the G groups the model scored (groups are disjoint, so independent).
 */
function averages(
  model: string,
  index: number,
  scores: readonly ItemScore[],
  groups: readonly GroupRow[],
  clustered: boolean,
): ModelAverages {
  const micro = estimateScore(scores, { clustered, continuous: 'normal' });
  const cells = groups
    .map((group) => group.scores[index]?.score ?? null)
    .filter((score): score is ScoreEstimate => score !== null);
  let macro: Average | null = null;
  if (cells.length > 0) {
    const mean = cells.reduce((sum, cell) => sum + cell.mean, 0) / cells.length;
    const variance = cells.reduce((sum, cell) => sum + Math.max(cell.se, cell.clusteredSe ?? 0) ** 2, 0);
    const interval = normalInterval({ estimate: mean, se: Math.sqrt(variance) / cells.length });
    macro = { mean, low: Math.max(0, interval.low), high: Math.min(1, interval.high), count: cells.length };
  }
  return {
    model,
    micro: micro ? { mean: micro.mean, low: micro.low, high: micro.high, count: micro.items } : null,
    macro,
  };
}

/** The naive and clustered standard errors of a set of item scores (for tests and summaries). */
export function itemErrorsOf(scores: readonly ItemScore[]): ReturnType<typeof meanWithErrors> {
  return meanWithErrors(
    scores.map((score) => score.value),
    scores.map((score) => score.cluster),
  );
}
