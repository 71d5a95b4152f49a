import { describe, expect, it } from 'vitest';
import { effortForThinking, openaiResponsesCodec } from '../../../src/protocols/openai-responses/index.js';
import type { Call, Endpoint, WireRequest } from '../../../src/protocols/types.js';

const endpoint: Endpoint = { baseUrl: 'http://127.0.0.1:8787/v1/', auth: 'bearer' };
const question: Call['messages'] = [{ role: 'user', content: [{ type: 'text', text: '1+2+3+...+100=?' }] }];

const build = (call: Partial<Call>): WireRequest =>
  openaiResponsesCodec.buildRequest({
    call: { model: 'gpt-5.2', vendor: 'openai', messages: question, stream: false, ...call },
    endpoint,
  });

describe('openaiResponsesCodec.buildRequest', () => {
  it('sends a lone user text message as a plain string (openai-responses.md §1 minimal form)', () => {
    expect(build({})).toEqual<WireRequest>({
      method: 'POST',
      url: 'http://127.0.0.1:8787/v1/responses',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: { model: 'gpt-5.2', input: '1+2+3+...+100=?', store: false, stream: false },
      stream: false,
    });
    expect(build({ messages: [{ role: 'user', content: 'hi' }] }).body).toEqual({
      model: 'gpt-5.2',
      input: 'hi',
      store: false,
      stream: false,
    });
  });

  it('builds the §1 example: instructions, array input, reasoning with summary, max_output_tokens', () => {
    // openai-responses.md §1, request example (its single user turn is given as parts, so it stays an array).
    const request = build({
      system: 'Answer with the final number only.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: '1+2+3+...+100=?' }] },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'https://example.com/sum.png', detail: 'high' } }],
        },
      ],
      thinking: { enabled: true, effort: 'medium' },
      maxOutputTokens: 2000,
    });
    expect(request.body).toEqual({
      model: 'gpt-5.2',
      instructions: 'Answer with the final number only.',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: '1+2+3+...+100=?' }] },
        { role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/sum.png', detail: 'high' }] },
      ],
      reasoning: { effort: 'medium', summary: 'auto' },
      max_output_tokens: 2000,
      store: false,
      stream: false,
    });
  });

  it('sends a conversation as message items, assistant turns as plain strings', () => {
    const request = build({
      messages: [
        { role: 'user', content: [{ type: 'text', text: '1+2+3+...+100=?' }] },
        { role: 'assistant', content: 'Do you want working?' },
        { role: 'user', content: 'No.' },
      ],
    });
    expect(request.body).toEqual({
      model: 'gpt-5.2',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: '1+2+3+...+100=?' }] },
        { role: 'assistant', content: 'Do you want working?' },
        { role: 'user', content: 'No.' },
      ],
      store: false,
      stream: false,
    });
  });

  it('streams without any usage switch, with temperature when set and no credential header', () => {
    const request = build({ model: 'gpt-4.1', stream: true, temperature: 0.2 });
    expect(request).toEqual<WireRequest>({
      method: 'POST',
      url: 'http://127.0.0.1:8787/v1/responses',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: { model: 'gpt-4.1', input: '1+2+3+...+100=?', temperature: 0.2, store: false, stream: true },
      stream: true,
    });
  });

  it('drops a temperature a reasoning model would reject, and says how a budget was sent', () => {
    const request = build({ temperature: 0.2, thinking: { enabled: true, budgetTokens: 2000 } });
    expect(request.body).not.toHaveProperty('temperature');
    expect(request.body).toMatchObject({ reasoning: { effort: 'medium', summary: 'auto' } });
    expect(request.notes).toEqual([
      'temperature 0.2 is not sent: OpenAI reasoning models reject a non-default temperature',
      'thinking budget 2000 is sent as reasoning.effort: medium (the API takes no budget)',
    ]);
  });

  it('joins --system and system-role messages into instructions; developer messages stay in input', () => {
    const request = build({
      system: 'Be brief.',
      messages: [
        { role: 'system', content: 'You are a calculator.' },
        {
          role: 'system',
          content: [
            { type: 'text', text: 'Use ' },
            { type: 'text', text: 'digits.' },
          ],
        },
        { role: 'developer', content: 'No units.' },
        { role: 'user', content: '2+2?' },
      ],
    });
    expect(request.body).toEqual({
      model: 'gpt-5.2',
      instructions: 'Be brief.\n\nYou are a calculator.\n\nUse digits.',
      input: [
        { role: 'developer', content: 'No units.' },
        { role: 'user', content: '2+2?' },
      ],
      store: false,
      stream: false,
    });
    expect(
      build({
        messages: [
          { role: 'system', content: 'Only system.' },
          { role: 'user', content: '2+2?' },
        ],
      }).body,
    ).toEqual({
      model: 'gpt-5.2',
      instructions: 'Only system.',
      input: '2+2?',
      store: false,
      stream: false,
    });
  });

  it('converts text and image parts to input_text / input_image, defaulting detail to auto', () => {
    const request = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these pictures?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
          ],
        },
      ],
    });
    expect(request.body).toEqual({
      model: 'gpt-5.2',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in these pictures?' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
          ],
        },
      ],
      store: false,
      stream: false,
    });
  });

  it('keeps several text parts as parts, flattens assistant parts to a string, passes audio parts through', () => {
    const audio = { type: 'audio_url' as const, audio_url: { url: 'https://example.com/a.wav' } };
    const request = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'c' },
            { type: 'text', text: 'd' },
          ],
        },
        { role: 'user', content: [audio] },
      ],
    });
    expect((request.body as Record<string, unknown>).input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'a' },
          { type: 'input_text', text: 'b' },
        ],
      },
      { role: 'assistant', content: 'cd' },
      { role: 'user', content: [audio] },
    ]);
  });

  it('asks for reasoning only when thinking is enabled', () => {
    expect(build({ thinking: { enabled: false, effort: 'high' } }).body).toEqual({
      model: 'gpt-5.2',
      input: '1+2+3+...+100=?',
      store: false,
      stream: false,
    });
    expect((build({ thinking: { enabled: true } }).body as Record<string, unknown>).reasoning).toEqual({
      effort: 'medium',
      summary: 'auto',
    });
    expect(
      (build({ thinking: { enabled: true, budgetTokens: 20_000 } }).body as Record<string, unknown>).reasoning,
    ).toEqual({ effort: 'high', summary: 'auto' });
  });

  it('merges extraBody last, so it can override anything', () => {
    const request = build({
      stream: true,
      thinking: { enabled: true, effort: 'low' },
      extraBody: {
        reasoning: { effort: 'high', summary: 'detailed' },
        store: true,
        include: ['reasoning.encrypted_content'],
      },
    });
    expect(request.body).toEqual({
      model: 'gpt-5.2',
      input: '1+2+3+...+100=?',
      reasoning: { effort: 'high', summary: 'detailed' },
      store: true,
      stream: true,
      include: ['reasoning.encrypted_content'],
    });
  });
});

describe('effortForThinking', () => {
  it('uses the explicit effort, else maps the budget (1024 / 8192 / 24576 bounds), else medium', () => {
    const efforts = [
      effortForThinking({ enabled: true, effort: 'minimal', budgetTokens: 30_000 }),
      effortForThinking({ enabled: true }),
      effortForThinking({ enabled: true, budgetTokens: 0 }),
      effortForThinking({ enabled: true, budgetTokens: 1024 }),
      effortForThinking({ enabled: true, budgetTokens: 1025 }),
      effortForThinking({ enabled: true, budgetTokens: 8192 }),
      effortForThinking({ enabled: true, budgetTokens: 8193 }),
      effortForThinking({ enabled: true, budgetTokens: 100_000 }),
    ];
    expect(efforts).toEqual(['minimal', 'medium', 'low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});
