import { describe, expect, it } from 'vitest';
import { anthropicMessagesCodec } from '../../../src/protocols/anthropic-messages/index.js';
import { createSseDecoder } from '../../../src/protocols/sse.js';
import type { Completion, Failure, ParseContext, Usage } from '../../../src/protocols/types.js';
import * as streams from '../../fixtures/anthropic-messages/streams.js';
import { outcomeValue } from '../../helpers/outcome.js';

const context: ParseContext = { vendor: 'anthropic', thinking: true };

/** Decodes a body fed in the given pieces and folds it; also returns what each push reported. */
function fold(pieces: string[]): { result: Completion | Failure; pushed: boolean[] } {
  const decoder = createSseDecoder();
  const folder = anthropicMessagesCodec.createStreamFolder(context);
  const pushed: boolean[] = [];
  for (const piece of pieces) {
    for (const event of decoder.feed(piece)) pushed.push(folder.push(event));
  }
  for (const event of decoder.end()) pushed.push(folder.push(event));
  return { result: outcomeValue(folder.finish()), pushed };
}

const thinkingResult: Completion = {
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
    raw: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 310 },
  },
  finishReason: { unified: 'stop', raw: 'end_turn' },
  responseModel: 'claude-sonnet-4-5-20250929',
  responseId: 'msg_01AbC',
  systemFingerprint: null,
};

describe('messages stream folding: the reference example (anthropic-messages.md §3)', () => {
  it('folds the thinking stream; only non-empty thinking and text deltas count as tokens', () => {
    expect(fold([streams.thinking])).toEqual({
      result: thinkingResult,
      // message_start, block start, ping, 2 thinking deltas, signature, stop, block start, text, stop, message_delta, message_stop
      pushed: [false, false, false, true, true, false, false, false, true, false, false, false],
    });
  });

  it('gives the same result fed one character at a time', () => {
    expect(fold([...streams.thinking]).result).toEqual(thinkingResult);
  });

  it('gives the same result split in two at every position, including inside JSON and multi-byte text', () => {
    const body = streams.thinking;
    for (let cut = 1; cut < body.length; cut += 1) {
      expect(fold([body.slice(0, cut), body.slice(cut)]).result).toEqual(thinkingResult);
    }
  });

  it('reads \\r\\n framing', () => {
    const crlf = streams.thinking.replaceAll('\n', '\r\n');
    expect(fold([crlf]).result).toEqual(thinkingResult);
    expect(fold([...crlf]).result).toEqual(thinkingResult);
  });
});

describe('messages stream folding: usage (§3 gateway behaviour, §4, §8 items 7 and 8)', () => {
  it('reads a gateway-patched message_delta and adds the cache back into input', () => {
    expect(fold([streams.gatewayPatched]).result).toEqual<Completion>({
      text: 'Hello there',
      reasoning: null,
      rawText: null,
      usage: {
        input: 4225,
        output: 48,
        reasoning: null,
        cached: 3000,
        cacheWrite: 1200,
        total: 4273,
        raw: {
          input_tokens: 25,
          cache_creation_input_tokens: 1200,
          cache_read_input_tokens: 3000,
          output_tokens: 48,
          cache_creation: { ephemeral_5m_input_tokens: 1200, ephemeral_1h_input_tokens: 0 },
        },
      },
      finishReason: { unified: 'stop', raw: 'end_turn' },
      responseModel: 'claude-sonnet-4-5-20250929',
      responseId: 'msg_01Gw',
      systemFingerprint: null,
    });
  });

  it('takes input from message_delta when message_start had zeros', () => {
    expect((fold([streams.inputOnlyInDelta]).result as Completion).usage).toEqual<Usage>({
      input: 40,
      output: 3,
      reasoning: null,
      cached: 0,
      cacheWrite: 0,
      total: 43,
      raw: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 3 },
    });
  });

  it('keeps message_start counts over zero fillers and replaces output instead of adding', () => {
    const result = fold([streams.zeroFilledDelta]).result as Completion;
    expect(result.usage).toEqual<Usage>({
      input: 552,
      output: 7,
      reasoning: null,
      cached: 512,
      cacheWrite: 0,
      total: 559,
      raw: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 512, output_tokens: 7 },
    });
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'max_tokens' });
  });
});

