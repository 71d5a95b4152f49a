import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { parseNamedSse, postMessages } from './responses-named-sse.js';
import { call } from './sim-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
});
afterAll(async () => {
  await simulator.close();
});

const model = 'claude-sonnet-4-5-20250929';
const thinking = { type: 'enabled', budget_tokens: 1024 };

type Block = { type: string; text?: string; thinking?: string; signature?: string };
type Usage = {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
};
type MessageBody = {
  id: string;
  type: string;
  role: string;
  model: string;
  content: Block[];
  stop_reason: string;
  usage: Usage & Record<string, unknown>;
};

function lastEntry() {
  return simulator.ledger.entries[simulator.ledger.entries.length - 1];
}

function ask(prompt: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, max_tokens: 2048, messages: [{ role: 'user', content: prompt }], ...extra };
}

function errorOf(text: string): { type: string; error: { type: string; message: string } } {
  return JSON.parse(text) as { type: string; error: { type: string; message: string } };
}

describe('POST /v1/messages (plain)', () => {
  // Request and response shape: anthropic-messages.md §1.3 and §2 (mixrouter example).
  it('answers x-api-key requests with a text block, end_turn and the gateway usage keys', async () => {
    const reply = await postMessages(simulator, {
      max_tokens: 1024,
      messages: [{ content: 'What is 12*(3+4)?', role: 'user' }],
      model,
    });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.text) as MessageBody;
    expect(body).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'end_turn' });
    expect(body.id).toMatch(/^msg_01\w{22}$/);
    expect(body.content).toEqual([{ type: 'text', text: expect.stringContaining('84') }]);
    expect(Object.keys(body.usage)).toEqual([
      'input_tokens',
      'cache_creation_input_tokens',
      'cache_read_input_tokens',
      'output_tokens',
      'claude_cache_creation_5_m_tokens',
      'claude_cache_creation_1_h_tokens',
    ]);
    expect(lastEntry()).toMatchObject({ path: '/v1/messages', model, stream: false, status: 200 });
    expect(lastEntry().usage).toEqual({
      input: body.usage.input_tokens,
      output: body.usage.output_tokens,
      reasoning: 0,
      cached: 0,
      cacheWrite: 0,
    });
  });

  it('accepts Bearer auth without anthropic-version, and refuses a wrong x-api-key in the Anthropic envelope', async () => {
    const bearer = await call(simulator, { path: '/v1/messages', body: ask('Say hello.') });
    expect(bearer.status).toBe(200);
    const wrong = await postMessages(simulator, ask('Say hello.'), { 'x-api-key': 'wrong-key' });
    expect(wrong.status).toBe(401);
    const error = errorOf(wrong.text);
    expect(error.type).toBe('error');
    expect(error.error).toEqual({
      type: 'new_api_error',
      message: `无效的令牌 (request id: ${wrong.headers['x-oneapi-request-id']})`,
    });
  });

  it('puts the top-level system prompt into the prompt', async () => {
    const bare = JSON.parse((await postMessages(simulator, ask('Name a fruit.'))).text) as MessageBody;
    const withSystem = JSON.parse(
      (await postMessages(simulator, ask('Name a fruit.', { system: 'You are a grocer who answers in one word.' })))
        .text,
    ) as MessageBody;
    expect(withSystem.usage.input_tokens).toBeGreaterThan(bare.usage.input_tokens);
  });

  it('returns a signed thinking block before the text when thinking is enabled, and counts it in output_tokens', async () => {
    const body = JSON.parse((await postMessages(simulator, ask('What is 6*7?', { thinking }))).text) as MessageBody;
    expect(body.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(body.content[0].thinking?.length).toBeGreaterThan(0);
    expect(body.content[0].signature).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(body.content[1].text).toContain('42');
    expect('reasoning_tokens' in body.usage).toBe(false);
    const billed = lastEntry().usage;
    expect(billed?.reasoning).toBeGreaterThan(0);
    expect(billed?.output).toBe(body.usage.output_tokens);
    expect(body.usage.output_tokens).toBeGreaterThan(billed?.reasoning ?? 0);

    const disabled = JSON.parse(
      (await postMessages(simulator, ask('What is 6*7?', { thinking: { type: 'disabled' } }))).text,
    ) as MessageBody;
    expect(disabled.content.map((block) => block.type)).toEqual(['text']);
    const alwaysThinks = {
      ...ask('What is 6*7?', { thinking: { type: 'disabled' } }),
      model: 'claude-sonnet-thinking',
    };
    const switchedOff = JSON.parse((await postMessages(simulator, alwaysThinks)).text) as MessageBody;
    expect(switchedOff.content.map((block) => block.type)).toEqual(['text']);
    expect(lastEntry().usage?.reasoning).toBe(0);
  });

  it('stops with max_tokens when the cap is reached', async () => {
    const body = JSON.parse(
      (await postMessages(simulator, ask('Write three paragraphs about the history of tea.', { max_tokens: 8 }))).text,
    ) as MessageBody;
    expect(body.stop_reason).toBe('max_tokens');
    expect(body.usage.output_tokens).toBeLessThanOrEqual(8);
    expect(body.content[0].text?.length).toBeGreaterThan(0);
  });
});

