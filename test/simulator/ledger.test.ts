import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger, type LedgerEntry } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { call } from './sim-http.js';

function entry(seq: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    seq,
    requestId: `r${seq}`,
    path: '/v1/chat/completions',
    model: 'sim-fast',
    stream: false,
    promptHash: 'aaaaaaaaaaaaaaaaaaaa',
    status: 200,
    fault: null,
    usage: { input: 10, output: 5, reasoning: 0, cached: 0 },
    startedAt: 0,
    ...overrides,
  };
}

describe('Ledger', () => {
  it('keeps at most `limit` entries while totals count every request', () => {
    const ledger = new Ledger({ limit: 50 });
    for (let seq = 1; seq <= 500; seq += 1) ledger.record(entry(seq));
    expect(ledger.entries.length).toBeLessThanOrEqual(50);
    expect(ledger.entries[ledger.entries.length - 1].seq).toBe(500);
    expect(ledger.count()).toBe(500);
    expect(ledger.summary().usage).toEqual({ input: 5000, output: 2500, reasoning: 0, cached: 0 });
  });

  it('counts by model and prompt unless counts are turned off', () => {
    const ledger = new Ledger();
    ledger.record(entry(1));
    ledger.record(entry(2, { model: 'sim-balanced' }));
    ledger.record(entry(3, { promptHash: 'bbbbbbbbbbbbbbbbbbbb' }));
    expect(ledger.count({ model: 'sim-fast' })).toBe(2);
    expect(ledger.count({ promptHash: 'aaaaaaaaaaaaaaaaaaaa' })).toBe(2);
    expect(ledger.count({ model: 'sim-fast', promptHash: 'aaaaaaaaaaaaaaaaaaaa' })).toBe(1);
    ledger.clear();
    expect(ledger.count()).toBe(0);
    expect(ledger.entries).toHaveLength(0);
    const untracked = new Ledger({ trackCounts: false });
    untracked.record(entry(1));
    expect(untracked.count({ promptHash: 'aaaaaaaaaaaaaaaaaaaa' })).toBe(0);
    expect(untracked.count({ model: 'sim-fast' })).toBe(1);
  });
});

describe('ledger of a running simulator', () => {
  let simulator: SimulatorHandle;
  beforeAll(async () => {
    simulator = await startSimulator({ latencyScale: 0 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('records every request with its prompt hash, status, usage and request id', async () => {
    const messages = [{ role: 'user', content: 'Count me twice.' }];
    const first = await call(simulator, { body: { model: 'deepseek-chat', messages } });
    await call(simulator, { body: { model: 'deepseek-chat', messages, stream: true } });
    await call(simulator, { body: { model: 'sim-fast', messages } });
    await call(simulator, { path: '/v1/models', method: 'GET', auth: false });
    const promptHash = createHash('sha256').update(JSON.stringify(messages)).digest('hex').slice(0, 20);
    expect(simulator.ledger.count({ promptHash })).toBe(3);
    expect(simulator.ledger.count({ model: 'deepseek-chat', promptHash })).toBe(2);
    const [plain, streamed, , unauthorised] = simulator.ledger.entries;
    const body = JSON.parse(first.text);
    expect(plain).toMatchObject({
      seq: 1,
      model: 'deepseek-chat',
      stream: false,
      promptHash,
      status: 200,
      fault: null,
    });
    expect(plain.requestId).toBe(first.headers['x-oneapi-request-id']);
    expect(plain.usage).toEqual({
      input: body.usage.prompt_tokens,
      output: body.usage.completion_tokens,
      reasoning: 0,
      cached: 0,
    });
    expect(streamed.usage?.cached).toBeGreaterThan(0);
    expect(unauthorised).toMatchObject({ path: '/v1/models', model: null, status: 401, usage: null });
    expect(simulator.ledger.summary().byStatus).toEqual({ '200': 3, '401': 1 });
  });
});
