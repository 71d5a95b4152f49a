import { describe, expect, it } from 'vitest';
import { openaiResponsesCodec } from '../../../src/protocols/openai-responses/index.js';
import type { Failure } from '../../../src/protocols/types.js';

describe('openaiResponsesCodec.classifyError (openai-responses.md §8, models-and-errors.md §3–§4)', () => {
  it('classifies the gateway rate-limit envelope, with Retry-After seconds', () => {
    const result = openaiResponsesCodec.classifyError({
      status: 429,
      headers: { 'retry-after': '7' },
      // models-and-errors.md §3, gateway rate-limit example.
      bodyText:
        '{"error": {"message": "您已达到请求数限制：1分钟内最多请求60次 (request id: 20251229093443380697337abcdEFGH)", "type": "new_api_error", "param": "", "code": "rate_limit_exceeded"}}',
    });
    expect(result).toEqual<Failure>({
      kind: 'rate-limit',
      message: 'HTTP 429: 您已达到请求数限制：1分钟内最多请求60次 (request id: 20251229093443380697337abcdEFGH)',
      status: 429,
      code: 'rate_limit_exceeded',
      retryAfterMs: 7000,
    });
  });

  it('reads the 404 of the /v1/chat/responses typo route as invalid-request (§9 item 11)', () => {
    // models-and-errors.md §3, "No available channel" example shape; §4 row 404.
    const result = openaiResponsesCodec.classifyError({
      status: 404,
      headers: { 'x-oneapi-request-id': '2025122900000000003' },
      bodyText:
        '{"error": {"message": "Invalid URL (POST /v1/chat/responses)", "type": "invalid_request_error", "param": "", "code": ""}}',
    });
    expect(result).toEqual<Failure>({
      kind: 'invalid-request',
      message: 'HTTP 404: Invalid URL (POST /v1/chat/responses) (request id: 2025122900000000003)',
      status: 404,
      code: 'invalid_request_error',
      retryAfterMs: null,
    });
  });

  it('keeps OpenAI insufficient_quota on a 429 as quota, not retried (models-and-errors.md §4)', () => {
    const result = openaiResponsesCodec.classifyError({
      status: 429,
      headers: {},
      bodyText:
        '{"error": {"message": "You exceeded your current quota.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}',
    });
    expect(result.kind).toBe('quota');
  });
});
