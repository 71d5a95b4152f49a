import { readdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestRecords } from '../../src/results/latest-records.js';
import type { RunManifest } from '../../src/results/manifest.js';
import { summarize, type ModelSummary } from '../../src/analysis/summarize.js';
import type { RunConfig } from '../../src/settings/run-config.js';
import type { ModelTarget } from '../../src/settings/model-target.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';
import { readRecords, writeQuestions } from './run-fixtures.js';

let work: string;
let simulator: SimulatorHandle;
let dataset: string;
let runs = 0;
const ROWS = 10;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cache-budget-'));
  simulator = await startSimulator({ latencyScale: 0, seed: 13 });
  dataset = writeQuestions({ folder: work, name: 'questions.csv', rows: ROWS });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  simulator.setFaults({});
  simulator.reset();
});

function target(model = 'm1'): ModelTarget {
  return chatTarget({ model, baseUrl: simulator.baseUrl });
}

async function run(options: Omit<Partial<RunConfig>, 'datasets'> & { datasets?: string[]; log?: string[] } = {}) {
  runs += 1;
  const outDir = join(work, `run-${runs}`);
  const { log, ...overrides } = options;
  const outcome = await runWithOutputs(
    // Reached through its base URL like any gateway: a simulated run would never use the cache.
    testRunConfig({
      datasets: [dataset],
      targets: [target()],
      outDir,
      apiKey: simulator.apiKey,
      baseUrl: simulator.baseUrl,
      concurrency: 2,
      simulated: false,
      ...overrides,
    }),
    quietControls(log),
  );
  return { outcome, outDir, records: readRecords(outDir) };
}

/** The per-model summary of a run folder's final records. */
function summaryOf(outDir: string): Promise<ModelSummary[]> {
  return summarize(latestRecords(join(outDir, 'results.jsonl')), ['m1']);
}

function cacheFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? cacheFiles(path) : [name];
  });
}

describe('response cache', () => {
  it('answers a second identical run from disk: no request, rows marked cached with 0 attempts, left out of latency', async () => {
    const cacheDir = join(work, 'cache-a');
    const first = await run({ cacheDir });
    expect(simulator.ledger.count()).toBe(ROWS);
    expect(first.records.every((record) => record.cached === false && record.attempts === 1)).toBe(true);
    expect(cacheFiles(cacheDir)).toHaveLength(ROWS);
    expect((await summaryOf(first.outDir))[0]).toMatchObject({ cachedRows: 0, latencyMs: { count: ROWS } });

    const second = await run({ cacheDir });
    expect(simulator.ledger.count()).toBe(ROWS);
    expect(second.records).toHaveLength(ROWS);
    expect(
      second.records.every((record) => record.status === 'ok' && record.cached === true && record.attempts === 0),
    ).toBe(true);
    const firstAnswers = new Map(first.records.map((record) => [record.key, record.answer]));
    for (const record of second.records) expect(record.answer).toBe(firstAnswers.get(record.key));
    expect((await summaryOf(second.outDir))[0]).toMatchObject({
      rows: ROWS,
      ok: ROWS,
      cachedRows: ROWS,
      latencyMs: { count: 0, p50: null },
    });
  });

  it('keeps one entry per repeat: --repeat 2 sends two requests per row the first time and none the second', async () => {
    const cacheDir = join(work, 'cache-repeat');
    const first = await run({ cacheDir, repeat: 2 });
    expect(simulator.ledger.count()).toBe(2 * ROWS);
    expect(cacheFiles(cacheDir)).toHaveLength(2 * ROWS);
    expect(new Set(first.records.map((record) => record.key)).size).toBe(2 * ROWS);
    const second = await run({ cacheDir, repeat: 2 });
    expect(simulator.ledger.count()).toBe(2 * ROWS);
    expect(second.records).toHaveLength(2 * ROWS);
    expect(second.records.every((record) => record.cached)).toBe(true);
    expect(second.records.filter((record) => record.repeat === 1)).toHaveLength(ROWS);
  });

  it('records where a cached answer came from: the endpoint, and that the server said it was simulated', async () => {
    const cacheDir = join(work, 'cache-origin');
    await run({ cacheDir });
    const second = await run({ cacheDir });
    const endpoint = `${simulator.baseUrl}/chat/completions`;
    for (const record of second.records) expect(record.cache_origin).toMatchObject({ endpoint, simulated: true });
    expect(second.records.every((record) => typeof record.cache_origin?.cached_at === 'string')).toBe(true);
  });

  it('never opens the cache for a simulated run: every request is sent and no entry is written', async () => {
    const cacheDir = join(work, 'cache-simulated');
    await run({ cacheDir, simulated: true });
    const second = await run({ cacheDir, simulated: true });
    expect(simulator.ledger.count()).toBe(2 * ROWS);
    expect(second.records.every((record) => record.cached === false && record.cache_origin === null)).toBe(true);
    expect(() => cacheFiles(cacheDir)).toThrow();
  });

  it('sends every request with --no-cache (no cache folder)', async () => {
    await run({ cacheDir: null });
    await run({ cacheDir: null });
    expect(simulator.ledger.count()).toBe(2 * ROWS);
  });

  it('never caches an error: the failed row is sent again next time', async () => {
    const cacheDir = join(work, 'cache-errors');
    simulator.setFaults({ script: ['serverError'] });
    const base = testRunConfig({ datasets: [], targets: [], outDir: '', apiKey: '', baseUrl: '' });
    const first = await run({ cacheDir, retry: { ...base.retry, retries: 0 } });
    expect(first.records.filter((record) => record.status === 'error')).toHaveLength(1);
    expect(cacheFiles(cacheDir)).toHaveLength(ROWS - 1);
    const before = simulator.ledger.count();
    const second = await run({ cacheDir, retry: { ...base.retry, retries: 0 } });
    expect(simulator.ledger.count() - before).toBe(1);
    expect(second.records.filter((record) => !record.cached)).toHaveLength(1);
    expect(second.records.every((record) => record.status === 'ok')).toBe(true);
  });
});

