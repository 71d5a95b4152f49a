import { describe, expect, it } from 'vitest';
import { openaiChatCodec } from '../../../src/protocols/openai-chat/index.js';
import type { Failure } from '../../../src/protocols/types.js';

describe('openaiChatCodec.classifyError', () => {
  it('classifies by status and body, measuring an HTTP-date Retry-After from the date header', () => {
    const result = openaiChatCodec.classifyError({
      status: 429,
      headers: {
        date: 'Mon, 29 Dec 2025 09:34:43 GMT',
        'retry-after': 'Mon, 29 Dec 2025 09:34:48 GMT',
        'x-oneapi-request-id': '20251229093443380697337abcdEFGH',
      },
      // models-and-errors.md §3, gateway rate-limit example.
      bodyText:
        '{"error": {"message": "您已达到请求数限制：1分钟内最多请求60次 (request id: 20251229093443380697337abcdEFGH)", "type": "new_api_error", "param": "", "code": "rate_limit_exceeded"}}',
    });
    expect(result).toEqual<Failure>({
      kind: 'rate-limit',
      message: 'HTTP 429: 您已达到请求数限制：1分钟内最多请求60次 (request id: 20251229093443380697337abcdEFGH)',
      status: 429,
      code: 'rate_limit_exceeded',
      retryAfterMs: 5000,
    });
  });

  it('reads a 502 HTML page from a proxy as transient', () => {
    const result = openaiChatCodec.classifyError({
      status: 502,
      headers: { 'content-type': 'text/html' },
      bodyText: '<html><body>Bad Gateway</body></html>',
    });
    expect(result).toEqual<Failure>({
      kind: 'transient',
      message: 'HTTP 502 (HTML body): <html><body>Bad Gateway</body></html>',
      status: 502,
      code: null,
      retryAfterMs: null,
    });
  });
});
