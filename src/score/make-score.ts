import type { ResultRecord } from '../results/result-record.js';
import type { Score } from './types.js';

/** Pass mark for continuous scores (judge, custom) when `--pass-threshold` is not given. */
export const DEFAULT_PASS_THRESHOLD = 0.5;

/** A score with a value; `passed` is `value >= threshold`. */
export function makeScore(options: { name: string; value: number; detail?: string; threshold?: number }): Score {
  const threshold = options.threshold ?? DEFAULT_PASS_THRESHOLD;
  const score: Score = { name: options.name, value: options.value, passed: options.value >= threshold };
  if (options.detail !== undefined) score.detail = options.detail;
  return score;
}

/** A row this scorer cannot score (e.g. no expected answer): no value, no error. */
export function unscored(options: { name: string; detail: string }): Score {
  return { name: options.name, value: null, passed: null, detail: options.detail };
}

/** A scorer failure: no value and a typed error, never a made-up score. */
export function scoreError(options: { name: string; kind: string; message: string; detail?: string }): Score {
  const score: Score = {
    name: options.name,
    value: null,
    passed: null,
    error: { kind: options.kind, message: options.message },
  };
  if (options.detail !== undefined) score.detail = options.detail;
  return score;
}

/** The answer text of a row; an ok row without text counts as an empty answer. */
export function answerOf(record: ResultRecord): string {
  return record.answer ?? '';
}

/** The expected answer of a row, or null when the row has none (missing or blank). */
export function expectedOf(record: ResultRecord): string | null {
  const expected = record.expected;
  return expected === null || expected === undefined || expected.trim() === '' ? null : expected;
}

/** A short quoted excerpt for `detail` (long answers would bloat scores.jsonl). */
export function quote(text: string, limit = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat);
}

/** Unscored result for scorers that compare with an expected answer. */
export function noExpected(name: string): Score {
  return unscored({ name, detail: 'no expected answer to compare with' });
}
