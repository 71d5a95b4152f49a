import { describe, expect, it } from 'vitest';
import { geminiCodec, geminiUrl, parseDataUrl } from '../../../src/protocols/gemini/index.js';
import type { Call, Endpoint, WireRequest } from '../../../src/protocols/types.js';
import { requestExample } from '../../fixtures/gemini/responses.js';

const endpoint: Endpoint = { baseUrl: 'https://api.mixrouter.com/v1', auth: 'x-goog-api-key' };
const question: Call['messages'] = [{ role: 'user', content: '1+2+3+...+100=?' }];

const build = (call: Partial<Call>): WireRequest =>
  geminiCodec.buildRequest({
    call: { model: 'gemini-2.5-pro', vendor: 'google', messages: question, stream: false, ...call },
    endpoint,
  });

describe('geminiUrl', () => {
  const cases: [string, string, boolean, string][] = [
    [
      'https://api.mixrouter.com/v1',
      'gemini-2.5-pro',
      false,
      'https://api.mixrouter.com/v1beta/models/gemini-2.5-pro:generateContent',
    ],
    [
      'https://api.mixrouter.com/v1',
      'gemini-2.5-pro',
      true,
      'https://api.mixrouter.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    ],
    [
      'http://127.0.0.1:8787/v1/',
      'gemini-2.5-flash-lite',
      false,
      'http://127.0.0.1:8787/v1beta/models/gemini-2.5-flash-lite:generateContent',
    ],
    [
      'https://gateway.example/proxy/v1',
      'gemini-2.5-pro',
      false,
      'https://gateway.example/proxy/v1beta/models/gemini-2.5-pro:generateContent',
    ],
    [
      'http://127.0.0.1:8787',
      'gemini-2.5-pro',
      true,
      'http://127.0.0.1:8787/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
    ],
    [
      'http://127.0.0.1:8787/google//',
      'gemini-2.5-pro',
      false,
      'http://127.0.0.1:8787/google/v1beta/models/gemini-2.5-pro:generateContent',
    ],
    [
      'http://127.0.0.1:8787/v10',
      'gemini-2.5-pro',
      false,
      'http://127.0.0.1:8787/v10/v1beta/models/gemini-2.5-pro:generateContent',
    ],
    [
      'http://127.0.0.1:8787/v1',
      'my model/v2',
      false,
      'http://127.0.0.1:8787/v1beta/models/my%20model%2Fv2:generateContent',
    ],
  ];
  it.each(cases)('%s + %s (stream %s)', (baseUrl, model, stream, expected) => {
    expect(geminiUrl({ baseUrl, model, stream })).toBe(expected);
  });
});

describe('geminiCodec.buildRequest', () => {
  it('builds the gemini-native.md §1 example body', () => {
    const request = build({
      system: 'Answer with the final number only.',
      temperature: 0.2,
      maxOutputTokens: 2048,
      thinking: { enabled: true, budgetTokens: 1024 },
    });
    expect(request).toEqual<WireRequest>({
      method: 'POST',
      url: 'https://api.mixrouter.com/v1beta/models/gemini-2.5-pro:generateContent',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: requestExample,
      stream: false,
    });
  });

  it('streams with alt=sse and never carries a credential, in the URL or the headers', () => {
    const request = build({ stream: true });
    expect(request).toEqual<WireRequest>({
      method: 'POST',
      url: 'https://api.mixrouter.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: { contents: [{ role: 'user', parts: [{ text: '1+2+3+...+100=?' }] }] },
      stream: true,
    });
    expect(request.url).not.toContain('key=');
  });

  it('puts --system and system/developer messages in systemInstruction, maps roles and parts', () => {
    const request = build({
      system: 'Be brief.',
      messages: [
        { role: 'system', content: 'Use digits.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://images.example/cat.WEBP?size=large', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://images.example/render' } },
            { type: 'audio_url', audio_url: { url: 'https://media.example/clip.wav' } },
            { type: 'video_url', video_url: { url: 'https://www.youtube.com/watch?v=abc' } },
          ],
        },
        { role: 'assistant', content: 'A cat.' },
        { role: 'developer', content: [{ type: 'text', text: 'No emoji.' }] },
        { role: 'user', content: 'And the colour?' },
      ],
    });
    expect(request.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'What is in these?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { mimeType: 'image/webp', fileUri: 'https://images.example/cat.WEBP?size=large' } },
            { fileData: { mimeType: 'image/jpeg', fileUri: 'https://images.example/render' } },
            { fileData: { mimeType: 'audio/wav', fileUri: 'https://media.example/clip.wav' } },
            { fileData: { mimeType: 'video/mp4', fileUri: 'https://www.youtube.com/watch?v=abc' } },
          ],
        },
        { role: 'model', parts: [{ text: 'A cat.' }] },
        { role: 'user', parts: [{ text: 'And the colour?' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Use digits.' }, { text: 'No emoji.' }] },
    });
  });

  it('re-encodes a percent-encoded data URL as base64', () => {
    expect(parseDataUrl('data:text/plain,hello%20world')).toEqual({ mimeType: 'text/plain', data: 'aGVsbG8gd29ybGQ=' });
    expect(parseDataUrl('data:;base64,AAEC')).toEqual({ mimeType: 'text/plain', data: 'AAEC' });
    expect(parseDataUrl('https://images.example/cat.png')).toBeNull();
  });
});

