import { join } from 'node:path';
import type { ModelData } from '../report/model-data.js';
import { readRowScores } from '../report/read-row-scores.js';
import { buildReport, summarizeRun, type RunReport } from '../report/run-report.js';
import { latestRecords } from '../results/latest-records.js';
import { ResultsCsvWriter, teeToCsv } from '../results/write-csv.js';
import { scoreRun } from '../score/score-run.js';
import type { RunConfig, RunControls } from './run-eval.js';

/** Rows above which the end-of-run summary keeps running totals only. */
export const LARGE_RUN_ROWS = 200_000;

/** The run's summary, and the reports being written beside it (see `RunControls.afterScoring`). */
export interface FinishedOutputs {
  report: RunReport;
  afterScoring: Promise<string | null>;
}

/** The summary of a run whose outputs were built as its rows finished: nothing is left to read. */
export function liveReport(options: { config: RunConfig; controls: RunControls; models: Map<string, ModelData>; rows: number }): FinishedOutputs {
  const { config, controls, rows } = options;
  const afterScoring = controls.afterScoring?.({ outDir: config.outDir, rows }) ?? Promise.resolve(null);
  if (rows > LARGE_RUN_ROWS) controls.log(`Large run: the summary shows per-model totals, without pairwise comparisons; scores.jsonl has every score.`);
  return { report: buildReport(options.models, { simulated: config.simulated }), afterScoring };
}

/** Scores results.jsonl (earlier rows of a resumed run included) and summarises it, writing results.csv on the way. */
export async function reportFromFiles(options: { config: RunConfig; controls: RunControls; rows: number }): Promise<FinishedOutputs> {
  const { config, controls, rows } = options;
  const resultsPath = join(config.outDir, 'results.jsonl');
  // Scored afresh after every run (a resumed folder's old scores.jsonl would miss the new rows).
  await scoreRun({ runDir: config.outDir, ...config.scoring });
  const afterScoring = controls.afterScoring?.({ outDir: config.outDir, rows }) ?? Promise.resolve(null);
  // Past this many rows the summary keeps running totals only, so memory stays flat.
  const large = rows > LARGE_RUN_ROWS;
  if (large) controls.log(`Large run: the summary shows per-model totals (auto-scored), without pairwise comparisons; scores.jsonl has every score.`);
  const report = await summarizeRun({
    records: teeToCsv(latestRecords(resultsPath), new ResultsCsvWriter(join(config.outDir, 'results.csv'))),
    modelOrder: config.targets.map((target) => target.name),
    scores: large ? null : await readRowScores(config.outDir),
    simulated: config.simulated,
    keepItems: !large,
  });
  return { report, afterScoring };
}
