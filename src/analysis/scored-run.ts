import { join } from 'node:path';
import { latestRecords } from '../results/latest-records.js';
import type { RunManifest } from '../results/manifest.js';
import type { ResultRecord } from '../results/result-record.js';
import { readScores } from '../score/read-scores.js';
import { readManifestIfAny } from './load-run.js';
import { type RecordScore, recordScoreFromLine, scoreRecord } from './record-score.js';

/** One final result row with its score, for the views that show each row (the side-by-side table, JUnit). */
export interface ScoredRecord {
  record: ResultRecord;
  score: RecordScore;
}

/** A run folder read for its reports. */
export interface ScoredRun {
  runDir: string;
  /** `run.json`, or null when the folder has none (or it cannot be read). */
  manifest: RunManifest | null;
  /** Models in manifest order, then any other model seen in the results. */
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

/** Lists models in manifest order, then the rest in first-seen order. */
function orderModels(manifest: RunManifest | null, records: readonly ResultRecord[]): string[] {
  const models = new Set<string>(manifest?.models.map((model) => model.name) ?? []);
  for (const record of records) models.add(record.model);
  return [...models];
}

/**
 * Loads the final records, scores and manifest of a run folder. `held`, when
 * given, holds its final records already in memory (the run that wrote them,
 * or a process that followed results.jsonl during the run), and maybe their
 * scores, so those files are not read again.
 */
export async function loadScoredRun(runDir: string, held?: HeldRun): Promise<ScoredRun> {
  const manifest = readManifestIfAny(runDir);
  const records: ResultRecord[] = held?.records ?? [];
  if (!held) for await (const record of latestRecords(join(runDir, 'results.jsonl'))) records.push(record);
  const scores = held?.scores ?? (await readScores(runDir, recordScoreFromLine));
  return {
    runDir,
    manifest,
    models: orderModels(manifest, records),
    rows: records.map((record) => ({ record, score: scoreRecord(record, scores) })),
    scoreSource: scores ? 'scores-file' : 'auto',
  };
}
