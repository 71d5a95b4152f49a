import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatName } from '../../src/protocols/types.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { publishedCatalogue } from '../../src/simulator/catalogue.js';
import type { LedgerEntry } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { runCli } from '../helpers/cli.js';
import { expectedUsage, reportsReasoningCount } from '../helpers/usage-reference.js';

/**
 * The six models of the all-formats run, with what each row must show.
 * `thinking`: thinking is on (asked with +thinking, or a model that always thinks), so the row needs reasoning text
 * and, where the format reports a count, reasoning tokens. Anthropic reports no separate count (reasoning_tokens is
 * null there); none of the six thinks through Anthropic, and the contract suite covers that case.
 * `hiddenThinking`: Gemini 2.5 Flash thinks at its default without being asked, and without `includeThoughts` its
 * thoughts are counted but not returned (gemini-native.md §1), so that row has reasoning tokens and no reasoning text.
 */
const models: Array<{
  entry: string;
  format: FormatName;
  thinking: boolean;
  hiddenThinking: boolean;
  alwaysStreams: boolean;
}> = [
  {
    entry: 'gpt-4o-mini@responses',
    format: 'openai-responses',
    thinking: false,
    hiddenThinking: false,
    alwaysStreams: false,
  },
  {
    entry: 'claude-sonnet-4-5@anthropic',
    format: 'anthropic-messages',
    thinking: false,
    hiddenThinking: false,
    alwaysStreams: false,
  },
  { entry: 'gemini-2.5-flash@gemini', format: 'gemini', thinking: false, hiddenThinking: true, alwaysStreams: false },
  { entry: 'deepseek-reasoner', format: 'openai-chat', thinking: true, hiddenThinking: false, alwaysStreams: false },
  // Thinking Qwen calls are streamed even without --stream (resolve-targets forces it).
  { entry: 'qwen3-max+thinking', format: 'openai-chat', thinking: true, hiddenThinking: false, alwaysStreams: true },
  {
    entry: 'doubao-seed-1-6-thinking-250715',
    format: 'openai-chat',
    thinking: true,
    hiddenThinking: false,
    alwaysStreams: false,
  },
];
const modelList = models.map((model) => model.entry).join(',');
const dataset = 'datasets/word-problems.jsonl';
const datasetRows = 8;

let work: string;
let simulator: SimulatorHandle;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'all-formats-'));
  simulator = await startSimulator({ latencyScale: 0 });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});

