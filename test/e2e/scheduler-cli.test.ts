import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestRecords } from '../../src/results/latest-records.js';
import type { RunManifest } from '../../src/results/manifest.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { startOpenAiCompatibleServer } from '../helpers/openai-compatible-server.js';
import { readRecords, writeQuestions } from '../run/run-fixtures.js';

const ROWS = 12;
let work: string;
let dataset: string;
let simulator: SimulatorHandle;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'scheduler-cli-'));
  dataset = writeQuestions({ folder: work, name: 'questions.csv', rows: ROWS });
  simulator = await startSimulator({ latencyScale: 0, seed: 17 });
  closers.push(() => simulator.close());
});
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  rmSync(work, { recursive: true, force: true });
});

/** The CLI with the simulator's key; every run uses --no-cache so nothing lands in the repository's cache folder. */
function evalCli(args: string[], options: { apiKey?: string } = {}) {
  return runCli(['eval', ...args], {
    env: { MIXROUTER_API_KEY: options.apiKey ?? simulator.apiKey },
    timeoutMs: 60_000,
  });
}

function manifestOf(folder: string): RunManifest {
  return JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunManifest;
}

async function latest(folder: string): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  for await (const record of latestRecords(join(folder, 'results.jsonl'))) records.push(record);
  return records;
}

/** A run folder where only the first `done` rows of `m1` are finished (stopped by --max-requests). */
async function halfDone(name: string, done: number): Promise<string> {
  const out = join(work, name);
  const result = await evalCli([
    '--models',
    'm1',
    '--dataset',
    dataset,
    '--base-url',
    simulator.baseUrl,
    '--out',
    out,
    '--no-cache',
    '--concurrency',
    '1',
    '--max-requests',
    String(done),
  ]);
  expect(result.code, result.stderr).toBe(0);
  expect(manifestOf(out).status).toBe('budget-reached');
  expect(readRecords(out)).toHaveLength(done);
  return out;
}

