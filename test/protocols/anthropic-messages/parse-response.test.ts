import { describe, expect, it } from 'vitest';
import { anthropicMessagesCodec } from '../../../src/protocols/anthropic-messages/index.js';
import type { Completion, Failure, ParseContext } from '../../../src/protocols/types.js';
import * as fixtures from '../../fixtures/anthropic-messages/responses.js';
import { outcomeValue } from '../../helpers/outcome.js';

const context: ParseContext = { vendor: 'anthropic', thinking: false };
const parse = (body: unknown): Completion | Failure =>
  outcomeValue(anthropicMessagesCodec.parseResponse(body, context));

describe('anthropicMessagesCodec.parseResponse', () => {
  it('reads the mixrouter example (§2): no stop_sequence, gateway cache keys kept in raw only', () => {
    expect(parse(fixtures.plain)).toEqual<Completion>({
      text: 'Hello! How can I help you today?',
      reasoning: null,
      rawText: null,
      usage: { input: 10, output: 12, reasoning: null, cached: 0, cacheWrite: 0, total: 22, raw: fixtures.plain.usage },
      finishReason: { unified: 'stop', raw: 'end_turn' },
      responseModel: 'claude-sonnet-4-5-20250929',
      responseId: 'msg_01C6bDcqdQPKi9MaJWz6Sb78',
      systemFingerprint: null,
    });
  });

  it('reads the thinking example (§2): thinking block → reasoning, output includes it, no reasoning count', () => {
    expect(
      outcomeValue(anthropicMessagesCodec.parseResponse(fixtures.thinking, { vendor: 'anthropic', thinking: true })),
    ).toEqual<Completion>({
      text: '5050',
      reasoning: 'Pair 1+100, 2+99 … 50 pairs of 101 = 5050.',
      rawText: null,
      usage: {
        input: 40,
        output: 310,
        reasoning: null,
        cached: 0,
        cacheWrite: 0,
        total: 350,
        raw: fixtures.thinking.usage,
      },
      finishReason: { unified: 'stop', raw: 'end_turn' },
      responseModel: 'claude-sonnet-4-5-20250929',
      responseId: 'msg_01AbC',
      systemFingerprint: null,
    });
  });

  it('adds cache reads and writes back into input (§4)', () => {
    expect(parse(fixtures.cacheUsage)).toEqual<Completion>({
      text: 'B',
      reasoning: null,
      rawText: null,
      usage: {
        input: 4225,
        output: 1,
        reasoning: null,
        cached: 3000,
        cacheWrite: 1200,
        total: 4226,
        raw: fixtures.cacheUsage.usage,
      },
      finishReason: { unified: 'length', raw: 'max_tokens' },
      responseModel: 'claude-sonnet-4-5-20250929',
      responseId: 'msg_01Cache',
      systemFingerprint: null,
    });
  });

  it('joins text blocks around tool_use; redacted_thinking adds no text (§5, §8 item 5)', () => {
    expect(parse(fixtures.mixedBlocks)).toEqual<Completion>({
      text: 'Let me compute that. Calling the tool.',
      reasoning: 'Need the calculator.',
      rawText: null,
      usage: {
        input: 300,
        output: 90,
        reasoning: null,
        cached: 0,
        cacheWrite: 0,
        total: 390,
        raw: fixtures.mixedBlocks.usage,
      },
      finishReason: { unified: 'tool_calls', raw: 'tool_use' },
      responseModel: 'claude-opus-4-5-20251101',
      responseId: 'msg_01Mixed',
      systemFingerprint: null,
    });
  });

  it('leaves reasoning null when only redacted thinking came back', () => {
    const result = parse(fixtures.redactedOnly) as Completion;
    expect([result.text, result.reasoning, result.usage.output]).toEqual(['5050', null, 200]);
  });

  it('splits a <think> wrapper only when no thinking block exists', () => {
    const body = { ...fixtures.plain, content: [{ type: 'text', text: '<think>pairs</think>\n5050' }] };
    const result = parse(body) as Completion;
    expect([result.text, result.reasoning, result.rawText]).toEqual(['5050', 'pairs', '<think>pairs</think>\n5050']);
    const withBlock = {
      ...fixtures.thinking,
      content: [
        { type: 'thinking', thinking: 'real' },
        { type: 'text', text: '<think>x</think>y' },
      ],
    };
    const kept = parse(withBlock) as Completion;
    expect([kept.text, kept.reasoning, kept.rawText]).toEqual(['<think>x</think>y', 'real', null]);
  });

  it('keeps usage unknown when the body has none', () => {
    const { usage: _usage, ...rest } = fixtures.plain;
    expect((parse(rest) as Completion).usage).toEqual({
      input: null,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: null,
    });
  });

  it('turns an error envelope with a 2xx status into a classified failure', () => {
    expect(parse(fixtures.overloadedEnvelope)).toEqual<Failure>({
      kind: 'transient',
      message: 'error object in a 2xx response: Overloaded (request id: 2025122900000000001)',
      status: null,
      code: 'overloaded_error',
      retryAfterMs: null,
    });
    expect(
      parse({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'prompt is too long: 215000 tokens > 200000 maximum' },
      }),
    ).toEqual<Failure>({
      kind: 'invalid-request',
      message: 'error object in a 2xx response: prompt is too long: 215000 tokens > 200000 maximum',
      status: null,
      code: 'invalid_request_error',
      retryAfterMs: null,
    });
  });

  it('fails a body without a content array as malformed', () => {
    const malformed: Failure = {
      kind: 'transient',
      message: 'malformed messages response: no content array',
      status: null,
      code: null,
      retryAfterMs: null,
    };
    expect(parse({ id: 'msg_1', type: 'message' })).toEqual(malformed);
    expect(parse('not an object')).toEqual(malformed);
    expect(parse(null)).toEqual(malformed);
  });
});
