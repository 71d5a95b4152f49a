import { answerOf, expectedOf, makeScore, noExpected, quote } from './make-score.js';
import { normalizeText } from './normalize.js';
import type { Score, ScorerInput } from './types.js';

/** 1 when the answer equals the expected answer after normalising case, white space and full-width forms (NFKC). */
export function exactScorer({ record }: ScorerInput): Score {
  const expected = expectedOf(record);
  if (expected === null) return noExpected('exact');
  const answer = normalizeText(answerOf(record));
  const target = normalizeText(expected);
  const value = answer === target ? 1 : 0;
  return makeScore({
    name: 'exact',
    value,
    detail: `answer ${quote(answer)} ${value === 1 ? '=' : '≠'} expected ${quote(target)} (normalised)`,
  });
}
