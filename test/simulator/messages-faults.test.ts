import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/simulator/faults.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { parseNamedSse, postMessages } from './responses-named-sse.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
});
afterEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await simulator.close();
});

function only(fault: FaultName, extra: Record<string, number> = {}): void {
  simulator.setFaults({ [fault]: 1, ...extra });
}

function lastEntry() {
  return simulator.ledger.entries[simulator.ledger.entries.length - 1];
}

function ask(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5-20250929',
    max_tokens: 2048,
    messages: [
      {
        role: 'user',
        content: 'Write three paragraphs about the history of tea, its trade routes and how it is brewed.',
      },
    ],
    ...extra,
  };
}

function errorOf(text: string): { type: string; error: { type: string; message: string } } {
  return JSON.parse(text) as { type: string; error: { type: string; message: string } };
}

describe('/v1/messages faults that replace the response', () => {
  it('rateLimit and rateLimitRetryAfter: 429 in the Anthropic envelope, with Retry-After for the second', async () => {
    only('rateLimit');
    const plain = await postMessages(simulator, ask());
    expect(plain.status).toBe(429);
    expect(plain.headers['retry-after']).toBeUndefined();
    expect(errorOf(plain.text)).toMatchObject({
      type: 'error',
      error: { type: 'new_api_error', message: expect.stringMatching(/^您已达到请求数限制/) },
    });
    only('rateLimitRetryAfter', { retryAfterSeconds: 2 });
    const told = await postMessages(simulator, ask());
    expect(told.status).toBe(429);
    expect(told.headers['retry-after']).toBe('2');
  });

  it('overloaded: 529 overloaded_error', async () => {
    only('overloaded');
    const reply = await postMessages(simulator, ask({ stream: true }));
    expect(reply.status).toBe(529);
    expect(errorOf(reply.text).error).toEqual({
      type: 'overloaded_error',
      message: `Overloaded (request id: ${reply.headers['x-oneapi-request-id']})`,
    });
    expect(lastEntry()).toMatchObject({ path: '/v1/messages', status: 529, fault: 'overloaded', usage: null });
  });

  it('serverError, html502 and connectionReset', async () => {
    only('serverError');
    const failed = await postMessages(simulator, ask());
    expect(failed.status).toBe(500);
    expect(errorOf(failed.text).type).toBe('error');
    only('html502');
    const page = await postMessages(simulator, ask());
    expect(page.status).toBe(502);
    expect(page.headers['content-type']).toBe('text/html');
    only('connectionReset');
    await expect(postMessages(simulator, ask())).rejects.toThrow();
    expect(lastEntry()).toMatchObject({ path: '/v1/messages', status: 0, fault: 'connectionReset' });
  });
});

describe('/v1/messages faults inside a 200 response', () => {
  it('inStreamError: an `event: error` overloaded_error and no message_stop', async () => {
    only('inStreamError');
    const reply = await postMessages(simulator, ask({ stream: true }));
    expect(reply.status).toBe(200);
    const events = parseNamedSse(reply.text);
    const last = events[events.length - 1];
    expect(last.event).toBe('error');
    expect(last.json).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining('(request id:') },
    });
    expect(events.map((event) => event.event)).not.toContain('message_stop');
    expect(lastEntry()).toMatchObject({ fault: 'inStreamError', usage: null });
    const plain = await postMessages(simulator, ask());
    expect(plain.status).toBe(200);
    expect(errorOf(plain.text).error.type).toBe('overloaded_error');
  });

  it('truncatedStream: events, then the socket is cut before message_stop', async () => {
    only('truncatedStream');
    const reply = await postMessages(simulator, ask({ stream: true }));
    expect(reply.bodyError).not.toBeNull();
    const names = parseNamedSse(reply.text).map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names).not.toContain('message_stop');
  });

  it('malformedJson: one event with cut JSON, the rest of the stream intact', async () => {
    only('malformedJson');
    const reply = await postMessages(simulator, ask({ stream: true }));
    const events = parseNamedSse(reply.text);
    expect(events.filter((event) => event.json === null)).toHaveLength(1);
    expect(events[events.length - 1].event).toBe('message_stop');
    const plain = await postMessages(simulator, ask());
    expect(() => JSON.parse(plain.text)).toThrow();
  });

  it('stall: message_start and the first block event, then silence until stallMs', async () => {
    only('stall', { stallMs: 50 });
    const reply = await postMessages(simulator, ask({ stream: true }));
    expect(reply.status).toBe(200);
    expect(parseNamedSse(reply.text).map((event) => event.event)).toEqual(['message_start', 'content_block_start']);
  });
});