describe('run budgets', () => {
  it('--max-requests 5 sends at most 5 requests and ends as budget-reached', async () => {
    const log: string[] = [];
    const bigger = writeQuestions({ folder: work, name: 'twenty.csv', rows: 20, prefix: 'Compute' });
    const { outcome, outDir, records } = await run({ datasets: [bigger], maxRequests: 5, log });
    expect(simulator.ledger.count()).toBe(5);
    expect(records).toHaveLength(5);
    expect(outcome.budgetStop).toContain('--max-requests 5');
    expect(log.some((line) => line.includes('--max-requests 5 reached'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('budget-reached');
    expect(manifest.events.some((event) => event.type === 'budget')).toBe(true);
  });

  it('--max-requests does not count cache hits', async () => {
    const cacheDir = join(work, 'cache-budget');
    await run({ cacheDir });
    simulator.reset();
    // The ten cached rows come first, then ten new ones.
    const more = writeQuestions({ folder: work, name: 'more.csv', rows: 10, prefix: 'Compute' });
    const { records } = await run({ datasets: [dataset, more], cacheDir, maxRequests: 5 });
    expect(simulator.ledger.count()).toBe(5);
    expect(records.filter((record) => record.cached)).toHaveLength(ROWS);
    expect(records.filter((record) => !record.cached)).toHaveLength(5);
  });

  it('--max-cost stops scheduling once the cost of finished rows reaches it', async () => {
    const bigger = writeQuestions({ folder: work, name: 'costly.csv', rows: 20, prefix: 'Price' });
    const priced: ModelTarget = { ...target(), price: { input: 100, output: 100 } };
    const maxCost = 0.01;
    const { outcome, outDir, records } = await run({ datasets: [bigger], targets: [priced], concurrency: 1, maxCost });
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.length).toBeLessThan(20);
    const costs = records.map((record) => record.cost_usd);
    expect(costs.every((cost) => typeof cost === 'number' && cost > 0)).toBe(true);
    const spent = (costs as number[]).reduce((sum, cost) => sum + cost, 0);
    const beforeLast = spent - (costs.at(-1) as number);
    // One request at a time: every row but the last was scheduled below the limit, and the last reached it.
    expect(beforeLast).toBeLessThan(maxCost);
    expect(spent).toBeGreaterThanOrEqual(maxCost);
    expect(outcome.budgetStop).toContain('--max-cost 0.01 USD reached');
    const manifest = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('budget-reached');
    expect(manifest.spent_usd).toBeCloseTo(spent, 6);
    expect(simulator.ledger.count()).toBe(records.length);
  });
});
