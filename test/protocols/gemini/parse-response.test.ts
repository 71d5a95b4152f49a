import { describe, expect, it } from 'vitest';
import { geminiCodec } from '../../../src/protocols/gemini/index.js';
import type { Completion, Failure, ParseContext, Usage } from '../../../src/protocols/types.js';
import * as fixtures from '../../fixtures/gemini/responses.js';
import { outcomeValue } from '../../helpers/outcome.js';

const context: ParseContext = { vendor: 'google', thinking: true };
const parse = (body: unknown): Completion | Failure => outcomeValue(geminiCodec.parseResponse(body, context));

const usage = (fields: Partial<Usage>): Usage => ({
  input: null,
  output: null,
  reasoning: null,
  cached: null,
  cacheWrite: null,
  total: null,
  raw: null,
  ...fields,
});

describe('geminiCodec.parseResponse (gemini-native.md §2)', () => {
  it('splits thought parts into reasoning and adds thoughts back into output (§2 example)', () => {
    const result = parse(fixtures.thinkingResponse) as Completion;
    expect(result).toEqual<Completion>({
      text: '5050',
      reasoning: '**Pairing terms**\nAdd 1+100, 2+99 … 50 pairs of 101.',
      rawText: null,
      usage: usage({
        input: 14,
        output: 416,
        reasoning: 412,
        total: 430,
        raw: fixtures.thinkingResponse.usageMetadata,
      }),
      finishReason: { unified: 'stop', raw: 'STOP' },
      responseModel: 'gemini-2.5-pro',
      responseId: 'mYxVaOmGJ8KAqtsPmJ2PoQ4',
      systemFingerprint: null,
    });
    const metadata = fixtures.thinkingResponse.usageMetadata;
    expect(result.usage.output).toBe(metadata.candidatesTokenCount + metadata.thoughtsTokenCount);
    expect(result.usage.total).toBe((result.usage.input ?? 0) + (result.usage.output ?? 0));
  });

  it('reads a plain answer: no thoughts means reasoning null, not 0', () => {
    expect(parse(fixtures.plainResponse)).toEqual<Completion>({
      text: '5050',
      reasoning: null,
      rawText: null,
      usage: usage({ input: 14, output: 4, total: 18, raw: fixtures.plainResponse.usageMetadata }),
      finishReason: { unified: 'stop', raw: 'STOP' },
      responseModel: 'gemini-2.0-flash',
      responseId: 'mYxVaOmGJ8KAqtsPmJ2PoQ4',
      systemFingerprint: null,
    });
  });

  it('reads the §2 third-party usage sample: 611 candidates + 1807 thoughts = 2418 output', () => {
    expect((parse(fixtures.thirdPartyUsageResponse) as Completion).usage).toEqual<Usage>(
      usage({
        input: 4,
        output: 2418,
        reasoning: 1807,
        total: 2422,
        raw: fixtures.thirdPartyUsageResponse.usageMetadata,
      }),
    );
  });

  it('reports cached tokens as part of input and adds tool-use prompt tokens to input (§4)', () => {
    expect((parse(fixtures.cachedResponse) as Completion).usage).toEqual<Usage>(
      usage({
        input: 2130,
        output: 100,
        reasoning: 96,
        cached: 2048,
        total: 2230,
        raw: fixtures.cachedResponse.usageMetadata,
      }),
    );
  });

  it('turns a blocked prompt (§2, no candidates) into an empty content_filter completion with prompt usage', () => {
    expect(parse(fixtures.blockedPrompt)).toEqual<Completion>({
      text: '',
      reasoning: null,
      rawText: null,
      usage: usage({ input: 9, total: 9, raw: fixtures.blockedPrompt.usageMetadata }),
      finishReason: { unified: 'content_filter', raw: 'SAFETY' },
      responseModel: null,
      responseId: null,
      systemFingerprint: null,
    });
  });

  it('keeps the thoughts of a MAX_TOKENS answer that has no text, and the reported modelVersion (§8 items 4, 10)', () => {
    expect(parse(fixtures.maxTokensThoughtsOnly)).toEqual<Completion>({
      text: '',
      reasoning: 'Counting pairs…',
      rawText: null,
      usage: usage({
        input: 14,
        output: 2048,
        reasoning: 2048,
        total: 2062,
        raw: fixtures.maxTokensThoughtsOnly.usageMetadata,
      }),
      finishReason: { unified: 'length', raw: 'MAX_TOKENS' },
      responseModel: 'gemini-2.5-flash-preview-05-20',
      responseId: 'r-max',
      systemFingerprint: null,
    });
  });

  it('reads a safety stop whose candidate has no content (§8 item 6)', () => {
    expect(parse(fixtures.safetyStopWithoutContent)).toEqual<Completion>({
      text: '',
      reasoning: null,
      rawText: null,
      usage: usage({ input: 11, total: 11, raw: fixtures.safetyStopWithoutContent.usageMetadata }),
      finishReason: { unified: 'content_filter', raw: 'SAFETY' },
      responseModel: 'gemini-2.5-flash',
      responseId: 'r-safety',
      systemFingerprint: null,
    });
  });

  it('maps STOP with a functionCall part to tool_calls and ignores non-text parts (§6, §8 item 9)', () => {
    expect(parse(fixtures.functionCallResponse)).toEqual<Completion>({
      text: 'Calling the tool. ',
      reasoning: null,
      rawText: null,
      usage: usage({ input: 20, output: 12, total: 32, raw: fixtures.functionCallResponse.usageMetadata }),
      finishReason: { unified: 'tool_calls', raw: 'STOP' },
      responseModel: 'gemini-2.5-flash',
      responseId: 'r-tool',
      systemFingerprint: null,
    });
  });

  it('reads only the candidate with index 0 and splits a <think> wrapper when no thought part came', () => {
    const body = {
      candidates: [
        { index: 1, content: { parts: [{ text: 'second' }] }, finishReason: 'STOP' },
        { index: 0, content: { parts: [{ text: '<think>pairs</think>\n5050' }] }, finishReason: 'STOP' },
      ],
    };
    expect(parse(body)).toEqual<Completion>({
      text: '5050',
      reasoning: 'pairs',
      rawText: '<think>pairs</think>\n5050',
      usage: usage({}),
      finishReason: { unified: 'stop', raw: 'STOP' },
      responseModel: null,
      responseId: null,
      systemFingerprint: null,
    });
  });

  it('classifies a Google error object in a 200 body (§7) by its status name', () => {
    expect(parse(fixtures.googleRateLimit)).toEqual<Failure>({
      kind: 'rate-limit',
      message: 'error object in a 2xx response: Resource has been exhausted (e.g. check quota).',
      status: null,
      code: 'RESOURCE_EXHAUSTED',
      retryAfterMs: null,
    });
  });

  it('fails a body with neither candidates nor a block reason as transient', () => {
    const malformed: Failure = {
      kind: 'transient',
      message: 'malformed Gemini response: no candidates and no promptFeedback.blockReason',
      status: null,
      code: null,
      retryAfterMs: null,
    };
    expect([parse({ usageMetadata: { promptTokenCount: 3 } }), parse('5050'), parse({ candidates: [] })]).toEqual([
      malformed,
      malformed,
      malformed,
    ]);
  });
});
