import type { ResultRecord } from '../results/result-record.js';
import { pickScorer, type AutoScorer } from '../score/auto-score.js';
import { extractChoice } from '../score/choice.js';
import { normalizeText } from '../score/normalize.js';
import { extractFinalNumber } from '../score/numeric.js';
import { shortHash } from '../util/hash.js';

/** Longest normalised answer kept verbatim; longer ones keep a prefix and a hash of the whole. */
const maxKeptLength = 200;
/** Expected values seen recently and their scorer: every model and repeat of an item shares one. */
const scorerCache = new Map<string, AutoScorer>();
const scorerCacheLimit = 50_000;

function scorerFor(expected: string): AutoScorer {
  let scorer = scorerCache.get(expected);
  if (scorer === undefined) {
    if (scorerCache.size >= scorerCacheLimit) scorerCache.clear();
    scorer = pickScorer(expected);
    scorerCache.set(expected, scorer);
  }
  return scorer;
}

/**
 * The answer a row gave, in the form used to vote among repeats and to spot
 * changed answers: the chosen letter for a multiple-choice item, the final
 * number for a numeric one, else the normalised text (`normalizeText`). A long
 * text becomes its first 80 characters plus a 48-bit hash of the whole, so it
 * stays small yet two different answers still differ. Null for error rows.
 */
export function canonicalAnswer(record: ResultRecord): string | null {
  if (record.status !== 'ok' || record.answer === null) return null;
  if (record.expected !== null) {
    const scorer = scorerFor(record.expected);
    if (scorer === 'choice') {
      const letter = extractChoice(record.answer);
      if (letter !== null) return letter;
    }
    if (scorer === 'numeric') {
      const number = extractFinalNumber(record.answer);
      if (number !== null) return String(number);
    }
  }
  const text = normalizeText(record.answer);
  return text.length <= maxKeptLength ? text : `${text.slice(0, 80)}… #${shortHash(text, 12)}`;
}
