import { describe, expect, it } from 'vitest';
import { geminiCodec } from '../../../src/protocols/gemini/index.js';
import { createSseDecoder } from '../../../src/protocols/sse.js';
import type { Completion, Failure, ParseContext, Usage } from '../../../src/protocols/types.js';
import * as streams from '../../fixtures/gemini/streams.js';
import { outcomeValue } from '../../helpers/outcome.js';

/** Decodes a body fed in the given pieces and folds it; also returns what each push reported. */
function fold(pieces: string[]): { result: Completion | Failure; pushed: boolean[] } {
  const decoder = createSseDecoder();
  const folder = geminiCodec.createStreamFolder(context);
  const pushed: boolean[] = [];
  for (const piece of pieces) {
    for (const event of decoder.feed(piece)) pushed.push(folder.push(event));
  }
  for (const event of decoder.end()) pushed.push(folder.push(event));
  return { result: outcomeValue(folder.finish()), pushed };
}

const context: ParseContext = { vendor: 'google', thinking: true };
const unreported: Usage = {
  input: null,
  output: null,
  reasoning: null,
  cached: null,
  cacheWrite: null,
  total: null,
  raw: null,
};
const thoughts = '**Pairing terms**\nAdd 1+100, 2+99 … 50 pairs of 101.';

/** gemini-native.md §3: the last chunk's usageMetadata. */
const finalUsage = {
  promptTokenCount: 14,
  candidatesTokenCount: 4,
  totalTokenCount: 430,
  promptTokensDetails: [{ modality: 'TEXT', tokenCount: 14 }],
  thoughtsTokenCount: 412,
};

const referenceResult: Completion = {
  text: '5050',
  reasoning: thoughts,
  rawText: null,
  usage: { input: 14, output: 416, reasoning: 412, cached: null, cacheWrite: null, total: 430, raw: finalUsage },
  finishReason: { unified: 'stop', raw: 'STOP' },
  responseModel: 'gemini-2.5-pro',
  responseId: 'mYxVaOmGJ8KAqtsPmJ2PoQ4',
  systemFingerprint: null,
};

/** The §3 example's first chunk as the partial of a stream broken after it. */
const firstChunkPartial: Completion = {
  text: '',
  reasoning: '**Pairing terms**\nAdd 1+100, 2+99 … ',
  rawText: null,
  usage: {
    input: 14,
    output: 200,
    reasoning: 200,
    cached: null,
    cacheWrite: null,
    total: 214,
    raw: {
      promptTokenCount: 14,
      totalTokenCount: 214,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 14 }],
      thoughtsTokenCount: 200,
    },
  },
  finishReason: { unified: 'other', raw: null },
  responseModel: 'gemini-2.5-pro',
  responseId: 'mYxVaOmGJ8KAqtsPmJ2PoQ4',
  systemFingerprint: null,
};

describe('Gemini stream folding: the reference example (gemini-native.md §3)', () => {
  it('folds the example: thoughts and text apart, usage from the last chunk, every chunk carries text', () => {
    expect(fold([streams.reference])).toEqual({ result: referenceResult, pushed: [true, true, true] });
  });

  it('gives the same result with \\r\\n\\r\\n separators, whole and one character at a time', () => {
    expect(fold([streams.referenceCrlf]).result).toEqual(referenceResult);
    expect(fold([...streams.referenceCrlf]).result).toEqual(referenceResult);
  });

  it('gives the same result split at awkward places: inside JSON, inside a \\r\\n pair, inside a multi-byte character', () => {
    const body = streams.referenceCrlf;
    const cuts = [body.indexOf('\r\n') + 1, body.indexOf('…'), body.indexOf('"thought"') + 3, body.length - 1];
    for (const cut of cuts) {
      expect(fold([body.slice(0, cut), body.slice(cut)]).result).toEqual(referenceResult);
    }
    for (let cut = 1; cut < body.length; cut += 11) {
      expect(fold([body.slice(0, cut), body.slice(cut)]).result).toEqual(referenceResult);
    }
  });
});

