import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestRecords } from '../../src/results/latest-records.js';
import type { RunManifest } from '../../src/results/manifest.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { cliPath, repoRoot, runCli } from '../helpers/cli.js';
import { readRecords } from '../run/run-fixtures.js';

/**
 * Four `eval --shard i/4` processes in parallel against one loopback simulator, one of them
 * killed with SIGKILL mid-run and resumed, then `merge`: the same keys, answers and summary
 * figures as one process running the whole dataset. And every set merge must refuse.
 */
const ROWS = 40;
const MODELS = 'qwen3-max,deepseek-chat';
let work: string;
let dataset: string;
let simulator: SimulatorHandle;
const shards = [0, 1, 2, 3].map((index) => `shard-${index}`);
const folder = (name: string): string => join(work, name);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'shard-merge-'));
  // Questions the simulated models know but do not compute, so each answers right at its own accuracy.
  dataset = join(work, 'questions.csv');
  const rows = Array.from(
    { length: ROWS },
    (_, index) => `q${index},Which code word was given to test ${index}?,word-${index}`,
  );
  writeFileSync(dataset, `id,question,answer\n${rows.join('\n')}\n`);
  // Slow enough (tens of ms a request) that a shard can be killed with rows still to go.
  // No simulated prompt cache: a request lost to the kill and sent again on resume would read as cached.
  const profiles = {
    'qwen3-max': { promptCaching: false, accuracy: 0.8 },
    'deepseek-chat': { promptCaching: false, accuracy: 0.6 },
  };
  simulator = await startSimulator({ latencyScale: 0.05, seed: 5, knowledge: [dataset], profiles });
});
afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});

function runArgs(extra: string[]): string[] {
  const common = ['--models', MODELS, '--dataset', dataset, '--repeat', '2', '--no-cache'];
  return ['eval', ...common, '--base-url', simulator.baseUrl, ...extra];
}

function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { env: { MIXROUTER_API_KEY: simulator.apiKey, ...env }, timeoutMs: 90_000 });
}

function manifestOf(name: string): RunManifest {
  return JSON.parse(readFileSync(join(folder(name), 'run.json'), 'utf8')) as RunManifest;
}

async function latest(name: string): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  for await (const record of latestRecords(join(folder(name), 'results.jsonl'))) records.push(record);
  return records;
}

/** summary.json without what depends on timing or on where the folder is. */
function figures(name: string): unknown {
  const summary = JSON.parse(readFileSync(join(folder(name), 'summary.json'), 'utf8')) as unknown;
  return JSON.parse(JSON.stringify(summary, (key, value) => (/latency|ttft|^folder$/.test(key) ? undefined : value)));
}

