import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelLimits } from '../../src/settings/limits.js';
import type { GenerationTarget as ModelTarget } from '../../src/settings/model-target.js';
import type { SimulatorFaults } from '../../src/simulator/faults.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';
import { startCountingProxy } from './counting-proxy.js';
import { readRecords, writeQuestions } from './run-fixtures.js';

let work: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'model-limits-'));
});
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  rmSync(work, { recursive: true, force: true });
});

function target(options: { model: string; baseUrl: string; limits?: ModelLimits }): ModelTarget {
  return { ...chatTarget({ model: options.model, baseUrl: options.baseUrl }), limits: options.limits ?? {} };
}

/** A simulator whose listed models answer in about `ttftMs` (jitter 0.75x to 1.25x) whatever the answer length. */
async function simulator(options: {
  models: string[];
  ttftMs: number;
  faults?: SimulatorFaults;
}): Promise<SimulatorHandle> {
  const profiles = Object.fromEntries(
    options.models.map((model) => [model, { vendor: 'openai' as const, ttftMs: options.ttftMs, tokensPerSecond: 0 }]),
  );
  const handle = await startSimulator({
    latencyScale: options.ttftMs > 0 ? 1 : 0,
    profiles,
    faults: options.faults,
    seed: 5,
  });
  closers.push(() => handle.close());
  return handle;
}

describe('per-model limits, seen from the server', () => {
  it("never has more than a model's concurrency in flight, while an unlimited model uses more", async () => {
    const sim = await simulator({ models: ['m-limited', 'm-free'], ttftMs: 50 });
    const proxy = await startCountingProxy({ target: sim.baseUrl });
    closers.push(() => proxy.close());
    const dataset = writeQuestions({ folder: work, name: 'concurrency.csv', rows: 24 });
    const outDir = join(work, 'concurrency');
    const outcome = await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        targets: [
          target({ model: 'm-limited', baseUrl: proxy.baseUrl, limits: { concurrency: 2 } }),
          target({ model: 'm-free', baseUrl: proxy.baseUrl }),
        ],
        concurrency: 8,
        outDir,
        apiKey: sim.apiKey,
        baseUrl: proxy.baseUrl,
      }),
      quietControls(),
    );
    expect(outcome.manifest.counts).toMatchObject({ written: 48, ok: 48, errors: 0 });
    const limited = proxy.traffic.get('m-limited');
    const free = proxy.traffic.get('m-free');
    expect(limited?.total).toBe(24);
    expect(free?.total).toBe(24);
    expect(limited?.peak).toBe(2);
    expect(free?.peak).toBeGreaterThan(2);
    expect(free?.peak).toBeLessThanOrEqual(8);
    expect(readRecords(outDir)).toHaveLength(48);
  });

  it('holds a budget group to its concurrency, and a model in it to its own lower one', async () => {
    // config-file.ts documents a model's own limits beside `shareWith`; both are meant to apply.
    const sim = await startSimulator({
      latencyScale: 1,
      seed: 5,
      profiles: {
        'm-slow-own': { vendor: 'openai', ttftMs: 150, tokensPerSecond: 0 },
        'm-fast-grouped': { vendor: 'openai', ttftMs: 20, tokensPerSecond: 0 },
      },
    });
    closers.push(() => sim.close());
    const proxy = await startCountingProxy({ target: sim.baseUrl });
    closers.push(() => proxy.close());
    const dataset = writeQuestions({ folder: work, name: 'group.csv', rows: 16 });
    const outDir = join(work, 'group');
    await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        targets: [
          target({ model: 'm-slow-own', baseUrl: proxy.baseUrl, limits: { group: 'shared', concurrency: 2 } }),
          target({ model: 'm-fast-grouped', baseUrl: proxy.baseUrl, limits: { group: 'shared' } }),
        ],
        groups: { shared: { concurrency: 4 } },
        concurrency: 8,
        outDir,
        apiKey: sim.apiKey,
        baseUrl: proxy.baseUrl,
      }),
      quietControls(),
    );
    expect(readRecords(outDir)).toHaveLength(32);
    expect(proxy.all.peak).toBeLessThanOrEqual(4);
    expect(proxy.traffic.get('m-slow-own')?.peak).toBeLessThanOrEqual(2);
  });

  it('spreads a model with an rpm limit evenly: a quarter-second burst, then one every 200 ms', async () => {
    const sim = await simulator({ models: ['m-rpm'], ttftMs: 0 });
    const rows = 12;
    const dataset = writeQuestions({ folder: work, name: 'rpm.csv', rows });
    const outDir = join(work, 'rpm');
    await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        // 300 rpm: a burst of 1.25 requests (a quarter second's worth), then one request every 200 ms.
        targets: [target({ model: 'm-rpm', baseUrl: sim.baseUrl, limits: { rpm: 300 } })],
        concurrency: 8,
        outDir,
        apiKey: sim.apiKey,
        baseUrl: sim.baseUrl,
      }),
      quietControls(),
    );
    expect(readRecords(outDir).filter((record) => record.status === 'ok')).toHaveLength(rows);
    const starts = sim.ledger.entries.map((entry) => entry.startedAt).sort((left, right) => left - right);
    expect(starts).toHaveLength(rows);
    // The bucket can never have granted request i (0-based) before (i - 1.25) refills of 200 ms.
    // The margin covers the time between building the bucket and the first request.
    for (let index = 2; index < rows; index += 1) {
      expect(starts[index] - starts[0]).toBeGreaterThanOrEqual((index - 1.25) * 200 - 100);
    }
  });
});

