import { choiceMatch } from './choice.js';
import { normalizeText } from './normalize.js';
import { extractFinalNumber, numericMatch } from './numeric.js';

/** The scorer picked for an expected value when none was named. */
export type AutoScorer = 'choice' | 'numeric' | 'exact';

/** A lone letter A–D is a choice, a number is numeric, anything else is exact match. */
export function pickScorer(expected: string): AutoScorer {
  const trimmed = expected.normalize('NFKC').trim();
  if (/^[A-Da-d]$/.test(trimmed)) return 'choice';
  if (/^-?[\d,]*\.?\d+$/.test(trimmed) && extractFinalNumber(trimmed) !== null) return 'numeric';
  return 'exact';
}

/** Scores an answer against an expected value with the automatically picked scorer (0 or 1). */
export function autoScore(options: { answer: string; expected: string }): { scorer: AutoScorer; value: number } {
  const scorer = pickScorer(options.expected);
  if (scorer === 'choice') return { scorer, value: choiceMatch(options) };
  if (scorer === 'numeric') return { scorer, value: numericMatch(options) };
  return { scorer, value: normalizeText(options.answer) === normalizeText(options.expected) ? 1 : 0 };
}
