import type { ResultRecord } from '../results/result-record.js';
import { autoScore } from '../score/auto-score.js';
import type { ScoreLine } from '../score/types.js';

/** Fields a result line may carry beyond schema 1; optional until the runner writes them. */
export interface RecordExtras {
  /** True when the answer was replayed from a response cache (its latency says nothing about the model). */
  cached?: boolean;
  /** Cost of the row in US dollars, when the gateway or a price table gave one. */
  cost_usd?: number | null;
}

/** The score of one result row, in the compact form every report uses. */
export interface RowScore {
  /** In [0, 1]; null when the row could not be scored (error row, no expected answer, scorer error). */
  value: number | null;
  /** Pass/fail of the row; null when unknown. */
  passed: boolean | null;
}

/** Scores by result key (from `scores.jsonl`); null or absent means "score with autoScore". */
export type RowScores = ReadonlyMap<string, RowScore>;

/** An unscored row. */
export const UNSCORED: RowScore = Object.freeze({ value: null, passed: null });

/**
 * Reduces a `scores.jsonl` line to one row score. With one usable score its
 * value is the row's score; with several, the row scores 1 when the line
 * passed (every scorer passed) and 0 when it failed, so it stays pass/fail.
 */
export function rowScoreFromLine(line: ScoreLine): RowScore {
  const values: number[] = [];
  for (const score of line.scores) if (score.value !== null && Number.isFinite(score.value)) values.push(score.value);
  if (values.length === 1) return { value: values[0], passed: line.passed ?? values[0] >= 1 };
  if (values.length === 0 || line.passed === null) return { value: null, passed: line.passed };
  return { value: line.passed ? 1 : 0, passed: line.passed };
}

/**
 * The score of a final result row. Error rows are never scored (an outage is
 * not a wrong answer). With `scores` (from `scores.jsonl`) the row's line is
 * used and a row without one is unscored; without, `autoScore` compares the
 * answer with the expected value.
 */
export function scoreRecord(record: ResultRecord, scores: RowScores | null): RowScore {
  if (record.status !== 'ok') return UNSCORED;
  if (scores) return scores.get(record.key) ?? UNSCORED;
  if (record.answer === null || record.expected === null) return UNSCORED;
  const { value } = autoScore({ answer: record.answer, expected: record.expected });
  return { value, passed: value >= 1 };
}
