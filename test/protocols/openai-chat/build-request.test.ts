import { describe, expect, it } from 'vitest';
import { openaiChatCodec, usesMaxCompletionTokens } from '../../../src/protocols/openai-chat/index.js';
import type { Call, Endpoint, ThinkingOptions, Vendor, WireRequest } from '../../../src/protocols/types.js';

const endpoint: Endpoint = { baseUrl: 'http://127.0.0.1:8787/v1/', auth: 'bearer' };
const messages: Call['messages'] = [{ role: 'user', content: [{ type: 'text', text: '1+2+3+4+...+100=?' }] }];

const build = (call: Partial<Call>): WireRequest =>
  openaiChatCodec.buildRequest({
    call: { model: 'gpt-4o-mini', vendor: 'openai', messages, stream: false, ...call },
    endpoint,
  });

describe('openaiChatCodec.buildRequest', () => {
  it('builds a non-streaming request (openai-chat.md §1.3 plain example)', () => {
    expect(build({ temperature: 0.8, maxOutputTokens: 300 })).toEqual<WireRequest>({
      method: 'POST',
      url: 'http://127.0.0.1:8787/v1/chat/completions',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: { model: 'gpt-4o-mini', messages, temperature: 0.8, max_tokens: 300, stream: false },
      stream: false,
    });
  });

  it('always asks for usage when streaming (§1.3 streaming example), and prepends the system prompt', () => {
    expect(build({ stream: true, system: 'Answer with a number.', maxOutputTokens: 300 })).toEqual<WireRequest>({
      method: 'POST',
      url: 'http://127.0.0.1:8787/v1/chat/completions',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: {
        model: 'gpt-4o-mini',
        messages: [{ role: 'system', content: 'Answer with a number.' }, ...messages],
        max_tokens: 300,
        stream: true,
        stream_options: { include_usage: true },
      },
      stream: true,
    });
  });

  it('never carries a credential header', () => {
    const request = build({ stream: true });
    expect(Object.keys(request.headers).sort()).toEqual(['accept', 'content-type']);
  });

  it('sends max_completion_tokens to OpenAI reasoning models', () => {
    const bodies = ['o1', 'o3-mini', 'o4-mini-deep-research', 'gpt-5', 'gpt-5.1-chat-latest', 'gpt-4.1', 'o1x'].map(
      (model) => build({ model, maxOutputTokens: 64 }).body,
    );
    expect(bodies.map((body) => Object.keys(body as object).filter((key) => key.startsWith('max_')))).toEqual([
      ['max_completion_tokens'],
      ['max_completion_tokens'],
      ['max_completion_tokens'],
      ['max_completion_tokens'],
      ['max_completion_tokens'],
      ['max_tokens'],
      ['max_tokens'],
    ]);
    expect(usesMaxCompletionTokens('gpt-4o')).toBe(false);
  });

  it('merges extraBody last, so it can override anything', () => {
    const request = build({
      stream: true,
      vendor: 'deepseek',
      model: 'deepseek-chat',
      thinking: { enabled: true },
      extraBody: { thinking: { type: 'auto' }, stream_options: { include_usage: false }, top_p: 0.1 },
    });
    expect(request.body).toEqual({
      model: 'deepseek-chat',
      messages,
      stream: true,
      stream_options: { include_usage: false },
      thinking: { type: 'auto' },
      top_p: 0.1,
    });
  });
});

