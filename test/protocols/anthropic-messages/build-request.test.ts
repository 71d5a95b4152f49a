import { describe, expect, it } from 'vitest';
import { anthropicMessagesCodec } from '../../../src/protocols/anthropic-messages/index.js';
import type { Call, Endpoint, ThinkingOptions, WireRequest } from '../../../src/protocols/types.js';

const endpoint: Endpoint = { baseUrl: 'http://127.0.0.1:8787/v1/', auth: 'x-api-key' };
const sumQuestion: Call['messages'] = [{ role: 'user', content: '1+2+3+...+100=?' }];

const build = (call: Partial<Call>): WireRequest =>
  anthropicMessagesCodec.buildRequest({
    call: { model: 'claude-sonnet-4-5-20250929', vendor: 'anthropic', messages: sumQuestion, stream: false, ...call },
    endpoint,
  });

const bodyOf = (call: Partial<Call>): Record<string, unknown> => build(call).body as Record<string, unknown>;

describe('anthropicMessagesCodec.buildRequest: the reference examples', () => {
  it('builds the mixrouter example (anthropic-messages.md §1.3)', () => {
    expect(
      build({ messages: [{ content: 'Hello, world', role: 'user' }], maxOutputTokens: 1024 }),
    ).toEqual<WireRequest>({
      method: 'POST',
      url: 'http://127.0.0.1:8787/v1/messages',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', accept: 'application/json' },
      body: {
        max_tokens: 1024,
        messages: [{ content: 'Hello, world', role: 'user' }],
        model: 'claude-sonnet-4-5-20250929',
        stream: false,
      },
      stream: false,
    });
  });

  // anthropic-messages.md §1.3, "With system prompt and thinking".
  const thinkingExample = {
    model: 'claude-sonnet-4-5-20250929',
    max_tokens: 4096,
    system: 'Answer with the final number only.',
    thinking: { type: 'enabled', budget_tokens: 2048 },
    messages: [{ role: 'user', content: '1+2+3+...+100=?' }],
    stream: true,
  };

  it('builds the system-and-thinking example (§1.3) from explicit options', () => {
    const request = build({
      system: 'Answer with the final number only.',
      thinking: { enabled: true, budgetTokens: 2048 },
      maxOutputTokens: 4096,
      stream: true,
    });
    expect(request).toEqual<WireRequest>({
      method: 'POST',
      url: 'http://127.0.0.1:8787/v1/messages',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', accept: 'text/event-stream' },
      body: thinkingExample,
      stream: true,
    });
  });

  it('reaches the same body from the defaults (budget 2048, max_tokens 4096)', () => {
    expect(bodyOf({ system: 'Answer with the final number only.', thinking: { enabled: true }, stream: true })).toEqual(
      thinkingExample,
    );
  });

  it('never carries a credential header', () => {
    expect(Object.keys(build({ stream: true }).headers).sort()).toEqual([
      'accept',
      'anthropic-version',
      'content-type',
    ]);
  });
});

describe('max_tokens and thinking rules (§1.2)', () => {
  it('always sends max_tokens, 4096 when the call sets no cap', () => {
    expect(bodyOf({})).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 4096,
      messages: sumQuestion,
      stream: false,
    });
  });

  it('sends temperature without thinking, and drops it with thinking (thinking requires the default)', () => {
    expect(bodyOf({ temperature: 0.2, maxOutputTokens: 300 })).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 300,
      messages: sumQuestion,
      temperature: 0.2,
      stream: false,
    });
    expect(
      bodyOf({ temperature: 0.2, maxOutputTokens: 8000, thinking: { enabled: true, budgetTokens: 3000 } }),
    ).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 8000,
      messages: sumQuestion,
      stream: false,
      thinking: { type: 'enabled', budget_tokens: 3000 },
    });
  });

  it('sends no thinking field when thinking is off, and keeps temperature', () => {
    expect(bodyOf({ temperature: 0, thinking: { enabled: false, budgetTokens: 5000 } })).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 4096,
      messages: sumQuestion,
      temperature: 0,
      stream: false,
    });
  });

  const cases: [string, ThinkingOptions, number | undefined, { max_tokens: number; budget_tokens: number }][] = [
    [
      'budget below the 1024 minimum is raised',
      { enabled: true, budgetTokens: 500 },
      undefined,
      { max_tokens: 4096, budget_tokens: 1024 },
    ],
    [
      'large budget without a cap leaves 2048 answer tokens',
      { enabled: true, budgetTokens: 16_000 },
      undefined,
      { max_tokens: 18_048, budget_tokens: 16_000 },
    ],
    [
      'cap above the budget is kept',
      { enabled: true, budgetTokens: 2048 },
      2049,
      { max_tokens: 2049, budget_tokens: 2048 },
    ],
    [
      'cap equal to the budget is raised to budget + 2048',
      { enabled: true, budgetTokens: 2048 },
      2048,
      { max_tokens: 4096, budget_tokens: 2048 },
    ],
    [
      'cap below the default budget is raised to budget + 2048',
      { enabled: true },
      1000,
      { max_tokens: 4096, budget_tokens: 2048 },
    ],
    ['effort low', { enabled: true, effort: 'low' }, undefined, { max_tokens: 4096, budget_tokens: 1280 }],
    [
      'effort minimal counts as low',
      { enabled: true, effort: 'minimal' },
      undefined,
      { max_tokens: 4096, budget_tokens: 1280 },
    ],
    ['effort high', { enabled: true, effort: 'high' }, undefined, { max_tokens: 6144, budget_tokens: 4096 }],
    [
      'a budget wins over an effort',
      { enabled: true, effort: 'high', budgetTokens: 1500 },
      10_000,
      { max_tokens: 10_000, budget_tokens: 1500 },
    ],
  ];
  it.each(cases)('%s', (_name, thinking, maxOutputTokens, expected) => {
    const body = bodyOf({ thinking, maxOutputTokens });
    expect({ max_tokens: body.max_tokens, thinking: body.thinking }).toEqual({
      max_tokens: expected.max_tokens,
      thinking: { type: 'enabled', budget_tokens: expected.budget_tokens },
    });
  });
});

