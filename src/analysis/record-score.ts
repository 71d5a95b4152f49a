import { reasoningAteAnswer } from '../results/reasoning-exhausted.js';
import type { ResultRecord } from '../results/result-record.js';
import { type AutoScorer, autoScore } from '../score/auto-score.js';
import type { Score, ScoreLine } from '../score/types.js';

/** The score of one result row, in the compact form the fold keeps. */
export interface RowScore {
  /** In [0, 1]; null when the row could not be scored (error row, no expected answer, scorer error). */
  value: number | null;
  /** Pass/fail of the row; null when unknown. */
  passed: boolean | null;
}

/** A row's score with the scores behind it, for the views that show each row (the side-by-side table, JUnit). */
export interface RecordScore extends RowScore {
  /** From the row's `scores.jsonl` line, or the automatic scorer's one score; empty when unscored. */
  readonly scores: readonly Score[];
}

/** Compact row scores by result key, reduced from `scores.jsonl` (`rowScoreFromLine`). */
export type RowScores = ReadonlyMap<string, RowScore>;

/** An unscored row. */
export const UNSCORED: RecordScore = Object.freeze({ value: null, passed: null, scores: Object.freeze([]) });

/** The one usable value of a line; null when it has none, undefined when it has several. */
function onlyValue(line: ScoreLine): number | null | undefined {
  let found: number | null = null;
  for (const score of line.scores) {
    if (typeof score.value !== 'number' || !Number.isFinite(score.value)) continue;
    if (found !== null) return undefined;
    found = score.value;
  }
  return found;
}

/**
 * With one usable score its value is the row's score; with several, the row
 * scores 1 when the line passed (every scorer passed) and 0 when it failed,
 * so it stays pass/fail; with none it is unscored.
 */
function lineValue(line: ScoreLine, only: number | null | undefined): number | null {
  if (only !== undefined) return only;
  const passed = line.passed ?? null;
  return passed === null ? null : passed ? 1 : 0;
}

function linePassed(line: ScoreLine, only: number | null | undefined): boolean | null {
  const passed = line.passed ?? null;
  return passed === null && typeof only === 'number' ? only >= 1 : passed;
}

/** Reduces a `scores.jsonl` line to the compact row score (for maps that must stay small). */
export function rowScoreFromLine(line: ScoreLine): RowScore {
  const only = onlyValue(line);
  return { value: lineValue(line, only), passed: linePassed(line, only) };
}

/** The same reduction keeping the line's scores, for the row-level views. */
export function recordScoreFromLine(line: ScoreLine): RecordScore {
  const only = onlyValue(line);
  return { value: lineValue(line, only), passed: linePassed(line, only), scores: line.scores };
}

/** The automatic scorer's outcomes, one frozen score per scorer and 0/1 value, so scoring a row allocates nothing. */
const autoOutcomes = new Map<AutoScorer, readonly [RecordScore, RecordScore]>();

function autoOutcome(scorer: AutoScorer, value: number): RecordScore {
  const make = (outcome: number): RecordScore => {
    const passed = outcome >= 1;
    return Object.freeze({ value: outcome, passed, scores: Object.freeze([{ name: scorer, value: outcome, passed }]) });
  };
  if (value !== 0 && value !== 1) return make(value);
  let pair = autoOutcomes.get(scorer);
  if (!pair) {
    pair = [make(0), make(1)];
    autoOutcomes.set(scorer, pair);
  }
  return pair[value];
}

/**
 * The score of a final result row: the one rule every output follows. Error
 * rows are never scored (an outage is not a wrong answer), nor rows whose
 * reasoning ate the answer (`reasoningAteAnswer`). With `scores`, the
 * run's `scores.jsonl` by key (reduced to row scores, or kept with their
 * scores), the row's entry is used and a row without one is unscored. With
 * null (the run has no scores.jsonl), `autoScore` compares the answer with
 * the expected value; a row without either is unscored.
 */
export function scoreRecord<S extends RowScore>(
  record: ResultRecord,
  scores: ReadonlyMap<string, S> | null,
): S | RecordScore {
  if (record.status !== 'ok' || reasoningAteAnswer(record)) return UNSCORED;
  if (scores !== null) return scores.get(record.key) ?? UNSCORED;
  if (record.answer === null || record.expected === null) return UNSCORED;
  const { scorer, value } = autoScore({ answer: record.answer, expected: record.expected });
  return autoOutcome(scorer, value);
}
