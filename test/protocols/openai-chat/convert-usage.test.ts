import { describe, expect, it } from 'vitest';
import { convertChatUsage } from '../../../src/protocols/openai-chat/index.js';
import type { Usage, Vendor } from '../../../src/protocols/types.js';
import { gatewayUsageBlock } from '../../fixtures/openai-chat/responses.js';

const convert = (usage: unknown, vendor: Vendor = 'openai', hasReasoningText = false): Usage =>
  convertChatUsage({ usage, vendor, hasReasoningText });

describe('convertChatUsage (openai-chat.md §4)', () => {
  it('falls back to input_tokens / output_tokens only when the canonical field is absent and they are positive', () => {
    expect(convert({ input_tokens: 12, output_tokens: 5 })).toEqual<Usage>({
      input: 12,
      output: 5,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: 17,
      raw: { input_tokens: 12, output_tokens: 5 },
    });
    expect(convert({ input_tokens: 0, output_tokens: 0 })).toEqual<Usage>({
      input: null,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: { input_tokens: 0, output_tokens: 0 },
    });
  });

  it('keeps a canonical 0 and prefers it over a filler fallback', () => {
    const usage = { prompt_tokens: 0, completion_tokens: 3, input_tokens: 9 };
    expect(convert(usage)).toMatchObject({ input: 0, output: 3, total: 3 });
  });

  it('keeps the provider total even when it differs from input + output', () => {
    expect(convert({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 19 }).total).toBe(19);
  });

  it('lets a positive reasoning count in output_tokens_details win over a filler 0', () => {
    const usage = { ...gatewayUsageBlock, output_tokens_details: { reasoning_tokens: 40 } };
    expect(convert(usage, 'anthropic').reasoning).toBe(40);
  });

  it('believes reasoning 0 only from vendors that report it', () => {
    const usage = { prompt_tokens: 5, completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 0 } };
    const vendors: Vendor[] = ['openai', 'deepseek', 'doubao', 'anthropic', 'google', 'other'];
    expect(vendors.map((vendor) => convert(usage, vendor).reasoning)).toEqual([0, 0, 0, null, null, null]);
    expect([convert(usage, 'qwen', false).reasoning, convert(usage, 'qwen', true).reasoning]).toEqual([0, null]);
  });

  it('prefers a positive DeepSeek cache-hit count over a 0 in prompt_tokens_details', () => {
    const usage = {
      prompt_tokens: 80,
      completion_tokens: 1,
      prompt_tokens_details: { cached_tokens: 0 },
      prompt_cache_hit_tokens: 64,
    };
    expect(convert(usage, 'deepseek').cached).toBe(64);
  });

  it('treats non-numbers, negatives and non-objects as not reported', () => {
    expect(convert({ prompt_tokens: '19', completion_tokens: -1, total_tokens: Number.NaN })).toMatchObject({
      input: null,
      output: null,
      total: null,
    });
    expect([convert(null), convert('usage'), convert([1])].map((usage) => usage.raw)).toEqual([null, null, null]);
  });
});
