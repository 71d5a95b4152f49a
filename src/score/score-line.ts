import { reasoningAteAnswer } from '../results/reasoning-exhausted.js';
import type { ResultRecord } from '../results/result-record.js';
import { combinePassed } from './score-summary.js';
import { SCORES_SCHEMA_VERSION, type NamedScorer, type Score, type ScoreLine } from './types.js';

/** The row's own scorer spec (the dataset `scorer` column), when the record carries one (older lines lack the field). */
export function rowScorerSpec(record: ResultRecord): string | null {
  const value: unknown = record.scorer;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Rows no scorer sees: errors (an outage is not a wrong answer) and rows whose reasoning ate the answer. */
function unscorable(record: ResultRecord): boolean {
  return record.status === 'error' || reasoningAteAnswer(record);
}

function lineOf(record: ResultRecord, scores: Score[] | null): ScoreLine {
  const base = {
    v: SCORES_SCHEMA_VERSION,
    key: record.key,
    item: record.item,
    model: record.model,
    repeat: record.repeat,
  };
  // Error rows are never scored: an outage is not a wrong answer.
  if (scores === null) return { ...base, scores: [], passed: null };
  return { ...base, scores, passed: combinePassed(scores) };
}

/** The scores.jsonl line of one final record, waiting for asynchronous scorers (the judge). */
export async function scoreLine(record: ResultRecord, scorers: NamedScorer[]): Promise<ScoreLine> {
  if (unscorable(record)) return lineOf(record, null);
  return lineOf(record, await Promise.all(scorers.map((scorer) => scorer.score({ record }))));
}

/**
 * The same line computed on the spot, for scorers marked `synchronous`;
 * null if one returned a promise after all (its outcome is then ignored).
 */
export function scoreLineNow(record: ResultRecord, scorers: NamedScorer[]): ScoreLine | null {
  if (unscorable(record)) return lineOf(record, null);
  const scores: Score[] = [];
  for (const scorer of scorers) {
    const score = scorer.score({ record });
    if (score instanceof Promise) {
      score.catch(() => undefined);
      return null;
    }
    scores.push(score);
  }
  return lineOf(record, scores);
}
