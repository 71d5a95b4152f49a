import { describe, expect, it } from 'vitest';
import { openaiResponsesCodec } from '../../../src/protocols/openai-responses/index.js';
import type { Completion, Failure, ParseContext } from '../../../src/protocols/types.js';
import * as fixtures from '../../fixtures/openai-responses/responses.js';
import { outcomeValue } from '../../helpers/outcome.js';

const openai: ParseContext = { vendor: 'openai', thinking: true };
const parse = (body: unknown, context: ParseContext = openai): Completion | Failure =>
  outcomeValue(openaiResponsesCodec.parseResponse(body, context));

describe('openaiResponsesCodec.parseResponse', () => {
  it('reads the §2 example: reasoning summary, message text, usage including reasoning', () => {
    expect(parse(fixtures.reasoningExample)).toEqual<Completion>({
      text: '5050',
      reasoning: '**Summing an arithmetic series** Pair terms: 50 pairs of 101.',
      rawText: null,
      usage: {
        input: 24,
        output: 180,
        reasoning: 170,
        cached: 0,
        cacheWrite: null,
        total: 204,
        raw: fixtures.exampleUsage,
      },
      finishReason: { unified: 'stop', raw: 'completed' },
      responseModel: 'gpt-5.2-2025-12-11',
      responseId: 'resp_68af4a1b2c3d4e5f',
      systemFingerprint: null,
    });
  });

  it('reads a plain answer with cached tokens, trusting reasoning_tokens 0 when no reasoning text came back', () => {
    expect(parse(fixtures.plainCached, { vendor: 'openai', thinking: false })).toEqual<Completion>({
      text: 'Paris',
      reasoning: null,
      rawText: null,
      usage: {
        input: 2006,
        output: 2,
        reasoning: 0,
        cached: 1920,
        cacheWrite: null,
        total: 2008,
        raw: fixtures.plainCached.usage,
      },
      finishReason: { unified: 'stop', raw: 'completed' },
      responseModel: 'gpt-4.1-2025-04-14',
      responseId: 'resp_plain01',
      systemFingerprint: null,
    });
  });

  it('concatenates every output_text part of every message in order, ignoring refusal parts and other items (§9 items 1, 3)', () => {
    expect(parse(fixtures.multipleMessages)).toEqual<Completion>({
      text: 'The sum is 5050.',
      reasoning: 'First thought.\n\nSecond thought.\n\nThird thought.',
      rawText: null,
      usage: {
        input: 24,
        output: 180,
        reasoning: 170,
        cached: 0,
        cacheWrite: null,
        total: 204,
        raw: fixtures.exampleUsage,
      },
      finishReason: { unified: 'stop', raw: 'completed' },
      responseModel: 'gpt-5.2-2025-12-11',
      responseId: 'resp_multi01',
      systemFingerprint: null,
    });
  });

  it('prefers output[] over a top-level output_text, and uses output_text only when output[] has no text', () => {
    const disagreeing = { ...fixtures.multipleMessages, output_text: 'something else' };
    expect((parse(disagreeing) as Completion).text).toBe('The sum is 5050.');
    const onlyConvenience = { id: 'resp_c', status: 'completed', model: 'gpt-5.2', output_text: '5050' };
    expect(parse(onlyConvenience)).toEqual<Completion>({
      text: '5050',
      reasoning: null,
      rawText: null,
      usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
      finishReason: { unified: 'stop', raw: 'completed' },
      responseModel: 'gpt-5.2',
      responseId: 'resp_c',
      systemFingerprint: null,
    });
  });

  it('reads an incomplete answer that spent its budget on reasoning: empty text, no reasoning text, counts kept (§9 items 2, 4)', () => {
    expect(parse(fixtures.incompleteNoText)).toEqual<Completion>({
      text: '',
      reasoning: null,
      rawText: null,
      usage: {
        input: 24,
        output: 16,
        reasoning: 16,
        cached: 0,
        cacheWrite: null,
        total: 40,
        raw: fixtures.incompleteNoText.usage,
      },
      finishReason: { unified: 'length', raw: 'max_output_tokens' },
      responseModel: 'gpt-5.2-2025-12-11',
      responseId: 'resp_incomplete01',
      systemFingerprint: null,
    });
  });

  it('maps an incomplete content_filter answer, leaving unreported details null (§7)', () => {
    expect(parse(fixtures.incompleteFiltered)).toEqual<Completion>({
      text: 'Here is',
      reasoning: null,
      rawText: null,
      usage: {
        input: 30,
        output: 3,
        reasoning: null,
        cached: null,
        cacheWrite: null,
        total: 33,
        raw: fixtures.incompleteFiltered.usage,
      },
      finishReason: { unified: 'content_filter', raw: 'content_filter' },
      responseModel: 'gpt-5.2-2025-12-11',
      responseId: 'resp_filtered01',
      systemFingerprint: null,
    });
  });

  it('maps a completed answer with a function_call item to tool_calls (§7)', () => {
    expect(parse(fixtures.functionCall)).toEqual<Completion>({
      text: '',
      reasoning: null,
      rawText: null,
      usage: {
        input: 50,
        output: 12,
        reasoning: null,
        cached: null,
        cacheWrite: null,
        total: 62,
        raw: fixtures.functionCall.usage,
      },
      finishReason: { unified: 'tool_calls', raw: 'completed' },
      responseModel: 'gpt-5.2-2025-12-11',
      responseId: 'resp_tool01',
      systemFingerprint: null,
    });
  });

  it('reads a gateway-converted body: reasoning_text content, chat-style usage behind filler zeros (§5, §9 item 9)', () => {
    expect(parse(fixtures.gatewayConverted, { vendor: 'anthropic', thinking: true })).toEqual<Completion>({
      text: '5050',
      reasoning: 'Pair 1 with 100.',
      rawText: null,
      usage: {
        input: 21,
        output: 87,
        reasoning: 40,
        cached: 5,
        cacheWrite: null,
        total: 108,
        raw: fixtures.chatStyleUsage,
      },
      finishReason: { unified: 'stop', raw: 'completed' },
      responseModel: 'claude-sonnet-4-5-20250929',
      responseId: 'resp_gw01',
      systemFingerprint: null,
    });
  });

  it('turns status failed into a classified Failure that keeps the partial answer', () => {
    expect(parse(fixtures.failedResponse)).toEqual<Failure>({
      kind: 'transient',
      message: 'response failed: The model failed to generate a response.',
      status: null,
      code: 'server_error',
      retryAfterMs: null,
      partial: {
        text: 'The sum',
        reasoning: null,
        rawText: null,
        usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
        finishReason: { unified: 'error', raw: 'failed' },
        responseModel: 'gpt-5.2-2025-12-11',
        responseId: 'resp_failed01',
        systemFingerprint: null,
      },
    });
  });

  it('turns status failed without an error object into a transient Failure', () => {
    const result = parse({ ...fixtures.failedResponse, error: null, output: [] });
    expect(result).toEqual<Failure>({
      kind: 'transient',
      message: 'response failed without an error object',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: '',
        reasoning: null,
        rawText: null,
        usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
        finishReason: { unified: 'error', raw: 'failed' },
        responseModel: 'gpt-5.2-2025-12-11',
        responseId: 'resp_failed01',
        systemFingerprint: null,
      },
    });
  });

  it('turns an error envelope in a 2xx body into a Failure classified by its code (models-and-errors.md §3)', () => {
    expect(parse(fixtures.errorEnvelope)).toEqual<Failure>({
      kind: 'rate-limit',
      message:
        'error object in a 2xx response: 您已达到请求数限制：1分钟内最多请求60次 (request id: 20251229093443380697337abcdEFGH)',
      status: null,
      code: 'rate_limit_exceeded',
      retryAfterMs: null,
    });
  });

  it('rejects bodies that are not responses as transient and malformed', () => {
    const malformed = (reason: string): Failure => ({
      kind: 'transient',
      message: `malformed responses body: ${reason}`,
      status: null,
      code: null,
      retryAfterMs: null,
    });
    expect(parse([1, 2])).toEqual(malformed('body is not a JSON object'));
    expect(parse(null)).toEqual(malformed('body is not a JSON object'));
    expect(parse({ id: 'resp_x', status: 'completed' })).toEqual(malformed('no output array'));
  });

  it('maps cancelled and background statuses to other, keeping the raw status', () => {
    const cancelled = parse({ id: 'resp_k', status: 'cancelled', output: [] }) as Completion;
    const queued = parse({ id: 'resp_q', status: 'queued', output: [] }) as Completion;
    expect([cancelled.finishReason, queued.finishReason]).toEqual([
      { unified: 'other', raw: 'cancelled' },
      { unified: 'other', raw: 'queued' },
    ]);
  });
});
