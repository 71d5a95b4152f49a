import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { splitForStream } from '../../src/simulator/routes/chat-payloads.js';
import { chat, joinDeltas, parseSse } from './sim-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
});
afterAll(async () => {
  await simulator.close();
});

type Body = Record<string, any>;

async function plain(body: Record<string, unknown>): Promise<Body> {
  const reply = await chat(simulator, body);
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toBe('application/json');
  return JSON.parse(reply.text) as Body;
}

async function streamed(body: Record<string, unknown>): Promise<ReturnType<typeof parseSse> & { text: string }> {
  const reply = await chat(simulator, { ...body, stream: true });
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toBe('text/event-stream');
  expect(reply.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  return { ...parseSse(reply.text), text: reply.text };
}

describe('openai style', () => {
  it('answers gpt-4o-mini with a chatcmpl id, a dated snapshot and the full usage block', async () => {
    const body = await plain({ model: 'gpt-4o-mini', prompt: 'What is 17 + 25?' });
    expect(body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('gpt-4o-mini-2024-07-18');
    expect(body.system_fingerprint).toMatch(/^fp_[0-9a-f]{10}$/);
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', refusal: null, annotations: [] });
    expect(body.choices[0].message.content).toContain('42');
    expect(body.choices[0].finish_reason).toBe('stop');
    const usage = body.usage;
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.prompt_tokens_details).toEqual({ cached_tokens: 0, audio_tokens: 0 });
    expect(usage.completion_tokens_details.reasoning_tokens).toBe(0);
  });

  it('streams a role chunk, null usage on ordinary chunks, a finish chunk, a choices:[] usage chunk and [DONE]', async () => {
    const { json, data } = await streamed({
      model: 'gpt-4o-mini',
      prompt: 'Explain caching briefly.',
      stream_options: { include_usage: true },
    });
    expect(json[0].choices).toEqual([
      { index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
    ]);
    const usageChunk = json[json.length - 1];
    expect(usageChunk.choices).toEqual([]);
    expect((usageChunk.usage as Body).completion_tokens).toBeGreaterThan(0);
    const finish = json[json.length - 2] as Body;
    expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    for (const chunk of json.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(new Set(json.map((chunk) => chunk.id)).size).toBe(1);
    expect(data[data.length - 1]).toBe('[DONE]');
  });

  it('o-series models report reasoning tokens but never reasoning text', async () => {
    const body = await plain({ model: 'o4-mini', prompt: 'Plan a trip.', reasoning_effort: 'high' });
    expect(body.choices[0].message.reasoning_content).toBeUndefined();
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('unknown models answer in the generic OpenAI style, and unknown body fields such as "steam" are ignored', async () => {
    // Request shape from openai-chat.md §1.3 (Claude via OpenAI format, with the `steam` typo).
    const body = await plain({
      model: 'my-private-model',
      steam: false,
      temperature: 0.8,
      top_p: 0.1,
      max_tokens: 300,
      prompt: '1+2+3+4+...+100=?',
    });
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('my-private-model');
    expect(body.choices[0].message.content).toContain('5050');
  });
});

describe('deepseek style', () => {
  it('uses a uuid id, cache hit/miss counts and reasoning_content for deepseek-reasoner', async () => {
    const body = await plain({ model: 'deepseek-reasoner', prompt: 'Is 5050 prime?' });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.system_fingerprint).toMatch(/^fp_.*_prod0820_fp8_kvcache$/);
    expect(typeof body.choices[0].message.reasoning_content).toBe('string');
    const usage = body.usage;
    expect(usage.prompt_cache_hit_tokens + usage.prompt_cache_miss_tokens).toBe(usage.prompt_tokens);
    expect(usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('thinks for deepseek-chat only with thinking enabled', async () => {
    const off = await plain({ model: 'deepseek-chat', prompt: 'Name a colour.' });
    expect(off.choices[0].message.reasoning_content).toBeUndefined();
    expect(off.usage.completion_tokens_details).toBeUndefined();
    // Request shape from openai-chat.md §1.3 (DeepSeek with thinking).
    const on = await plain({ model: 'deepseek-chat', prompt: 'Name a colour.', thinking: { type: 'enabled' } });
    expect(on.choices[0].message.reasoning_content.length).toBeGreaterThan(0);
  });

  it('streams keep-alive comments, reasoning before content, and usage on the finish chunk', async () => {
    const { json, comments } = await streamed({ model: 'deepseek-reasoner', prompt: 'Is 5050 prime?' });
    expect(comments).toContain(': keep-alive');
    expect(json[0].choices).toEqual([
      {
        index: 0,
        delta: { role: 'assistant', content: null, reasoning_content: '' },
        logprobs: null,
        finish_reason: null,
      },
    ]);
    const finish = json[json.length - 1] as Body;
    expect(finish.choices[0].finish_reason).toBe('stop');
    expect(finish.usage.prompt_cache_miss_tokens).toBeGreaterThan(0);
    expect(json.filter((chunk) => (chunk.choices as unknown[]).length === 0)).toHaveLength(0);
    const reasoning = joinDeltas(json, 'reasoning_content');
    const firstContent = json.findIndex(
      (chunk) =>
        typeof (chunk as Body).choices[0].delta.content === 'string' && (chunk as Body).choices[0].delta.content !== '',
    );
    const lastReasoning = json.findLastIndex(
      (chunk) =>
        typeof (chunk as Body).choices[0].delta.reasoning_content === 'string' &&
        (chunk as Body).choices[0].delta.reasoning_content !== '',
    );
    expect(reasoning.length).toBeGreaterThan(0);
    expect(lastReasoning).toBeLessThan(firstContent);
  });

  it('reports cached tokens when the same prompt comes again', async () => {
    const request = { model: 'deepseek-chat', prompt: 'A prompt that will be repeated for the cache test.' };
    const first = await plain(request);
    const second = await plain(request);
    expect(first.usage.prompt_cache_hit_tokens).toBe(0);
    expect(second.usage.prompt_cache_hit_tokens).toBeGreaterThan(0);
    expect(second.usage.prompt_tokens_details.cached_tokens).toBe(second.usage.prompt_cache_hit_tokens);
  });
});

describe('qwen style', () => {
  it('thinks with enable_thinking and sends usage in a choices:[] chunk', async () => {
    // Request shape from openai-chat.md §1.3 (Qwen with thinking).
    const { json } = await streamed({ model: 'qwen3-max', enable_thinking: true, prompt: '1+2+3+。。。。+100=?' });
    expect(json[0].id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect(json[0].system_fingerprint).toBeNull();
    expect(joinDeltas(json, 'reasoning_content').length).toBeGreaterThan(0);
    expect(joinDeltas(json, 'content')).toContain('5050');
    const last = json[json.length - 1] as Body;
    expect(last.choices).toEqual([]);
    expect(last.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('puts choices first in non-streamed bodies and has no reasoning without the switch', async () => {
    const reply = await chat(simulator, { model: 'qwen3-max', prompt: 'Hello' });
    expect(reply.text.startsWith('{"choices"')).toBe(true);
    expect(JSON.parse(reply.text).choices[0].message.reasoning_content).toBeUndefined();
  });
});

describe('doubao style', () => {
  it('answers thinking models with an Ark id, service_tier and reasoning_content', async () => {
    // Request shape from openai-chat.md §1.3 (Doubao thinking model).
    const body = await plain({ model: 'doubao-seed-1-6-thinking-250715', prompt: '1+2+3+。。。。+100=?' });
    expect(body.id).toMatch(/^02\d{13}[0-9a-f]+$/);
    expect(body.service_tier).toBe('default');
    expect(body.choices[0].message.reasoning_content.length).toBeGreaterThan(0);
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });
});

describe('claude via openai', () => {
  it('keeps the msg_ id and prints the new-api usage block with zero-filled extras', async () => {
    const body = await plain({ model: 'claude-sonnet-4-5-20250929', prompt: 'Hello there' });
    expect(body.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    expect(body.system_fingerprint).toBeUndefined();
    expect(body.choices[0].logprobs).toBeUndefined();
    expect(body.usage).toMatchObject({
      input_tokens: 0,
      output_tokens: 0,
      input_tokens_details: null,
      claude_cache_creation_5_m_tokens: 0,
      claude_cache_creation_1_h_tokens: 0,
      output_tokens_details: { text_tokens: 0, audio_tokens: 0, reasoning_tokens: 0 },
    });
  });

  it('streams reasoning with the lone newline the gateway makes of signatures', async () => {
    const { json } = await streamed({
      model: 'claude-sonnet-4-5',
      prompt: 'Think about tea.',
      reasoning_effort: 'low',
    });
    const deltas = json.flatMap((chunk) => (chunk.choices as Body[]).map((choice) => choice.delta.reasoning_content));
    expect(deltas).toContain('\n');
    expect((json[json.length - 1] as Body).usage.claude_cache_creation_5_m_tokens).toBe(0);
  });
});

describe('gemini via openai', () => {
  it('uses a chatcmpl-toio id and hides thought text unless thinking is requested', async () => {
    const hidden = await plain({ model: 'gemini-2.5-pro', prompt: 'Is 5050 prime?' });
    expect(hidden.id).toMatch(/^chatcmpl-toio\d{23}[A-Za-z0-9]{7}$/);
    expect(hidden.choices[0].message.reasoning_content).toBeUndefined();
    expect(hidden.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(hidden.usage.claude_cache_creation_5_m_tokens).toBeUndefined();
    // Request shape from openai-chat.md §1.3 (Gemini with thinking).
    const shown = await plain({ model: 'gemini-2.5-pro', thinking: { type: 'enabled' }, prompt: 'Is 5050 prime?' });
    expect(shown.choices[0].message.reasoning_content.length).toBeGreaterThan(0);
  });
});

describe('usage in streams', () => {
  it('sends usage without stream_options by default and not when include_usage is false', async () => {
    const asGateway = await streamed({ model: 'gpt-4o-mini', prompt: 'Hi' });
    expect(asGateway.json.some((chunk) => chunk.usage)).toBe(true);
    const refused = await streamed({ model: 'gpt-4o-mini', prompt: 'Hi', stream_options: { include_usage: false } });
    expect(refused.json.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it("follows OpenAI when usageWhenNotAsked is 'openai'", async () => {
    const strict = await startSimulator({ latencyScale: 0, usageWhenNotAsked: 'openai' });
    try {
      const reply = await chat(strict, { model: 'qwen3-max', prompt: 'Hi', stream: true });
      expect(parseSse(reply.text).json.some((chunk) => chunk.usage)).toBe(false);
      const asked = await chat(strict, {
        model: 'qwen3-max',
        prompt: 'Hi',
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(parseSse(asked.text).json.some((chunk) => chunk.usage)).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('cuts the answer at max_tokens with finish_reason length', async () => {
    const body = await plain({
      model: 'gpt-4o-mini',
      prompt: 'Tell me about the history of tea in detail.',
      max_tokens: 5,
    });
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(5);
  });
});

describe('paced streams', () => {
  it('splits a long answer into a bounded number of chunks', () => {
    const text = 'word '.repeat(400);
    const pieces = splitForStream(text, 500);
    expect(pieces.length).toBeGreaterThanOrEqual(10);
    expect(pieces.length).toBeLessThanOrEqual(30);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(splitForStream('😀😀😀', 3).every((piece) => !/^[\udc00-\udfff]/.test(piece.text))).toBe(true);
  });

  it('delivers the same answer with latency switched on as without', async () => {
    const slow = await startSimulator({ latencyScale: 0.02 });
    try {
      const request = { model: 'sim-reasoner', prompt: 'Describe a calm lake at dawn.' };
      const fast = await plain(request);
      const reply = await chat(slow, { ...request, stream: true });
      const { json } = parseSse(reply.text);
      expect(joinDeltas(json, 'content')).toBe(fast.choices[0].message.content);
      expect(joinDeltas(json, 'reasoning_content')).toBe(fast.choices[0].message.reasoning_content);
      const delayedPlain = JSON.parse((await chat(slow, request)).text);
      expect(delayedPlain.choices[0].message.content).toBe(fast.choices[0].message.content);
    } finally {
      await slow.close();
    }
  });
});
