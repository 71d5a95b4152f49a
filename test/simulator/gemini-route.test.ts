import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { call } from './sim-http.js';
import { askBody, gemini, parseGeminiEvents, partsOf, textsOf, type GeminiJson } from './gemini-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
});
beforeEach(() => {
  simulator.reset();
});
afterAll(async () => {
  await simulator.close();
});

// Request body from gemini-native.md §1 (the example).
const referenceBody = {
  systemInstruction: { parts: [{ text: 'Answer with the final number only.' }] },
  contents: [{ role: 'user', parts: [{ text: '1+2+3+...+100=?' }] }],
  generationConfig: {
    temperature: 0.2,
    maxOutputTokens: 2048,
    thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
  },
};

function lastEntry(): LedgerEntry {
  const entries = simulator.ledger.entries;
  return entries[entries.length - 1];
}

async function plain(model: string, body: unknown): Promise<GeminiJson> {
  const reply = await gemini(simulator, { model, body });
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toBe('application/json');
  return JSON.parse(reply.text) as GeminiJson;
}

async function streamed(model: string, body: unknown): Promise<{ events: GeminiJson[]; text: string }> {
  const reply = await gemini(simulator, { model, body, stream: true });
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toBe('text/event-stream');
  expect(reply.bodyError).toBeNull();
  return { events: parseGeminiEvents(reply.text), text: reply.text };
}

/** The usage the ledger billed, read back from a usageMetadata block the way gemini-native.md §4 maps it. */
function billedFrom(usage: GeminiJson): { input: number; output: number; reasoning: number; cached: number } {
  return {
    input: usage.promptTokenCount,
    output: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    reasoning: usage.thoughtsTokenCount ?? 0,
    cached: usage.cachedContentTokenCount ?? 0,
  };
}

describe('generateContent', () => {
  it('answers the reference request with a thought part, the answer, STOP and usage excluding thoughts from candidates', async () => {
    const body = await plain('gemini-2.5-pro', referenceBody);
    const candidate = body.candidates[0];
    expect(candidate.index).toBe(0);
    expect(candidate.finishReason).toBe('STOP');
    expect(candidate.content.role).toBe('model');
    const parts = partsOf(body);
    expect(parts[0].thought).toBe(true);
    expect(parts[0].text?.length).toBeGreaterThan(0);
    expect(parts.slice(1).every((part) => part.thought === undefined)).toBe(true);
    expect(textsOf([body]).text).toContain('5050');
    const usage = body.usageMetadata;
    expect(usage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount);
    expect(usage.promptTokensDetails).toEqual([{ modality: 'TEXT', tokenCount: usage.promptTokenCount }]);
    expect(usage.cachedContentTokenCount).toBeUndefined();
    expect(body.modelVersion).toBe('gemini-2.5-pro');
    expect(body.responseId).toMatch(/^[A-Za-z0-9]{23}$/);
    expect(lastEntry()).toMatchObject({
      path: '/v1beta/models/gemini-2.5-pro:generateContent',
      model: 'gemini-2.5-pro',
      stream: false,
      status: 200,
      fault: null,
    });
    expect(lastEntry().usage).toEqual(billedFrom(usage));
  });

  it('thinks by default on 2.5 Flash but returns thought text only with includeThoughts', async () => {
    const hidden = await plain('gemini-2.5-flash', askBody('Is 5050 prime?'));
    expect(partsOf(hidden).some((part) => part.thought)).toBe(false);
    expect(hidden.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    expect(lastEntry().usage?.reasoning).toBe(hidden.usageMetadata.thoughtsTokenCount);
    const shown = await plain(
      'gemini-2.5-flash',
      askBody('Is 5050 prime?', { thinkingConfig: { includeThoughts: true } }),
    );
    expect(partsOf(shown)[0].thought).toBe(true);
    expect(textsOf([shown]).text).toBe(textsOf([hidden]).text);
  });

  it('turns thinking off with budget 0 on Flash, and refuses budget 0 on Pro', async () => {
    const off = await plain(
      'gemini-2.5-flash',
      askBody('Is 5050 prime?', { thinkingConfig: { thinkingBudget: 0, includeThoughts: true } }),
    );
    expect(partsOf(off).some((part) => part.thought)).toBe(false);
    expect(off.usageMetadata.thoughtsTokenCount).toBeUndefined();
    expect(off.usageMetadata.totalTokenCount).toBe(
      off.usageMetadata.promptTokenCount + off.usageMetadata.candidatesTokenCount,
    );
    expect(lastEntry().usage).toMatchObject({ reasoning: 0, output: off.usageMetadata.candidatesTokenCount });
    const refused = await gemini(simulator, {
      model: 'gemini-2.5-pro',
      body: askBody('Hi', { thinkingConfig: { thinkingBudget: 0 } }),
    });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });

  it('reports cachedContentTokenCount when the same prompt comes again', async () => {
    const body = askBody('Summarise the causes of the French Revolution in one sentence.');
    const first = await plain('gemini-2.5-flash', body);
    expect(first.usageMetadata.cachedContentTokenCount).toBeUndefined();
    const second = await plain('gemini-2.5-flash', body);
    const usage = second.usageMetadata;
    expect(usage.cachedContentTokenCount).toBeGreaterThan(0);
    expect(usage.cachedContentTokenCount).toBeLessThanOrEqual(usage.promptTokenCount);
    expect(usage.cacheTokensDetails).toEqual([{ modality: 'TEXT', tokenCount: usage.cachedContentTokenCount }]);
    expect(lastEntry().usage).toEqual(billedFrom(usage));
  });

  it('cuts at maxOutputTokens with MAX_TOKENS, thinking counted against the cap', async () => {
    const cut = await plain(
      'gemini-2.5-flash',
      askBody('Write three paragraphs about the history of tea.', { maxOutputTokens: 40 }),
    );
    expect(cut.candidates[0].finishReason).toBe('MAX_TOKENS');
    const usage = cut.usageMetadata;
    expect((usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0)).toBeLessThanOrEqual(40);
    expect(lastEntry().usage).toEqual(billedFrom(usage));
    const starved = await plain(
      'gemini-2.5-pro',
      askBody('Write three paragraphs about the history of tea.', { maxOutputTokens: 3 }),
    );
    // Thinking used the whole budget: a content without parts and no candidates count (gemini-native.md §8.4, §8.6).
    expect(starved.candidates[0]).toMatchObject({ content: { role: 'model' }, finishReason: 'MAX_TOKENS' });
    expect(starved.candidates[0].content.parts).toBeUndefined();
    expect(starved.usageMetadata.candidatesTokenCount).toBeUndefined();
    expect(starved.usageMetadata.thoughtsTokenCount).toBe(3);
  });

  it('takes the model from a percent-encoded path and accepts snake_case fields', async () => {
    const body = {
      system_instruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ parts: [{ text: 'What is 17 + 25?' }] }],
      generation_config: { thinking_config: { include_thoughts: true } },
    };
    const encoded = await call(simulator, {
      path: '/v1beta/models/gemini%2D2.5-flash%3AgenerateContent',
      body,
      auth: false,
      headers: { 'x-goog-api-key': simulator.apiKey },
    });
    expect(encoded.status).toBe(200);
    const parsed = JSON.parse(encoded.text) as GeminiJson;
    expect(parsed.modelVersion).toBe('gemini-2.5-flash');
    expect(textsOf([parsed]).text).toContain('42');
    expect(partsOf(parsed)[0].thought).toBe(true);
  });
});

