import { describe, expect, it } from 'vitest';
import { openaiChatCodec } from '../../../src/protocols/openai-chat/index.js';
import type { Completion, Failure, ParseContext, Usage } from '../../../src/protocols/types.js';
import * as fixtures from '../../fixtures/openai-chat/responses.js';
import { outcomeValue } from '../../helpers/outcome.js';

const parse = (body: unknown, context: ParseContext): Completion | Failure =>
  outcomeValue(openaiChatCodec.parseResponse(body, context));

const gatewayUsage = (overrides: Partial<Usage>): Usage => ({
  input: 21,
  output: 87,
  reasoning: null,
  cached: 0,
  cacheWrite: null,
  total: 108,
  raw: fixtures.gatewayUsageBlock,
  ...overrides,
});

describe('openaiChatCodec.parseResponse', () => {
  it('reads an OpenAI passthrough body (§2), trusting reasoning_tokens 0 from OpenAI', () => {
    expect(parse(fixtures.openaiPassthrough, { vendor: 'openai', thinking: false })).toEqual<Completion>({
      text: '… = 5050',
      reasoning: null,
      rawText: null,
      usage: {
        input: 19,
        output: 116,
        reasoning: 0,
        cached: 0,
        cacheWrite: null,
        total: 135,
        raw: fixtures.openaiPassthrough.usage,
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'gpt-4o-mini-2024-07-18',
      responseId: 'chatcmpl-CqaE04p8lM9SbUT7SpjnAR1v3GPmD',
      systemFingerprint: 'fp_f97eff32c5',
    });
  });

  it('reads a gateway-converted Claude body: filler zeros stay unknown, <budget:thinking> stays text', () => {
    expect(parse(fixtures.gatewayClaude, { vendor: 'anthropic', thinking: false })).toEqual<Completion>({
      text: '<budget:thinking>pair the ends</budget:thinking>\n1+2+…+100 = 5050',
      reasoning: null,
      rawText: null,
      usage: gatewayUsage({}),
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'claude-opus-4-5-20251101',
      responseId: 'msg_01YHGPdhsgE5NjPyVF8tfKkK',
      systemFingerprint: null,
    });
  });

  it('reads a gateway-converted Gemini body', () => {
    expect(parse(fixtures.gatewayGemini, { vendor: 'google', thinking: true })).toEqual<Completion>({
      text: '5050',
      reasoning: null,
      rawText: null,
      usage: gatewayUsage({}),
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'gemini-2.0-flash',
      responseId: 'chatcmpl-toio20251226074613833316175pDor54M8',
      systemFingerprint: null,
    });
  });

  it('joins the text parts of array content (Gemini image models)', () => {
    expect(parse(fixtures.geminiImage, { vendor: 'google', thinking: false })).toEqual<Completion>({
      text: '好的,这是一张小狗的图片:\n ',
      reasoning: null,
      rawText: null,
      usage: gatewayUsage({}),
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'gemini-2.5-flash-image',
      responseId: 'chatcmpl-toio20251226074613833316175pDor54M8',
      systemFingerprint: null,
    });
  });

  it('reads the DeepSeek body, whose reported model differs from the requested one', () => {
    expect(parse(fixtures.deepseek, { vendor: 'deepseek', thinking: true })).toEqual<Completion>({
      text: 'Hello! How can I assist you today? 😊',
      reasoning: null,
      rawText: null,
      usage: {
        input: 10,
        output: 11,
        reasoning: null,
        cached: 0,
        cacheWrite: null,
        total: 21,
        raw: fixtures.deepseek.usage,
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'deepseek-chat',
      responseId: '8f60adda-44b7-4299-b56e-8fa82d128323',
      systemFingerprint: 'fp_eaab8d114b_prod0820_fp8_kvcache',
    });
  });

  it('takes DeepSeek cache hits from prompt_cache_hit_tokens', () => {
    const result = parse(fixtures.deepseekCacheHit, { vendor: 'deepseek', thinking: false }) as Completion;
    expect(result.usage).toEqual<Usage>({
      input: 74,
      output: 11,
      reasoning: null,
      cached: 64,
      cacheWrite: null,
      total: 85,
      raw: fixtures.deepseekCacheHit.usage,
    });
  });

  it('reads a Qwen body with a null fingerprint', () => {
    expect(parse(fixtures.qwen, { vendor: 'qwen', thinking: false })).toEqual<Completion>({
      text: '5050',
      reasoning: null,
      rawText: null,
      usage: {
        input: 20,
        output: 4,
        reasoning: null,
        cached: 0,
        cacheWrite: null,
        total: 24,
        raw: fixtures.qwen.usage,
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'qwen-max',
      responseId: 'chatcmpl-3f0c2a58-64e4-9b7e-a1f2-5d2c8e1b7a90',
      systemFingerprint: null,
    });
  });

  it('treats a Qwen reasoning count of 0 beside reasoning text as unknown', () => {
    const result = parse(fixtures.qwenThinking, { vendor: 'qwen', thinking: true }) as Completion;
    expect([result.reasoning, result.usage.reasoning, result.usage.output]).toEqual(['首尾配对，共50对。', null, 180]);
  });

  it('reads the Doubao thinking body; placeholder usage values become null', () => {
    expect(parse(fixtures.doubao, { vendor: 'doubao', thinking: true })).toEqual<Completion>({
      text: '要计算从1到100的连续整数和 … **结论**:1+2+3+…+100 = 5050。',
      reasoning: '\n用户现在问的是1加到100的和是多少 …',
      rawText: null,
      usage: {
        input: null,
        output: null,
        reasoning: null,
        cached: 0,
        cacheWrite: null,
        total: null,
        raw: fixtures.doubao.usage,
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'doubao-seed-1-6-thinking-250715',
      responseId: '021765547013146aafb70253f86f133b2b849e439c9606481f7d7',
      systemFingerprint: null,
    });
  });

  it('leaves usage all null (raw null) when the body has none', () => {
    const { usage: _usage, ...body } = fixtures.qwen;
    const result = parse(body, { vendor: 'qwen', thinking: false }) as Completion;
    expect(result.usage).toEqual<Usage>({
      input: null,
      output: null,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: null,
      raw: null,
    });
  });

  it('accepts OpenRouter-style `reasoning`, preferring `reasoning_content`', () => {
    const body = (message: Record<string, unknown>) => ({ choices: [{ index: 0, message, finish_reason: 'stop' }] });
    const both = parse(body({ content: 'a', reasoning_content: 'first', reasoning: 'second' }), {
      vendor: 'other',
      thinking: true,
    });
    const only = parse(body({ content: 'a', reasoning: 'second' }), { vendor: 'other', thinking: true });
    expect([(both as Completion).reasoning, (only as Completion).reasoning]).toEqual(['first', 'second']);
  });

  it('reads null content with tool calls as empty text (§8 item 7)', () => {
    const body = {
      id: 'chatcmpl-t',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function' }] },
          finish_reason: 'tool_calls',
        },
      ],
    };
    expect(parse(body, { vendor: 'openai', thinking: false })).toEqual<Completion>({
      text: '',
      reasoning: null,
      rawText: null,
      usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
      finishReason: { unified: 'tool_calls', raw: 'tool_calls' },
      responseModel: 'gpt-4o',
      responseId: 'chatcmpl-t',
      systemFingerprint: null,
    });
  });
});

describe('reasoning wrappers (README "reasoning-text extraction")', () => {
  const withContent = (message: Record<string, unknown>) => ({
    id: 'x',
    model: 'm',
    choices: [{ index: 0, message, finish_reason: 'stop' }],
  });

  it('splits a leading <think> wrapper when no reasoning field exists, keeping the original', () => {
    const content = '<think>\nPair 1 with 100.\n</think>\n\n5050';
    expect(parse(withContent({ content }), { vendor: 'other', thinking: true })).toEqual<Completion>({
      text: '5050',
      reasoning: 'Pair 1 with 100.',
      rawText: content,
      usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'm',
      responseId: 'x',
      systemFingerprint: null,
    });
  });

  it('splits a leading <thought> wrapper too', () => {
    const result = parse(withContent({ content: '<thought>sum pairs</thought>5050' }), {
      vendor: 'google',
      thinking: true,
    }) as Completion;
    expect([result.text, result.reasoning, result.rawText]).toEqual([
      '5050',
      'sum pairs',
      '<thought>sum pairs</thought>5050',
    ]);
  });

  it('does not split when a dedicated field exists, even an empty one', () => {
    const dedicated = parse(withContent({ content: '<think>a</think>b', reasoning_content: 'real' }), {
      vendor: 'deepseek',
      thinking: true,
    });
    const empty = parse(withContent({ content: '<think>a</think>b', reasoning_content: '' }), {
      vendor: 'deepseek',
      thinking: true,
    });
    expect(
      [dedicated, empty].map((result) => [
        (result as Completion).text,
        (result as Completion).reasoning,
        (result as Completion).rawText,
      ]),
    ).toEqual([
      ['<think>a</think>b', 'real', null],
      ['<think>a</think>b', null, null],
    ]);
  });

  it('leaves unclosed or non-leading wrappers and <budget:thinking> in the text', () => {
    const texts = ['<think>still thinking', 'Answer: <think>x</think>', '<budget:thinking>1000</budget:thinking>5050'];
    const results = texts.map(
      (content) => parse(withContent({ content }), { vendor: 'other', thinking: false }) as Completion,
    );
    expect(results.map((result) => [result.text, result.reasoning, result.rawText])).toEqual(
      texts.map((text) => [text, null, null]),
    );
  });
});

describe('failures in 2xx bodies', () => {
  it('turns a top-level error object into a classified failure', () => {
    expect(parse(fixtures.errorIn200, { vendor: 'openai', thinking: false })).toEqual<Failure>({
      kind: 'transient',
      message:
        'error object in a 2xx response: No available channel for model gpt-9 under group default (distributor) (request id: 20251229093443380697337abcdEFGH)',
      status: null,
      code: 'model_not_found',
      retryAfterMs: null,
    });
  });

  it('classifies a 2xx error object by its code', () => {
    const body = {
      error: { message: 'quota gone', type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
    };
    expect(parse(body, { vendor: 'openai', thinking: false })).toEqual<Failure>({
      kind: 'quota',
      message: 'error object in a 2xx response: quota gone',
      status: null,
      code: 'insufficient_quota',
      retryAfterMs: null,
    });
  });

  it.each([
    ['no choices', { id: 'x', object: 'chat.completion' }],
    ['empty choices', { id: 'x', choices: [] }],
    ['not an object', 'oops'],
  ])('reports a body with %s as a transient malformed response', (_name, body) => {
    expect(parse(body, { vendor: 'openai', thinking: false })).toEqual<Failure>({
      kind: 'transient',
      message: 'malformed chat response: no choices',
      status: null,
      code: null,
      retryAfterMs: null,
    });
  });
});
