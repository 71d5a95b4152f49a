import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { latestRecords } from '../../results/latest-records.js';
import { readManifest, type RunManifest } from '../../results/manifest.js';
import type { ResultRecord } from '../../results/result-record.js';
import { autoScore } from '../../score/auto-score.js';
import { readScores } from '../../score/read-scores.js';
import type { Score, ScoreLine } from '../../score/types.js';

/** One final result row with its pass/fail outcome. */
export interface ScoredRecord {
  record: ResultRecord;
  /** True passed, false failed, null unscored (error row, no expected answer, or no score line). */
  passed: boolean | null;
  /** The scores behind `passed` (from `scores.jsonl`, or the automatic scorer). */
  scores: Score[];
}

/** Everything the reports read from a run folder. */
export interface ScoredRun {
  runDir: string;
  /** `run.json`, or null when the folder has none. */
  manifest: RunManifest | null;
  /** Models in manifest order, then any other model seen in the results. */
  models: string[];
  rows: ScoredRecord[];
  /** Where pass/fail came from: `scores.jsonl`, or `autoScore` on each record when that file is absent. */
  scoreSource: 'scores-file' | 'auto';
}

/** A run's final records already in memory, and its score lines when the holder has them too. */
export interface HeldRun {
  records: ResultRecord[];
  /** The `scores.jsonl` lines by key, as written; read from the file when absent. */
  scoreLines?: Map<string, ScoreLine>;
}

/** Pass/fail of a record by the automatic scorer: null for error rows and rows without expected answer. */
export function autoScoreRecord(record: ResultRecord): ScoredRecord {
  if (record.status !== 'ok' || record.expected === null || record.answer === null) {
    return { record, passed: null, scores: [] };
  }
  const { scorer, value } = autoScore({ answer: record.answer, expected: record.expected });
  return { record, passed: value === 1, scores: [{ name: scorer, value, passed: value === 1 }] };
}

/** Attaches pass/fail to each record, from score lines when given, else from the automatic scorer. */
export function scoreRecords(options: {
  records: ResultRecord[];
  scoreLines: Map<string, ScoreLine> | null;
}): ScoredRecord[] {
  const { records, scoreLines } = options;
  if (!scoreLines) return records.map(autoScoreRecord);
  return records.map((record) => {
    const line = scoreLines.get(record.key);
    return { record, passed: line ? line.passed : null, scores: line ? line.scores : [] };
  });
}

/** Lists models in manifest order, then the rest in first-seen order. */
export function orderModels(options: { manifest: RunManifest | null; records: ResultRecord[] }): string[] {
  const models = new Set<string>(options.manifest?.models.map((model) => model.name) ?? []);
  for (const record of options.records) models.add(record.model);
  return [...models];
}

/**
 * Loads the final records, scores and manifest of a run folder. `held`, when
 * given, holds its final records already in memory (the run that wrote them,
 * or a process that followed results.jsonl during the run), and maybe its
 * score lines, so those files are not read again.
 */
export async function loadScoredRun(runDir: string, held?: HeldRun): Promise<ScoredRun> {
  const manifest = existsSync(join(runDir, 'run.json')) ? readManifest(runDir) : null;
  const records: ResultRecord[] = held?.records ?? [];
  if (!held) for await (const record of latestRecords(join(runDir, 'results.jsonl'))) records.push(record);
  const scoreLines = held?.scoreLines ?? (await readScores(runDir));
  return {
    runDir,
    manifest,
    models: orderModels({ manifest, records }),
    rows: scoreRecords({ records, scoreLines }),
    scoreSource: scoreLines ? 'scores-file' : 'auto',
  };
}