describe('prompt conversion', () => {
  it('puts call.system, system and developer messages into the top-level system, never into messages', () => {
    const body = bodyOf({
      system: 'Be brief.',
      messages: [
        { role: 'system', content: 'You are a calculator.' },
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'Numbers only.' },
            { type: 'image_url', image_url: { url: 'https://example.com/x.png' } },
          ],
        },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'system', content: '' },
      ],
    });
    expect(body.system).toEqual('Be brief.\n\nYou are a calculator.\n\nNumbers only.');
    expect(body.messages).toEqual([{ role: 'user', content: 'What is 2+2?' }]);
  });

  it('omits system when there is none', () => {
    expect('system' in bodyOf({})).toBe(false);
  });

  it('merges consecutive same-role turns into one turn of blocks', () => {
    const body = bodyOf({
      messages: [
        { role: 'user', content: 'First part.' },
        { role: 'system', content: 'Stay polite.' },
        { role: 'user', content: [{ type: 'text', text: 'Second part.' }] },
        { role: 'assistant', content: 'Noted.' },
        { role: 'assistant', content: 'Anything else?' },
        { role: 'user', content: 'Sum 1..100.' },
      ],
    });
    expect(body.system).toEqual('Stay polite.');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First part.' },
          { type: 'text', text: 'Second part.' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Noted.' },
          { type: 'text', text: 'Anything else?' },
        ],
      },
      { role: 'user', content: 'Sum 1..100.' },
    ]);
  });

  it('converts image parts to url and base64 sources, dropping detail; audio passes through for the API to reject', () => {
    const body = bodyOf({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe both.' },
            { type: 'image_url', image_url: { url: 'https://example.com/dog.png', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' } },
            { type: 'audio_url', audio_url: { url: 'https://example.com/a.mp3' } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe both.' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/dog.png' } },
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } },
          { type: 'audio_url', audio_url: { url: 'https://example.com/a.mp3' } },
        ],
      },
    ]);
  });

  it('does not alter the call it was given', () => {
    const messages: Call['messages'] = [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ];
    const copy = structuredClone(messages);
    bodyOf({ messages });
    expect(messages).toEqual(copy);
  });
});

describe('extraBody', () => {
  it('is merged last, so it can override anything', () => {
    const body = bodyOf({
      stream: true,
      maxOutputTokens: 8000,
      thinking: { enabled: true },
      extraBody: { thinking: { type: 'adaptive' }, max_tokens: 64_000, top_k: 5, metadata: { user_id: 'eval' } },
    });
    expect(body).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 64_000,
      messages: sumQuestion,
      stream: true,
      thinking: { type: 'adaptive' },
      top_k: 5,
      metadata: { user_id: 'eval' },
    });
  });
});

describe('what the Messages request changes of the call, said in notes', () => {
  const call = (extra: Partial<Call>): Call => ({
    model: 'claude-sonnet-4-5-20250929',
    vendor: 'anthropic',
    messages: [{ role: 'user', content: 'Hi' }],
    stream: false,
    ...extra,
  });
  const endpoint = { baseUrl: 'http://127.0.0.1:9/v1', auth: 'x-api-key' as const };

  it('drops the temperature with thinking, raises a small budget and a cap below it, and says so', () => {
    const request = anthropicMessagesCodec.buildRequest({
      call: call({ temperature: 0.3, maxOutputTokens: 500, thinking: { enabled: true, budgetTokens: 600 } }),
      endpoint,
    });
    expect(request.body).toMatchObject({ max_tokens: 3072, thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(request.body).not.toHaveProperty('temperature');
    expect(request.notes).toEqual([
      'temperature 0.3 is not sent: thinking requires the default temperature',
      "thinking budget 600 is raised to 1024, the API's minimum",
      'max tokens 500 is raised to 3072: it must exceed the thinking budget',
    ]);
  });

  it('has no notes when the call goes as asked', () => {
    expect(anthropicMessagesCodec.buildRequest({ call: call({ temperature: 0.3 }), endpoint }).notes).toBeUndefined();
  });
});
