import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BilledUsage } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';

let simulator: SimulatorHandle;
let client: OpenAI;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0 });
  client = new OpenAI({ apiKey: simulator.apiKey, baseURL: simulator.baseUrl, maxRetries: 0 });
});
afterEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await simulator.close();
});

function lastBilled(): BilledUsage | null {
  const entries = simulator.ledger.entries;
  return entries[entries.length - 1].usage;
}

function asBilled(usage: OpenAI.Responses.ResponseUsage): BilledUsage {
  return {
    input: usage.input_tokens,
    output: usage.output_tokens,
    reasoning: usage.output_tokens_details.reasoning_tokens,
    cached: usage.input_tokens_details.cached_tokens,
  };
}

function summaryOf(response: OpenAI.Responses.Response): string {
  return response.output
    .filter((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning')
    .flatMap((item) => item.summary.map((part) => part.text))
    .join('\n\n');
}

const cases: Array<{ model: string; reasoning: OpenAI.Reasoning | undefined; thinks: boolean; summary: boolean }> = [
  { model: 'gpt-4o-mini', reasoning: undefined, thinks: false, summary: false },
  { model: 'gpt-5', reasoning: { effort: 'medium', summary: 'auto' }, thinks: true, summary: true },
  { model: 'o4-mini', reasoning: { effort: 'low' }, thinks: true, summary: false },
];

describe('the official openai SDK reads /v1/responses', () => {
  it.each(cases)(
    '$model: create, create({stream: true}) and stream() agree with each other and with the ledger',
    async ({ model, reasoning, thinks, summary }) => {
      const params: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
        model,
        instructions: 'You are terse.',
        input: [{ role: 'user', content: [{ type: 'input_text', text: `What is 12*(3+4)? (asked of ${model})` }] }],
        store: false,
        ...(reasoning ? { reasoning } : {}),
      };
      const plain = await client.responses.create(params);
      expect(plain.status).toBe('completed');
      expect(plain.output_text).toContain('84');
      expect(asBilled(plain.usage as OpenAI.Responses.ResponseUsage)).toEqual(lastBilled());
      expect((plain.usage?.output_tokens_details.reasoning_tokens ?? 0) > 0).toBe(thinks);
      const plainSummary = summaryOf(plain);
      expect(plainSummary.length > 0).toBe(summary);

      const events = await client.responses.create({ ...params, stream: true });
      let text = '';
      let summaryText = '';
      let completed: OpenAI.Responses.Response | null = null;
      for await (const event of events) {
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.reasoning_summary_text.delta') summaryText += event.delta;
        if (event.type === 'response.completed') completed = event.response;
      }
      expect(text).toBe(plain.output_text);
      expect(summaryText).toBe(plainSummary);
      expect(completed).not.toBeNull();
      expect(
        asBilled((completed as unknown as OpenAI.Responses.Response).usage as OpenAI.Responses.ResponseUsage),
      ).toEqual(lastBilled());

      const final = await client.responses.stream({ ...params, stream: true }).finalResponse();
      expect(final.output_text).toBe(plain.output_text);
      expect(summaryOf(final)).toBe(plainSummary);
      expect(asBilled(final.usage as OpenAI.Responses.ResponseUsage)).toEqual(lastBilled());
    },
  );

  it('reads an answer cut by max_output_tokens as incomplete', async () => {
    const cut = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'Write three paragraphs about the history of tea.',
      max_output_tokens: 16,
    });
    expect(cut.status).toBe('incomplete');
    expect(cut.incomplete_details?.reason).toBe('max_output_tokens');
    expect(cut.output_text.length).toBeGreaterThan(0);
    expect(asBilled(cut.usage as OpenAI.Responses.ResponseUsage)).toEqual(lastBilled());
  });

  it('turns a 429 into RateLimitError and a too small cap into BadRequestError', async () => {
    simulator.setFaults({ script: ['rateLimitRetryAfter'] });
    const limited = await client.responses
      .create({ model: 'gpt-4o-mini', input: 'hi' })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    const small = await client.responses
      .create({ model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 4 })
      .catch((error: unknown) => error);
    expect(small).toBeInstanceOf(OpenAI.BadRequestError);
    expect((small as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('integer_below_min_value');
  });

  it('hands an in-stream error event to the caller as an `error` event', async () => {
    simulator.setFaults({ script: ['inStreamError'] });
    const events = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'Write a long story about tea.',
      stream: true,
    });
    const types: string[] = [];
    for await (const event of events) types.push(event.type);
    expect(types[types.length - 1]).toBe('error');
    expect(types).not.toContain('response.completed');
  });
});
