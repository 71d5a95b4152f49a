import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, item 20: repeated ids, a model whose rows all failed, timeouts, redirects and the printed resume command.
const fixture = hardeningFixture('hardening-rows-');

describe('a dataset that repeats an id', () => {
  it('gets a warning with both line numbers, and junit.xml keeps every test case name unique', async () => {
    const file = join(fixture.work, 'ids.csv');
    writeFileSync(file, 'id,question,answer\nq1,What is 1 + 1?,2\nq2,What is 2 + 2?,4\nq1,What is 3 + 3?,6\n');
    const out = join(fixture.work, 'ids');
    const result = await fixture.evalCli(['--models', 'm', '--dataset', file, '--simulate', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`warning: ${file}: 1 row(s) repeat an id: 'q1' on lines 2 and 4`);
    const names = [...readFileSync(join(out, 'junit.xml'), 'utf8').matchAll(/<testcase [^>]*name="([^"]*)"/g)].map(
      (match) => match[1],
    );
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
  });
});

describe('a model whose rows all failed', () => {
  it('shows - for every latency figure', async () => {
    const server = await startScriptedServer((_request, response) =>
      replyJson(response, 400, { error: { message: 'no', type: 'invalid_request_error', code: null } }),
    );
    fixture.servers.push(server);
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('failing.csv', 3),
      '--base-url',
      server.baseUrl,
      '--out',
      join(fixture.work, 'failing'),
      '--no-cache',
      '--max-error-rate',
      '1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const row = result.stdout.split('\n').find((line) => /^m\s/.test(line)) ?? '';
    const cells = row.trim().split(/\s{2,}/);
    // model, rows, ok, errors, score, scored, p50, p90, p99, ttft …
    expect(cells.slice(6, 10)).toEqual(['-', '-', '-', '-']);
  });
});

describe('a request that takes too long or is redirected', () => {
  it('a non-streamed timeout says it timed out, not that a stream stalled', async () => {
    const server = await startScriptedServer(() => undefined);
    fixture.servers.push(server);
    const out = join(fixture.work, 'slow');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('slow.csv', 1),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--timeout',
      '1',
      '--retries',
      '0',
      '--max-error-rate',
      '1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [record] = fixture.records(out);
    expect(record.error?.kind).toBe('timeout');
    expect(record.error?.message).toContain('timed out: no complete response within 1 s');
    expect(record.error?.message).not.toContain('stall');
  });

  it('a non-streamed body that goes silent says it timed out, not that a stream stalled', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": "c", ');
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'silent');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('silent.csv', 1),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--stall-timeout',
      '1',
      '--retries',
      '0',
      '--max-error-rate',
      '1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [record] = fixture.records(out);
    expect(record.error).toMatchObject({ kind: 'timeout' });
    expect(record.error?.message).toContain('timed out: the response body went silent for 1 s');
    expect(record.error?.message).not.toContain('stream');
  });

  it('a redirect is reported as not followed, naming the host it pointed to', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(307, { location: 'https://elsewhere.example/v1/chat/completions' });
      response.end();
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'redirect');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('redirect.csv', 1),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--max-error-rate',
      '1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(fixture.records(out)[0].error?.message).toContain('a redirect to host elsewhere.example, not followed');
  });
});

describe('the printed resume command', () => {
  it('is `npm run eval -- …` when eval was started through npm, and names the flag that hit the budget', async () => {
    const out = join(fixture.work, 'budget');
    const result = await fixture.evalCli(
      [
        '--models',
        'm',
        '--dataset',
        fixture.dataset('budget.csv', 4),
        '--simulate',
        '--out',
        out,
        '--max-requests',
        '1',
        '--concurrency',
        '1',
      ],
      { env: { npm_lifecycle_event: 'eval' } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`npm run eval -- --resume ${out} --max-requests <n>`);
  });
});
