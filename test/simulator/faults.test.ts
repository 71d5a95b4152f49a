import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import type { FaultName } from '../../src/simulator/faults.js';
import { call, chat, parseSse } from './sim-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
});
afterEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await simulator.close();
});

function only(fault: FaultName, extra: Record<string, number> = {}): void {
  simulator.setFaults({ [fault]: 1, ...extra });
}

const longPrompt = 'Write three paragraphs about the history of tea, its trade routes and how it is brewed.';

describe('faults that replace the response', () => {
  it('rateLimit: 429 with the gateway envelope and no Retry-After', async () => {
    only('rateLimit');
    const reply = await chat(simulator, { model: 'gpt-4o-mini' });
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBeUndefined();
    const error = JSON.parse(reply.text).error;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.message).toMatch(/^您已达到请求数限制/);
  });

  it('rateLimitRetryAfter: 429 with Retry-After, and retry-after-ms when configured', async () => {
    only('rateLimitRetryAfter');
    const plain = await chat(simulator, { model: 'gpt-4o-mini' });
    expect(plain.status).toBe(429);
    expect(plain.headers['retry-after']).toBe('1');
    expect(plain.headers['retry-after-ms']).toBeUndefined();
    only('rateLimitRetryAfter', { retryAfterSeconds: 3, retryAfterMs: 250 });
    const detailed = await chat(simulator, { model: 'gpt-4o-mini' });
    expect(detailed.headers['retry-after']).toBe('3');
    expect(detailed.headers['retry-after-ms']).toBe('250');
  });

  it('serverError: 500 JSON envelope with the request id', async () => {
    only('serverError');
    const reply = await chat(simulator, { model: 'gpt-4o-mini' });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text).error.message).toContain(`(request id: ${reply.headers['x-oneapi-request-id']})`);
  });

  it('html502: an nginx page as text/html', async () => {
    only('html502');
    const reply = await chat(simulator, { model: 'gpt-4o-mini' });
    expect(reply.status).toBe(502);
    expect(reply.headers['content-type']).toBe('text/html');
    expect(reply.text).toContain('<center><h1>502 Bad Gateway</h1></center>');
  });

  it('connectionReset: the socket dies before any response', async () => {
    only('connectionReset');
    await expect(chat(simulator, { model: 'gpt-4o-mini' })).rejects.toThrow();
    const entry = simulator.ledger.entries[simulator.ledger.entries.length - 1];
    expect(entry).toMatchObject({ status: 0, fault: 'connectionReset', usage: null });
  });
});

