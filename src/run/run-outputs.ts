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

/**
 * Rows up to which a fresh run keeps its final records for the reports, so
 * they are written in this process (about 3 KB a row); larger runs leave the
 * reports to a process of their own and keep the runner's memory flat.
 */
export const IN_PROCESS_REPORT_ROWS = 10_000;

/** The summary of a run whose outputs were built as its rows finished: nothing is left to read. */
export function liveReport(options: {
  config: RunConfig;
  controls: RunControls;
  models: Map<string, ModelData>;
  rows: number;
}): RunReport {
  const { config, controls, rows } = options;
  if (rows > LARGE_RUN_ROWS)
    controls.log(
      `Large run: the summary shows per-model totals, without pairwise comparisons; scores.jsonl has every score.`,
    );
  return buildReport(options.models, { simulated: config.simulated });
}

/** Scores results.jsonl (earlier rows of a resumed run included) and summarises it, writing results.csv on the way. */
export async function reportFromFiles(options: {
  config: RunConfig;
  controls: RunControls;
  rows: number;
}): Promise<RunReport> {
  const { config, controls, rows } = options;
  const resultsPath = join(config.outDir, 'results.jsonl');
  // Scored afresh after every run (a resumed folder's old scores.jsonl would miss the new rows).
  await scoreRun({ runDir: config.outDir, ...config.scoring });
  // Past this many rows the summary keeps running totals only, so memory stays flat.
  const large = rows > LARGE_RUN_ROWS;
  if (large)
    controls.log(
      `Large run: the summary shows per-model totals (auto-scored), without pairwise comparisons; scores.jsonl has every score.`,
    );
  const report = await summarizeRun({
    records: teeToCsv(latestRecords(resultsPath), new ResultsCsvWriter(join(config.outDir, 'results.csv'))),
    modelOrder: config.targets.map((target) => target.name),
    scores: large ? null : await readRowScores(config.outDir),
    simulated: config.simulated,
    keepItems: !large,
  });
  return report;
}