describe('prompt caching on /v1/messages', () => {
  const cached = (prompt: string) => ({
    model,
    max_tokens: 1024,
    system: [{ type: 'text', text: 'You are a patient tutor.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: prompt }],
  });

  it('reads a repeated prompt from the cache, leaving it out of input_tokens', async () => {
    const first = JSON.parse(
      (await postMessages(simulator, cached('Explain photosynthesis briefly.'))).text,
    ) as MessageBody;
    expect(first.usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    const second = JSON.parse(
      (await postMessages(simulator, cached('Explain photosynthesis briefly.'))).text,
    ) as MessageBody;
    expect(second.usage.cache_read_input_tokens).toBeGreaterThan(0);
    expect(second.usage.input_tokens + second.usage.cache_read_input_tokens).toBe(first.usage.input_tokens);
    const billed = lastEntry().usage;
    expect(billed).toMatchObject({ cached: second.usage.cache_read_input_tokens, cacheWrite: 0 });
    expect(billed?.input).toBe(
      second.usage.input_tokens + second.usage.cache_read_input_tokens + second.usage.cache_creation_input_tokens,
    );
  });

  it('writes a long prompt to the cache on first sight and reads it back on repeat', async () => {
    const long = `Summarise these notes: ${'the quarterly figures rose steadily '.repeat(140)}`;
    const first = JSON.parse((await postMessages(simulator, cached(long))).text) as MessageBody;
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.claude_cache_creation_5_m_tokens).toBe(first.usage.cache_creation_input_tokens);
    const firstBilled = lastEntry().usage;
    expect(firstBilled).toMatchObject({ cached: 0, cacheWrite: first.usage.cache_creation_input_tokens });
    expect(firstBilled?.input).toBe(first.usage.input_tokens + first.usage.cache_creation_input_tokens);
    const second = JSON.parse((await postMessages(simulator, cached(long))).text) as MessageBody;
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
    expect(simulator.ledger.summary().usage.cacheWrite).toBeGreaterThanOrEqual(first.usage.cache_creation_input_tokens);
  });

  it('does not cache without cache_control on a model whose profile has no prompt caching', async () => {
    await postMessages(simulator, ask('Explain tides briefly.'));
    const again = JSON.parse((await postMessages(simulator, ask('Explain tides briefly.'))).text) as MessageBody;
    expect(again.usage.cache_read_input_tokens).toBe(0);
  });
});

describe('POST /v1/messages validation', () => {
  it('requires max_tokens: 400 invalid_request_error in the Anthropic envelope', async () => {
    const reply = await postMessages(simulator, { model, messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.status).toBe(400);
    const error = errorOf(reply.text);
    expect(error.type).toBe('error');
    expect(error.error.type).toBe('invalid_request_error');
    expect(error.error.message).toMatch(/^max_tokens: Field required \(request id: \w+\)$/);
    expect(lastEntry()).toMatchObject({ path: '/v1/messages', model, status: 400, usage: null });
  });

  it('checks the thinking budget: at least 1024 and below max_tokens', async () => {
    const small = await postMessages(simulator, ask('hi', { thinking: { type: 'enabled', budget_tokens: 1000 } }));
    expect(small.status).toBe(400);
    expect(errorOf(small.text).error.message).toContain('budget_tokens');
    const large = await postMessages(
      simulator,
      ask('hi', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 2048 } }),
    );
    expect(large.status).toBe(400);
    expect(errorOf(large.text).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('max_tokens'),
    });
  });

  it('rejects a system role inside messages', async () => {
    const reply = await postMessages(simulator, {
      model,
      max_tokens: 64,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply.text).error.message).toContain('messages.0.role');
  });
});

