import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { parseNamedSse, postResponses } from './responses-named-sse.js';
import { call } from './sim-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({
    latencyScale: 0,
    unavailableModels: ['gpt-9'],
    profiles: { 'sim-oracle': { vendor: 'openai', accuracy: 1 } },
  });
});
afterAll(async () => {
  await simulator.close();
});

type Item = {
  type: string;
  id: string;
  status?: string;
  summary?: Array<{ type: string; text: string }>;
  content?: Array<{ type: string; text: string }>;
};
type ResponseBody = {
  object: string;
  status: string;
  incomplete_details: { reason: string } | null;
  output: Item[];
  usage: {
    input_tokens: number;
    input_tokens_details: { cached_tokens: number };
    output_tokens: number;
    output_tokens_details: { reasoning_tokens: number };
    total_tokens: number;
  };
};

function lastEntry() {
  return simulator.ledger.entries[simulator.ledger.entries.length - 1];
}

function visibleText(body: ResponseBody): string {
  return body.output
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content ?? [])
    .filter((part) => part.type === 'output_text')
    .map((part) => part.text)
    .join('');
}

describe('POST /v1/responses (plain)', () => {
  it('answers a string input with one message item, no top-level output_text, and the billed usage', async () => {
    const reply = await postResponses(simulator, { model: 'gpt-4o-mini', input: 'What is 12*(3+4)?', store: false });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.text) as ResponseBody & Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      error: null,
      incomplete_details: null,
      store: false,
    });
    expect(body.id).toMatch(/^resp_/);
    expect('output_text' in body).toBe(false);
    expect(body.output.map((item) => item.type)).toEqual(['message']);
    expect(body.output[0]).toMatchObject({ status: 'completed', role: 'assistant' });
    expect(visibleText(body)).toContain('84');
    const { usage } = body;
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    expect(usage.output_tokens_details.reasoning_tokens).toBe(0);
    const entry = lastEntry();
    expect(entry).toMatchObject({
      path: '/v1/responses',
      model: 'gpt-4o-mini',
      stream: false,
      status: 200,
      fault: null,
    });
    expect(entry.usage).toEqual({
      input: usage.input_tokens,
      output: usage.output_tokens,
      reasoning: 0,
      cached: usage.input_tokens_details.cached_tokens,
    });
    // A string input hashes like the same single user message on chat completions.
    const expectedHash = createHash('sha256')
      .update(JSON.stringify([{ role: 'user', content: 'What is 12*(3+4)?' }]))
      .digest('hex')
      .slice(0, 20);
    expect(entry.promptHash).toBe(expectedHash);
  });

  it('reads instructions and input items (openai-responses.md §1 example) and answers what the knowledge says', async () => {
    simulator.addKnowledge('Which planet is called the red planet?', 'Mars');
    const input = [{ role: 'user', content: [{ type: 'input_text', text: 'Which planet is called the red planet?' }] }];
    const bare = JSON.parse((await postResponses(simulator, { model: 'sim-oracle', input })).text) as ResponseBody;
    const instructed = JSON.parse(
      (
        await postResponses(simulator, {
          model: 'sim-oracle',
          instructions: 'Answer with one word only, please.',
          input,
        })
      ).text,
    ) as ResponseBody & { instructions: string };
    expect(instructed.instructions).toBe('Answer with one word only, please.');
    expect(instructed.usage.input_tokens).toBeGreaterThan(bare.usage.input_tokens);
    expect(visibleText(bare)).toBe('Mars');
    expect(visibleText(instructed)).toBe('Mars');
  });

  it('gives a thinking model a reasoning item with summary text only when a summary is asked for', async () => {
    const summarised = JSON.parse(
      (
        await postResponses(simulator, {
          model: 'gpt-5',
          input: 'What is 7*8?',
          reasoning: { effort: 'medium', summary: 'auto' },
        })
      ).text,
    ) as ResponseBody & { reasoning: unknown };
    expect(summarised.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect(summarised.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    const summary = summarised.output[0].summary ?? [];
    expect(summary).toHaveLength(1);
    expect(summary[0].type).toBe('summary_text');
    expect(summary[0].text.length).toBeGreaterThan(0);
    expect(summarised.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(lastEntry().usage?.reasoning).toBe(summarised.usage.output_tokens_details.reasoning_tokens);

    const silent = JSON.parse(
      (await postResponses(simulator, { model: 'gpt-5', input: 'What is 7*9?', reasoning: { effort: 'low' } })).text,
    ) as ResponseBody;
    expect(silent.output[0]).toMatchObject({ type: 'reasoning', summary: [] });
    expect(silent.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);

    const none = JSON.parse(
      (await postResponses(simulator, { model: 'gpt-5', input: 'What is 7*9?', reasoning: { effort: 'none' } })).text,
    ) as ResponseBody;
    expect(none.output.map((item) => item.type)).toEqual(['message']);
    expect(none.usage.output_tokens_details.reasoning_tokens).toBe(0);

    const plain = JSON.parse(
      (
        await postResponses(simulator, {
          model: 'gpt-4o',
          input: 'What is 7*9?',
          reasoning: { effort: 'low', summary: 'auto' },
        })
      ).text,
    ) as ResponseBody;
    expect(plain.output.map((item) => item.type)).toEqual(['message']);
    expect(plain.usage.output_tokens_details.reasoning_tokens).toBe(0);
  });

  it('stops at max_output_tokens with status incomplete, and drops the message when reasoning used the whole cap', async () => {
    const spent = JSON.parse(
      (
        await postResponses(simulator, {
          model: 'gpt-5',
          input: 'What is 6*7?',
          reasoning: { effort: 'high', summary: 'detailed' },
          max_output_tokens: 16,
        })
      ).text,
    ) as ResponseBody & { max_output_tokens: number };
    expect(spent).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      max_output_tokens: 16,
    });
    expect(spent.output.map((item) => item.type)).toEqual(['reasoning']);
    expect(spent.usage.output_tokens).toBeLessThanOrEqual(16);
    expect(spent.usage.output_tokens_details.reasoning_tokens).toBe(spent.usage.output_tokens);

    const cut = JSON.parse(
      (
        await postResponses(simulator, {
          model: 'gpt-4o-mini',
          input: 'Write three paragraphs about the history of tea.',
          max_output_tokens: 20,
        })
      ).text,
    ) as ResponseBody;
    expect(cut.status).toBe('incomplete');
    expect(cut.output).toHaveLength(1);
    expect(cut.output[0]).toMatchObject({ type: 'message', status: 'incomplete' });
    expect(visibleText(cut).length).toBeGreaterThan(0);
    expect(cut.usage.output_tokens).toBeLessThanOrEqual(20);
  });

  it('reports cached input tokens on a repeated prompt', async () => {
    const body = { model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'Name a colour of the sky at noon.' };
    const first = JSON.parse((await postResponses(simulator, body)).text) as ResponseBody;
    const second = JSON.parse((await postResponses(simulator, body)).text) as ResponseBody;
    expect(first.usage.input_tokens_details.cached_tokens).toBe(0);
    expect(second.usage.input_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(second.usage.input_tokens_details.cached_tokens).toBeLessThan(second.usage.input_tokens);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
    expect(lastEntry().usage?.cached).toBe(second.usage.input_tokens_details.cached_tokens);
  });
});

