import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/simulator/faults.js';
import type { LedgerEntry } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { askBody, gemini, parseGeminiEvents, textsOf } from './gemini-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0, unavailableModels: ['gemini-9-ultra'] });
});
afterEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await simulator.close();
});

const model = 'gemini-2.5-flash';
const longBody = askBody('Write three paragraphs about the history of tea, its trade routes and how it is brewed.', {
  thinkingConfig: { includeThoughts: true },
});

function lastEntry(): LedgerEntry {
  const entries = simulator.ledger.entries;
  return entries[entries.length - 1];
}

function only(fault: FaultName, extra: Record<string, number> = {}): void {
  simulator.setFaults({ [fault]: 1, ...extra });
}

type GoogleError = { code: number; message: string; status: string };
type GatewayEnvelope = { message: string; type: string; code: string | null };

function googleError(text: string): GoogleError {
  return (JSON.parse(text) as { error: GoogleError }).error;
}

function gatewayError(text: string): GatewayEnvelope {
  return (JSON.parse(text) as { error: GatewayEnvelope }).error;
}

describe('authentication on /v1beta', () => {
  it('accepts the key as x-goog-api-key and as Authorization: Bearer', async () => {
    expect((await gemini(simulator, { model, body: askBody('Hi') })).status).toBe(200);
    const bearer = await gemini(simulator, {
      model,
      body: askBody('Hi'),
      headers: { authorization: `Bearer ${simulator.apiKey}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('answers a wrong or missing key with 401 in the gateway envelope', async () => {
    const wrong = await gemini(simulator, { model, body: askBody('Hi'), headers: { 'x-goog-api-key': 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(gatewayError(wrong.text)).toMatchObject({ type: 'new_api_error' });
    expect(gatewayError(wrong.text).message).toMatch(/^无效的令牌 \(request id: \w+\)$/);
    const missing = await gemini(simulator, { model, body: askBody('Hi'), headers: {} });
    expect(missing.status).toBe(401);
    expect(gatewayError(missing.text).message).toMatch(/^未提供令牌/);
    expect(lastEntry()).toMatchObject({ status: 401, model: null, usage: null });
  });

  it('rejects ?key= like the newest gateway, even when a header key is also valid', async () => {
    const query = await gemini(simulator, {
      model,
      body: askBody('Hi'),
      query: `?key=${simulator.apiKey}`,
      headers: {},
    });
    expect(query.status).toBe(401);
    expect(gatewayError(query.text).message).toContain('API key in query string is not allowed');
    const both = await gemini(simulator, {
      model,
      body: askBody('Hi'),
      stream: true,
      query: `?alt=sse&key=${simulator.apiKey}`,
    });
    expect(both.status).toBe(401);
  });
});

describe('request errors', () => {
  it('answers a body that is not JSON with the gateway envelope, and a bad Gemini body with INVALID_ARGUMENT', async () => {
    const broken = await gemini(simulator, { model, body: '{"contents": ' });
    expect(broken.status).toBe(400);
    expect(gatewayError(broken.text).code).toBe('bad_request_body');
    for (const body of [
      {},
      { contents: [] },
      { contents: [{ role: 'user', parts: [] }] },
      { contents: [{ role: 'system', parts: [{ text: 'x' }] }] },
    ]) {
      const reply = await gemini(simulator, { model, body });
      expect(reply.status).toBe(400);
      expect(googleError(reply.text)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    }
  });

  it('refuses thinkingLevel together with thinkingBudget (gemini-native.md §8.11)', async () => {
    const reply = await gemini(simulator, {
      model: 'gemini-3-pro-preview',
      body: askBody('Hi', { thinkingConfig: { thinkingLevel: 'low', thinkingBudget: 128 } }),
    });
    expect(reply.status).toBe(400);
    expect(googleError(reply.text).status).toBe('INVALID_ARGUMENT');
  });

  it('answers 503 model_not_found in the gateway envelope when no channel serves the model', async () => {
    const reply = await gemini(simulator, { model: 'gemini-9-ultra', body: askBody('Hi') });
    expect(reply.status).toBe(503);
    expect(gatewayError(reply.text).code).toBe('model_not_found');
    expect(lastEntry()).toMatchObject({ model: 'gemini-9-ultra', status: 503, usage: null });
  });
});

describe('faults on /v1beta in Google shape', () => {
  it.each([
    ['rateLimit', 429, 'RESOURCE_EXHAUSTED'],
    ['serverError', 500, 'INTERNAL'],
    ['overloaded', 503, 'UNAVAILABLE'],
  ] as const)('%s: %i %s with the request id', async (fault, status, word) => {
    only(fault);
    const reply = await gemini(simulator, { model, body: askBody('Hi') });
    expect(reply.status).toBe(status);
    const error = googleError(reply.text);
    expect(error).toMatchObject({ code: status, status: word });
    expect(error.message).toContain(`(request id: ${reply.headers['x-oneapi-request-id']})`);
    expect(lastEntry()).toMatchObject({ model, status, fault, usage: null });
  });

  it('rateLimitRetryAfter: 429 RESOURCE_EXHAUSTED with Retry-After', async () => {
    only('rateLimitRetryAfter', { retryAfterSeconds: 4 });
    const reply = await gemini(simulator, { model, body: askBody('Hi'), stream: true });
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('4');
    expect(googleError(reply.text).status).toBe('RESOURCE_EXHAUSTED');
  });

  it('html502 and connectionReset behave as on every route', async () => {
    only('html502');
    const html = await gemini(simulator, { model, body: askBody('Hi') });
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toBe('text/html');
    only('connectionReset');
    await expect(gemini(simulator, { model, body: askBody('Hi') })).rejects.toThrow();
    expect(lastEntry()).toMatchObject({ status: 0, fault: 'connectionReset' });
  });

  it('truncatedStream: events without a finishReason, then a cut socket and no billed usage', async () => {
    only('truncatedStream');
    const reply = await gemini(simulator, { model, body: longBody, stream: true });
    expect(reply.status).toBe(200);
    expect(reply.bodyError).not.toBeNull();
    const events = parseGeminiEvents(reply.text);
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((event) => event.candidates?.[0]?.finishReason)).toBe(false);
    expect(lastEntry()).toMatchObject({ status: 200, fault: 'truncatedStream', usage: null, stream: true });
  });

  it('malformedJson: a cut-off event in the middle of an otherwise complete stream', async () => {
    only('malformedJson');
    const reply = await gemini(simulator, { model, body: longBody, stream: true });
    expect(() => parseGeminiEvents(reply.text)).toThrow();
    expect(reply.text).toContain('"finishReason":"STOP"');
    expect(lastEntry().usage).not.toBeNull();
  });

  it('inStreamError: an error event in Google shape after some text, or a 200 error body', async () => {
    only('inStreamError');
    const reply = await gemini(simulator, { model, body: longBody, stream: true });
    const events = parseGeminiEvents(reply.text);
    const last = events[events.length - 1] as { error?: GoogleError };
    expect(last.error).toMatchObject({ code: 500, status: 'INTERNAL' });
    expect(textsOf(events.slice(0, -1)).thoughts.length).toBeGreaterThan(0);
    const plain = await gemini(simulator, { model, body: longBody });
    expect(plain.status).toBe(200);
    expect(googleError(plain.text).status).toBe('INTERNAL');
    expect(lastEntry()).toMatchObject({ fault: 'inStreamError', usage: null });
  });

  it('stall: the first event, then silence until stallMs, then the end', async () => {
    only('stall', { stallMs: 30 });
    const reply = await gemini(simulator, { model, body: longBody, stream: true });
    expect(reply.status).toBe(200);
    expect(parseGeminiEvents(reply.text)).toHaveLength(1);
  });
});
