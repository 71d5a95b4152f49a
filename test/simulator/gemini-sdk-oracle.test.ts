import {
  ApiError,
  GoogleGenAI,
  type GenerateContentConfig,
  type GenerateContentResponse,
  type GenerateContentResponseUsageMetadata,
} from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BilledUsage, LedgerEntry } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';

let simulator: SimulatorHandle;
let client: GoogleGenAI;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
  // The SDK appends `/v1beta/models/…` to the origin and sends the key as x-goog-api-key; one attempt, no retries.
  client = new GoogleGenAI({
    apiKey: simulator.apiKey,
    httpOptions: { baseUrl: `http://127.0.0.1:${simulator.port}`, retryOptions: { attempts: 1 } },
  });
});
afterAll(async () => {
  await simulator.close();
});

function lastEntry(): LedgerEntry {
  const entries = simulator.ledger.entries;
  return entries[entries.length - 1];
}

/** The ledger's common form, read from the SDK's usage (gemini-native.md §4). */
function asBilled(usage: GenerateContentResponseUsageMetadata | undefined): BilledUsage {
  return {
    input: usage?.promptTokenCount ?? -1,
    output: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    reasoning: usage?.thoughtsTokenCount ?? 0,
    cached: usage?.cachedContentTokenCount ?? 0,
  };
}

function thoughtsOf(response: GenerateContentResponse): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts
    .filter((part) => part.thought === true)
    .map((part) => part.text ?? '')
    .join('');
}

const cases: Array<{ model: string; config: GenerateContentConfig; thoughtsShown: boolean; thinks: boolean }> = [
  { model: 'gemini-2.5-pro', config: {}, thoughtsShown: false, thinks: true },
  {
    model: 'gemini-2.5-flash',
    config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
    thoughtsShown: true,
    thinks: true,
  },
  { model: 'gemini-2.5-flash', config: { thinkingConfig: { thinkingBudget: 0 } }, thoughtsShown: false, thinks: false },
  {
    model: 'gemini-2.0-flash',
    config: { temperature: 0.2, maxOutputTokens: 512 },
    thoughtsShown: false,
    thinks: false,
  },
];

describe('the official @google/genai SDK reads the Gemini route', () => {
  it.each(cases)(
    '$model $config: plain and streamed answers agree with each other and with the ledger',
    async ({ model, config, thoughtsShown, thinks }) => {
      const request = {
        model,
        contents: `What is 12*(3+4)? (asked of ${model} with ${JSON.stringify(config)})`,
        config: { systemInstruction: 'You are terse.', ...config },
      };
      const plain = await client.models.generateContent(request);
      expect(plain.text).toContain('84');
      expect(plain.candidates?.[0]?.finishReason).toBe('STOP');
      expect(asBilled(plain.usageMetadata)).toEqual(lastEntry().usage);
      expect(plain.usageMetadata?.totalTokenCount).toBe(
        (lastEntry().usage?.input ?? 0) + (lastEntry().usage?.output ?? 0),
      );
      expect(thoughtsOf(plain).length > 0).toBe(thoughtsShown);
      expect((plain.usageMetadata?.thoughtsTokenCount ?? 0) > 0).toBe(thinks);
      expect(plain.modelVersion).toBe(model);

      let text = '';
      let thoughts = '';
      let usage: GenerateContentResponseUsageMetadata | undefined;
      let finish: string | undefined;
      let chunks = 0;
      for await (const chunk of await client.models.generateContentStream(request)) {
        chunks += 1;
        text += chunk.text ?? '';
        thoughts += thoughtsOf(chunk);
        usage = chunk.usageMetadata ?? usage;
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
      }
      expect(chunks).toBeGreaterThanOrEqual(2);
      expect(text).toBe(plain.text);
      expect(thoughts).toBe(thoughtsOf(plain));
      expect(finish).toBe('STOP');
      expect(lastEntry()).toMatchObject({ model, stream: true, status: 200 });
      expect(asBilled(usage)).toEqual(lastEntry().usage);
    },
  );

  it('reports cached prompt tokens on a repeated request', async () => {
    const request = { model: 'gemini-2.5-flash', contents: 'Name the largest planet of the solar system, please.' };
    await client.models.generateContent(request);
    const again = await client.models.generateContent(request);
    expect(again.usageMetadata?.cachedContentTokenCount).toBeGreaterThan(0);
    expect(asBilled(again.usageMetadata)).toEqual(lastEntry().usage);
  });

  it('turns a Google-shaped 429 into an ApiError with status 429 and RESOURCE_EXHAUSTED', async () => {
    simulator.setFaults({ script: ['rateLimit'] });
    const before = simulator.ledger.count({ model: 'gemini-2.5-flash' });
    const failure = await client.models
      .generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(429);
    expect((failure as ApiError).message).toContain('RESOURCE_EXHAUSTED');
    expect(simulator.ledger.count({ model: 'gemini-2.5-flash' })).toBe(before + 1);
  });

  it('surfaces an in-stream Google error object as an ApiError', async () => {
    simulator.setFaults({ script: ['inStreamError'] });
    const consume = async (): Promise<void> => {
      const stream = await client.models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'Write a long story about tea.',
      });
      for await (const chunk of stream) void chunk;
    };
    await expect(consume()).rejects.toBeInstanceOf(ApiError);
  });
});
