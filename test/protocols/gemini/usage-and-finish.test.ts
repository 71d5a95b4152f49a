import { describe, expect, it } from 'vitest';
import { convertGeminiUsage, mapGeminiFinishReason } from '../../../src/protocols/gemini/index.js';
import type { FinishReason, Usage } from '../../../src/protocols/types.js';

describe('convertGeminiUsage (gemini-native.md §4)', () => {
  it('counts a missing candidates or thoughts count as 0, both missing as unknown', () => {
    expect(convertGeminiUsage({ promptTokenCount: 14, thoughtsTokenCount: 200, totalTokenCount: 214 })).toEqual<Usage>({
      input: 14,
      output: 200,
      reasoning: 200,
      cached: null,
      cacheWrite: null,
      total: 214,
      raw: { promptTokenCount: 14, thoughtsTokenCount: 200, totalTokenCount: 214 },
    });
    expect(convertGeminiUsage({ promptTokenCount: 9 })).toEqual<Usage>({
      input: 9,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: { promptTokenCount: 9 },
    });
  });

  it('keeps a reported thoughtsTokenCount of 0 and the provider total even when it differs', () => {
    const metadata = { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 0, totalTokenCount: 40 };
    expect(convertGeminiUsage(metadata)).toEqual<Usage>({
      input: 10,
      output: 5,
      reasoning: 0,
      cached: null,
      cacheWrite: null,
      total: 40,
      raw: metadata,
    });
  });

  it('computes the total when none is reported, and treats bad values and non-objects as not reported', () => {
    expect(convertGeminiUsage({ promptTokenCount: 10, candidatesTokenCount: 5 }).total).toBe(15);
    expect(
      convertGeminiUsage({ promptTokenCount: '10', candidatesTokenCount: -1, totalTokenCount: Number.NaN }),
    ).toMatchObject({
      input: null,
      output: null,
      total: null,
    });
    expect([convertGeminiUsage(null).raw, convertGeminiUsage([1]).raw, convertGeminiUsage(undefined).input]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('mapGeminiFinishReason (gemini-native.md §6)', () => {
  const cases: [unknown, FinishReason][] = [
    ['STOP', { unified: 'stop', raw: 'STOP' }],
    ['MAX_TOKENS', { unified: 'length', raw: 'MAX_TOKENS' }],
    ['SAFETY', { unified: 'content_filter', raw: 'SAFETY' }],
    ['RECITATION', { unified: 'content_filter', raw: 'RECITATION' }],
    ['BLOCKLIST', { unified: 'content_filter', raw: 'BLOCKLIST' }],
    ['PROHIBITED_CONTENT', { unified: 'content_filter', raw: 'PROHIBITED_CONTENT' }],
    ['SPII', { unified: 'content_filter', raw: 'SPII' }],
    ['IMAGE_SAFETY', { unified: 'content_filter', raw: 'IMAGE_SAFETY' }],
    ['MALFORMED_FUNCTION_CALL', { unified: 'error', raw: 'MALFORMED_FUNCTION_CALL' }],
    ['UNEXPECTED_TOOL_CALL', { unified: 'error', raw: 'UNEXPECTED_TOOL_CALL' }],
    ['LANGUAGE', { unified: 'other', raw: 'LANGUAGE' }],
    ['OTHER', { unified: 'other', raw: 'OTHER' }],
    ['FINISH_REASON_UNSPECIFIED', { unified: 'other', raw: 'FINISH_REASON_UNSPECIFIED' }],
    ['SOMETHING_NEW', { unified: 'other', raw: 'SOMETHING_NEW' }],
    ['toString', { unified: 'other', raw: 'toString' }],
    [null, { unified: 'other', raw: null }],
  ];
  it.each(cases)('%s', (finishReason, expected) => {
    expect(mapGeminiFinishReason({ finishReason })).toEqual(expected);
  });

  it('maps STOP with a function call to tool_calls, and a prompt block reason to content_filter', () => {
    expect(mapGeminiFinishReason({ finishReason: 'STOP', hasFunctionCall: true })).toEqual({
      unified: 'tool_calls',
      raw: 'STOP',
    });
    expect(mapGeminiFinishReason({ finishReason: 'MAX_TOKENS', hasFunctionCall: true })).toEqual({
      unified: 'length',
      raw: 'MAX_TOKENS',
    });
    expect(mapGeminiFinishReason({ finishReason: null, blockReason: 'BLOCKLIST' })).toEqual({
      unified: 'content_filter',
      raw: 'BLOCKLIST',
    });
    expect(mapGeminiFinishReason({ finishReason: 'STOP', blockReason: 'SAFETY' })).toEqual({
      unified: 'stop',
      raw: 'STOP',
    });
  });
});