describe('POST /v1/messages (stream)', () => {
  // Event ladder: anthropic-messages.md §3.
  it('plays message_start, a thinking block with its signature, a text block, ping, message_delta and message_stop', async () => {
    const reply = await postMessages(simulator, ask('What is 12*(3+4)?', { thinking, stream: true }));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/event-stream');
    const events = parseNamedSse(reply.text);
    expect(events.every((event) => event.json !== null && event.json.type === event.event)).toBe(true);
    expect(reply.text).not.toContain('[DONE]');
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names).toContain('ping');
    const start = events[0].json?.message as { usage: Usage; content: unknown[] };
    expect(start.content).toEqual([]);
    expect(start.usage.output_tokens).toBe(1);
    const deltas = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => event.json as { index: number; delta: Record<string, string> });
    const thinkingText = deltas
      .filter((event) => event.delta.type === 'thinking_delta')
      .map((event) => event.delta.thinking)
      .join('');
    const text = deltas
      .filter((event) => event.delta.type === 'text_delta')
      .map((event) => event.delta.text)
      .join('');
    expect(thinkingText.length).toBeGreaterThan(0);
    expect(text).toContain('84');
    expect(deltas.filter((event) => event.delta.type === 'signature_delta')).toHaveLength(1);
    expect(
      new Set(deltas.filter((event) => event.delta.type === 'thinking_delta').map((event) => event.index)),
    ).toEqual(new Set([0]));
    expect(new Set(deltas.filter((event) => event.delta.type === 'text_delta').map((event) => event.index))).toEqual(
      new Set([1]),
    );
    const messageDelta = events[events.length - 2].json as { delta: { stop_reason: string }; usage: Usage };
    expect(messageDelta.delta.stop_reason).toBe('end_turn');
    const billed = lastEntry().usage;
    expect(lastEntry()).toMatchObject({ path: '/v1/messages', stream: true, status: 200 });
    expect(messageDelta.usage.output_tokens).toBe(billed?.output);
    expect(
      start.usage.input_tokens + start.usage.cache_read_input_tokens + start.usage.cache_creation_input_tokens,
    ).toBe(billed?.input);
  });

  it('reports max_tokens as the stop reason of a capped stream', async () => {
    const reply = await postMessages(
      simulator,
      ask('Write three paragraphs about the history of tea.', { max_tokens: 8, stream: true }),
    );
    const events = parseNamedSse(reply.text);
    const messageDelta = events.find((event) => event.event === 'message_delta')?.json as {
      delta: { stop_reason: string };
      usage: Usage;
    };
    expect(messageDelta.delta.stop_reason).toBe('max_tokens');
    expect(messageDelta.usage.output_tokens).toBeLessThanOrEqual(8);
  });
});
