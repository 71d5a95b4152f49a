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

  it("spreads a model with an rpm limit over time: a burst of ten seconds' worth, then one every 200 ms", async () => {
    const sim = await simulator({ models: ['m-rpm'], ttftMs: 0 });
    const rows = 58;
    const dataset = writeQuestions({ folder: work, name: 'rpm.csv', rows });
    const outDir = join(work, 'rpm');
    await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        // 300 rpm: a burst of 50 (ten seconds' worth), then one request every 200 ms.
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
    // The bucket can never have granted request i (0-based) before (i - 49) refills of 200 ms.
    // The margin covers the time between building the bucket and the first request.
    for (let index = 50; index < rows; index += 1) {
      expect(starts[index] - starts[0]).toBeGreaterThanOrEqual((index - 49) * 200 - 100);
    }
    // The burst went out together: its 50 requests took less time than the 8 paced ones after it.
    expect(starts[49] - starts[0]).toBeLessThan(starts[rows - 1] - starts[49]);
  });
});

describe('Retry-After pauses the model', () => {
  it('holds every later attempt of that model until the pause has passed', async () => {
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
    // The first four went out together before the 429 came back; everything after waited out the pause.
    const later = entries.slice(4);
    expect(later).toHaveLength(rows + 1 - 4);
    for (const entry of later) expect(entry.startedAt - limited.startedAt).toBeGreaterThanOrEqual(250);
  });
});
