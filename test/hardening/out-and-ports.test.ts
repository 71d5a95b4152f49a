import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, item 19: a bad --out, a bad dataset under --simulate and a busy port each exit 2, quickly.
const fixture = hardeningFixture('hardening-out-');

describe('a bad --out', () => {
  it.each([
    [
      'an existing file',
      (work: string) => {
        const file = join(work, 'a-file');
        writeFileSync(file, 'x');
        return { out: file, says: 'is a file, not a folder' };
      },
    ],
    [
      'a path under a file',
      (work: string) => {
        const file = join(work, 'another-file');
        writeFileSync(file, 'x');
        return { out: join(file, 'run'), says: 'which is a file' };
      },
    ],
    ['a pseudo filesystem', () => ({ out: '/proc/mixrouter-eval-run', says: 'cannot be written to' })],
    ['an empty string', () => ({ out: '', says: '--out is empty' })],
  ])('%s exits 2 naming the path, before anything is sent', async (_name, make) => {
    const { out, says } = make(fixture.work);
    const started = Date.now();
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('out.csv', 1),
      '--simulate',
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(says);
    if (out !== '') expect(result.stderr).toContain(out);
    expect(result.stderr).not.toContain('Simulated gateway listening');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('a bad dataset under --simulate', () => {
  it("gets the dataset's exit 2 with file and line, not an internal error", async () => {
    const file = join(fixture.work, 'broken.jsonl');
    writeFileSync(file, '{"prompt": "fine"}\n{"prompt": \n');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      file,
      '--simulate',
      '--out',
      join(fixture.work, 'broken'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2: not valid JSON`);
    expect(result.stderr).not.toContain('internal error');
  });
});

describe('simulate --port on a busy port', () => {
  it('exits 2 saying the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runCli(['simulate', '--port', String(port)], { timeoutMs: 10_000 });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });
});
