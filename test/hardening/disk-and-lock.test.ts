import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import { cliPath, repoRoot } from '../helpers/cli.js';
import { chatCompletion, replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture, TEST_KEY } from './fixtures.js';

// Issue 13, "nothing lost": a full disk, an output that cannot be written, and two processes on one folder.
const fixture = hardeningFixture('hardening-disk-');
const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

async function slowGateway(delayMs: number) {
  const server = await startScriptedServer((request, response) => {
    setTimeout(
      () => replyJson(response, 200, chatCompletion({ content: '1', model: String(request.body.model) })),
      delayMs,
    );
  });
  fixture.servers.push(server);
  return server;
}

/** Runs the CLI as a child, optionally under a file-size limit (what a full disk looks like to a writer: EFBIG). */
function spawnEval(args: string[], options: { fileSizeLimit?: number } = {}) {
  const command = options.fileSizeLimit ? 'prlimit' : process.execPath;
  const prefix = options.fileSizeLimit ? [`--fsize=${options.fileSizeLimit}`, process.execPath] : [];
  const child = spawn(command, [...prefix, cliPath, 'eval', ...args], {
    cwd: repoRoot,
    env: { ...process.env, MIXROUTER_API_KEY: TEST_KEY, MIXROUTER_BASE_URL: undefined } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

function linesOf(out: string): string[] {
  return readFileSync(join(out, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

describe('a results.jsonl that cannot be written any more', () => {
  it.skipIf(!hasPrlimit)(
    'halts the run at once, leaves only complete lines, exits 4, and the resume pays for no finished row again',
    async () => {
      const server = await slowGateway(20);
      const rows = 200;
      const dataset = fixture.dataset('full.csv', rows);
      const out = join(fixture.work, 'full');
      const args = [
        '--models',
        'm',
        '--dataset',
        dataset,
        '--base-url',
        server.baseUrl,
        '--out',
        out,
        '--no-cache',
        '--concurrency',
        '4',
      ];
      const full = await spawnEval(args, { fileSizeLimit: 12_000 }).done;
      expect(full.code, full.stderr).toBe(4);
      expect(full.stderr).toContain(`could not write ${join(out, 'results.jsonl')} (EFBIG`);
      expect(full.stderr).toContain('--resume');
      const kept = linesOf(out);
      for (const line of kept) expect(() => JSON.parse(line)).not.toThrow();
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(rows);
      // Scheduling stopped at once: at most the requests in flight when the write failed went out after it.
      expect(server.requests.length).toBeLessThanOrEqual(kept.length + 1 + 4);
      const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
      expect(manifest.status).toBe('failed');

      const sentBefore = server.requests.length;
      const resumed = await spawnEval(['--resume', out]).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(server.requests.length - sentBefore).toBe(rows - kept.length);
      const keys = linesOf(out).map((line) => (JSON.parse(line) as { key: string }).key);
      expect(new Set(keys).size).toBe(rows);
      expect(keys).toHaveLength(rows);
    },
  );
});

describe('an output that cannot be written', () => {
  it('a report: the run finishes, says which file failed, and exits 5 with results.jsonl complete', async () => {
    const server = await slowGateway(0);
    const out = join(fixture.work, 'report-fails');
    mkdirSync(join(out, 'report.html.tmp'), { recursive: true });
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('report.csv', 3),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
    ]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`could not write ${join(out, 'report.html')} (EISDIR`);
    expect(result.stderr).not.toContain('internal error');
    expect(linesOf(out)).toHaveLength(3);
    expect(existsSync(join(out, 'results.csv'))).toBe(true);
  });

  it('results.csv: exits 5 naming it, before any request is sent', async () => {
    const server = await slowGateway(0);
    const out = join(fixture.work, 'csv-fails');
    mkdirSync(join(out, 'results.csv'), { recursive: true });
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('csv.csv', 3),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
    ]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`could not write ${join(out, 'results.csv')} (EISDIR`);
    expect(server.requests).toHaveLength(0);
  });
});

describe('one process per run folder', () => {
  it('refuses a second process, and takes over the lock of one killed with kill -9, paying for no row twice', async () => {
    const server = await slowGateway(150);
    const rows = 20;
    const dataset = fixture.dataset('lock.csv', rows);
    const out = join(fixture.work, 'locked');
    const first = spawnEval([
      '--models',
      'm',
      '--dataset',
      dataset,
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--concurrency',
      '1',
    ]);
    const lock = join(out, 'run.lock');
    for (
      let waited = 0;
      waited < 10_000 && !(existsSync(join(out, 'results.jsonl')) && linesOf(out).length >= 2);
      waited += 50
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(lock)).toBe(true);
    const second = await spawnEval(['--resume', out]).done;
    expect(second.code).toBe(6);
    expect(second.stderr).toContain(`is in use by another mixrouter-eval process (pid ${first.child.pid}`);
    const again = await spawnEval([
      '--models',
      'm',
      '--dataset',
      dataset,
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
    ]).done;
    expect(again.code).toBe(6);

    first.child.kill('SIGKILL');
    await first.done;
    expect(existsSync(lock)).toBe(true);
    const kept = linesOf(out).length;
    const sentBefore = server.requests.length;
    const resumed = await spawnEval(['--resume', out]).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(server.requests.length - sentBefore).toBe(rows - kept);
    const keys = linesOf(out).map((line) => (JSON.parse(line) as { key: string }).key);
    expect(new Set(keys).size).toBe(rows);
    expect(keys).toHaveLength(rows);
  });
});
