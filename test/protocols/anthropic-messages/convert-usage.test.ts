import { describe, expect, it } from 'vitest';
import {
  convertMessagesUsage,
  convertStreamUsage,
  mergeDeltaUsage,
} from '../../../src/protocols/anthropic-messages/index.js';
import type { Usage } from '../../../src/protocols/types.js';

describe('convertMessagesUsage (anthropic-messages.md §4)', () => {
  it('adds cache reads and writes back into input', () => {
    const usage = {
      input_tokens: 25,
      cache_creation_input_tokens: 1200,
      cache_read_input_tokens: 3000,
      output_tokens: 7,
    };
    expect(convertMessagesUsage(usage)).toEqual<Usage>({
      input: 4225,
      output: 7,
      reasoning: null,
      cached: 3000,
      cacheWrite: 1200,
      total: 4232,
      raw: usage,
    });
  });

  it('counts missing cache fields as 0 in input but reports them as unknown', () => {
    const usage = { input_tokens: 10, output_tokens: 2 };
    expect(convertMessagesUsage(usage)).toEqual<Usage>({
      input: 10,
      output: 2,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: 12,
      raw: usage,
    });
  });

  it('leaves input unknown without input_tokens, and ignores non-numbers', () => {
    const usage = { cache_read_input_tokens: 100, output_tokens: '5', service_tier: 'standard' };
    expect(convertMessagesUsage(usage)).toEqual<Usage>({
      input: null,
      output: null,
      reasoning: null,
      cached: 100,
      cacheWrite: null,
      total: null,
      raw: usage,
    });
  });

  it('reports nothing for a missing usage object', () => {
    expect(convertMessagesUsage(undefined)).toEqual<Usage>({
      input: null,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: null,
    });
  });
});

describe('mergeDeltaUsage (§3 gateway behaviour, §8 items 7 and 8)', () => {
  it('replaces output_tokens and keeps earlier input counts over zero fillers', () => {
    const reported = {
      input_tokens: 40,
      cache_read_input_tokens: 512,
      output_tokens: 1,
      cache_creation: { ephemeral_5m_input_tokens: 30 },
    };
    const delta = {
      input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      output_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
    expect(mergeDeltaUsage({ reported, delta })).toEqual({
      input_tokens: 40,
      cache_read_input_tokens: 512,
      cache_creation_input_tokens: 0,
      output_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 30, ephemeral_1h_input_tokens: 0 },
    });
    expect(reported).toEqual({
      input_tokens: 40,
      cache_read_input_tokens: 512,
      output_tokens: 1,
      cache_creation: { ephemeral_5m_input_tokens: 30 },
    });
  });

  it('takes non-zero input counts from the delta', () => {
    expect(
      mergeDeltaUsage({
        reported: { input_tokens: 0, output_tokens: 0 },
        delta: { input_tokens: 40, output_tokens: 3 },
      }),
    ).toEqual({ input_tokens: 40, output_tokens: 3 });
    expect(mergeDeltaUsage({ reported: null, delta: { output_tokens: 3 } })).toEqual({ output_tokens: 3 });
  });
});

describe('convertStreamUsage', () => {
  it('keeps output unknown until a message_delta reported it', () => {
    const usage = { input_tokens: 40, output_tokens: 1 };
    expect(convertStreamUsage({ usage, outputReported: false })).toEqual<Usage>({
      input: 40,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: usage,
    });
    expect(convertStreamUsage({ usage, outputReported: true })).toEqual<Usage>({
      input: 40,
      output: 1,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: 41,
      raw: usage,
    });
  });
});
