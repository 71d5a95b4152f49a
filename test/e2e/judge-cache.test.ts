import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startOpenAiCompatibleServer, usageFor, type Responder } from '../helpers/openai-compatible-server.js';

// A judge verdict is a paid request: scoring the same run again must not pay for it twice.

const ROWS = 4;
const KEY = 'judge-cache-key-7c2e';
let work: string;
let dataset: string;
let server: Awaited<ReturnType<typeof startOpenAiCompatibleServer>>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'judge-cache-'));
  dataset = join(work, 'd.csv');
  const lines = ['id,question,answer', ...Array.from({ length: ROWS }, (_, i) => `q${i},What is ${i} + 1?,${i + 1}`)];
  writeFileSync(dataset, `${lines.join('\n')}\n`);
  const responder: Responder = (request, index) => {
    const judging = request.body.model === 'gpt-4o-mini';
    const content = judging ? '{"verdict": "correct", "score": 1, "reason": "matches"}' : 'an answer';
    return {
      status: 200,
      body: {
        id: `c-${index}`,
        object: 'chat.completion',
        created: 1766648340,
        model: String(request.body.model),
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: usageFor(request.body),
      },
    };
  };
  server = await startOpenAiCompatibleServer(responder);
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const judgeCalls = (): number => server.requests.filter((request) => request.body.model === 'gpt-4o-mini').length;

async function cli(args: string[]) {
  const result = await runCli([...args, '--base-url', server.baseUrl], { env: { MIXROUTER_API_KEY: KEY }, cwd: work });
  expect(result.stderr).not.toContain('internal error');
  return result;
}

describe('judge verdicts and the response cache', () => {
  it('are paid once: score on the same run reads them back, and --no-cache pays again', async () => {
    const cacheDir = join(work, 'cache');
    const out = join(work, 'run');
    const judged = ['--scorer', 'judge:gpt-4o-mini'];
    const first = await cli([
      'eval',
      '--models',
      'qwen3-max',
      '--dataset',
      dataset,
      '--out',
      out,
      '--cache-dir',
      cacheDir,
      ...judged,
    ]);
    expect(first.code).toBe(0);
    expect(judgeCalls()).toBe(ROWS);
    const scoresOf = () =>
      readFileSync(join(out, 'scores.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
    const before = scoresOf();
    expect(before).toHaveLength(ROWS);
    expect(before.every((line) => line.scores[0].name === 'judge:gpt-4o-mini' && line.scores[0].error == null)).toBe(
      true,
    );

    // `score` finds the run's cache folder in its run.json and pays the judge for nothing.
    const again = await cli(['score', out, ...judged]);
    expect(again.code).toBe(0);
    expect(judgeCalls()).toBe(ROWS);
    // The same verdicts, read back; nothing was paid for them this time.
    const verdict = ({ costUsd: _cost, ...rest }: Record<string, unknown>) => rest;
    const after = scoresOf();
    expect(after.map((line) => verdict(line.scores[0]))).toEqual(before.map((line) => verdict(line.scores[0])));
    expect(after.every((line) => line.scores[0].costUsd === 0)).toBe(true);
    expect(before.every((line) => line.scores[0].costUsd > 0)).toBe(true);

    // Without the cache every verdict is asked for again.
    const fresh = join(work, 'run-no-cache');
    const uncached = await cli([
      'eval',
      '--models',
      'qwen3-max',
      '--dataset',
      dataset,
      '--out',
      fresh,
      '--no-cache',
      ...judged,
    ]);
    expect(uncached.code).toBe(0);
    expect(judgeCalls()).toBe(2 * ROWS);
    // The key is in no cache entry.
    expect(JSON.stringify(readFileSync(join(out, 'run.json'), 'utf8'))).not.toContain(KEY);
  });
});
