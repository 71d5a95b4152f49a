import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BilledUsage } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';

let simulator: SimulatorHandle;
let client: OpenAI;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
  client = new OpenAI({ apiKey: simulator.apiKey, baseURL: simulator.baseUrl, maxRetries: 0 });
});
afterAll(async () => {
  await simulator.close();
});

type UsageLike = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
};

function lastBilled(): BilledUsage | null {
  const entries = simulator.ledger.entries;
  return entries[entries.length - 1].usage;
}

function asBilled(usage: UsageLike): BilledUsage {
  return {
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    cached: usage.prompt_tokens_details?.cached_tokens ?? 0,
  };
}

const cases: Array<{ model: string; extra: Record<string, unknown>; reasoning: boolean }> = [
  { model: 'gpt-4o-mini', extra: {}, reasoning: false },
  { model: 'deepseek-reasoner', extra: {}, reasoning: true },
  { model: 'qwen3-max', extra: { enable_thinking: true }, reasoning: true },
  { model: 'doubao-seed-1-6-thinking-250715', extra: {}, reasoning: true },
  {
    model: 'claude-sonnet-4-5-20250929',
    extra: { thinking: { type: 'enabled', budget_tokens: 1000 } },
    reasoning: true,
  },
  { model: 'gemini-2.5-flash', extra: { thinking: { type: 'enabled' } }, reasoning: true },
];

describe('the official openai SDK reads the simulator', () => {
  it.each(cases)(
    '$model: plain and streamed replies agree with each other and with the ledger',
    async ({ model, extra, reasoning }) => {
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: `What is 12*(3+4)? (asked of ${model})` },
      ];
      const plain = await client.chat.completions.create({
        model,
        messages,
        ...extra,
      } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
      const message = plain.choices[0].message as (typeof plain.choices)[0]['message'] & { reasoning_content?: string };
      expect(message.content).toContain('84');
      expect(asBilled(plain.usage as UsageLike)).toEqual(lastBilled());
      if (reasoning) expect(message.reasoning_content?.length).toBeGreaterThan(0);
      else expect(message.reasoning_content).toBeUndefined();

      const stream = await client.chat.completions.create({
        model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        ...extra,
      } as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
      let text = '';
      let reasoningText = '';
      let usage: UsageLike | null = null;
      let finish: string | null = null;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta as (typeof choice)['delta'] & { reasoning_content?: string | null };
        if (delta?.content) text += delta.content;
        if (delta?.reasoning_content) reasoningText += delta.reasoning_content;
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage as UsageLike;
      }
      expect(text).toBe(message.content);
      expect(finish).toBe('stop');
      // The gateway adds a lone newline for each Claude signature.
      expect(reasoningText.replace(/\n$/, '')).toBe(message.reasoning_content ?? '');
      expect(usage).not.toBeNull();
      expect(asBilled(usage as UsageLike)).toEqual(lastBilled());
      expect((usage as UsageLike).total_tokens).toBe(
        (usage as UsageLike).prompt_tokens + (usage as UsageLike).completion_tokens,
      );
    },
  );

  it('turns a 429 into the SDK RateLimitError carrying the request id header', async () => {
    simulator.setFaults({ script: ['rateLimit'] });
    const failure = await client.chat.completions
      .create({ model: 'sim-fast', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    const error = failure as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.message).toContain('您已达到请求数限制');
    expect(error.headers?.get('x-oneapi-request-id')).toMatch(/^\d{23}\w{8}$/);
  });

  it('surfaces an in-stream error object as an SDK error', async () => {
    simulator.setFaults({ script: ['inStreamError'] });
    const stream = await client.chat.completions.create({
      model: 'sim-fast',
      messages: [{ role: 'user', content: 'Write a long story about tea.' }],
      stream: true,
    });
    const consume = async (): Promise<void> => {
      for await (const chunk of stream) void chunk;
    };
    await expect(consume()).rejects.toThrow(/stream interrupted/);
  });
});
