import { describe, expect, it } from 'vitest';
import { reasoningAteAnswer } from '../../src/results/reasoning-exhausted.js';
import type { ResultRecord } from '../../src/results/result-record.js';

const row = (fields: Partial<ResultRecord>): ResultRecord =>
  ({
    status: 'ok',
    finish_reason: 'length',
    answer: '',
    reasoning: null,
    reasoning_tokens: 50,
    ...fields,
  }) as ResultRecord;

describe('reasoningAteAnswer', () => {
  it('is true for a row cut at the token cap with an empty answer after reasoning', () => {
    expect(reasoningAteAnswer(row({}))).toBe(true);
    expect(reasoningAteAnswer(row({ answer: '  ', reasoning_tokens: null, reasoning: 'thinking' }))).toBe(true);
  });

  it('is false for an answer, another finish reason, an error row, or no reasoning at all', () => {
    expect(reasoningAteAnswer(row({ answer: '42' }))).toBe(false);
    expect(reasoningAteAnswer(row({ finish_reason: 'stop' }))).toBe(false);
    expect(reasoningAteAnswer(row({ status: 'error' }))).toBe(false);
    expect(reasoningAteAnswer(row({ reasoning_tokens: 0, reasoning: null }))).toBe(false);
    expect(reasoningAteAnswer(row({ reasoning_tokens: null, reasoning: '' }))).toBe(false);
  });
});