describe('thinking switches per vendor (openai-chat.md §1.2, §3.6)', () => {
  const cases: [string, Vendor, string, ThinkingOptions, Record<string, unknown>][] = [
    [
      'DeepSeek on (§1.3 DeepSeek example)',
      'deepseek',
      'deepseek-chat',
      { enabled: true },
      { thinking: { type: 'enabled' } },
    ],
    ['DeepSeek off', 'deepseek', 'deepseek-chat', { enabled: false }, { thinking: { type: 'disabled' } }],
    ['Qwen on (§1.3 Qwen example)', 'qwen', 'qwen3-max', { enabled: true }, { enable_thinking: true }],
    [
      'Qwen on with a budget',
      'qwen',
      'qwen3-max',
      { enabled: true, budgetTokens: 4000 },
      { enable_thinking: true, thinking_budget: 4000 },
    ],
    ['Qwen off', 'qwen', 'qwen3-max', { enabled: false, budgetTokens: 4000 }, { enable_thinking: false }],
    [
      'Gemini on (§1.3 Gemini example)',
      'google',
      'gemini-2.5-pro',
      { enabled: true },
      { thinking: { type: 'enabled' } },
    ],
    [
      'Gemini on with an effort',
      'google',
      'gemini-2.5-pro',
      { enabled: true, effort: 'high' },
      { thinking: { type: 'enabled' }, reasoning_effort: 'high' },
    ],
    [
      'Gemini on with a budget',
      'google',
      'gemini-2.5-pro',
      { enabled: true, budgetTokens: 5000 },
      { thinking: { type: 'enabled' }, reasoning_effort: 'medium' },
    ],
    [
      'Gemini on with a large budget',
      'google',
      'gemini-2.5-pro',
      { enabled: true, budgetTokens: 30_000 },
      { thinking: { type: 'enabled' }, reasoning_effort: 'high' },
    ],
    ['Gemini off', 'google', 'gemini-2.5-flash', { enabled: false }, { reasoning_effort: 'none' }],
    [
      'Claude on with a budget',
      'anthropic',
      'claude-sonnet-4-5-20250929',
      { enabled: true, budgetTokens: 1000 },
      { thinking: { type: 'enabled', budget_tokens: 1000 }, reasoning_effort: 'low' },
    ],
    [
      'Claude on with an effort',
      'anthropic',
      'claude-sonnet-4-5-20250929',
      { enabled: true, effort: 'high' },
      { thinking: { type: 'enabled', budget_tokens: 4096 }, reasoning_effort: 'high' },
    ],
    [
      'Claude on with neither',
      'anthropic',
      'claude-sonnet-4-5-20250929',
      { enabled: true },
      { thinking: { type: 'enabled', budget_tokens: 2048 }, reasoning_effort: 'medium' },
    ],
    ['Claude off', 'anthropic', 'claude-sonnet-4-5-20250929', { enabled: false }, {}],
    ['Doubao on', 'doubao', 'doubao-seed-1-6-250615', { enabled: true }, { thinking: { type: 'enabled' } }],
    ['Doubao off', 'doubao', 'doubao-seed-1-6-250615', { enabled: false }, { thinking: { type: 'disabled' } }],
    [
      'OpenAI with an effort (§1.2 o3 page)',
      'openai',
      'o3',
      { enabled: true, effort: 'medium' },
      { reasoning_effort: 'medium' },
    ],
    ['OpenAI without an effort: the default level', 'openai', 'o3', { enabled: true }, { reasoning_effort: 'medium' }],
    [
      'OpenAI with a budget: the level covering it',
      'openai',
      'o3',
      { enabled: true, budgetTokens: 4096 },
      { reasoning_effort: 'medium' },
    ],
    [
      'OpenAI with a large budget',
      'openai',
      'o4-mini',
      { enabled: true, budgetTokens: 30_000 },
      { reasoning_effort: 'high' },
    ],
    ['another vendor', 'other', 'kimi-k2', { enabled: true, effort: 'high' }, {}],
  ];
  it.each(cases)('%s', (_name, vendor, model, thinking, fields) => {
    expect(build({ vendor, model, thinking }).body).toEqual({ model, messages, stream: false, ...fields });
  });

  it('says what the chat body could not express, and drops what the model rejects', () => {
    expect(build({ vendor: 'openai', model: 'o3', thinking: { enabled: true, budgetTokens: 4096 } }).notes).toEqual([
      'thinking budget 4096 is sent as reasoning_effort: medium (the chat route takes no budget for OpenAI models)',
    ]);
    expect(build({ vendor: 'openai', model: 'o4-mini', thinking: { enabled: false } }).notes).toEqual([
      'thinking cannot be turned off for OpenAI models; nothing is sent for it',
    ]);
    const cold = build({ vendor: 'openai', model: 'o3', temperature: 0 });
    expect(cold.body).not.toHaveProperty('temperature');
    expect(cold.notes).toEqual(['temperature 0 is not sent: OpenAI reasoning models reject a non-default temperature']);
    expect(build({ vendor: 'openai', model: 'gpt-4o-mini', temperature: 0 }).body).toMatchObject({ temperature: 0 });
    expect(build({ vendor: 'openai', model: 'gpt-4o-mini', temperature: 0 }).notes).toBeUndefined();
  });

  it('adds nothing when the call has no thinking options', () => {
    expect(build({ vendor: 'deepseek', model: 'deepseek-chat' }).body).toEqual({
      model: 'deepseek-chat',
      messages,
      stream: false,
    });
  });
});
