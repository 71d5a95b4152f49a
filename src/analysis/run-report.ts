import type { ResultRecord } from '../results/result-record.js';
import { collectRun } from './collect-run.js';
import { loadRun } from './load-run.js';
import type { ModelData } from './model-data.js';
import { pairwiseComparisons, type PairComparison } from './pairwise.js';
import { listItemRepeatStats, type ItemRepeatStats } from './repeat-stats.js';
import type { RowScores } from './record-score.js';
import { summarizeModel, type ModelSummary } from './summarize.js';

/** The report of one run: a summary per model and a comparison of every pair of models. */
export interface RunReport {
  models: ModelSummary[];
  /** Every pair of models on their shared items (A = the earlier model in run order). */
  pairs: PairComparison[];
  /** True when the answers came from the simulated gateway. */
  simulated: boolean;
  /** Per-item repeat figures (consistency, pass@k, pass^k, majority answer); empty without repeats. Generated on demand. */
  items(): Generator<ItemRepeatStats>;
}

/** The report of models already folded (by `collectRun`, or by a run as its rows finished). */
export function buildReport(
  models: Map<string, ModelData>,
  options: { alpha?: number; simulated: boolean },
): RunReport {
  const data = [...models.values()];
  return {
    models: data.map(summarizeModel),
    pairs: pairwiseComparisons(
      data.filter((model) => model.rows > 0),
      { alpha: options.alpha },
    ),
    simulated: options.simulated,
    *items() {
      for (const model of data) if (model.repeatCount > 1) yield* listItemRepeatStats(model);
    },
  };
}

/**
 * Summarises final records (e.g. `latestRecords(path)`) into a run report.
 * `scores` are the run's `scores.jsonl` rows by key; without them rows are
 * scored with `autoScore`. Models of `modelOrder` come first, in that order.
 */
export async function summarizeRun(options: {
  records: AsyncIterable<ResultRecord> | Iterable<ResultRecord>;
  modelOrder?: readonly string[];
  scores?: RowScores | null;
  alpha?: number;
  simulated?: boolean;
  /** False for very large runs: per-model totals only, no pairwise comparisons or repeat figures. */
  keepItems?: boolean;
}): Promise<RunReport> {
  const models = await collectRun(options);
  return buildReport(models, { alpha: options.alpha, simulated: options.simulated ?? false });
}

/**
 * Reads a run folder (or a results.jsonl path) and reports on it: scores from
 * its `scores.jsonl` when present, else `autoScore`; `simulated` from `run.json`.
 */
export async function loadRunReport(options: { location: string; alpha?: number }): Promise<RunReport> {
  const run = await loadRun({ location: options.location });
  return buildReport(run.models, { alpha: options.alpha, simulated: run.simulated });
}
