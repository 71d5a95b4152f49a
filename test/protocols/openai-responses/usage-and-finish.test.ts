import { describe, expect, it } from 'vitest';
import { convertResponsesUsage, mapResponsesFinishReason } from '../../../src/protocols/openai-responses/index.js';
import type { FinishReason, Usage } from '../../../src/protocols/types.js';

describe('convertResponsesUsage (openai-responses.md §4)', () => {
  it('reads the Responses keys, keeping the raw object', () => {
    const usage = {
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 64 },
      output_tokens: 30,
      output_tokens_details: { reasoning_tokens: 10 },
      total_tokens: 130,
    };
    expect(convertResponsesUsage({ usage, hasReasoningText: true })).toEqual<Usage>({
      input: 100,
      output: 30,
      reasoning: 10,
      cached: 64,
      cacheWrite: null,
      total: 130,
      raw: usage,
    });
  });

  it('falls back to the chat-style keys and computes a missing total', () => {
    const usage = { prompt_tokens: 18, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 0 } };
    expect(convertResponsesUsage({ usage, hasReasoningText: false })).toEqual<Usage>({
      input: 18,
      output: 7,
      reasoning: null,
      cached: 0,
      cacheWrite: null,
      total: 25,
      raw: usage,
    });
  });

  it('never lets a gateway 0 filler hide a real count, including a 0 total beside a positive sum', () => {
    const usage = {
      input_tokens: 0,
      prompt_tokens: 21,
      output_tokens: 0,
      completion_tokens: 87,
      total_tokens: 0,
      input_tokens_details: null,
    };
    expect(convertResponsesUsage({ usage, hasReasoningText: false })).toMatchObject({
      input: 21,
      output: 87,
      cached: null,
      total: 108,
    });
  });

  it('treats a reasoning_tokens 0 as unknown only when reasoning text contradicts it', () => {
    const usage = { input_tokens: 5, output_tokens: 9, output_tokens_details: { reasoning_tokens: 0 } };
    expect(convertResponsesUsage({ usage, hasReasoningText: false }).reasoning).toBe(0);
    expect(convertResponsesUsage({ usage, hasReasoningText: true }).reasoning).toBeNull();
  });

  it('counts non-numeric, negative and missing values as not reported', () => {
    const usage = { input_tokens: '12', output_tokens: -1, total_tokens: null };
    expect(convertResponsesUsage({ usage, hasReasoningText: false })).toEqual<Usage>({
      input: null,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: usage,
    });
    expect(convertResponsesUsage({ usage: null, hasReasoningText: false }).raw).toBeNull();
  });
});

describe('mapResponsesFinishReason (openai-responses.md §7)', () => {
  it('maps each documented state', () => {
    const cases: [string | null, string | null, boolean, FinishReason][] = [
      ['completed', null, false, { unified: 'stop', raw: 'completed' }],
      ['completed', null, true, { unified: 'tool_calls', raw: 'completed' }],
      ['incomplete', 'max_output_tokens', false, { unified: 'length', raw: 'max_output_tokens' }],
      ['incomplete', 'content_filter', false, { unified: 'content_filter', raw: 'content_filter' }],
      ['incomplete', 'something_new', false, { unified: 'other', raw: 'something_new' }],
      ['incomplete', null, false, { unified: 'other', raw: 'incomplete' }],
      ['failed', null, false, { unified: 'error', raw: 'failed' }],
      ['cancelled', null, false, { unified: 'other', raw: 'cancelled' }],
      [null, null, false, { unified: 'other', raw: null }],
    ];
    for (const [status, incompleteReason, hasFunctionCall, expected] of cases) {
      expect(mapResponsesFinishReason({ status, incompleteReason, hasFunctionCall })).toEqual(expected);
    }
  });
});
