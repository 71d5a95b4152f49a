import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import { type CliResult, runCli } from '../helpers/cli.js';

/** The key the hardening tests send; it must never appear in what the tool writes. */
export const TEST_KEY = 'hardening-key-7f3a9c';

/** A temporary folder per test file, and the servers a test starts (closed after each test). */
export function hardeningFixture(prefix: string): {
  readonly work: string;
  servers: Array<{ close(): Promise<void> }>;
  dataset(name: string, rows: number): string;
  records(out: string): ResultRecord[];
  evalCli(
    args: string[],
    options?: { env?: Record<string, string | undefined>; timeoutMs?: number },
  ): Promise<CliResult>;
} {
  let work = '';
  const servers: Array<{ close(): Promise<void> }> = [];
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    get work() {
      return work;
    },
    servers,
    dataset(name, rows) {
      const file = join(work, name);
      const lines = [
        'id,question,answer',
        ...Array.from({ length: rows }, (_, index) => `q${index},What is ${index} + 1?,${index + 1}`),
      ];
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    },
    records(out) {
      return readFileSync(join(out, 'results.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as ResultRecord);
    },
    evalCli(args, options = {}) {
      return runCli(['eval', ...args], {
        env: { MIXROUTER_API_KEY: TEST_KEY, ...options.env },
        timeoutMs: options.timeoutMs,
      });
    },
  };
}
