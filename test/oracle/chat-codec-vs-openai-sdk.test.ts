import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiChatCodec } from '../../src/protocols/openai-chat/index.js';
import type { Call, Completion, Vendor } from '../../src/protocols/types.js';
import { executeAttempt } from '../../src/run/execute-attempt.js';
import { createAgent } from '../../src/run/transport.js';
import { DEFAULT_TIMEOUTS } from '../../src/settings/timeouts.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';

let simulator: SimulatorHandle;
let client: OpenAI;
const agent = createAgent({ connections: 4, timeouts: DEFAULT_TIMEOUTS });

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
  client = new OpenAI({ apiKey: simulator.apiKey, baseURL: simulator.baseUrl, maxRetries: 0 });
});
afterAll(async () => {
  await agent.close();
  await simulator.close();
});

const cases: Array<{ model: string; vendor: Vendor; thinking: boolean }> = [
  { model: 'gpt-4o-mini', vendor: 'openai', thinking: false },
  { model: 'deepseek-reasoner', vendor: 'deepseek', thinking: false },
  { model: 'deepseek-chat', vendor: 'deepseek', thinking: true },
  { model: 'qwen3-max', vendor: 'qwen', thinking: true },
  { model: 'doubao-seed-1-6-thinking-250715', vendor: 'doubao', thinking: false },
  { model: 'claude-sonnet-4-5-20250929', vendor: 'anthropic', thinking: true },
  { model: 'gemini-2.5-flash', vendor: 'google', thinking: true },
];

/** Sends one call with our codec and transport, as the runner does. */
async function ourRead(call: Call): Promise<Completion> {
  const result = await executeAttempt({
    agent,
    codec: openaiChatCodec,
    call,
    endpoint: { baseUrl: simulator.baseUrl, auth: 'bearer' },
    apiKey: simulator.apiKey,
    timeouts: DEFAULT_TIMEOUTS,
    context: { vendor: call.vendor, thinking: call.thinking?.enabled ?? false },
    signal: new AbortController().signal,
    maxBodyBytes: 32 * 1024 * 1024,
  });
  if (!result.outcome.ok) throw new Error(`our codec failed: ${result.outcome.failure.message}`);
  return result.outcome.value;
}

type SdkUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
};

describe('our chat codec and the official openai SDK read the same simulator replies identically', () => {
  it.each(cases)('$model (thinking requested: $thinking), plain and streamed', async ({ model, vendor, thinking }) => {
    for (const stream of [false, true]) {
      const prompt = `Explain in two sentences why the sky looks blue. [${model} ${stream ? 'stream' : 'plain'}]`;
      const call: Call = {
        model,
        vendor,
        messages: [{ role: 'user', content: prompt }],
        stream,
        ...(thinking ? { thinking: { enabled: true } } : {}),
      };
      // Forget earlier prompts before each read, so neither sees a prompt-cache hit the other did not.
      simulator.reset();
      const ours = await ourRead(call);
      const ourBilled = simulator.ledger.entries[simulator.ledger.entries.length - 1].usage;
      // The SDK gets the exact body our codec built, so both ask the same question the same way.
      const body = openaiChatCodec.buildRequest({ call, endpoint: { baseUrl: simulator.baseUrl, auth: 'bearer' } })
        .body as Record<string, unknown>;
      simulator.reset();
      let sdkText = '';
      let sdkReasoning = '';
      let sdkUsage: SdkUsage | null = null;
      if (stream) {
        const chunks = (await client.chat.completions.create({
          ...body,
          stream: true,
        } as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming)) as AsyncIterable<OpenAI.Chat.ChatCompletionChunk>;
        for await (const chunk of chunks) {
          const delta = chunk.choices[0]?.delta as
            | { content?: string | null; reasoning_content?: string | null }
            | undefined;
          sdkText += delta?.content ?? '';
          sdkReasoning += delta?.reasoning_content ?? '';
          if (chunk.usage) sdkUsage = chunk.usage as SdkUsage;
        }
      } else {
        const reply = await client.chat.completions.create(
          body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
        );
        const message = reply.choices[0].message as { content: string | null; reasoning_content?: string };
        sdkText = message.content ?? '';
        sdkReasoning = message.reasoning_content ?? '';
        sdkUsage = reply.usage as SdkUsage;
      }
      const sdkBilled = simulator.ledger.entries[simulator.ledger.entries.length - 1].usage;
      expect(ours.text).toBe(sdkText);
      expect(ours.reasoning ?? '').toBe(sdkReasoning);
      expect(sdkUsage).not.toBeNull();
      expect(ours.usage.input).toBe(ourBilled?.input);
      expect(ours.usage.output).toBe(ourBilled?.output);
      expect(sdkUsage?.prompt_tokens).toBe(sdkBilled?.input);
      expect(sdkUsage?.completion_tokens).toBe(sdkBilled?.output);
      expect(ours.usage.input).toBe(sdkUsage?.prompt_tokens);
      expect(ours.usage.output).toBe(sdkUsage?.completion_tokens);
      expect(ours.usage.total).toBe(sdkUsage?.total_tokens);
      expect(ours.usage.cached).toBe(sdkUsage?.prompt_tokens_details?.cached_tokens ?? null);
      expect(ours.usage.raw).toEqual(sdkUsage);
    }
  });
});
