import { choiceScorer } from './choice-scorer.js';
import { choiceMatch } from './choice.js';
import { exactScorer } from './exact-scorer.js';
import { expectedOf, noExpected } from './make-score.js';
import { normalizeText } from './normalize.js';
import { numericScorer } from './numeric-scorer.js';
import { extractFinalNumber, numericMatch, prepareNumberText } from './numeric.js';
import type { Score, ScorerInput } from './types.js';

/** The scorer picked for an expected value when none was named. */
export type AutoScorer = 'choice' | 'numeric' | 'exact';

/** A lone letter A–J is a choice, a number (or simple fraction) is numeric, anything else is exact match. */
export function pickScorer(expected: string): AutoScorer {
  const trimmed = expected.normalize('NFKC').trim();
  if (/^[A-Ja-j]$/.test(trimmed)) return 'choice';
  const number = prepareNumberText(trimmed)
    .replace(/^[$€£¥]/u, '')
    .trim();
  if (/^-?(?:[\d,]*\.?\d+)(?:\s*\/\s*\d+)?$/.test(number) && extractFinalNumber(number) !== null) return 'numeric';
  return 'exact';
}

/** Scores an answer against an expected value with the automatically picked scorer (0 or 1). */
export function autoScore(options: { answer: string; expected: string }): { scorer: AutoScorer; value: number } {
  const scorer = pickScorer(options.expected);
  if (scorer === 'choice') return { scorer, value: choiceMatch(options) };
  if (scorer === 'numeric') return { scorer, value: numericMatch(options) };
  return { scorer, value: normalizeText(options.answer) === normalizeText(options.expected) ? 1 : 0 };
}

/** The `auto` scorer: choice, numeric or exact, picked from the row's expected value; the detail names the pick. */
export function autoScorer(input: ScorerInput): Score {
  const expected = expectedOf(input.record);
  if (expected === null) return noExpected('auto');
  const picked = pickScorer(expected);
  const scorer = picked === 'choice' ? choiceScorer : picked === 'numeric' ? numericScorer : exactScorer;
  const score = scorer(input) as Score;
  return { ...score, name: 'auto', detail: `${picked}: ${score.detail ?? ''}` };
}
