import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BilledUsage } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';

let simulator: SimulatorHandle;
let client: Anthropic;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
  // The SDK adds /v1/messages itself, so its base URL is the origin without /v1.
  client = new Anthropic({ apiKey: simulator.apiKey, baseURL: `http://127.0.0.1:${simulator.port}`, maxRetries: 0 });
});
afterEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await simulator.close();
});

// Not on the SDK's deprecation list, which would print a warning per call.
const model = 'claude-sonnet-4-20250514';

function lastBilled(): BilledUsage | null {
  const entries = simulator.ledger.entries;
  return entries[entries.length - 1].usage;
}

/** The SDK's usage in the ledger's form: billed input = input + cache read + cache creation. */
function asBilled(usage: Anthropic.Usage, reasoning: number): BilledUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  return {
    input: usage.input_tokens + cacheRead + cacheWrite,
    output: usage.output_tokens,
    reasoning,
    cached: cacheRead,
    cacheWrite,
  };
}

function textOf(content: Anthropic.ContentBlock[]): { text: string; thinking: string } {
  let text = '';
  let thinking = '';
  for (const block of content) {
    if (block.type === 'text') text += block.text;
    if (block.type === 'thinking') thinking += block.thinking;
  }
  return { text, thinking };
}

const cases = [
  { name: 'without thinking', extra: {} },
  { name: 'with thinking', extra: { thinking: { type: 'enabled' as const, budget_tokens: 1024 } } },
];

describe('the official Anthropic SDK reads /v1/messages', () => {
  it.each(cases)(
    '$name: create, stream() and create({stream: true}) agree with each other and with the ledger',
    async ({ extra }) => {
      const params: Anthropic.MessageCreateParamsNonStreaming = {
        model,
        max_tokens: 2048,
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'What is 12*(3+4)?' }],
        ...extra,
      };
      const thinks = 'thinking' in extra;
      const plain = await client.messages.create(params);
      const plainText = textOf(plain.content);
      expect(plainText.text).toContain('84');
      expect(plain.stop_reason).toBe('end_turn');
      if (thinks) expect(plainText.thinking.length).toBeGreaterThan(0);
      else expect(plainText.thinking).toBe('');
      const billed = lastBilled();
      expect(asBilled(plain.usage, billed?.reasoning ?? -1)).toEqual(billed);
      expect((billed?.reasoning ?? 0) > 0).toBe(thinks);

      const helper = client.messages.stream(params);
      let streamedThinking = '';
      helper.on('thinking', (delta) => {
        streamedThinking += delta;
      });
      const final = await helper.finalMessage();
      expect(textOf(final.content)).toEqual(plainText);
      expect(streamedThinking).toBe(plainText.thinking);
      expect(final.stop_reason).toBe('end_turn');
      expect(asBilled(final.usage, lastBilled()?.reasoning ?? -1)).toEqual(lastBilled());

      const raw = await client.messages.create({ ...params, stream: true });
      let text = '';
      let thinking = '';
      let inputUsage: Anthropic.Usage | null = null;
      let outputTokens = 0;
      let stopReason: string | null = null;
      for await (const event of raw) {
        if (event.type === 'message_start') inputUsage = event.message.usage;
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
        if (event.type === 'content_block_delta' && event.delta.type === 'thinking_delta')
          thinking += event.delta.thinking;
        if (event.type === 'message_delta') {
          outputTokens = event.usage.output_tokens;
          stopReason = event.delta.stop_reason;
        }
      }
      expect({ text, thinking }).toEqual(plainText);
      expect(stopReason).toBe('end_turn');
      expect(inputUsage).not.toBeNull();
      expect(
        asBilled({ ...(inputUsage as Anthropic.Usage), output_tokens: outputTokens }, lastBilled()?.reasoning ?? -1),
      ).toEqual(lastBilled());
    },
  );

  it('reads cache reads and writes so that input + cache read + cache creation is the billed input', async () => {
    const long = `Summarise these notes: ${'the quarterly figures rose steadily '.repeat(140)}`;
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 1024,
      system: [{ type: 'text', text: 'You are a patient analyst.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: long }],
    };
    const first = await client.messages.create(params);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(asBilled(first.usage, 0)).toEqual(lastBilled());
    const second = await client.messages.stream(params).finalMessage();
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(asBilled(second.usage, 0)).toEqual(lastBilled());
  });

  it('turns a missing max_tokens into BadRequestError and a 529 into OverloadedError', async () => {
    const missing = await client.messages
      .create({
        model,
        messages: [{ role: 'user', content: 'hi' }],
      } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    expect((missing as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    simulator.setFaults({ script: ['overloaded'] });
    const busy = await client.messages
      .create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(Anthropic.OverloadedError);
  });

  it('surfaces an in-stream error event as an SDK error', async () => {
    simulator.setFaults({ script: ['inStreamError'] });
    const stream = client.messages.stream({
      model,
      max_tokens: 2048,
      messages: [{ role: 'user', content: 'Write a long story about tea.' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/overloaded_error|Overloaded/);
  });
});
