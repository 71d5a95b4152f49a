import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import { Lane, LaneResources } from '../../src/run/lane.js';
import type { RetryPolicy } from '../../src/settings/retry-policy.js';
import { AuthFailureWatch } from '../../src/run/watch-auth-failures.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';
import { readRecords, writeQuestions } from './run-fixtures.js';

let work: string;
let simulator: SimulatorHandle;
let runs = 0;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'retries-auth-'));
  simulator = await startSimulator({ latencyScale: 0, seed: 11 });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  simulator.setFaults({});
  simulator.reset();
});

async function run(options: {
  rows: number;
  retry?: Partial<RetryPolicy>;
  apiKey?: string;
  models?: string[];
  log?: string[];
}) {
  runs += 1;
  const dataset = writeQuestions({ folder: work, name: `rows-${runs}.csv`, rows: options.rows });
  const outDir = join(work, `run-${runs}`);
  const base = testRunConfig({ datasets: [], targets: [], outDir, apiKey: '', baseUrl: simulator.baseUrl });
  const outcome = await runWithOutputs(
    testRunConfig({
      datasets: [dataset],
      targets: (options.models ?? ['m1']).map((model) => chatTarget({ model, baseUrl: simulator.baseUrl })),
      concurrency: 4,
      outDir,
      apiKey: options.apiKey ?? simulator.apiKey,
      baseUrl: simulator.baseUrl,
      retry: { ...base.retry, ...options.retry },
    }),
    quietControls(options.log),
  );
  return { outcome, records: readRecords(outDir) };
}

describe('--retries', () => {
  it('0 means exactly one attempt: a scripted 500 becomes an error row sent once', async () => {
    simulator.setFaults({ script: ['serverError'] });
    const { records } = await run({ rows: 6, retry: { retries: 0 } });
    expect(records).toHaveLength(6);
    const errors = records.filter((record) => record.status === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].attempts).toBe(1);
    expect(errors[0].error).toMatchObject({ kind: 'transient', status: 500 });
    expect(records.every((record) => record.attempts === 1)).toBe(true);
    const failed = simulator.ledger.entries.find((entry) => entry.fault === 'serverError');
    expect(failed).toBeDefined();
    expect(simulator.ledger.count({ model: 'm1', promptHash: failed?.promptHash ?? '' })).toBe(1);
    expect(simulator.ledger.count()).toBe(6);
  });

  it('1 retries that 500 once, and the row ends ok after two attempts', async () => {
    simulator.setFaults({ script: ['serverError'] });
    const { records } = await run({ rows: 6, retry: { retries: 1 } });
    expect(records.every((record) => record.status === 'ok')).toBe(true);
    expect(records.filter((record) => record.attempts === 2)).toHaveLength(1);
    expect(simulator.ledger.count()).toBe(7);
  });
});

describe('--retry-time', () => {
  it("does not retry when the server's wait would pass the cap, even with retries left", async () => {
    simulator.setFaults({ script: Array(9).fill('rateLimitRetryAfter'), retryAfterMs: 300 });
    const { records } = await run({ rows: 1, retry: { retries: 8, maxDelayMs: 1_000, maxRetryTimeMs: 200 } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'error', attempts: 1 });
    expect(records[0].error?.kind).toBe('rate-limit');
    expect(simulator.ledger.count()).toBe(1);
  });

  it('stops retrying once the cap is reached, before the retries run out', async () => {
    simulator.setFaults({ script: Array(9).fill('rateLimitRetryAfter'), retryAfterMs: 200 });
    const { records } = await run({ rows: 1, retry: { retries: 8, maxDelayMs: 1_000, maxRetryTimeMs: 700 } });
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record.status).toBe('error');
    // Waits of 200 ms each fit into 700 ms about three times; never all eight retries.
    expect(record.attempts).toBeGreaterThanOrEqual(2);
    expect(record.attempts).toBeLessThan(9);
    expect(simulator.ledger.count()).toBe(record.attempts);
    expect(record.backoff_ms).toBeLessThanOrEqual(700);
  });
});

describe('auth failures stop a model early', () => {
  it('stops every model after its first 3 auth failures with one clear message, far short of the dataset', async () => {
    const log: string[] = [];
    const { outcome, records } = await run({ rows: 40, apiKey: 'not-the-simulator-key', models: ['m1', 'm2'], log });
    expect(outcome.stopped.map((stopped) => stopped.model).sort()).toEqual(['m1', 'm2']);
    for (const stopped of outcome.stopped) expect(stopped.reason).toMatch(/first \d+ requests failed with auth errors/);
    for (const model of ['m1', 'm2']) {
      const rows = records.filter((record) => record.model === model);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      // The three failures plus at most the other three tickets' requests still in flight.
      expect(rows.length).toBeLessThanOrEqual(6);
      expect(rows.every((record) => record.error?.kind === 'auth' && record.attempts === 1)).toBe(true);
      expect(log.filter((line) => line.startsWith(`Stopped model ${model}:`))).toHaveLength(1);
    }
    expect(simulator.ledger.count()).toBe(records.length);
    expect(outcome.manifest.events.filter((event) => event.type === 'model-stopped')).toHaveLength(2);
    expect(outcome.manifest.status).toBe('completed');
  });
});

describe('AuthFailureWatch', () => {
  const lane = (): Lane =>
    new Lane(
      chatTarget({ model: 'm1', baseUrl: 'http://127.0.0.1:9/v1' }),
      new LaneResources({ name: 'm1', limits: {}, globalConcurrency: 1, onChange: () => undefined }),
    );
  const record = (kind: 'auth' | 'quota' | 'transient' | null): ResultRecord =>
    ({
      model: 'm1',
      status: kind ? 'error' : 'ok',
      error: kind ? { kind, message: `${kind} failed`, status: 401, code: null } : null,
    }) as unknown as ResultRecord;

  it('stops at the threshold, once, for auth failures', () => {
    const watch = new AuthFailureWatch(3);
    const watched = lane();
    expect(watch.observe(record('auth'), watched)).toBeNull();
    expect(watch.observe(record('auth'), watched)).toBeNull();
    expect(watched.stoppedReason).toBeNull();
    const reason = watch.observe(record('auth'), watched);
    expect(reason).toContain('its first 3 requests failed with auth errors');
    expect(watched.stoppedReason).toBe(reason);
    expect(watch.observe(record('auth'), watched)).toBeNull();
    expect(watched.stoppedReason).toBe(reason);
  });

  it('stops at the first quota failure, even after answers: the balance is spent for every later request', () => {
    const watch = new AuthFailureWatch(3);
    const watched = lane();
    watch.observe(record(null), watched);
    watch.observe(record('transient'), watched);
    const reason = watch.observe(record('quota'), watched);
    expect(reason).toContain('its quota or balance ran out: quota failed');
    expect(watched.stoppedReason).toBe(reason);
    expect(watch.observe(record('quota'), watched)).toBeNull();
  });

  it('never stops a model that has had any other outcome first', () => {
    const watch = new AuthFailureWatch(3);
    const watched = lane();
    watch.observe(record(null), watched);
    for (let index = 0; index < 10; index += 1) expect(watch.observe(record('auth'), watched)).toBeNull();
    // Auth failures after an answer may be a key rotated mid-run or a glitch: every row says so, nothing is stopped.
    expect(watched.stoppedReason).toBeNull();
    const other = lane();
    watch.observe({ ...record('transient'), model: 'm2' }, other);
    for (let index = 0; index < 10; index += 1) watch.observe({ ...record('auth'), model: 'm2' }, other);
    expect(other.stoppedReason).toBeNull();
  });
});