/** Shard 1 with one request at a time, killed with SIGKILL once a few rows are written. */
async function killedShard(): Promise<number> {
  const child = spawn(
    process.execPath,
    [cliPath, ...runArgs(['--shard', '1/4', '--concurrency', '1', '--out', folder(shards[1])])],
    {
      cwd: repoRoot,
      env: { ...process.env, MIXROUTER_API_KEY: simulator.apiKey, MIXROUTER_BASE_URL: undefined },
      stdio: 'ignore',
    },
  );
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  for (let waited = 0; waited < 30_000; waited += 5) {
    if (readRecords(folder(shards[1])).length >= 4) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  expect(await closed).toBe('SIGKILL');
  return readRecords(folder(shards[1])).length;
}

describe('four shards, one killed and resumed, then merged', () => {
  beforeAll(async () => {
    const [single, killedAt, ...others] = await Promise.all([
      cli(runArgs(['--out', folder('single')])),
      killedShard(),
      cli(runArgs(['--shard', '0/4', '--out', folder(shards[0])])),
      cli(runArgs(['--shard', '2/4', '--concurrency', '4', '--out', folder(shards[2])])),
      // A Kubernetes Indexed Job's pod: the index from JOB_COMPLETION_INDEX.
      cli(runArgs(['--shard', 'auto/4', '--out', folder(shards[3])]), { JOB_COMPLETION_INDEX: '3' }),
    ]);
    expect(single.code, single.stderr).toBe(0);
    for (const other of others) expect(other.code, other.stderr).toBe(0);
    // Killed mid-run: some of its rows written, not all of them.
    expect(killedAt).toBeGreaterThanOrEqual(4);
    expect(killedAt).toBeLessThan(manifestOf(shards[1]).counts.planned);
    const resumed = await cli(['eval', '--resume', folder(shards[1]), '--base-url', simulator.baseUrl]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const merged = await cli(['merge', ...shards.map(folder), '--out', folder('merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('Merged 4 of 4 shards');
  }, 120_000);

  it('records the shard and one fingerprint in every shard, and the shards in the merged run.json', () => {
    const manifests = shards.map(manifestOf);
    expect(manifests.map((manifest) => manifest.shard)).toEqual([0, 1, 2, 3].map((index) => ({ index, count: 4 })));
    const fingerprints = new Set(manifests.map((manifest) => manifest.fingerprint));
    expect(fingerprints.size).toBe(1);
    expect(manifests[1].events.some((event) => event.type === 'resume')).toBe(true);
    const merged = manifestOf('merged');
    expect(merged.fingerprint).toBe(manifests[0].fingerprint);
    expect(merged.shard).toBeUndefined();
    expect(merged.merged?.shards.map((shard) => shard.index)).toEqual([0, 1, 2, 3]);
    expect(merged.merged?.missing).toEqual([]);
    expect(merged.status).toBe('completed');
    // The unsharded run asked the same things: its fingerprint is the same.
    expect(manifestOf('single').fingerprint).toBe(merged.fingerprint);
  });

  it('gives the keys, answers and summary figures of the single-process run', async () => {
    const single = await latest('single');
    const merged = await latest('merged');
    expect(single).toHaveLength(ROWS * 2 * 2);
    expect(merged.map((record) => record.key).sort()).toEqual(single.map((record) => record.key).sort());
    const answers = new Map(single.map((record) => [record.key, [record.status, record.answer]]));
    for (const record of merged) expect([record.status, record.answer]).toEqual(answers.get(record.key));
    expect(figures('merged')).toEqual(figures('single'));
    const csv = readFileSync(join(folder('merged'), 'results.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(ROWS * 4 + 1);
  });

  it('keeps every repeat of a row in the shard of its row, and splits the rows between all four', async () => {
    const shardOfItem = new Map<string, number>();
    for (const [index, name] of shards.entries()) {
      const records = await latest(name);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        expect(shardOfItem.get(record.item) ?? index).toBe(index);
        shardOfItem.set(record.item, index);
      }
    }
    expect(shardOfItem.size).toBe(ROWS);
  });

  it('gates the merged run like eval: --baseline and --min-score', async () => {
    const same = await cli(['merge', ...shards.map(folder), '--out', folder('gated'), '--baseline', folder('single')]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/baseline|Baseline/);
    const floor = await cli(['merge', ...shards.map(folder), '--out', folder('floor'), '--min-score', '0.999']);
    expect(floor.code).toBe(1);
    expect(floor.stderr).toContain('min-score');
  });

  it('refuses shards of another run (exit 7), naming the folder', async () => {
    cpSync(folder(shards[2]), folder('other-run'), { recursive: true });
    const manifest = manifestOf('other-run');
    writeFileSync(join(folder('other-run'), 'run.json'), JSON.stringify({ ...manifest, fingerprint: 'f'.repeat(32) }));
    const result = await cli([
      'merge',
      folder(shards[0]),
      folder(shards[1]),
      folder('other-run'),
      folder(shards[3]),
      '--out',
      folder('x7'),
    ]);
    expect(result.code).toBe(7);
    expect(result.stderr).toContain(`${folder('other-run')} belongs to another run`);
    const single = await cli(['merge', folder('single'), ...shards.map(folder), '--out', folder('x7b')]);
    expect(single.code).toBe(7);
    expect(single.stderr).toContain(`${folder('single')} is not a shard`);
  });

  it('refuses the same shard twice and a key in two folders (exit 8)', async () => {
    cpSync(folder(shards[3]), folder('again'), { recursive: true });
    const twice = await cli(['merge', ...shards.map(folder), folder('again'), '--out', folder('x8')]);
    expect(twice.code).toBe(8);
    expect(twice.stderr).toContain(`${folder('again')} and ${folder(shards[3])} both hold shard 3/4`);
    // Shard 2's folder with shard 0's rows in it too: the same rows run twice.
    cpSync(folder(shards[2]), folder('overlap'), { recursive: true });
    const rows = readFileSync(join(folder(shards[0]), 'results.jsonl'), 'utf8');
    writeFileSync(join(folder('overlap'), 'results.jsonl'), rows, { flag: 'a' });
    const overlap = await cli([
      'merge',
      folder(shards[0]),
      folder(shards[1]),
      folder('overlap'),
      folder(shards[3]),
      '--out',
      folder('x8b'),
    ]);
    expect(overlap.code).toBe(8);
    expect(overlap.stderr).toMatch(new RegExp(`is in both ${folder(shards[0])} and ${folder('overlap')}`));
  });

  it('refuses an incomplete set (exit 9), and merges it with --allow-missing, saying what is missing', async () => {
    const three = [shards[0], shards[1], shards[3]].map(folder);
    const refused = await cli(['merge', ...three, '--out', folder('x9')]);
    expect(refused.code).toBe(9);
    expect(refused.stderr).toContain('shard(s) 2/4 missing');
    const allowed = await cli(['merge', ...three, '--out', folder('partial'), '--allow-missing']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain('2/4 missing');
    expect(allowed.stdout).toContain('Merged 3 of 4 shards');
    expect(manifestOf('partial').merged?.missing).toEqual([2]);
    const expected = (await Promise.all(three.map((_, at) => latest([shards[0], shards[1], shards[3]][at])))).flat();
    expect((await latest('partial')).length).toBe(expected.length);
  });
});

describe('--shard before any request', () => {
  it.each([
    ['4/4', '--shard'],
    ['-1/2', '--shard'],
    ['a/b', '--shard'],
    ['0/0', '--shard'],
    ['auto/4', 'JOB_COMPLETION_INDEX, which is not set'],
  ])('refuses %s with exit 2, sending nothing', async (value, message) => {
    const before = simulator.ledger.count();
    const result = await cli(runArgs([`--shard=${value}`, '--out', folder(`bad-${value.replace(/\W/g, '_')}`)]));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(simulator.ledger.count()).toBe(before);
  });

  it("shows the shard's share in the dry run", async () => {
    const result = await cli(runArgs(['--shard', '1/4', '--dry-run']));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`Shard 1/4: \\d+ of ${ROWS} rows \\([\\d.]+%\\), \\d+ of ${ROWS * 4} requests`),
    );
  });

  it('refuses to resume a shard folder as another shard', async () => {
    const out = folder('resume-other');
    const first = await cli(runArgs(['--shard', '0/2', '--out', out, '--limit', '4']));
    expect(first.code, first.stderr).toBe(0);
    const other = await cli(['eval', '--resume', out, '--shard', '1/2', '--base-url', simulator.baseUrl]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--shard cannot change when resuming');
  });
});
