import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatCompletion, chatStream, replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, item 13: a huge dataset line and a huge answer end cleanly, within seconds.
const fixture = hardeningFixture('hardening-huge-');

describe('a huge dataset line', () => {
  it('is refused within seconds, naming the line and the limit', async () => {
    const file = join(fixture.work, 'huge.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ prompt: 'hi' })}\n${JSON.stringify({ prompt: 'x'.repeat(50 * 1024 * 1024) })}\n`,
    );
    const started = Date.now();
    const result = await fixture.evalCli(['--models', 'm', '--dataset', file, '--simulate'], { timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2: the line is longer than 33554432 characters`);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('below the limit is read in linear time', async () => {
    const file = join(fixture.work, 'large.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ prompt: 'hi' })}\n${JSON.stringify({ prompt: `${'y'.repeat(20 * 1024 * 1024)} ?` })}\n`,
    );
    const started = Date.now();
    const result = await fixture.evalCli(['--models', 'm', '--dataset', file, '--dry-run'], { timeoutMs: 30_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('an answer over --max-answer-mb', () => {
  it.each([false, true])('becomes a too-large error on its row, not retried (stream: %s)', async (stream) => {
    const huge = 'z'.repeat(6 * 1024 * 1024);
    const server = await startScriptedServer((request, response) => {
      if (request.body.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(chatStream({ pieces: [huge.slice(0, 3_000_000), huge.slice(3_000_000)], done: true }));
        return;
      }
      replyJson(response, 200, chatCompletion({ content: huge }));
    });
    fixture.servers.push(server);
    const out = join(fixture.work, `too-large-${stream}`);
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset(`large-${stream}.csv`, 2),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--max-answer-mb',
      '4',
      '--max-error-rate',
      '1',
      ...(stream ? ['--stream'] : []),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(2);
    for (const record of fixture.records(out)) {
      expect(record).toMatchObject({ status: 'error', attempts: 1, error: { kind: 'too-large' } });
      expect(record.error?.message).toContain('larger than 4 MB (--max-answer-mb)');
    }
  });
});
