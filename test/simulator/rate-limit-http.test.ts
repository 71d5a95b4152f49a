import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { runSimulatorMain } from '../../src/simulator/main.js';
import { askBody, gemini } from './gemini-http.js';
import { postMessages } from './responses-named-sse.js';
import { call, chat } from './sim-http.js';

// The simulator's clock stands still unless a test moves it, so no result depends on timing.
const clock = { now: 5_000_000 };
let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0, clock: () => clock.now });
});
beforeEach(() => {
  simulator.setRateLimits({});
  simulator.reset();
});
afterAll(async () => {
  await simulator.close();
});

describe('the rate limiter over HTTP', () => {
  it('answers over the limit with 429, an integer Retry-After and the x-ratelimit headers', async () => {
    // 120 rpm: one request every 500 ms, bucket of 2.
    simulator.setRateLimits({ 'gpt-4o-mini': { rpm: 120, burst: 2 } });
    const replies = [];
    for (let index = 0; index < 3; index += 1) replies.push(await chat(simulator, { model: 'gpt-4o-mini' }));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 429]);
    expect(replies[0].headers['x-ratelimit-limit-requests']).toBe('120');
    expect(replies[0].headers['x-ratelimit-remaining-requests']).toBe('1');
    expect(replies[0].headers['x-ratelimit-reset-requests']).toBe('500ms');
    expect(replies[1].headers['x-ratelimit-remaining-requests']).toBe('0');
    const limited = replies[2];
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(limited.headers['x-ratelimit-reset-requests']).toBe('1s');
    const error = JSON.parse(limited.text).error;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.type).toBe('requests');
    expect(error.message).toContain('120 per minute');
    clock.now += 500;
    expect((await chat(simulator, { model: 'gpt-4o-mini' })).status).toBe(200);
    expect(simulator.rateLimitCounts()).toEqual({ 'gpt-4o-mini': { admitted: 3, limited: 1 } });
    const entries = simulator.ledger.entries;
    expect(entries.filter((entry) => entry.fault === 'rateLimiter')).toHaveLength(1);
  });

  it('charges prompt tokens plus the output cap against a tpm limit', async () => {
    simulator.setRateLimits({ '*': { tpm: 60_000, tokenBurst: 1_000 } });
    const first = await chat(simulator, { model: 'deepseek-chat', max_tokens: 600 });
    expect(first.status).toBe(200);
    const left = Number(first.headers['x-ratelimit-remaining-tokens']);
    // 600 for the cap and a few for the prompt.
    expect(left).toBeLessThan(400);
    expect(left).toBeGreaterThan(380);
    const second = await chat(simulator, { model: 'deepseek-chat', max_tokens: 600 });
    expect(second.status).toBe(429);
    expect(JSON.parse(second.text).error.type).toBe('tokens');
    expect(second.headers['retry-after']).toBe('1');
  });

  it('speaks Anthropic and Google errors on their routes', async () => {
    simulator.setRateLimits({ '*': { rpm: 60, burst: 1 } });
    const body = { model: 'claude-sonnet-4-5-20250929', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };
    expect((await postMessages(simulator, body)).status).toBe(200);
    const anthropic = await postMessages(simulator, body);
    expect(anthropic.status).toBe(429);
    expect(JSON.parse(anthropic.text)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(anthropic.headers['retry-after']).toBe('1');
    const ask = { model: 'gemini-2.5-flash', body: askBody('Hi') };
    expect((await gemini(simulator, ask)).status).toBe(200);
    const google = await gemini(simulator, ask);
    expect(google.status).toBe(429);
    expect(JSON.parse(google.text).error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
  });

  it('can leave the x-ratelimit headers out, as a gateway that sends only Retry-After', async () => {
    const quiet = await startSimulator({
      latencyScale: 0,
      rateLimits: { '*': { rpm: 60, burst: 1 } },
      rateLimitHeaders: false,
      clock: () => clock.now,
    });
    try {
      const admitted = await chat(quiet, { model: 'qwen3-max' });
      const refused = await chat(quiet, { model: 'qwen3-max' });
      expect([admitted.status, refused.status]).toEqual([200, 429]);
      expect(refused.headers['retry-after']).toBe('1');
      for (const reply of [admitted, refused]) {
        expect(Object.keys(reply.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
      }
    } finally {
      await quiet.close();
    }
  });

  it('keeps one bucket per key when asked', async () => {
    simulator.setRateLimits({ '*': { rpm: 60, burst: 1 } }, 'model-and-key');
    const other = await startSimulator({
      latencyScale: 0,
      apiKey: 'second-key',
      rateLimits: { '*': { rpm: 60, burst: 1 } },
      rateLimitScope: 'model-and-key',
      clock: () => clock.now,
    });
    try {
      expect((await chat(simulator, { model: 'qwen3-max' })).status).toBe(200);
      expect((await chat(simulator, { model: 'qwen3-max' })).status).toBe(429);
      expect((await chat(other, { model: 'qwen3-max' })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('takes new limits over the control route and refuses bad ones', async () => {
    const set = await call(simulator, {
      path: '/__sim/rate-limits',
      auth: false,
      body: { limits: { '*': { rpm: 60, burst: 1 } } },
    });
    expect(set.status).toBe(200);
    await chat(simulator, { model: 'qwen3-max' });
    expect((await chat(simulator, { model: 'qwen3-max' })).status).toBe(429);
    const summary = await call(simulator, { path: '/__sim/ledger/summary', method: 'GET', auth: false });
    expect(JSON.parse(summary.text).rateLimits).toEqual({ 'qwen3-max': { admitted: 1, limited: 1 } });
    const bad = await call(simulator, { path: '/__sim/rate-limits', auth: false, body: { limits: { m: { rpm: 0 } } } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.message).toMatch(/positive/);
  });

  it('is set from the command line', async () => {
    const lines: string[] = [];
    const started = await runSimulatorMain({
      argv: ['--port', '0', '--latency-scale', '0', '--rate-limit', '*=60rpm,1burst'],
      output: (line) => lines.push(line),
    });
    try {
      const { apiKey, port } = JSON.parse(lines[0]) as { apiKey: string; port: number };
      const handle = { ...started, apiKey, port };
      expect((await chat(handle, { model: 'qwen3-max' })).status).toBe(200);
      expect((await chat(handle, { model: 'qwen3-max' })).status).toBe(429);
    } finally {
      await started.close();
    }
  });
});
