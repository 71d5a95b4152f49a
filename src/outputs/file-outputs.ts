import { join } from 'node:path';
import { rowScoreFromLine } from '../analysis/record-score.js';
import { type AnalysisOptions, analyzeRun, type RunAnalysis } from '../analysis/run-analysis.js';
import { latestRecords } from '../results/latest-records.js';
import { ResultsCsvWriter, teeToCsv } from '../results/write-csv.js';
import { readScores } from '../score/read-scores.js';
import { scoreRun } from '../score/score-run.js';
import type { RunScoring } from './run-scoring.js';

/**
 * The outputs of a run read back from its files, for a resumed run (its earlier
 * rows are part of them) or one whose scorers cannot run as rows finish (a judge,
 * a custom module, a `scorer` column): scores.jsonl afresh, then results.csv and
 * the summary in one pass over results.jsonl.
 */
export async function outputsFromFiles(options: {
  outDir: string;
  scoring: RunScoring;
  modelOrder: readonly string[];
  simulated: boolean;
  settings?: AnalysisOptions;
  /** Per-item outcomes are kept (false past the large-run threshold: running totals only). */
  keepItems: boolean;
  log: (line: string) => void;
}): Promise<RunAnalysis> {
  const { outDir, keepItems } = options;
  // Scored afresh after every run (a resumed folder's old scores.jsonl would miss the new rows).
  await scoreRun({ runDir: outDir, ...options.scoring });
  if (!keepItems) {
    options.log(
      'Large run: the summary shows per-model totals (auto-scored), without pairwise comparisons; scores.jsonl has every score.',
    );
  }
  return analyzeRun({
    records: teeToCsv(latestRecords(join(outDir, 'results.jsonl')), new ResultsCsvWriter(join(outDir, 'results.csv'))),
    modelOrder: options.modelOrder,
    scores: keepItems ? await readScores(outDir, rowScoreFromLine) : null,
    simulated: options.simulated,
    settings: options.settings,
    keepItems,
  });
}
