import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecFor } from '../../src/protocols/index.js';
import { renderDryRun } from '../../src/cli/render-dry-run.js';
import { planDryRun } from '../../src/run/dry-run.js';
import type { RunConfig } from '../../src/settings/run-config.js';
import type { ModelTarget } from '../../src/settings/model-target.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { chatTarget, quietControls, testRunConfig, runWithOutputs } from '../helpers/run-config.js';
import { readRecords, writeQuestions } from './run-fixtures.js';

const ROWS = 12;
/** Not a real key: it only has to be recognisable if it leaked. */
const KEY = 'dry-run-test-key-314159';
let work: string;
let dataset: string;
let simulator: SimulatorHandle;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dry-run-'));
  dataset = writeQuestions({ folder: work, name: 'questions.csv', rows: ROWS });
  simulator = await startSimulator({ latencyScale: 0, apiKey: KEY });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});

function targets(): ModelTarget[] {
  const baseUrl = simulator.baseUrl;
  return [
    { ...chatTarget({ model: 'chat-a', baseUrl, params: { maxOutputTokens: 100 } }), price: { input: 1, output: 2 } },
    chatTarget({ model: 'chat-b', baseUrl }),
    {
      ...chatTarget({ model: 'claude-x', baseUrl }),
      format: 'anthropic-messages',
      codec: codecFor('anthropic-messages'),
      endpoint: { baseUrl, auth: 'x-api-key' },
    },
  ];
}

function config(outDir: string, overrides: Partial<RunConfig> = {}): RunConfig {
  return testRunConfig({
    datasets: [dataset],
    targets: targets(),
    outDir,
    apiKey: KEY,
    baseUrl: simulator.baseUrl,
    ...overrides,
  });
}

describe('planDryRun', () => {
  it('counts every planned request per model and estimates tokens and cost, sending nothing', async () => {
    const plan = await planDryRun(config(join(work, 'fresh')));
    expect(simulator.ledger.count()).toBe(0);
    expect(plan.models.map((model) => [model.model, model.format, model.requests, model.alreadyDone])).toEqual([
      ['chat-a', 'openai-chat', ROWS, 0],
      ['chat-b', 'openai-chat', ROWS, 0],
      ['claude-x', 'anthropic-messages', ROWS, 0],
    ]);
    const [priced, unpriced] = plan.models;
    // --max-tokens (here 100) is the output estimate, else 256.
    expect(priced.outputTokens).toBe(ROWS * 100);
    expect(unpriced.outputTokens).toBe(ROWS * 256);
    expect(priced.inputTokens).toBeGreaterThan(0);
    expect(priced.costUsd).toBeCloseTo((priced.inputTokens * 1 + priced.outputTokens * 2) / 1e6, 12);
    expect(unpriced.costUsd).toBeNull();
  });

  it('builds one example per wire format, with the key redacted in the header that format uses', async () => {
    const plan = await planDryRun(config(join(work, 'fresh')));
    expect(plan.examples.map((example) => example.format)).toEqual(['openai-chat', 'anthropic-messages']);
    const [chat, messages] = plan.examples;
    expect(chat.headers.authorization).toBe('Bearer ***');
    expect(chat.url).toBe(`${simulator.baseUrl}/chat/completions`);
    expect(chat.body).toMatchObject({ model: 'chat-a', max_tokens: 100 });
    expect(messages.headers['x-api-key']).toBe('***');
    expect(messages.headers.authorization).toBeUndefined();
    expect(JSON.stringify(plan)).not.toContain(KEY);
  });

  it('renders the counts, the examples and a total estimate, without the key', async () => {
    const text = renderDryRun(await planDryRun(config(join(work, 'fresh'))));
    expect(text.startsWith('DRY RUN: nothing was sent.')).toBe(true);
    expect(text).toMatch(/chat-a\s+openai-chat\s+12\s+0\s/);
    expect(text).toMatch(/claude-x\s+anthropic-messages\s+12\s+0\s/);
    expect(text).toContain('unknown (no price)');
    expect(text).toMatch(/Total: 36 requests, about \d+\.\d{4} USD/);
    expect(text.split('Example openai-chat request:')).toHaveLength(2);
    expect(text.split('Example anthropic-messages request:')).toHaveLength(2);
    expect(text).toContain('authorization: Bearer ***');
    expect(text).toContain('x-api-key: ***');
    expect(text).not.toContain(KEY);
  });

  it('plans only what is left of a half-done run folder, and counts what is already done', async () => {
    const outDir = join(work, 'half');
    await runWithOutputs(config(outDir, { targets: [targets()[0]], maxRequests: 5 }), quietControls());
    expect(readRecords(outDir)).toHaveLength(5);
    const before = simulator.ledger.count();
    const plan = await planDryRun(config(outDir));
    expect(simulator.ledger.count()).toBe(before);
    expect(plan.models.map((model) => [model.model, model.requests, model.alreadyDone])).toEqual([
      ['chat-a', ROWS - 5, 5],
      ['chat-b', ROWS, 0],
      ['claude-x', ROWS, 0],
    ]);
    expect(renderDryRun(plan)).toContain(`Total: ${3 * ROWS - 5} requests`);
  });

  it('with --retry-errors, plans the error rows again instead of counting them as done', async () => {
    const outDir = join(work, 'with-errors');
    simulator.setFaults({ script: ['serverError', 'serverError'] });
    const single = targets()[1];
    const base = config(outDir);
    await runWithOutputs(config(outDir, { targets: [single], retry: { ...base.retry, retries: 0 } }), quietControls());
    simulator.setFaults({});
    expect(readRecords(outDir).filter((record) => record.status === 'error')).toHaveLength(2);
    const keep = await planDryRun(config(outDir, { targets: [single] }));
    expect(keep.models[0]).toMatchObject({ requests: 0, alreadyDone: ROWS });
    const redo = await planDryRun(config(outDir, { targets: [single], retryErrors: true }));
    expect(redo.models[0]).toMatchObject({ requests: 2, alreadyDone: ROWS - 2 });
  });

  it('multiplies by --repeat and honours a row --limit', async () => {
    const plan = await planDryRun(config(join(work, 'fresh'), { repeat: 3, limit: 4 }));
    expect(plan.models.map((model) => model.requests)).toEqual([12, 12, 12]);
  });
});
