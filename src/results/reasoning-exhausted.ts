import type { ResultRecord } from './result-record.js';

/**
 * True when reasoning ate the answer: the row stopped at the token cap (finish
 * reason `length`) with an empty answer after spending tokens on reasoning. The
 * model never answered, so the row is not scored as a wrong answer; it is counted
 * apart (the remedy is a larger `--max-tokens` or a smaller thinking budget).
 */
export function reasoningAteAnswer(record: ResultRecord): boolean {
  if (record.status !== 'ok' || record.finish_reason !== 'length') return false;
  if ((record.answer ?? '').trim() !== '') return false;
  return (record.reasoning_tokens ?? 0) > 0 || (record.reasoning ?? '').trim() !== '';
}
