import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import type { RunManifest } from '../../src/results/manifest.js';
import { hasSharedDatasets, runCli, sharedDatasets } from '../helpers/cli.js';
import { startOpenAiCompatibleServer, usageFor } from '../helpers/openai-compatible-server.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'eval-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function readRecords(folder: string): ResultRecord[] {
  return readFileSync(join(folder, 'results.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ResultRecord);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('eval against an OpenAI-compatible server on loopback', () => {
  it.skipIf(!hasSharedDatasets)("records 2 x 1319 GSM8K rows, each with that server's own usage numbers", async () => {
    const server = await startOpenAiCompatibleServer();
    servers.push(server);
    const out = join(work, 'gsm8k');
    const result = await runCli(
      [
        'eval',
        '--models',
        'm1,m2',
        '--dataset',
        join(sharedDatasets, 'gsm8k', 'test.jsonl'),
        '--input-field',
        'question',
        '--expected-field',
        'answer',
        '--base-url',
        server.baseUrl,
        '--out',
        out,
        '--concurrency',
        '32',
        '--no-cache',
      ],
      { env: { MIXROUTER_API_KEY: 'test-key-abc' } },
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const records = readRecords(out);
    expect(records).toHaveLength(2 * 1319);
    expect(new Set(records.map((record) => record.key)).size).toBe(2 * 1319);
    expect(server.requests).toHaveLength(2 * 1319);
    for (const record of records) {
      const usage = usageFor({ messages: [{ role: 'user', content: record.input }] });
      expect(record.status).toBe('ok');
      expect(record.input_tokens).toBe(usage.prompt_tokens);
      expect(record.output_tokens).toBe(usage.completion_tokens);
      expect(record.total_tokens).toBe(usage.total_tokens);
      expect(record.usage_raw).toEqual(usage);
      expect(record.reasoning_tokens).toBeNull();
      expect(record.response_model).toBe(`${record.model}-snapshot`);
      expect(record.attempts).toBe(1);
    }
    expect(records.filter((record) => record.model === 'm1')).toHaveLength(1319);
    expect(records.find((record) => record.model === 'm1')?.expected).toBe('18');
    const csv = parse(readFileSync(join(out, 'results.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(csv).toHaveLength(2 * 1319);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('completed');
    expect(manifest.datasets[0].rows).toBe(1319);
    expect(manifest.datasets[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.counts).toMatchObject({ written: 2638, ok: 2638, errors: 0 });
    expect(result.stdout).toMatch(/m1\s+1319\s+1319\s+0/);
  });
});

describe('input problems stop the run before any request', () => {
  it('asks for a key and points to the demo, sending nothing', async () => {
    const server = await startOpenAiCompatibleServer();
    servers.push(server);
    const result = await runCli([
      'eval',
      '--models',
      'm1',
      '--dataset',
      'datasets/arithmetic.csv',
      '--base-url',
      server.baseUrl,
      '--out',
      join(work, 'nokey'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MIXROUTER_API_KEY');
    expect(result.stderr).toContain('npm run demo');
    expect(server.requests).toHaveLength(0);
  });

  it('names file and line of a malformed CSV row, with exit code 2', async () => {
    const server = await startOpenAiCompatibleServer();
    servers.push(server);
    const file = join(work, 'broken.csv');
    writeFileSync(file, 'id,question,answer\n1,What is 1+1?,2\n2,"unclosed quote,3\n3,What is 2+2?,4\n');
    const result = await runCli(
      ['eval', '--models', 'm1', '--dataset', file, '--base-url', server.baseUrl, '--out', join(work, 'broken')],
      {
        env: { MIXROUTER_API_KEY: 'test-key-abc' },
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('broken.csv:');
    expect(result.stderr).toMatch(/broken\.csv:\d+/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an unknown flag and a template column that does not exist', async () => {
    const unknown = await runCli(['eval', '--models', 'm1', '--dataset', 'datasets/arithmetic.csv', '--bogus-flag'], {
      env: { MIXROUTER_API_KEY: 'k' },
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/bogus-flag/);
    const server = await startOpenAiCompatibleServer();
    servers.push(server);
    const template = await runCli(
      [
        'eval',
        '--models',
        'm1',
        '--dataset',
        'datasets/arithmetic.csv',
        '--prompt',
        '{{Question}} {{Nope}}',
        '--base-url',
        server.baseUrl,
        '--out',
        join(work, 'template'),
      ],
      { env: { MIXROUTER_API_KEY: 'test-key-abc' } },
    );
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('--prompt');
    expect(template.stderr).toContain('Question');
    expect(server.requests).toHaveLength(0);
    const missing = await runCli(['eval', '--models', 'm1', '--dataset', 'datasets/nope.csv'], {
      env: { MIXROUTER_API_KEY: 'k' },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('datasets/nope.csv');
  });
});

describe('secrets', () => {
  it('never writes the API key to a result file or to the output, even when the server echoes it', async () => {
    const secret = 'mr-test-secret-7f3a9c2e1b';
    const server = await startOpenAiCompatibleServer((request, index) =>
      index % 2 === 0
        ? {
            status: 400,
            body: {
              error: {
                message: `bad request for ${String(request.authorization)}`,
                type: 'invalid_request_error',
                code: null,
              },
            },
          }
        : {
            status: 200,
            body: {
              id: `c${index}`,
              model: 'm1',
              choices: [
                {
                  index: 0,
                  message: { role: 'assistant', content: `your key is ${String(request.authorization)}` },
                  finish_reason: 'stop',
                },
              ],
              usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
            },
          },
    );
    servers.push(server);
    const out = join(work, 'secret');
    const result = await runCli(
      [
        'eval',
        '--models',
        'm1',
        '--dataset',
        'datasets/arithmetic.csv',
        '--base-url',
        server.baseUrl,
        '--out',
        out,
        '--max-error-rate',
        '1',
        '--cache-dir',
        join(work, 'secret-cache'),
      ],
      {
        env: { MIXROUTER_API_KEY: secret },
      },
    );
    expect(result.code).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests[0].authorization).toBe(`Bearer ${secret}`);
    const files = filesUnder(out);
    expect(files.map((file) => file.slice(out.length + 1)).sort()).toEqual([
      'junit.xml',
      'report.html',
      'report.md',
      'results.csv',
      'results.jsonl',
      'run.json',
      'scores.jsonl',
      'summary.json',
    ]);
    for (const file of [...files, ...filesUnder(join(work, 'secret-cache'))])
      expect(readFileSync(file, 'utf8')).not.toContain(secret);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8')).toContain('***');
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});

describe('the simulated gateway', () => {
  it('runs the demo offline: three models, a summary table and the three result files', async () => {
    const out = join(work, 'demo');
    const result = await runCli(['demo', '--out', out]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SIMULATED');
    for (const model of ['qwen3-max', 'deepseek-chat', 'gpt-4o-mini']) expect(result.stdout).toContain(model);
    const records = readRecords(out);
    const rows = readdirSync('datasets').length > 0 ? records.length / 3 : 0;
    expect(Number.isInteger(rows)).toBe(true);
    expect(records.every((record) => record.status === 'ok')).toBe(true);
    expect(records.every((record) => record.input_tokens !== null && record.output_tokens !== null)).toBe(true);
    expect(records.some((record) => record.ttft_ms !== null)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.simulated).toBe(true);
    const csv = parse(readFileSync(join(out, 'results.csv')), { columns: true }) as unknown[];
    expect(csv).toHaveLength(records.length);
  });
});
