import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/simulator/faults.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { parseNamedSse, postResponses } from './responses-named-sse.js';

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
    model: 'gpt-4o-mini',
    input: 'Write three paragraphs about the history of tea, its trade routes and how it is brewed.',
    ...extra,
  };
}

describe('/v1/responses faults that replace the response', () => {
  it('rateLimit, rateLimitRetryAfter, serverError and overloaded in the OpenAI envelope', async () => {
    only('rateLimit');
    const limited = await postResponses(simulator, ask());
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text).error.code).toBe('rate_limit_exceeded');
    only('rateLimitRetryAfter', { retryAfterSeconds: 4 });
    const told = await postResponses(simulator, ask({ stream: true }));
    expect(told.status).toBe(429);
    expect(told.headers['retry-after']).toBe('4');
    only('serverError');
    const failed = await postResponses(simulator, ask());
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.text).error.code).toBe('do_request_failed');
    only('overloaded');
    const busy = await postResponses(simulator, ask());
    expect(busy.status).toBe(529);
    expect(JSON.parse(busy.text).error.type).toBe('overloaded_error');
    expect(lastEntry()).toMatchObject({ path: '/v1/responses', status: 529, fault: 'overloaded', usage: null });
  });

  it('html502 and connectionReset', async () => {
    only('html502');
    const page = await postResponses(simulator, ask());
    expect(page.status).toBe(502);
    expect(page.text).toContain('502 Bad Gateway');
    only('connectionReset');
    await expect(postResponses(simulator, ask())).rejects.toThrow();
    expect(lastEntry()).toMatchObject({ path: '/v1/responses', status: 0, fault: 'connectionReset', usage: null });
  });
});

describe('/v1/responses faults inside a 200 response', () => {
  it('inStreamError: an `error` event with a later sequence number and no terminal event', async () => {
    only('inStreamError');
    const reply = await postResponses(simulator, ask({ stream: true }));
    expect(reply.status).toBe(200);
    const events = parseNamedSse(reply.text);
    const last = events[events.length - 1];
    expect(last.event).toBe('error');
    expect(last.json).toMatchObject({
      type: 'error',
      code: 'server_error',
      message: expect.stringContaining('(request id:'),
      param: null,
    });
    const numbers = events.map((event) => Number(event.json?.sequence_number));
    expect(numbers.every((number, index) => index === 0 || number > numbers[index - 1])).toBe(true);
    expect(events.map((event) => event.event)).not.toContain('response.completed');
    expect(lastEntry()).toMatchObject({ fault: 'inStreamError', usage: null });
  });

  it('inStreamError on a plain request: a 200 response object with status failed', async () => {
    only('inStreamError');
    const reply = await postResponses(simulator, ask());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({
      object: 'response',
      status: 'failed',
      output: [],
      usage: null,
      error: { code: 'server_error' },
    });
  });

  it('truncatedStream: events, then the socket is cut before response.completed', async () => {
    only('truncatedStream');
    const reply = await postResponses(simulator, ask({ stream: true }));
    expect(reply.bodyError).not.toBeNull();
    const names = parseNamedSse(reply.text).map((event) => event.event);
    expect(names.slice(0, 2)).toEqual(['response.created', 'response.in_progress']);
    expect(names).not.toContain('response.completed');
    only('truncatedStream');
    const plain = await postResponses(simulator, ask());
    expect(plain.bodyError).not.toBeNull();
  });

  it('malformedJson: one event with cut JSON, then the stream goes on to response.completed', async () => {
    only('malformedJson');
    const reply = await postResponses(simulator, ask({ stream: true }));
    const events = parseNamedSse(reply.text);
    expect(events.filter((event) => event.json === null)).toHaveLength(1);
    expect(events[events.length - 1].event).toBe('response.completed');
    expect(lastEntry().usage).not.toBeNull();
  });

  it('stall: the opening events and one more, then silence until stallMs', async () => {
    only('stall', { stallMs: 50 });
    const reply = await postResponses(simulator, ask({ stream: true }));
    const names = parseNamedSse(reply.text).map((event) => event.event);
    expect(names).toEqual(['response.created', 'response.in_progress', 'response.output_item.added']);
  });
});