describe('429s: a stray one delays its request, a cluster pauses the model', () => {
  it('lets the other requests of the model go while a stray 429 waits its Retry-After', async () => {
    const sim = await simulator({
      models: ['m-paused'],
      ttftMs: 100,
      faults: { models: { 'm-paused': { script: ['rateLimitRetryAfter'] } }, retryAfterMs: 300 },
    });
    const rows = 12;
    const dataset = writeQuestions({ folder: work, name: 'pause.csv', rows });
    const outDir = join(work, 'pause');
    await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        targets: [target({ model: 'm-paused', baseUrl: sim.baseUrl, limits: { concurrency: 4 } })],
        concurrency: 4,
        outDir,
        apiKey: sim.apiKey,
        baseUrl: sim.baseUrl,
      }),
      quietControls(),
    );
    const records = readRecords(outDir);
    expect(records).toHaveLength(rows);
    expect(records.every((record) => record.status === 'ok')).toBe(true);
    expect(records.filter((record) => record.attempts === 2)).toHaveLength(1);
    expect(records.filter((record) => record.attempts === 1)).toHaveLength(rows - 1);

    const entries = [...sim.ledger.entries].sort((left, right) => left.seq - right.seq);
    expect(entries).toHaveLength(rows + 1);
    const [limited] = entries;
    expect(limited.fault).toBe('rateLimitRetryAfter');
    expect(limited.status).toBe(429);
    // The retry of the limited request waited its 300 ms; the other requests did not wait for it.
    const retry = entries.at(-1);
    expect(retry?.status).toBe(200);
    expect((retry?.startedAt ?? 0) - limited.startedAt).toBeGreaterThanOrEqual(250);
    // The slot the 429 freed went to the next row at once (the first wave of 4 left with the limited
    // request): a pause of the whole model would have sent nothing for 300 ms. A loose bound, so a
    // loaded machine does not fail it.
    const next = entries.filter((entry) => entry.seq > 4 && entry.startedAt - limited.startedAt < 250);
    expect(next.length).toBeGreaterThanOrEqual(1);
    expect(entries.filter((entry) => entry.seq > 4 && entry.seq < (retry?.seq ?? 0)).length).toBeGreaterThan(0);
  });

  it('holds every later attempt of the model once the 429s cluster', async () => {
    const sim = await simulator({
      models: ['m-cluster'],
      ttftMs: 20,
      // Ten 429s in a row: the eighth makes a cluster (8 of the last 8 outcomes).
      faults: { models: { 'm-cluster': { script: Array(10).fill('rateLimitRetryAfter') } }, retryAfterMs: 400 },
    });
    const rows = 12;
    const dataset = writeQuestions({ folder: work, name: 'cluster.csv', rows });
    const outDir = join(work, 'cluster');
    await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        targets: [target({ model: 'm-cluster', baseUrl: sim.baseUrl, limits: { concurrency: 4 } })],
        concurrency: 4,
        outDir,
        apiKey: sim.apiKey,
        baseUrl: sim.baseUrl,
      }),
      quietControls(),
    );
    expect(readRecords(outDir).every((record) => record.status === 'ok')).toBe(true);
    const entries = [...sim.ledger.entries].sort((left, right) => left.seq - right.seq);
    const limited = entries.filter((entry) => entry.status === 429);
    expect(limited).toHaveLength(10);
    // Counted by the server: whatever was sent after the eighth 429 came back waited out its pause.
    const eighth = limited[7];
    const after = entries.filter((entry) => entry.seq > eighth.seq + 3);
    expect(after.length).toBeGreaterThan(0);
    for (const entry of after) expect(entry.startedAt - eighth.startedAt).toBeGreaterThanOrEqual(350);
  });
});
