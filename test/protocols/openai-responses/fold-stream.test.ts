import { describe, expect, it } from 'vitest';
import { openaiResponsesCodec } from '../../../src/protocols/openai-responses/index.js';
import { createSseDecoder } from '../../../src/protocols/sse.js';
import type { Completion, Failure, ParseContext, Usage } from '../../../src/protocols/types.js';
import * as streams from '../../fixtures/openai-responses/streams.js';
import { outcomeValue } from '../../helpers/outcome.js';

const openai: ParseContext = { vendor: 'openai', thinking: true };

/** Decodes a body fed in the given pieces and folds it; also returns what each push reported. */
function fold(options: { pieces: string[]; context?: ParseContext }): {
  result: Completion | Failure;
  pushed: boolean[];
} {
  const decoder = createSseDecoder();
  const folder = openaiResponsesCodec.createStreamFolder(options.context ?? openai);
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

const exampleUsage = {
  input_tokens: 24,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 180,
  output_tokens_details: { reasoning_tokens: 170 },
  total_tokens: 204,
};

const summary = '**Summing an arithmetic series** Pair terms: 50 pairs of 101.';

const exampleResult: Completion = {
  text: '5050',
  reasoning: summary,
  rawText: null,
  usage: { input: 24, output: 180, reasoning: 170, cached: 0, cacheWrite: null, total: 204, raw: exampleUsage },
  finishReason: { unified: 'stop', raw: 'completed' },
  responseModel: 'gpt-5.2-2025-12-11',
  responseId: 'resp_1',
  systemFingerprint: null,
};

/** What arrived of the §3 stream up to its first text delta. */
const partialAfterFirstDelta = (finishReason: Completion['finishReason']): Completion => ({
  text: '5050',
  reasoning: summary,
  rawText: null,
  usage: unreported,
  finishReason,
  responseModel: 'gpt-5.2-2025-12-11',
  responseId: 'resp_1',
  systemFingerprint: null,
});

describe('responses stream folding: the reference example (§3)', () => {
  it('folds the §3 stream and reports only the text and reasoning deltas', () => {
    const pushed = Array<boolean>(15).fill(false);
    pushed[4] = true;
    pushed[10] = true;
    expect(fold({ pieces: [streams.reasoningStream] })).toEqual({ result: exampleResult, pushed });
  });

  it('gives the same result fed one character at a time', () => {
    expect(fold({ pieces: [...streams.reasoningStream] }).result).toEqual(exampleResult);
  });

  it('gives the same result split at every 5th position, including inside JSON and event names', () => {
    const body = streams.reasoningStream;
    for (let cut = 1; cut < body.length; cut += 5) {
      expect(fold({ pieces: [body.slice(0, cut), body.slice(cut)] }).result).toEqual(exampleResult);
    }
  });

  it('reads \\r\\n framing', () => {
    expect(fold({ pieces: [streams.reasoningStream.replaceAll('\n', '\r\n')] }).result).toEqual(exampleResult);
  });

  it('keys on the JSON type when a proxy drops event: lines, and tolerates a stray [DONE] (§9 items 5, 6)', () => {
    const { result, pushed } = fold({ pieces: [streams.withoutEventLines] });
    expect(result).toEqual(exampleResult);
    expect(pushed.filter(Boolean)).toHaveLength(2);
    expect(pushed).toHaveLength(16);
  });

  it('ignores unknown event types, refusal deltas and sequence_number gaps (§9 item 7)', () => {
    const { result, pushed } = fold({ pieces: [streams.unknownEvents] });
    expect(result).toEqual(exampleResult);
    expect(pushed).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('responses stream folding: other endings', () => {
  it('folds a response.incomplete stream: no text, no reasoning text, counts kept (§9 items 2, 4)', () => {
    expect(fold({ pieces: [streams.incompleteStream] })).toEqual({
      pushed: [false, false, false, false, false],
      result: {
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
          raw: {
            input_tokens: 24,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 16,
            output_tokens_details: { reasoning_tokens: 16 },
            total_tokens: 40,
          },
        },
        finishReason: { unified: 'length', raw: 'max_output_tokens' },
        responseModel: 'gpt-5.2-2025-12-11',
        responseId: 'resp_1',
        systemFingerprint: null,
      },
    });
  });

  it('uses the deltas when the terminal output is empty: reasoning_text deltas, empty deltas, chat-style usage (§3, §9 item 9)', () => {
    expect(fold({ pieces: [streams.gatewayReasoningText], context: { vendor: 'deepseek', thinking: true } })).toEqual({
      pushed: [false, true, true, true, false, true, false],
      result: {
        text: '5050',
        reasoning: 'Pair 1 with 100, 50 pairs.',
        rawText: null,
        usage: {
          input: 18,
          output: 210,
          reasoning: 200,
          cached: null,
          cacheWrite: null,
          total: 228,
          raw: {
            prompt_tokens: 18,
            completion_tokens: 210,
            total_tokens: 228,
            completion_tokens_details: { reasoning_tokens: 200 },
            input_tokens: 0,
            output_tokens: 0,
          },
        },
        finishReason: { unified: 'stop', raw: 'completed' },
        responseModel: 'deepseek-reasoner',
        responseId: 'resp_gw2',
        systemFingerprint: null,
      },
    });
  });

  it('maps a function_call announced mid-stream to tool_calls (§7)', () => {
    expect(fold({ pieces: [streams.functionCallStream] }).result).toEqual<Completion>({
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
        raw: { input_tokens: 50, output_tokens: 12, total_tokens: 62 },
      },
      finishReason: { unified: 'tool_calls', raw: 'completed' },
      responseModel: 'gpt-5.2-2025-12-11',
      responseId: 'resp_fc',
      systemFingerprint: null,
    });
  });
});

describe('responses stream folding: broken streams', () => {
  it('fails a stream cut before its terminal event as transient, keeping text and reasoning, usage unknown', () => {
    expect(fold({ pieces: [streams.truncated] }).result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before a terminal response event',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: partialAfterFirstDelta({ unified: 'other', raw: null }),
    });
  });

  it('fails on a bare error event, classified by its code, keeping the partial answer (§3, §9 item 8)', () => {
    expect(fold({ pieces: [streams.errorEvent] }).result).toEqual<Failure>({
      kind: 'transient',
      message: 'error event in stream: The server had an error while processing your request.',
      status: null,
      code: 'server_error',
      retryAfterMs: null,
      partial: partialAfterFirstDelta({ unified: 'error', raw: 'error' }),
    });
  });

  it('fails on response.failed with rate_limit_exceeded as a rate-limit, keeping the streamed reasoning (§9 item 8)', () => {
    expect(fold({ pieces: [streams.failedRateLimit] })).toEqual({
      pushed: [false, false, false, false, true, false],
      result: {
        kind: 'rate-limit',
        message: 'response.failed event: Rate limit reached for requests.',
        status: null,
        code: 'rate_limit_exceeded',
        retryAfterMs: null,
        partial: {
          text: '',
          reasoning: '**Summing an arithmetic series** ',
          rawText: null,
          usage: unreported,
          finishReason: { unified: 'error', raw: 'failed' },
          responseModel: 'gpt-5.2-2025-12-11',
          responseId: 'resp_1',
          systemFingerprint: null,
        },
      },
    });
  });

  it('classifies a gateway-written response.failed by its quota code (§8)', () => {
    expect(fold({ pieces: [streams.gatewayFailed] }).result).toEqual<Failure>({
      kind: 'quota',
      message: 'response.failed event: 用户额度不足, 剩余额度: $0.000000 (request id: 2025122900000000002)',
      status: null,
      code: 'insufficient_user_quota',
      retryAfterMs: null,
      partial: {
        text: '',
        reasoning: null,
        rawText: null,
        usage: unreported,
        finishReason: { unified: 'error', raw: 'failed' },
        responseModel: null,
        responseId: null,
        systemFingerprint: null,
      },
    });
  });

  it('fails on a data line that is not JSON, keeping the partial answer, and ignores what follows', () => {
    const { result, pushed } = fold({ pieces: [streams.malformed, streams.reasoningStream] });
    expect(result).toEqual<Failure>({
      kind: 'transient',
      message: 'data line is not a JSON object: {"type":"response.output_text.delta","delta":"50',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: partialAfterFirstDelta({ unified: 'other', raw: null }),
    });
    expect(pushed.slice(12)).toEqual(Array<boolean>(15).fill(false));
  });

  it('reads a chat-style error data line without a type as an in-stream error', () => {
    const body = `${streams.toSse(streams.exampleEvents.slice(0, 2))}data: {"error":{"message":"upstream overloaded","type":"upstream_error","code":"bad_response_status_code"}}\n\n`;
    expect(fold({ pieces: [body] }).result).toEqual<Failure>({
      kind: 'transient',
      message: 'error event in stream: upstream overloaded',
      status: null,
      code: 'bad_response_status_code',
      retryAfterMs: null,
      partial: { ...partialAfterFirstDelta({ unified: 'error', raw: 'error' }), text: '', reasoning: null },
    });
  });

  it('keeps usage on a truncated stream when an event had carried one', () => {
    const usage = { input_tokens: 24, output_tokens: 1 };
    const inProgress = {
      ...streams.exampleEvents[1],
      response: { id: 'resp_1', status: 'in_progress', model: 'gpt-5.2', output: [], usage },
    };
    const result = fold({ pieces: [streams.toSse([streams.exampleEvents[0], inProgress, streams.exampleEvents[0]])] })
      .result as Failure;
    expect(result.partial?.usage).toEqual<Usage>({
      input: 24,
      output: 1,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: 25,
      raw: usage,
    });
  });

  it('fails an empty body as truncated, and finish() stays the same when called again', () => {
    const folder = openaiResponsesCodec.createStreamFolder(openai);
    const result = outcomeValue(folder.finish());
    expect(result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before a terminal response event',
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
});
