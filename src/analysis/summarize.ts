import type { ResultRecord } from '../results/result-record.js';
import { percentile } from '../stats/percentile.js';
import { wilsonInterval } from '../stats/wilson.js';
import { collectRun } from './collect-run.js';
import { itemScores } from './item-scores.js';
import type { ModelData, TokenTotals } from './model-data.js';
import { summarizeRepeats, type RepeatSummary } from './repeat-stats.js';
import { estimateScore, type ScoreEstimate } from './score-estimate.js';

export { REPORT_SEED } from './score-estimate.js';

/**
 * Mean score of a model over its items (each item's repeats collapsed into their
 * mean first) with its 95% interval and standard errors. For runs too large to
 * keep items, over rows with a Wilson or normal interval.
 */
export interface ScoreSummary extends ScoreEstimate {
  /** Rows with a score (ok rows that could be scored; every repeat counts). */
  scored: number;
  /** Scored rows that passed. */
  passed: number;
}

/** Percentiles of final-attempt timings in milliseconds (ok rows, cached rows left out). */
export interface LatencyFigures {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** Per-model figures printed after a run and returned with the run report. */
export interface ModelSummary {
  model: string;
  rows: number;
  ok: number;
  errors: number;
  errorsByKind: Record<string, number>;
  /** Rows answered from a response cache. */
  cachedRows: number;
  /** Ok rows that hit the token cap with an empty answer after reasoning: not scored. */
  reasoningExhausted: number;
  /** Where those cached answers were first received, with the number of rows from each. */
  cacheOrigins: Array<{ origin: string; rows: number }>;
  /** Null when no row could be scored. */
  score: ScoreSummary | null;
  latencyMs: LatencyFigures;
  /** Time to first token over streamed, non-cached ok rows. */
  ttftMs: LatencyFigures;
  /** Mean time to first token over those rows; null when none. */
  ttftMeanMs: number | null;
  tokens: TokenTotals;
  /** Ok rows whose usage did not report input or output tokens. */
  rowsWithoutUsage: number;
  /** Total cost in US dollars over the rows that carried one; null when none did. */
  costUsd: number | null;
  costRows: number;
  /** Repeat figures; null when each item was asked once. */
  repeats: RepeatSummary | null;
}

function timingFigures(sorted: Float64Array): LatencyFigures {
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  };
}

/**
 * The summary of one model from its folded rows. With `clusterBy`, rows sharing
 * that column's value are one cluster for the clustered standard error.
 */
export function summarizeModel(data: ModelData, options: { clusterBy?: string | null } = {}): ModelSummary {
  const ttfts = data.ttfts.sorted();
  return {
    model: data.model,
    rows: data.rows,
    ok: data.ok,
    errors: data.errors,
    errorsByKind: data.errorsByKind,
    cachedRows: data.cachedRows,
    reasoningExhausted: data.reasoningExhausted,
    cacheOrigins: [...data.cacheOrigins].map(([origin, rows]) => ({ origin, rows })),
    score: summarizeScore(data, options.clusterBy ?? null),
    latencyMs: timingFigures(data.latencies.sorted()),
    ttftMs: timingFigures(ttfts),
    ttftMeanMs: ttfts.length > 0 ? data.ttfts.sum() / ttfts.length : null,
    tokens: { ...data.tokens },
    rowsWithoutUsage: data.rowsWithoutUsage,
    costUsd: data.costUsd,
    costRows: data.costRows,
    repeats: summarizeRepeats(data),
  };
}

/** Running-total score summary for runs whose items were not kept: Wilson, or a normal interval for continuous scores. */
function summarizeScoreTotals(data: ModelData): ScoreSummary | null {
  const n = data.scoredCount;
  if (n === 0) return null;
  const mean = data.scoredSum / n;
  const variance = n > 1 ? Math.max(0, (data.scoredSquares - n * mean * mean) / (n - 1)) : 0;
  const se = Math.sqrt(variance / n);
  const base = { scored: n, passed: data.scoredPassed, items: n, mean, se, clusteredSe: null, clusters: null };
  if (data.allBinary) {
    const interval = wilsonInterval({ successes: data.scoredSum, trials: n });
    return { ...base, low: interval?.low ?? Number.NaN, high: interval?.high ?? Number.NaN, method: 'wilson' };
  }
  const half = 1.959963984540054 * se;
  return { ...base, low: mean - half, high: mean + half, method: 'normal' };
}

function summarizeScore(data: ModelData, clusterBy: string | null): ScoreSummary | null {
  if (!data.keepItems) return summarizeScoreTotals(data);
  const estimate = estimateScore(itemScores(data, clusterBy), {
    clustered: clusterBy !== null,
    continuous: 'bootstrap',
  });
  if (estimate === null) return null;
  let scored = 0;
  let passed = 0;
  for (const item of data.items.values()) {
    for (const repeat of item.repeats) {
      if (repeat?.value !== null && repeat !== undefined) scored += 1;
      if (repeat?.passed === true) passed += 1;
    }
  }
  return { ...estimate, scored, passed };
}

/**
 * Folds the final record of every key into one summary per model (models of
 * `modelOrder` first, then in first-seen order), scoring with `autoScore`.
 * For scores from `scores.jsonl` and pairwise comparisons use `analyzeRun`.
 */
export async function summarize(
  records: AsyncIterable<ResultRecord>,
  modelOrder: string[] = [],
): Promise<ModelSummary[]> {
  const models = await collectRun({ records, modelOrder });
  return [...models.values()].map((data) => summarizeModel(data));
}