describe('streamGenerateContent?alt=sse', () => {
  it('streams new parts per event with cumulative usage, finishReason only on the last event and no [DONE]', async () => {
    const whole = await plain('gemini-2.5-pro', referenceBody);
    const { events, text } = await streamed('gemini-2.5-pro', referenceBody);
    expect(text).not.toContain('[DONE]');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(3);
    const finishes = events.map((event) => event.candidates?.[0]?.finishReason);
    expect(finishes.slice(0, -1).every((finish) => finish === undefined)).toBe(true);
    expect(finishes[finishes.length - 1]).toBe('STOP');
    const totals = events.map((event) => event.usageMetadata.totalTokenCount as number);
    for (let index = 1; index < totals.length; index += 1)
      expect(totals[index]).toBeGreaterThanOrEqual(totals[index - 1]);
    expect(new Set(events.map((event) => event.responseId)).size).toBe(1);
    expect(events.every((event) => event.modelVersion === 'gemini-2.5-pro')).toBe(true);
    expect(textsOf(events)).toEqual(textsOf([whole]));
    const last = events[events.length - 1].usageMetadata;
    // The plain call primed the prompt cache, so only the stream reports cached tokens.
    expect(withoutCache(last)).toEqual(whole.usageMetadata);
    expect(last.cachedContentTokenCount).toBeGreaterThan(0);
    expect(lastEntry()).toMatchObject({
      stream: true,
      status: 200,
      path: '/v1beta/models/gemini-2.5-pro:streamGenerateContent',
    });
    expect(lastEntry().usage).toEqual(billedFrom(last));
  });

  it('counts hidden thinking from the first event and never sends thought parts without includeThoughts', async () => {
    const { events } = await streamed('gemini-2.5-flash', askBody('Explain why the sky is blue in two sentences.'));
    expect(events.flatMap(partsOf).some((part) => part.thought)).toBe(false);
    const thoughts = events[events.length - 1].usageMetadata.thoughtsTokenCount;
    expect(thoughts).toBeGreaterThan(0);
    expect(events.every((event) => event.usageMetadata.thoughtsTokenCount === thoughts)).toBe(true);
  });

  it('ends a starved stream with a MAX_TOKENS event that has no parts', async () => {
    const { events } = await streamed(
      'gemini-2.5-pro',
      askBody('Write three paragraphs about the history of tea.', { maxOutputTokens: 3 }),
    );
    const last = events[events.length - 1];
    expect(last.candidates[0]).toMatchObject({ content: { role: 'model' }, finishReason: 'MAX_TOKENS' });
    expect(textsOf(events).text).toBe('');
  });

  it('refuses a stream without alt=sse with INVALID_ARGUMENT', async () => {
    const reply = await gemini(simulator, { model: 'gemini-2.5-flash', body: askBody('Hi'), stream: true, query: '' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });
});

/** A usage block without its cache fields. */
function withoutCache(usage: GeminiJson): GeminiJson {
  const { cachedContentTokenCount: _cached, cacheTokensDetails: _details, ...rest } = usage;
  return rest;
}
