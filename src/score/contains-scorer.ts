import { answerOf, expectedOf, makeScore, noExpected, quote } from './make-score.js';
import { normalizeText } from './normalize.js';
import type { Score, ScorerInput } from './types.js';

/** 1 when the expected answer appears inside the answer, both normalised (case, white space, NFKC). */
export function containsScorer({ record }: ScorerInput): Score {
  const expected = expectedOf(record);
  if (expected === null) return noExpected('contains');
  const target = normalizeText(expected);
  const value = normalizeText(answerOf(record)).includes(target) ? 1 : 0;
  return makeScore({
    name: 'contains',
    value,
    detail: `expected ${quote(target)} ${value === 1 ? 'found' : 'not found'} in the answer`,
  });
}
