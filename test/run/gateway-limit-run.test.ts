import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelLimits } from '../../src/settings/limits.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, runWithOutputs, testRunConfig } from '../helpers/run-config.js';
import { readRecords, writeQuestions } from './run-fixtures.js';

// A simulated gateway with a true limit of 1200 requests a minute (20 a second), bucket of 10.
// The assertions count 429s and rows, never durations.
let work: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gateway-limit-'));
});
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  rmSync(work, { recursive: true, force: true });
});

async function limitedGateway(rateLimitHeaders = true): Promise<SimulatorHandle> {
  const handle = await startSimulator({
    latencyScale: 1,
    profiles: { 'm-limited': { vendor: 'openai', ttftMs: 20, tokensPerSecond: 0 } },
    rateLimits: { 'm-limited': { rpm: 1200, burst: 10 } },
    rateLimitHeaders,
    seed: 3,
  });
  closers.push(() => handle.close());
  return handle;
}

async function run(options: { name: string; rows: number; limits: ModelLimits; sim: SimulatorHandle }) {
  const dataset = writeQuestions({ folder: work, name: `${options.name}.csv`, rows: options.rows });
  const outDir = join(work, options.name);
  const target = { ...chatTarget({ model: 'm-limited', baseUrl: options.sim.baseUrl }), limits: options.limits };
  await runWithOutputs(
    testRunConfig({
      datasets: [dataset],
      targets: [target],
      concurrency: 16,
      outDir,
      apiKey: options.sim.apiKey,
      baseUrl: options.sim.baseUrl,
    }),
    quietControls(),
  );
  return { records: readRecords(outDir), manifest: JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8')) };
}

describe('a gateway that enforces its rate limit', () => {
  it('sees next to no 429s from a client told the same limit', async () => {
    const sim = await limitedGateway();
    const { records } = await run({ name: 'told', rows: 60, limits: { rpm: 1200 }, sim });
    expect(records.filter((record) => record.status === 'ok')).toHaveLength(60);
    // At most 1% of requests refused; a smooth bucket with a quarter-second burst stays inside a 10-request bucket.
    expect(sim.rateLimitCounts()['m-limited'].limited).toBeLessThanOrEqual(1);
  });

  it('learns an untold limit: every row answered, the learned rate in run.json near the true one', async () => {
    const sim = await limitedGateway();
    const { records, manifest } = await run({ name: 'untold', rows: 120, limits: {}, sim });
    expect(records.filter((record) => record.status === 'ok')).toHaveLength(120);
    const counts = sim.rateLimitCounts()['m-limited'];
    expect(counts.admitted).toBe(120);
    // Only the first requests, before anything is learned, may be refused in numbers.
    expect(counts.limited).toBeLessThan(40);
    const entry = manifest.rate_limits.find((limit: { name: string }) => limit.name === 'm-limited');
    expect(entry.told_rpm).toBeNull();
    expect(entry.changes.length).toBeGreaterThan(0);
    // Learned from the x-ratelimit-limit-requests header the gateway sends.
    expect(entry.learned_rpm).toBeGreaterThan(600);
    expect(entry.learned_rpm).toBeLessThanOrEqual(1200);
  });

  it('learns it from 429s alone when the gateway states nothing', async () => {
    const sim = await limitedGateway(false);
    const { records, manifest } = await run({ name: 'no-headers', rows: 120, limits: {}, sim });
    expect(records.filter((record) => record.status === 'ok')).toHaveLength(120);
    const entry = manifest.rate_limits.find((limit: { name: string }) => limit.name === 'm-limited');
    expect(entry.changes[0].reason).toMatch(/requests admitted in \d\.\d s of 429s/);
    // Measured from what the gateway admitted under pressure (with 16 slots each refused request holds
    // for its one-second Retry-After, so an understatement), then raised 10% a clean second, never far past.
    expect(entry.changes[0].rpm).toBeGreaterThan(60);
    expect(entry.learned_rpm).toBeGreaterThan(entry.changes[0].rpm);
    expect(entry.learned_rpm).toBeLessThanOrEqual(1300);
  });
});
