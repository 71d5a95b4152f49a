import { answerOf, expectedOf, makeScore, noExpected, quote, unscored } from './make-score.js';
import { expectedChoice, readChoice } from './choice.js';
import type { Scorer } from './types.js';

/**
 * 1 when the answer chose the expected option letter. Options run A to
 * `lastLetter` (default D), widened to the expected letter when it is later.
 * When the answer asserts two different letters, no letter is guessed: 0.
 */
export function createChoiceScorer(options: { lastLetter?: string } = {}): Scorer {
  const configured = (options.lastLetter ?? 'D').toUpperCase();
  return ({ record }) => {
    const expectedText = expectedOf(record);
    if (expectedText === null) return noExpected('choice');
    const expected = expectedChoice(expectedText);
    if (expected === null)
      return unscored({ name: 'choice', detail: `no option letter in expected ${quote(expectedText)}` });
    const lastLetter = [expected, configured].sort()[1];
    const reading = readChoice(answerOf(record), { lastLetter });
    if (reading.letter === null) {
      const why = reading.conflicting
        ? `conflicting letters ${reading.conflicting.join(', ')} asserted`
        : 'no option letter found';
      return makeScore({ name: 'choice', value: 0, detail: `${why}; expected ${expected}` });
    }
    const value = reading.letter === expected ? 1 : 0;
    return makeScore({
      name: 'choice',
      value,
      detail: `answer ${reading.letter} (${reading.source}) ${value === 1 ? '=' : '≠'} expected ${expected}`,
    });
  };
}

/** The choice scorer for options A–D (widened to the expected letter). */
export const choiceScorer: Scorer = createChoiceScorer();