describe('messages stream folding: other events (§3, §8 items 5 and 6)', () => {
  it('ignores pings, input_json_delta, citations and unknown events; tool_use ends the turn', () => {
    expect(fold([streams.toolUse])).toEqual({
      pushed: [false, false, false, true, false, false, false, false, false, false, false, false, false],
      result: {
        text: 'Let me compute that.',
        reasoning: null,
        rawText: null,
        usage: {
          input: 300,
          output: 90,
          reasoning: null,
          cached: 0,
          cacheWrite: 0,
          total: 390,
          raw: { input_tokens: 300, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 90 },
        },
        finishReason: { unified: 'tool_calls', raw: 'tool_use' },
        responseModel: 'claude-sonnet-4-5-20250929',
        responseId: 'msg_01Tool',
        systemFingerprint: null,
      },
    });
  });

  it('ignores everything after message_stop', () => {
    const { result, pushed } = fold([streams.eventsAfterStop]);
    expect((result as Completion).text).toBe('5050');
    expect(pushed.slice(-3)).toEqual([false, false, false]);
  });

  it('joins text by block index and keeps text from content_block_start', () => {
    const event = (data: Record<string, unknown>) => ({ event: String(data.type), data: JSON.stringify(data) });
    const folder = anthropicMessagesCodec.createStreamFolder(context);
    const pushed = [
      folder.push(event({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: 'B' } })),
      folder.push(event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })),
      folder.push(event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'A' } })),
      folder.push(event({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '' } })),
      folder.push(event({ type: 'message_stop' })),
    ];
    expect(pushed).toEqual([true, false, true, false, false]);
    expect((outcomeValue(folder.finish()) as Completion).text).toBe('AB');
  });
});

describe('messages stream folding: broken streams (§8 item 9)', () => {
  it('fails on an error event, classified by its type, keeping the text and input usage so far', () => {
    expect(fold([streams.errorMidStream])).toEqual({
      pushed: [false, false, true, false],
      result: {
        kind: 'transient',
        message: 'error event in stream: Overloaded',
        status: null,
        code: 'overloaded_error',
        retryAfterMs: null,
        partial: {
          text: 'The sum',
          reasoning: null,
          rawText: null,
          usage: {
            input: 40,
            output: null,
            reasoning: null,
            cached: 0,
            cacheWrite: 0,
            total: null,
            raw: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
          },
          finishReason: { unified: 'other', raw: null },
          responseModel: 'claude-sonnet-4-5-20250929',
          responseId: 'msg_01Err',
          systemFingerprint: null,
        },
      },
    });
  });

  it('fails on an OpenAI-shaped gateway error line, classified by its code', () => {
    const result = fold([streams.gatewayErrorMidStream]).result as Failure;
    expect({ ...result, partial: undefined }).toEqual<Failure>({
      kind: 'rate-limit',
      message: 'error event in stream: 您已达到请求数限制：1分钟内最多请求60次 (request id: 2025…)',
      status: null,
      code: 'rate_limit_exceeded',
      retryAfterMs: null,
      partial: undefined,
    });
    expect(result.partial?.responseId).toBe('msg_01GwErr');
  });

  it('fails a stream cut before message_delta: input known, output unknown, half event dropped', () => {
    expect(fold([streams.truncated]).result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before message_stop',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: 'Pair 1 and 100',
        reasoning: null,
        rawText: null,
        usage: {
          input: 52,
          output: null,
          reasoning: null,
          cached: 12,
          cacheWrite: 0,
          total: null,
          raw: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 12, output_tokens: 1 },
        },
        finishReason: { unified: 'other', raw: null },
        responseModel: 'claude-sonnet-4-5-20250929',
        responseId: 'msg_01Cut',
        systemFingerprint: null,
      },
    });
  });

  it('fails a stream cut after message_delta, keeping its output count and stop reason', () => {
    expect(fold([streams.truncatedAfterDelta]).result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before message_stop',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: '5050',
        reasoning: null,
        rawText: null,
        usage: {
          input: 40,
          output: 3,
          reasoning: null,
          cached: 0,
          cacheWrite: 0,
          total: 43,
          raw: { input_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 3 },
        },
        finishReason: { unified: 'stop', raw: 'end_turn' },
        responseModel: 'claude-sonnet-4-5-20250929',
        responseId: 'msg_01Cut2',
        systemFingerprint: null,
      },
    });
  });

  it('fails on a data line that is not JSON, keeping the partial text', () => {
    expect(fold([streams.malformedData]).result).toEqual<Failure>({
      kind: 'transient',
      message:
        'data line is not a JSON object: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"50"',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: '50',
        reasoning: null,
        rawText: null,
        usage: {
          input: 40,
          output: null,
          reasoning: null,
          cached: null,
          cacheWrite: null,
          total: null,
          raw: { input_tokens: 40, output_tokens: 1 },
        },
        finishReason: { unified: 'other', raw: null },
        responseModel: 'claude-sonnet-4-5-20250929',
        responseId: 'msg_01Bad',
        systemFingerprint: null,
      },
    });
  });

  it('fails an empty body as truncated with nothing reported, and finish is repeatable', () => {
    const folder = anthropicMessagesCodec.createStreamFolder(context);
    const result = outcomeValue(folder.finish());
    expect(result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended before message_stop',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        text: '',
        reasoning: null,
        rawText: null,
        usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
        finishReason: { unified: 'other', raw: null },
        responseModel: null,
        responseId: null,
        systemFingerprint: null,
      },
    });
    expect(outcomeValue(folder.finish())).toEqual(result);
  });
});
