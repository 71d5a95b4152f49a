import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/results/manifest.js';
import { chatCompletion, chatStream, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, "the gateway's edges": each case starts the CLI against a loopback server that misbehaves.
const fixture = hardeningFixture('gateway-edges-');

describe('a stream that delivered its finish reason and usage but no [DONE]', () => {
  it('is complete: one request per row, recorded ok with its usage', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(chatStream({ pieces: ['The answer', ' is 2.'], done: false }));
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'no-done');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('no-done.csv', 3),
      '--base-url',
      server.baseUrl,
      '--stream',
      '--out',
      out,
      '--no-cache',
    ]);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    for (const record of fixture.records(out)) {
      expect(record).toMatchObject({
        status: 'ok',
        attempts: 1,
        answer: 'The answer is 2.',
        input_tokens: 9,
        output_tokens: 4,
      });
    }
  });
});

describe('quota exhaustion on a 429', () => {
  it('stops the model with one message instead of retrying, and exits 3', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: { message: 'Your account balance is not enough. Please top up.', type: 'upstream_error', code: null },
        }),
      );
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'quota');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('quota.csv', 20),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--concurrency',
      '1',
    ]);
    expect(result.code).toBe(3);
    expect(server.requests).toHaveLength(1);
    const stops = result.stderr.split('\n').filter((line) => line.includes('quota or balance ran out'));
    expect(stops.length).toBeGreaterThanOrEqual(1);
    const [record] = fixture.records(out);
    expect(record).toMatchObject({ status: 'error', attempts: 1, error: { kind: 'quota', status: 429 } });
  });

  it('keeps a per-minute quota message a rate limit, retried', async () => {
    const server = await startScriptedServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        response.end(
          JSON.stringify({ error: { message: 'Quota exceeded for quota metric requests per minute', code: 429 } }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: '1' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        }),
      );
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'per-minute');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('per-minute.csv', 1),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
    ]);
    expect(result.code).toBe(0);
    expect(fixture.records(out)[0]).toMatchObject({ status: 'ok', attempts: 2 });
  });
});

describe('thinking a route cannot express', () => {
  it('is sent as reasoning_effort on the chat route, and every change is printed once and kept in run.json', async () => {
    const server = await startScriptedServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(chatCompletion({ content: '1', model: String(request.body.model) })));
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'thinking');
    const result = await fixture.evalCli([
      '--models',
      'o3+thinking=4096,o4-mini+thinking',
      '--dataset',
      fixture.dataset('thinking.csv', 2),
      '--base-url',
      server.baseUrl,
      '--temperature',
      '0',
      '--out',
      out,
      '--no-cache',
    ]);
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(request.body.reasoning_effort).toBe('medium');
      expect(request.body).not.toHaveProperty('temperature');
    }
    const budgetNote = 'thinking budget 4096 is sent as reasoning_effort: medium';
    expect(result.stderr.split(budgetNote)).toHaveLength(2);
    expect(result.stderr).toContain('o4-mini+thinking: thinking is sent as reasoning_effort: medium');
    expect(result.stderr).toContain(
      'temperature 0 is not sent: OpenAI reasoning models reject a non-default temperature',
    );
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
    const o3 = manifest.models.find((model) => model.name === 'o3+thinking=4096');
    expect(o3?.effective?.request).toMatchObject({ model: 'o3', reasoning_effort: 'medium' });
    expect(o3?.effective?.request).not.toHaveProperty('temperature');
    expect(o3?.effective?.notes.join('\n')).toContain(budgetNote);
  });
});

describe('a Retry-After longer than the row has left', () => {
  it('fails the row at once with a message quoting it, instead of stalling the run', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '999999' });
      response.end(
        JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } }),
      );
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'retry-after');
    const started = Date.now();
    const result = await fixture.evalCli(
      [
        '--models',
        'm',
        '--dataset',
        fixture.dataset('retry-after.csv', 3),
        '--base-url',
        server.baseUrl,
        '--out',
        out,
        '--no-cache',
      ],
      { timeoutMs: 30_000 },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(3);
    expect(server.requests).toHaveLength(3);
    for (const record of fixture.records(out)) {
      expect(record.error?.kind).toBe('rate-limit');
      expect(record.error?.message).toContain(
        'the gateway asked to wait 999999 s, more than the 600 s --retry-time leaves',
      );
    }
  });
});

describe('reasoning that ate the answer', () => {
  it('is flagged in the summary, skipped in junit and never scored as a wrong answer', async () => {
    const server = await startScriptedServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'r1',
          object: 'chat.completion',
          created: 1,
          model: String(request.body.model),
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: '', reasoning_content: 'Let me think about 1 + 1 at length...' },
              finish_reason: 'length',
            },
          ],
          usage: {
            prompt_tokens: 12,
            completion_tokens: 64,
            total_tokens: 76,
            completion_tokens_details: { reasoning_tokens: 64 },
          },
        }),
      );
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'ate');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('ate.csv', 3),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('m: 3 rows spent the whole token cap on reasoning and gave no answer');
    const scores = readFileSync(join(out, 'scores.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(scores.every((line) => line.passed === null && line.scores.length === 0)).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8').match(/the token cap was spent on reasoning/g)).toHaveLength(3);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Reasoning ate the answer');
  });
});

describe('every billed attempt', () => {
  it('counts toward the row, its cost and the run spend, when a failed attempt reported usage', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const usage = { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 };
      response.end(
        `data: ${JSON.stringify({ id: 's', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content: 'par' }, finish_reason: null }] })}\n\n` +
          `data: ${JSON.stringify({ id: 's', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage })}\n\n` +
          `data: ${JSON.stringify({ error: { message: 'upstream broke', type: 'server_error', code: 'server_error' } })}\n\n`,
      );
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'billed');
    const result = await fixture.evalCli([
      '--models',
      'gpt-4o-mini',
      '--dataset',
      fixture.dataset('billed.csv', 1),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--stream',
      '--retries',
      '2',
      '--max-error-rate',
      '1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(3);
    const [record] = fixture.records(out);
    expect(record).toMatchObject({
      status: 'error',
      attempts: 3,
      billed_input_tokens: 3000,
      billed_output_tokens: 1500,
    });
    // gpt-4o-mini's built-in price: 0.15 USD per 1M input tokens, 0.60 per 1M output.
    expect(record.cost_usd).toBeCloseTo((3 * (1000 * 0.15 + 500 * 0.6)) / 1e6, 10);
    const manifest = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.spent_usd).toBeCloseTo(record.cost_usd ?? 0, 6);
  });
});