describe('POST /v1/responses errors', () => {
  it('rejects a missing input and a too small max_output_tokens with the OpenAI envelope', async () => {
    const missing = await postResponses(simulator, { model: 'gpt-4o-mini' });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'missing_required_parameter',
      param: '',
    });
    const small = await postResponses(simulator, { model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 10 });
    expect(small.status).toBe(400);
    const error = JSON.parse(small.text).error as { message: string; code: string };
    expect(error.code).toBe('integer_below_min_value');
    expect(error.message).toContain(`(request id: ${small.headers['x-oneapi-request-id']})`);
    expect(lastEntry()).toMatchObject({ path: '/v1/responses', status: 400, usage: null });
  });

  it('answers a model without a channel with 503 model_not_found', async () => {
    const reply = await postResponses(simulator, { model: 'gpt-9', input: 'hi' });
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.text).error.code).toBe('model_not_found');
  });

  it('answers the /v1/chat/responses doc typo with 404, as the gateway has no such route', async () => {
    const reply = await call(simulator, {
      path: '/v1/chat/responses',
      body: { model: 'o3-deep-research', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.text).error.message).toMatch(/^Invalid URL \(POST \/v1\/chat\/responses\)/);
  });
});

describe('POST /v1/responses (stream)', () => {
  it('plays the named event ladder with consecutive sequence numbers and the usage in response.completed', async () => {
    const reply = await postResponses(simulator, {
      model: 'o4-mini',
      input: 'What is 12*(3+4)?',
      reasoning: { effort: 'low', summary: 'auto' },
      stream: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/event-stream');
    const events = parseNamedSse(reply.text);
    expect(events.every((event) => event.json !== null && event.json.type === event.event)).toBe(true);
    expect(events.map((event) => event.json?.sequence_number)).toEqual(events.map((_event, index) => index));
    expect(reply.text).not.toContain('[DONE]');
    const types = [...new Set(events.map((event) => String(event.event)))];
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.completed',
    ]);
    expect((events[0].json?.response as { usage: unknown } | undefined)?.usage).toBeNull();
    const join = (type: string) =>
      events
        .filter((event) => event.event === type)
        .map((event) => String(event.json?.delta))
        .join('');
    const final = events[events.length - 1].json?.response as ResponseBody;
    expect(join('response.output_text.delta')).toBe(visibleText(final));
    expect(join('response.reasoning_summary_text.delta')).toBe(final.output[0].summary?.[0].text);
    const entry = lastEntry();
    expect(entry).toMatchObject({ path: '/v1/responses', stream: true, status: 200 });
    expect(entry.usage).toEqual({
      input: final.usage.input_tokens,
      output: final.usage.output_tokens,
      reasoning: final.usage.output_tokens_details.reasoning_tokens,
      cached: final.usage.input_tokens_details.cached_tokens,
    });
  });

  it('ends a capped stream with response.incomplete', async () => {
    const reply = await postResponses(simulator, {
      model: 'gpt-4o-mini',
      input: 'Write three paragraphs about the history of tea.',
      max_output_tokens: 16,
      stream: true,
    });
    const events = parseNamedSse(reply.text);
    const last = events[events.length - 1].json as { type: string; response: ResponseBody };
    expect(last.type).toBe('response.incomplete');
    expect(last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(last.response.usage.output_tokens).toBeLessThanOrEqual(16);
  });
});
