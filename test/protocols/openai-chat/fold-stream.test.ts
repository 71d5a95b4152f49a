import { describe, expect, it } from 'vitest';
import { openaiChatCodec } from '../../../src/protocols/openai-chat/index.js';
import { createSseDecoder } from '../../../src/protocols/sse.js';
import type { Completion, Failure, ParseContext, Usage } from '../../../src/protocols/types.js';
import * as streams from '../../fixtures/openai-chat/streams.js';
import { outcomeValue } from '../../helpers/outcome.js';

/** Decodes a body fed in the given pieces and folds it; also returns what each push reported. */
function fold(options: { pieces: string[]; context: ParseContext }): {
  result: Completion | Failure;
  pushed: boolean[];
} {
  const decoder = createSseDecoder();
  const folder = openaiChatCodec.createStreamFolder(options.context);
  const pushed: boolean[] = [];
  for (const piece of options.pieces) {
    for (const event of decoder.feed(piece)) pushed.push(folder.push(event));
  }
  for (const event of decoder.end()) pushed.push(folder.push(event));
  return { result: outcomeValue(folder.finish()), pushed };
}

const unreported: Usage = {
  input: null,
  output: null,
  reasoning: null,
  cached: null,
  cacheWrite: null,
  total: null,
  raw: null,
};

