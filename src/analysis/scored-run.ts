import { join } from 'node:path';
import { latestRecords } from '../results/latest-records.js';
import type { RunManifest } from '../results/manifest.js';
import type { ResultRecord } from '../results/result-record.js';
import { readScores } from '../score/read-scores.js';
import { collectRun } from './collect-run.js';
import { analysisSettingsOf, readManifestIfAny } from './load-run.js';
import { type RecordScore, recordScoreFromLine } from './record-score.js';
import { buildAnalysis, type RunAnalysis } from './run-analysis.js';

/** One final result row with its score, for the views that show each row (the side-by-side table, JUnit). */
export interface ScoredRecord {
  record: ResultRecord;
  score: RecordScore;
}

/** A run folder read for its reports: the analysis they show, and every row for the row-level views. */
export interface ScoredRun {
  runDir: string;
  /** `run.json`, or null when the folder has none (or it cannot be read). */
  manifest: RunManifest | null;
  /** The run's figures (default alpha), from the same scores as `rows`. */
  analysis: RunAnalysis;
  /** Models in manifest order, then any other model seen in the results (the order of `analysis.models`). */
  models: string[];
  /** Every final record with its score, in results order. */
  rows: ScoredRecord[];
  /** Where the scores came from: `scores.jsonl`, or `autoScore` on each record when that file is absent. */
  scoreSource: 'scores-file' | 'auto';
}

/** A run's final records already in memory, and their scores when the holder computed them too. */
export interface HeldRun {
  records: ResultRecord[];
  /** Each record's score from its `scores.jsonl` line by key, as written; read from the file when absent. */
  scores?: ReadonlyMap<string, RecordScore>;
}

/**
 * Loads the final records, scores and manifest of a run folder and analyses
 * them in one pass. `held`, when given, holds its final records already in
 * memory (the run that wrote them, or a process that followed results.jsonl
 * during the run), and maybe their scores, so those files are not read again.
 */
export async function loadScoredRun(runDir: string, held?: HeldRun): Promise<ScoredRun> {
  const manifest = readManifestIfAny(runDir);
  const records: ResultRecord[] = held?.records ?? [];
  if (!held) for await (const record of latestRecords(join(runDir, 'results.jsonl'))) records.push(record);
  const scores = held?.scores ?? (await readScores(runDir, recordScoreFromLine));
  const rows: ScoredRecord[] = [];
  const models = await collectRun({
    records,
    modelOrder: manifest?.models.map((model) => model.name) ?? [],
    scores,
    // Canonical answers only feed repeat figures.
    keepAnswers: records.some((record) => record.repeat > 0),
    onRow: (record, score) => rows.push({ record, score }),
  });
  return {
    runDir,
    manifest,
    analysis: buildAnalysis(models, {
      simulated: manifest?.simulated === true,
      settings: analysisSettingsOf(manifest),
    }),
    models: [...models.keys()],
    rows,
    scoreSource: scores ? 'scores-file' : 'auto',
  };
}
