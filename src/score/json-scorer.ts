import { answerOf, makeScore } from './make-score.js';
import { parseJsonAnswer } from './json-answer.js';
import type { Score, ScorerInput } from './types.js';

/** 1 when the answer is valid JSON (also inside a ```json fence), else 0. */
export function jsonScorer({ record }: ScorerInput): Score {
  const parsed = parseJsonAnswer(answerOf(record));
  if (!parsed.ok) return makeScore({ name: 'json', value: 0, detail: parsed.message });
  const kind = parsed.value === null ? 'null' : Array.isArray(parsed.value) ? 'array' : typeof parsed.value;
  return makeScore({ name: 'json', value: 1, detail: `parsed a JSON ${kind} from the ${parsed.from}` });
}