describe('faults inside a 200 response', () => {
  it('truncatedStream: some chunks, then the socket is cut without [DONE]', async () => {
    only('truncatedStream');
    const reply = await chat(simulator, { model: 'gpt-4o-mini', stream: true, prompt: longPrompt });
    expect(reply.status).toBe(200);
    expect(reply.bodyError).not.toBeNull();
    const { data } = parseSse(reply.text);
    expect(data.length).toBeGreaterThan(0);
    expect(data).not.toContain('[DONE]');
  });

  it('truncatedStream on a plain request: half the JSON, then the socket is cut', async () => {
    only('truncatedStream');
    const reply = await chat(simulator, { model: 'gpt-4o-mini', prompt: longPrompt });
    expect(reply.status).toBe(200);
    expect(reply.bodyError).not.toBeNull();
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  it('malformedJson: an invalid body, or a garbage data line in a stream', async () => {
    only('malformedJson');
    const plain = await chat(simulator, { model: 'gpt-4o-mini', prompt: longPrompt });
    expect(plain.status).toBe(200);
    expect(() => JSON.parse(plain.text)).toThrow();
    const streamed = await chat(simulator, { model: 'gpt-4o-mini', prompt: longPrompt, stream: true });
    expect(() => parseSse(streamed.text)).toThrow();
    expect(streamed.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('inStreamError: a data line carrying an error object, then the end', async () => {
    only('inStreamError');
    const streamed = await chat(simulator, { model: 'deepseek-chat', prompt: longPrompt, stream: true });
    expect(streamed.status).toBe(200);
    const { json, data } = parseSse(streamed.text);
    const last = json[json.length - 1] as { error?: { message: string } };
    expect(last.error?.message).toContain('(request id:');
    expect(data).not.toContain('[DONE]');
    const plain = await chat(simulator, { model: 'deepseek-chat' });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text).error.type).toBe('upstream_error');
  });

  it('stall: headers and the first chunk, then silence until stallMs, then the end', async () => {
    only('stall', { stallMs: 50 });
    const reply = await chat(simulator, { model: 'gpt-4o-mini', stream: true, prompt: longPrompt });
    expect(reply.status).toBe(200);
    const { json, data } = parseSse(reply.text);
    expect(json).toHaveLength(1);
    expect(data).not.toContain('[DONE]');
  });

  it('stall on a plain request: headers, silence, then an empty body', async () => {
    only('stall', { stallMs: 50 });
    const reply = await chat(simulator, { model: 'gpt-4o-mini' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
  });

  it('close() ends a stalled response instead of waiting for it', async () => {
    const stalled = await startSimulator({ latencyScale: 0, faults: { stall: 1, stallMs: 3_600_000 } });
    const response = await request(`http://127.0.0.1:${stalled.port}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stalled.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.statusCode).toBe(200);
    await stalled.close();
    await expect(response.body.text()).rejects.toThrow();
  });

  it('records the fault and no usage in the ledger for spoiled responses', async () => {
    only('truncatedStream');
    await chat(simulator, { model: 'sim-fast', stream: true, prompt: longPrompt });
    const entry = simulator.ledger.entries[simulator.ledger.entries.length - 1];
    expect(entry).toMatchObject({
      model: 'sim-fast',
      status: 200,
      fault: 'truncatedStream',
      usage: null,
      stream: true,
    });
  });
});

describe('fault plans', () => {
  it('consumes a script in order, then falls back to the rates', async () => {
    simulator.setFaults({ script: ['rateLimit', 'ok', 'serverError', 'html502'] });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await chat(simulator, { model: 'sim-fast' })).status);
    expect(statuses).toEqual([429, 200, 500, 502, 200]);
  });

  it('applies per-model scripts and rates only to that model', async () => {
    simulator.setFaults({ models: { 'sim-balanced': { script: ['serverError'], rateLimit: 1 } } });
    expect((await chat(simulator, { model: 'sim-fast' })).status).toBe(200);
    expect((await chat(simulator, { model: 'sim-balanced' })).status).toBe(500);
    expect((await chat(simulator, { model: 'sim-balanced' })).status).toBe(429);
    expect((await chat(simulator, { model: 'sim-fast' })).status).toBe(200);
  });

  it('draws rates deterministically from the seed and the sequence number', async () => {
    const outcomes = async (): Promise<number[]> => {
      const seeded = await startSimulator({ latencyScale: 0, seed: 42, faults: { rateLimit: 0.3 } });
      try {
        const statuses: number[] = [];
        for (let index = 0; index < 200; index += 1) statuses.push((await chat(seeded, { model: 'sim-fast' })).status);
        return statuses;
      } finally {
        await seeded.close();
      }
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    const limited = first.filter((status) => status === 429).length;
    expect(limited).toBeGreaterThan(35);
    expect(limited).toBeLessThan(85);
  });
});

describe('control endpoints', () => {
  it('replaces faults, summarises the ledger and resets it over HTTP without a key', async () => {
    const set = await call(simulator, { path: '/__sim/faults', body: { serverError: 1 }, auth: false });
    expect(set.status).toBe(200);
    expect((await chat(simulator, { model: 'sim-fast' })).status).toBe(500);
    const summary = JSON.parse(
      (await call(simulator, { path: '/__sim/ledger/summary', method: 'GET', auth: false })).text,
    );
    expect(summary.byFault.serverError).toBeGreaterThanOrEqual(1);
    expect(summary.byStatus['500']).toBeGreaterThanOrEqual(1);
    expect((await call(simulator, { path: '/__sim/reset', auth: false })).status).toBe(200);
    const after = JSON.parse(
      (await call(simulator, { path: '/__sim/ledger/summary', method: 'GET', auth: false })).text,
    );
    expect(after.total).toBe(0);
  });

  it('rejects unknown fault names', async () => {
    const reply = await call(simulator, { path: '/__sim/faults', body: { meteorStrike: 1 }, auth: false });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('meteorStrike');
  });
});
