import type { ResultRecord } from '../results/result-record.js';
import { collectRun } from './collect-run.js';
import { breakDown, type GroupBreakdown } from './group-breakdown.js';
import { loadRun } from './load-run.js';
import type { ModelData } from './model-data.js';
import { type PairComparison, pairwiseComparisons } from './pairwise.js';
import type { RowScores } from './record-score.js';
import { type ItemRepeatStats, listItemRepeatStats } from './repeat-stats.js';
import { type ModelSummary, summarizeModel } from './summarize.js';

/** The values behind a model's latency and TTFT figures (ms), for histograms. */
export interface ModelTimings {
  /** Final-attempt latency of ok, non-cached rows, ascending. */
  latencyMs: Float64Array;
  /** Time to first token of streamed, ok, non-cached rows, ascending. */
  ttftMs: Float64Array;
}

/**
 * The analysis of one run, which every output renders: a summary per model
 * and a comparison of every pair of models (plain data), plus what is drawn
 * on demand and kept out of that data: per-item repeat figures and the
 * latency and TTFT values of each model.
 */
export interface RunAnalysis {
  models: ModelSummary[];
  /** Every pair of models on their shared items (A = the earlier model in run order), Holm-adjusted as one family. */
  pairs: PairComparison[];
  /** The breakdowns and cluster column the analysis used. */
  settings: AnalysisOptions;
  /** Significance level of every test. */
  alpha: number;
  /** One breakdown per group column, the top level first; empty when the run has none. */
  breakdowns: GroupBreakdown[];
  /** True when the answers came from the simulated gateway. */
  simulated: boolean;
  /** Per-item repeat figures (consistency, pass@k, pass^k, majority answer); empty without repeats. Generated on demand. */
  items(): Generator<ItemRepeatStats>;
  /** The latency and TTFT values of a model (empty for a model the run does not have). */
  timings(model: string): ModelTimings;
}

/** What to break scores down by: group columns (first = top level) and the cluster column. */
export interface AnalysisOptions {
  groupBy: string[];
  clusterBy: string | null;
}

/** No breakdown, no clusters: runs written before run.json recorded any. */
export const NO_GROUPS: AnalysisOptions = Object.freeze({ groupBy: [], clusterBy: null });

/** The analysis of models already folded (by `collectRun`, or by a run as its rows finished). */
export function buildAnalysis(
  models: Map<string, ModelData>,
  options: { alpha?: number; simulated: boolean; settings?: AnalysisOptions },
): RunAnalysis {
  const data = [...models.values()];
  const settings = options.settings ?? NO_GROUPS;
  const clusterBy = settings.clusterBy;
  const present = data.filter((model) => model.rows > 0);
  // Without per-item outcomes (very large runs) there is nothing to break down.
  const itemized = present.length > 0 && present.every((model) => model.keepItems);
  return {
    models: data.map((model) => summarizeModel(model, { clusterBy })),
    pairs: pairwiseComparisons(present, { alpha: options.alpha, clusterBy }),
    settings,
    alpha: options.alpha ?? 0.05,
    breakdowns: itemized
      ? settings.groupBy.map((column) => breakDown({ models: present, column, clusterBy, alpha: options.alpha }))
      : [],
    simulated: options.simulated,
    *items() {
      for (const model of data) if (model.repeatCount > 1) yield* listItemRepeatStats(model);
    },
    timings(model) {
      const folded = models.get(model);
      return {
        latencyMs: folded ? folded.latencies.sorted() : new Float64Array(0),
        ttftMs: folded ? folded.ttfts.sorted() : new Float64Array(0),
      };
    },
  };
}

/**
 * Analyses final records (e.g. `latestRecords(path)`). `scores` are the
 * run's `scores.jsonl` rows by key; without them rows are scored with
 * `autoScore`. Models of `modelOrder` come first, in that order.
 */
export async function analyzeRun(options: {
  records: AsyncIterable<ResultRecord> | Iterable<ResultRecord>;
  modelOrder?: readonly string[];
  scores?: RowScores | null;
  alpha?: number;
  simulated?: boolean;
  /** False for very large runs: per-model totals only, no pairwise comparisons or repeat figures. */
  keepItems?: boolean;
  settings?: AnalysisOptions;
}): Promise<RunAnalysis> {
  const models = await collectRun(options);
  return buildAnalysis(models, {
    alpha: options.alpha,
    simulated: options.simulated ?? false,
    settings: options.settings,
  });
}

/**
 * Reads a run folder (or a results.jsonl path) and analyses it: scores from
 * its `scores.jsonl` when present, else `autoScore`; `simulated` from `run.json`.
 */
export async function loadRunAnalysis(options: { location: string; alpha?: number }): Promise<RunAnalysis> {
  const run = await loadRun({ location: options.location });
  return buildAnalysis(run.models, { alpha: options.alpha, simulated: run.simulated, settings: run.settings });
}