const exampleAUsage = {
  prompt_tokens: 19,
  completion_tokens: 6,
  total_tokens: 25,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

const exampleAResult: Completion = {
  text: 'The sum is 5050.',
  reasoning: null,
  rawText: null,
  usage: { input: 19, output: 6, reasoning: 0, cached: 0, cacheWrite: null, total: 25, raw: exampleAUsage },
  finishReason: { unified: 'stop', raw: 'stop' },
  responseModel: 'gpt-4o-mini-2024-07-18',
  responseId: 'chatcmpl-AbC1',
  systemFingerprint: 'fp_f97eff32c5',
};

const openai: ParseContext = { vendor: 'openai', thinking: false };

describe('chat stream folding: the reference examples', () => {
  it('folds Example A (§3.2) and reports text-bearing events only', () => {
    expect(fold({ pieces: [streams.exampleA], context: openai })).toEqual({
      result: exampleAResult,
      pushed: [false, true, true, false, false, false],
    });
  });

  it('folds Example B (§3.3): Gemini reasoning through the gateway', () => {
    const { result, pushed } = fold({ pieces: [streams.exampleB], context: { vendor: 'google', thinking: true } });
    expect(pushed).toEqual([false, true, true, false, false, false]);
    expect(result).toEqual<Completion>({
      text: '1+2+…+100 = 5050，5050 不是素数。',
      reasoning: '**Summing the series** 100·101/2 …',
      rawText: null,
      usage: {
        input: 18,
        output: 512,
        reasoning: 490,
        cached: 0,
        cacheWrite: null,
        total: 530,
        raw: {
          prompt_tokens: 18,
          completion_tokens: 512,
          total_tokens: 530,
          prompt_tokens_details: { cached_tokens: 0, text_tokens: 18, audio_tokens: 0, image_tokens: 0 },
          completion_tokens_details: { text_tokens: 0, audio_tokens: 0, reasoning_tokens: 490 },
          input_tokens: 0,
          output_tokens: 0,
          input_tokens_details: null,
        },
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'gemini-2.5-pro',
      responseId: 'chatcmpl-20251229093443380697337',
      systemFingerprint: null,
    });
  });

  it('folds Example C (§3.4): keep-alive comment, reasoning first, usage on the finish chunk', () => {
    const { result, pushed } = fold({ pieces: [streams.exampleC], context: { vendor: 'deepseek', thinking: true } });
    expect(pushed).toEqual([false, true, true, false, false]);
    expect(result).toEqual<Completion>({
      text: '5050',
      reasoning: 'Pair 1 with 100 …',
      rawText: null,
      usage: {
        input: 18,
        output: 210,
        reasoning: 200,
        cached: 0,
        cacheWrite: null,
        total: 228,
        raw: {
          prompt_tokens: 18,
          completion_tokens: 210,
          total_tokens: 228,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 200 },
          prompt_cache_hit_tokens: 0,
          prompt_cache_miss_tokens: 18,
        },
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'deepseek-reasoner',
      responseId: 'a1b2',
      systemFingerprint: 'fp_x',
    });
  });

  it('keeps Claude signature "\\n" reasoning deltas verbatim; a filler reasoning 0 stays unknown', () => {
    const { result } = fold({
      pieces: [streams.claudeSignatureNoise],
      context: { vendor: 'anthropic', thinking: true },
    });
    expect(result).toEqual<Completion>({
      text: '5050',
      reasoning: 'Sum is n(n+1)/2.\n',
      rawText: null,
      usage: {
        input: 30,
        output: 40,
        reasoning: null,
        cached: 12,
        cacheWrite: null,
        total: 70,
        raw: {
          prompt_tokens: 30,
          completion_tokens: 40,
          total_tokens: 70,
          prompt_tokens_details: { cached_tokens: 12 },
          completion_tokens_details: { reasoning_tokens: 0 },
          input_tokens: 0,
          output_tokens: 0,
        },
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'claude-sonnet-4-5-20250929',
      responseId: 'msg_01',
      systemFingerprint: null,
    });
  });
});

describe('chat stream folding: framing', () => {
  it('gives the same result fed one character at a time', () => {
    expect(fold({ pieces: [...streams.exampleA], context: openai }).result).toEqual(exampleAResult);
  });

  it('gives the same result split at every position, including inside JSON', () => {
    const body = streams.exampleC;
    const whole = fold({ pieces: [body], context: { vendor: 'deepseek', thinking: true } }).result;
    for (let cut = 1; cut < body.length; cut += 7) {
      const split = fold({
        pieces: [body.slice(0, cut), body.slice(cut)],
        context: { vendor: 'deepseek', thinking: true },
      }).result;
      expect(split).toEqual(whole);
    }
  });

  it('reads \\r\\n framing', () => {
    const crlf = streams.exampleA.replaceAll('\n', '\r\n');
    expect(fold({ pieces: [crlf], context: openai }).result).toEqual(exampleAResult);
    expect(fold({ pieces: [...crlf], context: openai }).result).toEqual(exampleAResult);
  });
});

describe('chat stream folding: broken streams', () => {
  it('leaves usage all null when no usage chunk arrived', () => {
    expect(
      fold({ pieces: [streams.withoutUsage], context: { vendor: 'qwen', thinking: false } }).result,
    ).toEqual<Completion>({
      text: '5050',
      reasoning: null,
      rawText: null,
      usage: unreported,
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'qwen-max',
      responseId: 'c1',
      systemFingerprint: null,
    });
  });

  it('fails on an error data line, classified by its code, keeping the text so far', () => {
    expect(fold({ pieces: [streams.errorMidStream], context: openai })).toEqual({
      pushed: [true, false, false],
      result: {
        kind: 'transient',
        message: 'error event in stream: upstream overloaded (request id: 2025122900000000001)',
        status: null,
        code: 'bad_response_status_code',
        retryAfterMs: null,
        partial: {
          text: 'The sum',
          reasoning: null,
          rawText: null,
          usage: unreported,
          finishReason: { unified: 'other', raw: null },
          responseModel: 'gpt-4o-mini',
          responseId: 'c2',
          systemFingerprint: null,
        },
      },
    });
  });

  it('fails a stream that ended before [DONE], keeping the partial text and unknown usage', () => {
    expect(
      fold({ pieces: [streams.truncated], context: { vendor: 'deepseek', thinking: false } }).result,
    ).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before [DONE]',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: 'Pair 1 and 100',
        reasoning: null,
        rawText: null,
        usage: unreported,
        finishReason: { unified: 'other', raw: null },
        responseModel: 'deepseek-chat',
        responseId: 'c3',
        systemFingerprint: null,
      },
    });
  });

  it('takes a stream that delivered its finish reason and usage but no [DONE] as complete', () => {
    expect(fold({ pieces: [streams.truncatedAfterUsage], context: openai }).result).toEqual<Completion>({
      text: '5050',
      reasoning: null,
      rawText: null,
      usage: {
        input: 19,
        output: 2,
        reasoning: null,
        cached: null,
        cacheWrite: null,
        total: 21,
        raw: { prompt_tokens: 19, completion_tokens: 2, total_tokens: 21 },
      },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseModel: 'gpt-4o-mini',
      responseId: 'c4',
      systemFingerprint: null,
    });
  });

  it('keeps a truncated stream failed when its finish reason came but its usage did not', () => {
    const withoutUsage = streams.truncatedAfterUsage.split('\n\n')[0];
    const result = fold({ pieces: [`${withoutUsage}\n\n`], context: openai }).result as Failure;
    expect(result).toMatchObject({ kind: 'transient', message: 'stream ended before [DONE]' });
    expect(result.partial).toMatchObject({ text: '5050', finishReason: { unified: 'stop' } });
    expect(result.partial?.usage.input).toBeNull();
  });

  it('fails on a data line that is not JSON, keeping the partial text', () => {
    expect(fold({ pieces: [streams.malformedJson], context: openai }).result).toEqual<Failure>({
      kind: 'transient',
      message: 'data line is not a JSON object: {"id":"c5","choices":[{"index":0,"delta":{"content":"50"',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: '50',
        reasoning: null,
        rawText: null,
        usage: unreported,
        finishReason: { unified: 'other', raw: null },
        responseModel: 'gpt-4o-mini',
        responseId: 'c5',
        systemFingerprint: null,
      },
    });
  });

  it('fails an empty body as truncated', () => {
    const folder = openaiChatCodec.createStreamFolder(openai);
    const result = outcomeValue(folder.finish());
    expect(result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before [DONE]',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: '',
        reasoning: null,
        rawText: null,
        usage: unreported,
        finishReason: { unified: 'other', raw: null },
        responseModel: null,
        responseId: null,
        systemFingerprint: null,
      },
    });
    expect(outcomeValue(folder.finish())).toEqual(result);
  });

  it('splits a <think> wrapper from streamed content only when no reasoning field appeared', () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'q', model: 'qwq', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const body =
      chunk({ content: '<think>add' }) +
      chunk({ content: ' pairs</think>\n' }) +
      chunk({ content: '5050' }, 'stop') +
      'data: [DONE]\n\n';
    const result = fold({ pieces: [body], context: { vendor: 'other', thinking: true } }).result as Completion;
    expect([result.text, result.reasoning, result.rawText]).toEqual([
      '5050',
      'add pairs',
      '<think>add pairs</think>\n5050',
    ]);
  });
});