describe('--dry-run', () => {
  it('sends and writes nothing, and prints the planned counts, one redacted body per format and an estimate', async () => {
    const key = 'dry-run-cli-key-271828';
    const out = join(work, 'dry');
    const before = simulator.ledger.count();
    const result = await evalCli(
      [
        '--dry-run',
        '--models',
        'gpt-4o-mini,deepseek-chat,claude-sonnet-4-5@anthropic',
        '--dataset',
        dataset,
        '--base-url',
        simulator.baseUrl,
        '--out',
        out,
        '--no-cache',
      ],
      { apiKey: key },
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.code, result.stderr).toBe(0);
    expect(simulator.ledger.count()).toBe(before);
    expect(existsSync(out)).toBe(false);
    const text = result.stdout;
    expect(text).toContain('DRY RUN: nothing was sent.');
    expect(text).toMatch(new RegExp(`gpt-4o-mini\\s+openai-chat\\s+${ROWS}\\s+0\\s`));
    expect(text).toMatch(new RegExp(`deepseek-chat\\s+openai-chat\\s+${ROWS}\\s+0\\s`));
    expect(text).toMatch(new RegExp(`claude-sonnet-4-5@anthropic\\s+anthropic-messages\\s+${ROWS}\\s+0\\s`));
    expect(text).toMatch(new RegExp(`Total: ${3 * ROWS} requests, about \\d+\\.\\d{4} USD`));
    expect(text.split('Example openai-chat request:')).toHaveLength(2);
    expect(text.split('Example anthropic-messages request:')).toHaveLength(2);
    expect(text).toContain(`POST ${simulator.baseUrl}/chat/completions`);
    expect(text).toContain(`POST ${simulator.baseUrl}/messages`);
    expect(text).toContain('Bearer ***');
    expect(text).toContain('"model": "gpt-4o-mini"');
    expect(result.stdout + result.stderr).not.toContain(key);
  });

  it('with --resume, plans only the keys not finished yet', async () => {
    const out = await halfDone('dry-half', 4);
    const before = simulator.ledger.count();
    const result = await evalCli(['--resume', out, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(simulator.ledger.count()).toBe(before);
    expect(result.stdout).toMatch(new RegExp(`m1\\s+openai-chat\\s+${ROWS - 4}\\s+4\\s`));
    expect(result.stdout).toContain(`Total: ${ROWS - 4} requests`);
    expect(readRecords(out)).toHaveLength(4);
  });
});

describe('--resume', () => {
  it('refuses a flag that would change the keys, naming it, and sends nothing', async () => {
    const out = await halfDone('refuse', 3);
    const before = simulator.ledger.count();
    const result = await evalCli(['--resume', out, '--temperature', '0.5']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--temperature cannot change when resuming');
    expect(simulator.ledger.count()).toBe(before);
    expect(readRecords(out)).toHaveLength(3);
  });

  it('accepts --concurrency (and a raised --max-requests) and finishes every key exactly once', async () => {
    const out = await halfDone('accept', 3);
    const before = simulator.ledger.count();
    const result = await evalCli(['--resume', out, '--concurrency', '2', '--max-requests', '1000']);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code, result.stderr).toBe(0);
    expect(simulator.ledger.count() - before).toBe(ROWS - 3);
    const records = readRecords(out);
    expect(records).toHaveLength(ROWS);
    expect(new Set(records.map((record) => record.key)).size).toBe(ROWS);
    const manifest = manifestOf(out);
    expect(manifest.status).toBe('completed');
    expect(manifest.counts.already_done).toBe(3);
  });

  it('--retry-errors redoes the rows that ended in errors, and only those', async () => {
    const failing = (content: string): boolean => Number(/What is (\d+) \+/.exec(content)?.[1] ?? -1) % 3 === 0;
    const broken = await startOpenAiCompatibleServer((request, index) =>
      failing(JSON.stringify(request.body.messages))
        ? {
            status: 400,
            body: { error: { message: 'this row is refused', type: 'invalid_request_error', code: null } },
          }
        : {
            status: 200,
            body: {
              id: `c${index}`,
              model: 'm1',
              choices: [{ index: 0, message: { role: 'assistant', content: 'first answer' }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
            },
          },
    );
    closers.push(() => broken.close());
    const healthy = await startOpenAiCompatibleServer();
    closers.push(() => healthy.close());
    const out = join(work, 'retry-errors');
    const first = await evalCli(
      [
        '--models',
        'm1',
        '--dataset',
        dataset,
        '--base-url',
        broken.baseUrl,
        '--out',
        out,
        '--no-cache',
        '--max-error-rate',
        '1',
      ],
      { apiKey: 'test-key-abc' },
    );
    expect(first.code, first.stderr).toBe(0);
    const errorKeys = readRecords(out)
      .filter((record) => record.status === 'error')
      .map((record) => record.key);
    expect(errorKeys).toHaveLength(Math.ceil(ROWS / 3));
    expect(
      readRecords(out)
        .filter((record) => record.status === 'error')
        .every((record) => record.error?.kind === 'invalid-request'),
    ).toBe(true);

    // Without --retry-errors an error row counts as finished.
    const plain = await evalCli(['--resume', out, '--base-url', healthy.baseUrl], { apiKey: 'test-key-abc' });
    expect(plain.code, plain.stderr).toBe(0);
    expect(healthy.requests).toHaveLength(0);

    const redo = await evalCli(['--resume', out, '--retry-errors', '--base-url', healthy.baseUrl], {
      apiKey: 'test-key-abc',
    });
    expect(redo.stderr).not.toContain('internal error');
    expect(redo.code, redo.stderr).toBe(0);
    expect(healthy.requests).toHaveLength(errorKeys.length);
    const lines = readRecords(out);
    expect(lines).toHaveLength(ROWS + errorKeys.length);
    for (const key of errorKeys) {
      const forKey = lines.filter((record) => record.key === key);
      expect(forKey.map((record) => record.status)).toEqual(['error', 'ok']);
    }
    const final = await latest(out);
    expect(final).toHaveLength(ROWS);
    expect(final.every((record) => record.status === 'ok')).toBe(true);
  });
});

describe('stopping early', () => {
  it('stops a model after 3 auth failures with a clear message and exit code 3', async () => {
    const big = writeQuestions({ folder: work, name: 'forty.csv', rows: 40, prefix: 'Add' });
    const out = join(work, 'auth');
    const before = simulator.ledger.count();
    const result = await evalCli(
      [
        '--models',
        'm1,m2',
        '--dataset',
        big,
        '--base-url',
        simulator.baseUrl,
        '--out',
        out,
        '--no-cache',
        '--concurrency',
        '4',
      ],
      {
        apiKey: 'wrong-key-for-this-test',
      },
    );
    expect(result.code, result.stderr).toBe(3);
    for (const model of ['m1', 'm2']) {
      expect(result.stderr).toMatch(
        new RegExp(`Model ${model} was stopped early: its first \\d+ requests failed with auth errors`),
      );
      const rows = readRecords(out).filter((record) => record.model === model);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.length).toBeLessThanOrEqual(6);
    }
    expect(simulator.ledger.count() - before).toBe(readRecords(out).length);
    expect(result.stdout + result.stderr).not.toContain('wrong-key-for-this-test');
  });

  it('--max-cost with a price from a --config file stops once the spent cost reaches it', async () => {
    const costly = writeQuestions({ folder: work, name: 'costly.csv', rows: 20, prefix: 'Price of' });
    const config = join(work, 'priced.yaml');
    writeFileSync(config, ['models:', '  m-priced:', '    price: { input: 100, output: 100 }', ''].join('\n'));
    const out = join(work, 'cost');
    const result = await evalCli([
      '--config',
      config,
      '--dataset',
      costly,
      '--base-url',
      simulator.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--concurrency',
      '1',
      '--max-cost',
      '0.01',
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('--max-cost 0.01 USD reached');
    const records = readRecords(out);
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.length).toBeLessThan(20);
    const costs = records.map((record) => record.cost_usd as number);
    for (const [index, record] of records.entries()) {
      expect(costs[index]).toBeCloseTo(
        ((record.input_tokens ?? Number.NaN) * 100 + (record.output_tokens ?? Number.NaN) * 100) / 1e6,
        12,
      );
    }
    const spent = costs.reduce((sum, cost) => sum + cost, 0);
    expect(spent - (costs.at(-1) ?? 0)).toBeLessThan(0.01);
    expect(spent).toBeGreaterThanOrEqual(0.01);
    const manifest = manifestOf(out);
    expect(manifest.status).toBe('budget-reached');
    expect(manifest.spent_usd).toBeCloseTo(spent, 6);
  });
});

async function waitForLines(file: string, count: number): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 20) {
    if (
      existsSync(file) &&
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '').length >= count
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${file} never reached ${count} lines`);
}

describe('Ctrl-C', () => {
  it('stops scheduling, exits 130 with the resume command, and that command finishes every key exactly once', async () => {
    const slow = await startSimulator({
      latencyScale: 1,
      seed: 19,
      profiles: { 'm-slow': { vendor: 'openai', ttftMs: 150, tokensPerSecond: 0 } },
    });
    closers.push(() => slow.close());
    const rows = 40;
    const questions = writeQuestions({ folder: work, name: 'slow.csv', rows, prefix: 'Slowly add' });
    const out = join(work, 'interrupt');
    const env: NodeJS.ProcessEnv = { ...process.env, MIXROUTER_API_KEY: slow.apiKey };
    delete env.MIXROUTER_BASE_URL;
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'eval',
        '--models',
        'm-slow',
        '--dataset',
        questions,
        '--base-url',
        slow.baseUrl,
        '--out',
        out,
        '--no-cache',
        '--concurrency',
        '4',
      ],
      { cwd: repoRoot, env, stdio: 'pipe' },
    );
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitForLines(join(out, 'results.jsonl'), 6);
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toContain(`mixrouter-eval eval --resume ${out}`);
    expect(manifestOf(out).status).toBe('interrupted');
    const text = readFileSync(join(out, 'results.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const partial = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ResultRecord);
    expect(partial.length).toBeGreaterThanOrEqual(6);
    expect(partial.length).toBeLessThan(rows);
    expect(new Set(partial.map((record) => record.key)).size).toBe(partial.length);

    const resumed = await runCli(['eval', '--resume', out], {
      env: { MIXROUTER_API_KEY: slow.apiKey },
      timeoutMs: 60_000,
    });
    expect(resumed.stderr).not.toContain('internal error');
    expect(resumed.code, resumed.stderr).toBe(0);
    const records = readRecords(out);
    expect(records).toHaveLength(rows);
    expect(new Set(records.map((record) => record.key)).size).toBe(rows);
    expect(records.every((record) => record.status === 'ok')).toBe(true);
    // Nothing was paid twice: one request per key over both runs.
    expect(slow.ledger.count()).toBe(rows);
    expect(manifestOf(out).status).toBe('completed');
  });

  it('a second Ctrl-C exits at once with 130, without waiting for the requests in flight', async () => {
    const stuck = await startSimulator({
      latencyScale: 1,
      seed: 23,
      profiles: { 'm-stuck': { vendor: 'openai', ttftMs: 60_000, tokensPerSecond: 0 } },
    });
    closers.push(() => stuck.close());
    const out = join(work, 'second-interrupt');
    const env: NodeJS.ProcessEnv = { ...process.env, MIXROUTER_API_KEY: stuck.apiKey };
    delete env.MIXROUTER_BASE_URL;
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'eval',
        '--models',
        'm-stuck',
        '--dataset',
        dataset,
        '--base-url',
        stuck.baseUrl,
        '--out',
        out,
        '--no-cache',
        '--concurrency',
        '2',
      ],
      { cwd: repoRoot, env, stdio: 'pipe' },
    );
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor(() => stuck.ledger.count() >= 2, 'two requests in flight');
    child.kill('SIGINT');
    await waitFor(() => stderr.includes('Interrupted: no new requests'), 'the first interrupt message');
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toContain('Second interrupt: exiting now');
    // It left without finishing the run: nothing answered, run.json never closed.
    expect(readRecords(out)).toHaveLength(0);
    expect(manifestOf(out).status).toBe('running');
    expect(stuck.ledger.count()).toBe(2);
  });
});

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 20) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
