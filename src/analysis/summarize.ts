import type { ResultRecord } from '../results/result-record.js';
import { bootstrapMeanInterval } from '../stats/bootstrap.js';
import { percentile } from '../stats/percentile.js';
import { wilsonInterval } from '../stats/wilson.js';
import { collectRun } from './collect-run.js';
import type { ModelData, TokenTotals } from './model-data.js';
import { summarizeRepeats, type RepeatSummary } from './repeat-stats.js';

/** Seed of every bootstrap in the reports, so a report repeats exactly. */
export const REPORT_SEED = 1;

/** Mean score of a model with its 95% interval. */
export interface ScoreSummary {
  /** Rows with a score (ok rows that could be scored; every repeat counts). */
  scored: number;
  /** Scored rows that passed. */
  passed: number;
  mean: number;
  low: number;
  high: number;
  /** Wilson when every score is 0 or 1, else a seeded percentile bootstrap of the mean (a normal interval for runs too large to keep per-item scores). */
  method: 'wilson' | 'bootstrap' | 'normal';
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

/** The summary of one model from its folded rows. */
export function summarizeModel(data: ModelData): ModelSummary {
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
    score: summarizeScore(data),
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

/** Every scored row's value of a model (all items, all repeats), in first-seen order. */
function scoredValues(data: ModelData): Float64Array {
  const values: number[] = [];
  for (const item of data.items.values()) {
    for (const repeat of item.repeats) if (repeat && repeat.value !== null) values.push(repeat.value);
  }
  return Float64Array.from(values);
}

/** Running-total score summary for runs whose items were not kept: Wilson, or a normal interval for continuous scores. */
function summarizeScoreTotals(data: ModelData): ScoreSummary | null {
  const n = data.scoredCount;
  if (n === 0) return null;
  const mean = data.scoredSum / n;
  if (data.allBinary) {
    const interval = wilsonInterval({ successes: data.scoredSum, trials: n });
    return {
      scored: n,
      passed: data.scoredPassed,
      mean,
      low: interval?.low ?? Number.NaN,
      high: interval?.high ?? Number.NaN,
      method: 'wilson',
    };
  }
  const variance = n > 1 ? Math.max(0, (data.scoredSquares - n * mean * mean) / (n - 1)) : 0;
  const half = 1.959963984540054 * Math.sqrt(variance / n);
  return { scored: n, passed: data.scoredPassed, mean, low: mean - half, high: mean + half, method: 'normal' };
}

function summarizeScore(data: ModelData): ScoreSummary | null {
  if (!data.keepItems) return summarizeScoreTotals(data);
  const values = scoredValues(data);
  if (values.length === 0) return null;
  let sum = 0;
  let binary = true;
  let passed = 0;
  for (const value of values) {
    sum += value;
    if (value !== 0 && value !== 1) binary = false;
  }
  for (const item of data.items.values()) for (const repeat of item.repeats) if (repeat?.passed === true) passed += 1;
  const interval = binary
    ? wilsonInterval({ successes: sum, trials: values.length })
    : bootstrapMeanInterval({ values, seed: REPORT_SEED });
  return {
    scored: values.length,
    passed,
    mean: sum / values.length,
    low: interval?.low ?? Number.NaN,
    high: interval?.high ?? Number.NaN,
    method: binary ? 'wilson' : 'bootstrap',
  };
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
  return [...models.values()].map(summarizeModel);
}
