import { answerOf, expectedOf, makeScore, noExpected, quote, unscored } from './make-score.js';
import { findFinalNumber, numbersAgree, type NumericTolerance } from './numeric.js';
import type { Scorer } from './types.js';

/**
 * 1 when the answer's final number equals the expected number: exactly (up
 * to floating-point noise) by default, or within `tolerance` (absolute, or
 * relative to the expected value). See `findFinalNumber` for what is recognised.
 */
export function createNumericScorer(options: { tolerance?: NumericTolerance } = {}): Scorer {
  const tolerance = options.tolerance;
  const within = tolerance
    ? ` (tolerance ${tolerance.amount * (tolerance.relative ? 100 : 1)}${tolerance.relative ? '%' : ''})`
    : '';
  return ({ record }) => {
    const expectedText = expectedOf(record);
    if (expectedText === null) return noExpected('numeric');
    const expected = findFinalNumber(expectedText);
    if (expected === null) return unscored({ name: 'numeric', detail: `no number in expected ${quote(expectedText)}` });
    const answer = findFinalNumber(answerOf(record));
    if (answer === null)
      return makeScore({ name: 'numeric', value: 0, detail: `no number in the answer; expected ${expected.value}` });
    const value = numbersAgree({ answer: answer.value, expected: expected.value, tolerance }) ? 1 : 0;
    const detail = `answer ${answer.value} (from ${quote(answer.text, 30)}, ${answer.source}) ${value === 1 ? '=' : '≠'} expected ${expected.value}${within}`;
    return makeScore({ name: 'numeric', value, detail });
  };
}

/** The numeric scorer with no tolerance (exact up to floating-point noise). */
export const numericScorer: Scorer = createNumericScorer();