function readRecords(folder: string): ResultRecord[] {
  return readFileSync(join(folder, 'results.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ResultRecord);
}

function modelOf(record: ResultRecord): (typeof models)[number] {
  const model = models.find((candidate) => candidate.entry === record.model);
  if (!model) throw new Error(`unexpected model label ${record.model}`);
  return model;
}

/** Runs the six models against the in-process simulator and returns the rows and the ledger they produced. */
async function runSixModels(options: {
  stream: boolean;
}): Promise<{ records: ResultRecord[]; ledger: readonly LedgerEntry[] }> {
  simulator.reset();
  const out = join(work, options.stream ? 'streamed' : 'plain');
  const result = await runCli(
    [
      'eval',
      '--models',
      modelList,
      '--dataset',
      dataset,
      '--base-url',
      simulator.baseUrl,
      '--out',
      out,
      '--no-cache',
      ...(options.stream ? ['--stream'] : []),
    ],
    { env: { MIXROUTER_API_KEY: simulator.apiKey } },
  );
  expect(result.stderr).not.toContain('internal error');
  expect(result.code, result.stderr).toBe(0);
  return { records: readRecords(out), ledger: [...simulator.ledger.entries] };
}

function expectRowsMatchLedger(options: {
  records: ResultRecord[];
  ledger: readonly LedgerEntry[];
  stream: boolean;
}): void {
  const { records, ledger } = options;
  expect(records).toHaveLength(models.length * datasetRows);
  // One request per row: no retries, no extra calls, so every ledger entry belongs to exactly one row.
  expect(ledger).toHaveLength(records.length);
  const byRequestId = new Map(ledger.map((entry) => [entry.requestId, entry]));
  expect(new Set(records.map((record) => record.request_id)).size).toBe(records.length);
  for (const model of models)
    expect(records.filter((record) => record.model === model.entry)).toHaveLength(datasetRows);
  for (const record of records) {
    const model = modelOf(record);
    const where = `${record.model} ${record.id}`;
    expect(record.status, where).toBe('ok');
    expect(record.error, where).toBeNull();
    expect(record.format, where).toBe(model.format);
    expect(record.stream, where).toBe(options.stream || model.alwaysStreams);
    expect(record.response_model, where).toMatch(/\S/);
    expect(record.response_id, where).toMatch(/\S/);
    expect(record.request_id, where).toMatch(/\S/);
    const billed = byRequestId.get(record.request_id ?? '');
    if (!billed?.usage) throw new Error(`${where}: no billed ledger entry for request id ${String(record.request_id)}`);
    expect(billed.model, where).toBe(record.model_id);
    expect(billed.stream, where).toBe(record.stream);
    expect(billed.status, where).toBe(200);
    const expected = expectedUsage({ format: model.format, billed: billed.usage });
    expect(
      {
        input: record.input_tokens,
        output: record.output_tokens,
        reasoning: record.reasoning_tokens,
        cached: record.cached_tokens,
        cacheWrite: record.cache_write_tokens,
      },
      where,
    ).toEqual(expected);
    expect(record.total_tokens, where).toBe(expected.input + expected.output);
    if (model.thinking) {
      expect(record.reasoning, where).toMatch(/\S/);
      if (reportsReasoningCount(model.format)) expect(record.reasoning_tokens, where).toBeGreaterThan(0);
      else expect(record.reasoning_tokens, where).toBeNull();
    } else if (model.hiddenThinking) {
      expect(record.reasoning, where).toBeNull();
      expect(record.reasoning_tokens, where).toBeGreaterThan(0);
    } else {
      expect(record.reasoning, where).toBeNull();
      expect(billed.usage.reasoning, where).toBe(0);
    }
  }
}

describe('six models over four wire formats through the built CLI', () => {
  it('plain: every row ok, with the billed input and output tokens of its own request', async () => {
    const { records, ledger } = await runSixModels({ stream: false });
    expectRowsMatchLedger({ records, ledger, stream: false });
  });

  it('--stream: every row ok, with the billed input and output tokens of its own request', async () => {
    const { records, ledger } = await runSixModels({ stream: true });
    expectRowsMatchLedger({ records, ledger, stream: true });
    expect(records.every((record) => record.ttft_ms !== null)).toBe(true);
  });

  it('--simulate instead of a base URL: exits 0 with every row ok', async () => {
    const out = join(work, 'simulate');
    const result = await runCli([
      'eval',
      '--simulate',
      '--models',
      modelList,
      '--dataset',
      dataset,
      '--out',
      out,
      '--cache-dir',
      join(work, 'simulate-cache'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const records = readRecords(out);
    expect(records).toHaveLength(models.length * datasetRows);
    expect(records.filter((record) => record.status !== 'ok')).toEqual([]);
    for (const record of records) expect(record.format).toBe(modelOf(record).format);
  });
});

describe('eval --check-models', () => {
  /** An id neither the published catalogue nor the simulator's own profiles contain, so /v1/models does not list it. */
  const unlisted = 'house-model-7b';

  it('passes when the gateway lists every model, then runs', async () => {
    simulator.reset();
    const out = join(work, 'check-ok');
    const result = await runCli(
      [
        'eval',
        '--check-models',
        '--models',
        'qwen3-max,claude-sonnet-4-5@anthropic,gemini-2.5-flash@gemini',
        '--dataset',
        'datasets/arithmetic.csv',
        '--limit',
        '2',
        '--base-url',
        simulator.baseUrl,
        '--out',
        out,
        '--no-cache',
      ],
      { env: { MIXROUTER_API_KEY: simulator.apiKey } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('--check-models: all 3 models are listed');
    const paths = simulator.ledger.entries.map((entry) => entry.path);
    expect(paths[0]).toBe('/v1/models');
    expect(paths.slice(1)).toHaveLength(3 * 2);
    expect(readRecords(out).every((record) => record.status === 'ok')).toBe(true);
  });

  it('exits 2 on a model the gateway does not list, before any chat request', async () => {
    const listing = await fetch(`${simulator.baseUrl}/models`, {
      headers: { authorization: `Bearer ${simulator.apiKey}` },
    });
    const listed = ((await listing.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
    expect(listed).toContain('qwen3-max');
    expect(listed).not.toContain(unlisted);
    simulator.reset();
    const result = await runCli(
      [
        'eval',
        '--check-models',
        '--models',
        `qwen3-max,${unlisted}`,
        '--dataset',
        'datasets/arithmetic.csv',
        '--base-url',
        simulator.baseUrl,
        '--out',
        join(work, 'check-missing'),
        '--no-cache',
      ],
      { env: { MIXROUTER_API_KEY: simulator.apiKey } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${unlisted} is not in the gateway's model list`);
    expect(result.stderr).not.toContain('qwen3-max is not');
    expect(simulator.ledger.entries.map((entry) => ({ path: entry.path, model: entry.model }))).toEqual([
      { path: '/v1/models', model: null },
    ]);
  });
});

describe('models --simulate', () => {
  it("prints the simulated gateway's models grouped by vendor", async () => {
    const result = await runCli(['models', '--simulate']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ models at http:\/\/127\.0\.0\.1:\d+\/v1$/);
    for (const vendor of ['Alibaba', 'Anthropic', 'ByteDance', 'DeepSeek', 'Google', 'OpenAI']) {
      expect(
        lines.some((line) => new RegExp(`^${vendor} \\(\\d+\\)$`).test(line)),
        vendor,
      ).toBe(true);
    }
    const listedIds = new Set(lines.filter((line) => line.startsWith('  ')).map((line) => line.trim().split(/\s+/)[0]));
    for (const model of publishedCatalogue) expect(listedIds.has(model.id), model.id).toBe(true);
    expect(Number(lines[0].split(' ')[0])).toBe(listedIds.size);
  });
});
