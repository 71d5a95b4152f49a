import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import { chatCompletion, replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, "flags and messages": each case starts the CLI; a refused command sends nothing.
const fixture = hardeningFixture('hardening-flags-');

async function gateway() {
  const server = await startScriptedServer((request, response) =>
    replyJson(response, 200, chatCompletion({ content: '1', model: String(request.body.model) })),
  );
  fixture.servers.push(server);
  return server;
}

describe('a flag that takes one value, given twice', () => {
  it.each([
    ['--system', 'a', 'b'],
    ['--base-url', 'http://127.0.0.1:9/v1', 'http://127.0.0.1:8/v1'],
    ['--temperature', '0', '1'],
    ['--retries', '1', '2'],
    ['--max-tokens', '5', '6'],
  ])('%s exits 2 naming the flag and sends nothing', async (flag, first, second) => {
    const server = await gateway();
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('twice.csv', 1),
      '--base-url',
      server.baseUrl,
      '--no-cache',
      ...(flag === '--base-url' ? [] : [flag, first]),
      flag,
      second,
      ...(flag === '--base-url' ? [flag, first] : []),
      '--out',
      join(fixture.work, `twice${flag}`),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} was given`);
    expect(result.stderr).not.toContain('internal error');
    expect(server.requests).toHaveLength(0);
  });

  it('still lets --models and --dataset repeat', async () => {
    const server = await gateway();
    const result = await fixture.evalCli([
      '--models',
      'a',
      '--models',
      'b',
      '--dataset',
      fixture.dataset('one.csv', 1),
      '--dataset',
      fixture.dataset('two.csv', 1),
      '--base-url',
      server.baseUrl,
      '--no-cache',
      '--out',
      join(fixture.work, 'repeatable'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(4);
  });
});

describe('a number flag given text', () => {
  it('says the text is not a number', async () => {
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('nan.csv', 1),
      '--concurrency',
      'abc',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--concurrency takes a number; 'abc' is not one.");
    expect(result.stderr).not.toContain('NaN');
  });
});

describe('--base-url', () => {
  it('without /v1 works, saying what it used', async () => {
    const server = await gateway();
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('root.csv', 2),
      '--base-url',
      server.origin,
      '--no-cache',
      '--out',
      join(fixture.work, 'root'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${server.origin}/v1 is used`);
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
  });

  it('with a user name and password is refused without echoing the password, and nothing is written', async () => {
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('creds.csv', 1),
      '--base-url',
      'https://alice:s3cret-pass@gateway.example/v1',
      '--out',
      join(fixture.work, 'creds'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('https://***@gateway.example/v1');
    expect(result.stdout + result.stderr).not.toContain('s3cret-pass');
  });

  it('with --simulate is refused: the simulator is its own gateway', async () => {
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('sim.csv', 1),
      '--simulate',
      '--base-url',
      'http://127.0.0.1:9/v1',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--simulate starts its own gateway');
  });
});

describe('--limit and --retry-errors', () => {
  it("--limit for a model not in the run is refused, naming the run's models", async () => {
    const result = await fixture.evalCli([
      '--models',
      'a,b',
      '--dataset',
      fixture.dataset('limit.csv', 1),
      '--limit',
      'c=4c',
      '--simulate',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no model of this run is called c (the run has a, b)');
  });

  it('--retry-errors without --resume is refused', async () => {
    const result = await fixture.evalCli([
      '--models',
      'a',
      '--dataset',
      fixture.dataset('retry.csv', 1),
      '--retry-errors',
      '--simulate',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--retry-errors redoes the error rows of an earlier run');
  });
});

describe('--resume and a run folder that already holds a run', () => {
  it("accepts the run's own --models and --dataset again, refuses a change, and refuses a new run with other settings", async () => {
    const server = await gateway();
    const dataset = fixture.dataset('resume.csv', 3);
    const out = join(fixture.work, 'resume-same');
    const base = ['--models', 'a,b', '--dataset', dataset, '--base-url', server.baseUrl, '--no-cache'];
    expect((await fixture.evalCli([...base, '--out', out])).code).toBe(0);
    const same = await fixture.evalCli(['--resume', out, '--models', 'a,b', '--dataset', dataset]);
    expect(same.code, same.stderr).toBe(0);
    const changed = await fixture.evalCli(['--resume', out, '--models', 'a,c']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('--models cannot change when resuming');
    const mixed = await fixture.evalCli([...base, '--temperature', '0.5', '--out', out]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`--out ${out} holds a run with other settings (--temperature differ)`);
    const again = await fixture.evalCli([...base, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests).toHaveLength(6);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.counts.already_done).toBe(6);
  });
});