describe('Gemini stream folding: edge cases (gemini-native.md §3, §8)', () => {
  it('separates mixed parts, skips empty parts, and reads a usage-only chunk after the finish', () => {
    expect(fold([streams.mixedWithUsageOnlyChunk])).toEqual({
      pushed: [false, true, true, false],
      result: {
        text: 'Answer',
        reasoning: 'Think.',
        rawText: null,
        usage: {
          input: 8,
          output: 22,
          reasoning: 20,
          cached: 4,
          cacheWrite: null,
          total: 31,
          raw: {
            promptTokenCount: 8,
            candidatesTokenCount: 2,
            totalTokenCount: 31,
            thoughtsTokenCount: 20,
            cachedContentTokenCount: 4,
          },
        },
        finishReason: { unified: 'stop', raw: 'STOP' },
        responseModel: 'gemini-2.5-flash',
        responseId: 's-mix',
        systemFingerprint: null,
      },
    });
  });

  it('completes a blocked-prompt stream as content_filter (§8 item 5)', () => {
    expect(fold([streams.blockedPrompt])).toEqual({
      pushed: [false],
      result: {
        text: '',
        reasoning: null,
        rawText: null,
        usage: {
          input: 9,
          output: null,
          reasoning: null,
          cached: null,
          cacheWrite: null,
          total: 9,
          raw: { promptTokenCount: 9, totalTokenCount: 9 },
        },
        finishReason: { unified: 'content_filter', raw: 'PROHIBITED_CONTENT' },
        responseModel: 'gemini-2.5-flash',
        responseId: 's-block',
        systemFingerprint: null,
      },
    });
  });
});

describe('Gemini stream folding: broken streams', () => {
  it('fails a stream cut before the finishReason chunk, keeping partial text and the last cumulative usage', () => {
    expect(fold([streams.truncated]).result).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended without a finishReason',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: {
        ...firstChunkPartial,
        reasoning: thoughts,
        usage: {
          input: 14,
          output: 412,
          reasoning: 412,
          cached: null,
          cacheWrite: null,
          total: 426,
          raw: {
            promptTokenCount: 14,
            totalTokenCount: 426,
            promptTokensDetails: [{ modality: 'TEXT', tokenCount: 14 }],
            thoughtsTokenCount: 412,
          },
        },
      },
    });
  });

  it('fails an in-stream Google UNAVAILABLE error as transient, keeping what arrived', () => {
    expect(fold([streams.errorMidStream])).toEqual({
      pushed: [true, false],
      result: {
        kind: 'transient',
        message: 'error event in stream: The model is overloaded. Please try again later.',
        status: null,
        code: 'UNAVAILABLE',
        retryAfterMs: null,
        partial: firstChunkPartial,
      },
    });
  });

  it('classifies an in-stream PERMISSION_DENIED as auth and a gateway-envelope error by its type', () => {
    expect(fold([streams.permissionDeniedMidStream]).result).toEqual<Failure>({
      kind: 'auth',
      message: 'error event in stream: Permission denied on resource project.',
      status: null,
      code: 'PERMISSION_DENIED',
      retryAfterMs: null,
      partial: { ...firstChunkPartial, reasoning: null, usage: unreported, responseModel: null, responseId: null },
    });
    expect(fold([streams.gatewayErrorMidStream]).result).toMatchObject({
      kind: 'transient',
      message: 'error event in stream: 无效的令牌 (request id: 20251229093443380697337aBcDeFgH)',
      code: 'new_api_error',
    });
  });

  it('fails on a data line that is not JSON, keeping the partial', () => {
    expect(fold([streams.malformedJson])).toEqual({
      pushed: [true, false],
      result: {
        kind: 'transient',
        message: 'data line is not a JSON object: {"candidates":[{"content":{"parts":[{"text":"50',
        status: null,
        code: null,
        retryAfterMs: null,
        partial: firstChunkPartial,
      },
    });
  });

  it('ignores events after a failure and fails an empty body as truncated', () => {
    const folder = geminiCodec.createStreamFolder(context);
    expect(folder.push({ data: 'not json' })).toBe(false);
    expect(
      folder.push({ data: '{"candidates":[{"content":{"parts":[{"text":"late"}]},"finishReason":"STOP"}]}' }),
    ).toBe(false);
    expect(outcomeValue(folder.finish())).toMatchObject({
      kind: 'transient',
      message: 'data line is not a JSON object: not json',
      partial: { text: '' },
    });

    const empty = geminiCodec.createStreamFolder(context);
    expect(outcomeValue(empty.finish())).toEqual<Failure>({
      kind: 'transient',
      message: 'stream ended without a finishReason',
      status: null,
      code: null,
      retryAfterMs: null,
      partial: { ...firstChunkPartial, reasoning: null, usage: unreported, responseModel: null, responseId: null },
    });
  });
});
