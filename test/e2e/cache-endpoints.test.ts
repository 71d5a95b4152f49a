import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { runCli } from '../helpers/cli.js';
import { startOpenAiCompatibleServer, usageFor, type Responder } from '../helpers/openai-compatible-server.js';

// Issue 17: the response cache must never answer for another gateway, nor give a real run simulated answers.

let work: string;
let dataset: string;
const ROWS = 4;
const KEY = 'cache-test-key-5d1f';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cache-endpoints-'));
  dataset = join(work, 'd.csv');
  const lines = [
    'id,question,answer',
    ...Array.from({ length: ROWS }, (_, index) => `q${index},What is ${index} + 1?,${index + 1}`),
  ];
  writeFileSync(dataset, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A loopback gateway whose every answer names it, so a test can tell whose answer a row holds. */
async function gateway(name: string) {
  const responder: Responder = (request, index) => ({
    status: 200,
    body: {
      id: `${name}-${index}`,
      object: 'chat.completion',
      created: 1766648340,
      model: String(request.body.model),
      choices: [{ index: 0, message: { role: 'assistant', content: `answer from ${name}` }, finish_reason: 'stop' }],
      usage: usageFor(request.body),
    },
  });
  const server = await startOpenAiCompatibleServer(responder);
  servers.push(server);
  return server;
}

function records(out: string): ResultRecord[] {
  return readFileSync(join(out, 'results.jsonl'), 'utf8')
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

let runs = 0;
async function evalRun(options: { cacheDir: string; baseUrl?: string; simulate?: boolean; extra?: string[] }) {
  runs += 1;
  const out = join(work, `run-${runs}`);
  const args = ['eval', '--models', 'qwen3-max', '--dataset', dataset, '--out', out, '--cache-dir', options.cacheDir];
  if (options.simulate) args.push('--simulate');
  if (options.baseUrl) args.push('--base-url', options.baseUrl);
  const result = await runCli([...args, ...(options.extra ?? [])], {
    env: { MIXROUTER_API_KEY: options.simulate ? undefined : KEY },
  });
  expect(result.stderr).not.toContain('internal error');
  expect(result.code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
  return { out, result, records: records(out), manifest };
}

describe('response cache and the gateway a request goes to', () => {
  it('a simulated run, then the same command against a real gateway: the real run sends every request and records its own answers', async () => {
    const cacheDir = join(work, 'cache-simulated-then-real');
    const simulated = await evalRun({ cacheDir, simulate: true });
    expect(simulated.manifest.simulated).toBe(true);
    expect(simulated.records).toHaveLength(ROWS);

    const real = await gateway('real');
    const live = await evalRun({ cacheDir, baseUrl: real.baseUrl });
    expect(real.requests).toHaveLength(ROWS);
    expect(live.manifest.simulated).toBe(false);
    for (const record of live.records) {
      expect(record).toMatchObject({ status: 'ok', cached: false, cache_origin: null, answer: 'answer from real' });
    }
    // The same command again against the same gateway is served from the cache, and says where the answers came from.
    const again = await evalRun({ cacheDir, baseUrl: real.baseUrl });
    expect(real.requests).toHaveLength(ROWS);
    for (const record of again.records) {
      expect(record).toMatchObject({ cached: true, attempts: 0, answer: 'answer from real' });
      expect(record.cache_origin).toMatchObject({ endpoint: `${real.baseUrl}/chat/completions`, simulated: false });
    }
    // Neither the cache entries nor their names hold the key.
    const entries = filesUnder(cacheDir);
    expect(entries).toHaveLength(ROWS);
    for (const entry of entries) expect(`${entry}\n${readFileSync(entry, 'utf8')}`).not.toContain(KEY);
  });

  it('gateway A, then gateway B: B receives every request and its own answers are recorded', async () => {
    const cacheDir = join(work, 'cache-a-then-b');
    const a = await gateway('A');
    const b = await gateway('B');
    const first = await evalRun({ cacheDir, baseUrl: a.baseUrl });
    expect(a.requests).toHaveLength(ROWS);
    expect(first.records.every((record) => record.answer === 'answer from A')).toBe(true);

    const second = await evalRun({ cacheDir, baseUrl: b.baseUrl });
    expect(b.requests).toHaveLength(ROWS);
    expect(second.records.every((record) => record.answer === 'answer from B' && !record.cached)).toBe(true);

    const repeatA = await evalRun({ cacheDir, baseUrl: a.baseUrl });
    const repeatB = await evalRun({ cacheDir, baseUrl: b.baseUrl });
    expect(a.requests).toHaveLength(ROWS);
    expect(b.requests).toHaveLength(ROWS);
    expect(repeatA.records.every((record) => record.cached && record.answer === 'answer from A')).toBe(true);
    expect(repeatB.records.every((record) => record.cached && record.answer === 'answer from B')).toBe(true);
    expect(repeatB.result.stdout + repeatB.result.stderr).toContain(`cached from ${b.baseUrl}/chat/completions`);
  });

  it("--cache-any-endpoint lets one gateway's answers serve another, and the rows say where they came from", async () => {
    const cacheDir = join(work, 'cache-any-endpoint');
    const a = await gateway('A');
    const b = await gateway('B');
    await evalRun({ cacheDir, baseUrl: a.baseUrl, extra: ['--cache-any-endpoint'] });
    const shared = await evalRun({ cacheDir, baseUrl: b.baseUrl, extra: ['--cache-any-endpoint'] });
    expect(b.requests).toHaveLength(0);
    for (const record of shared.records) {
      expect(record).toMatchObject({ cached: true, answer: 'answer from A' });
      expect(record.cache_origin?.endpoint).toBe(`${a.baseUrl}/chat/completions`);
    }
  });

  it('does not reuse entries of the old key scheme, and says so once', async () => {
    const cacheDir = join(work, 'cache-old-scheme');
    mkdirSync(join(cacheDir, 'ab'), { recursive: true });
    writeFileSync(join(cacheDir, 'ab', 'ab0123456789abcdef0123456789abcd.json'), '{}');
    const server = await gateway('new');
    const run = await evalRun({ cacheDir, baseUrl: server.baseUrl });
    expect(server.requests).toHaveLength(ROWS);
    const notes = run.result.stderr.split('\n').filter((line) => line.includes('older key scheme'));
    expect(notes).toHaveLength(1);
  });
});