describe('geminiCodec.buildRequest: thinking (gemini-native.md §1 "Thinking rules")', () => {
  const generationConfig = (call: Partial<Call>): unknown =>
    (build(call).body as Record<string, unknown>).generationConfig;

  it('asks for dynamic thinking (-1) with thoughts when no budget is given', () => {
    expect(generationConfig({ thinking: { enabled: true } })).toEqual({
      thinkingConfig: { thinkingBudget: -1, includeThoughts: true },
    });
  });

  it('turns thinking off with budget 0 only on 2.5 Flash / Flash-Lite', () => {
    expect(generationConfig({ model: 'gemini-2.5-flash', thinking: { enabled: false } })).toEqual({
      thinkingConfig: { thinkingBudget: 0 },
    });
    expect(
      generationConfig({ model: 'gemini-2.5-flash-lite', thinking: { enabled: false }, maxOutputTokens: 64 }),
    ).toEqual({
      maxOutputTokens: 64,
      thinkingConfig: { thinkingBudget: 0 },
    });
    expect(generationConfig({ model: 'gemini-2.5-pro', thinking: { enabled: false } })).toBeUndefined();
    expect(generationConfig({ model: 'gemini-3-pro-preview', thinking: { enabled: false } })).toBeUndefined();
  });

  it('sends no thinkingConfig without thinking options', () => {
    expect(generationConfig({ temperature: 0 })).toEqual({ temperature: 0 });
  });

  it('uses thinkingLevel on Gemini 3 when only an effort is given, never with a budget', () => {
    expect(generationConfig({ model: 'gemini-3-pro-preview', thinking: { enabled: true, effort: 'low' } })).toEqual({
      thinkingConfig: { thinkingLevel: 'low', includeThoughts: true },
    });
    expect(
      generationConfig({
        model: 'gemini-3-pro-preview',
        thinking: { enabled: true, effort: 'low', budgetTokens: 512 },
      }),
    ).toEqual({
      thinkingConfig: { thinkingBudget: 512, includeThoughts: true },
    });
    expect(generationConfig({ model: 'gemini-2.5-flash', thinking: { enabled: true, effort: 'high' } })).toEqual({
      thinkingConfig: { thinkingBudget: -1, includeThoughts: true },
    });
  });

  it('merges extraBody last and shallowly, so it can override anything', () => {
    const request = build({
      system: 'Be brief.',
      temperature: 0.5,
      thinking: { enabled: true, budgetTokens: 128 },
      extraBody: {
        generationConfig: { temperature: 1, thinkingConfig: { thinkingBudget: 32768 } },
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      },
    });
    expect(request.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: '1+2+3+...+100=?' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 1, thinkingConfig: { thinkingBudget: 32768 } },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
    });
  });
});

describe('thinking a Gemini model cannot turn off', () => {
  it('sends nothing for it and says so; 2.5 Flash turns it off with a zero budget', () => {
    const build = (model: string) =>
      geminiCodec.buildRequest({
        call: {
          model,
          vendor: 'google',
          messages: [{ role: 'user', content: 'Hi' }],
          stream: false,
          thinking: { enabled: false },
        },
        endpoint: { baseUrl: 'http://127.0.0.1:9/v1', auth: 'bearer' },
      });
    expect(build('gemini-2.5-pro').notes).toEqual([
      'thinking cannot be turned off on gemini-2.5-pro; nothing is sent for it',
    ]);
    expect(build('gemini-2.5-flash').notes).toBeUndefined();
    expect(build('gemini-2.5-flash').body).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
    });
  });
});
