import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import type { SimulatorFaults } from '../../src/simulator/faults.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';

const ROWS = 60;
const MODELS = ['qwen3-max', 'deepseek-chat'];
let work: string;
let dataset: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'faults-'));
  dataset = join(work, 'questions.csv');
  const lines = ['id,question,answer'];
  for (let index = 0; index < ROWS; index += 1) lines.push(`q${index},What is ${index} + ${index * 3}?,${index * 4}`);
  writeFileSync(dataset, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const scenarios: Array<{ name: string; faults: SimulatorFaults; stream: boolean }> = [
  { name: '5% 429 with Retry-After', faults: { rateLimitRetryAfter: 0.05, retryAfterMs: 20 }, stream: false },
  { name: '5% 429 without Retry-After', faults: { rateLimit: 0.05 }, stream: false },
  { name: '2% 500', faults: { serverError: 0.02 }, stream: false },
  { name: 'connection resets', faults: { connectionReset: 0.05 }, stream: false },
  { name: 'truncated streams', faults: { truncatedStream: 0.05 }, stream: true },
  { name: 'malformed JSON', faults: { malformedJson: 0.05 }, stream: false },
  { name: 'an HTML 502 page', faults: { html502: 0.05 }, stream: false },
  { name: 'a stalled stream', faults: { stall: 0.03, stallMs: 5_000 }, stream: true },
  {
    name: 'all of them at once',
    faults: {
      rateLimitRetryAfter: 0.03,
      retryAfterMs: 20,
      rateLimit: 0.03,
      serverError: 0.02,
      connectionReset: 0.02,
      truncatedStream: 0.02,
      malformedJson: 0.02,
      html502: 0.02,
      stall: 0.02,
      stallMs: 5_000,
      inStreamError: 0.02,
    },
    stream: true,
  },
];

describe('a hostile gateway: every (row, model) is recorded exactly once', () => {
  let simulator: SimulatorHandle;
  beforeAll(async () => {
    simulator = await startSimulator({ latencyScale: 0, seed: 7 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it.each(scenarios)('$name', async ({ name, faults, stream }) => {
    simulator.setFaults(faults);
    simulator.reset();
    const outDir = join(work, name.replace(/\W+/g, '-'));
    const outcome = await runWithOutputs(
      testRunConfig({
        datasets: [dataset],
        targets: MODELS.map((model) => chatTarget({ model, baseUrl: simulator.baseUrl, params: { stream } })),
        outDir,
        apiKey: simulator.apiKey,
        baseUrl: simulator.baseUrl,
      }),
      quietControls(),
    );
    const records = readFileSync(join(outDir, 'results.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ResultRecord);
    expect(records).toHaveLength(ROWS * MODELS.length);
    expect(new Set(records.map((record) => record.key)).size).toBe(ROWS * MODELS.length);
    for (const model of MODELS) {
      const ids = records
        .filter((record) => record.model === model)
        .map((record) => record.id)
        .sort();
      expect(new Set(ids).size).toBe(ROWS);
    }
    for (const record of records) {
      if (record.status === 'ok') {
        expect(record.answer).not.toBeNull();
        expect(record.input_tokens).not.toBeNull();
      } else {
        expect(['rate-limit', 'transient', 'timeout']).toContain(record.error?.kind);
        expect(record.attempts).toBe(9);
      }
    }
    const faulted = simulator.ledger.summary();
    expect(faulted.total).toBeGreaterThanOrEqual(ROWS * MODELS.length);
    // Retries happened where faults fired: more requests than rows, and the attempts add up.
    const attempts = records.reduce((sum, record) => sum + record.attempts, 0);
    expect(attempts).toBe(faulted.total);
    expect(outcome.manifest.counts.written).toBe(ROWS * MODELS.length);
  });
});
