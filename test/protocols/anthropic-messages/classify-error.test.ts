import { describe, expect, it } from 'vitest';
import { anthropicMessagesCodec } from '../../../src/protocols/anthropic-messages/index.js';
import type { Failure, ResponseHeaders } from '../../../src/protocols/types.js';

const classify = (status: number, bodyText: string, headers: ResponseHeaders = {}): Failure =>
  anthropicMessagesCodec.classifyError({ status, headers, bodyText });

const envelope = (type: string, message: string): string => JSON.stringify({ type: 'error', error: { type, message } });

describe('anthropicMessagesCodec.classifyError (anthropic-messages.md §7)', () => {
  it('treats 529 overloaded_error as transient (models-and-errors.md §3 example)', () => {
    expect(
      classify(
        529,
        '{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded (request id: 2025…)"}}',
      ),
    ).toEqual<Failure>({
      kind: 'transient',
      message: 'HTTP 529: Overloaded (request id: 2025…)',
      status: 529,
      code: 'overloaded_error',
      retryAfterMs: null,
    });
  });

  it('reads a 429 rate_limit_error with retry-after', () => {
    expect(
      classify(429, envelope('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), {
        'retry-after': '7',
      }),
    ).toEqual<Failure>({
      kind: 'rate-limit',
      message: 'HTTP 429: Number of request tokens has exceeded your per-minute rate limit',
      status: 429,
      code: 'rate_limit_error',
      retryAfterMs: 7000,
    });
  });

  it('measures anthropic-ratelimit reset timestamps from the date header', () => {
    const headers = {
      date: 'Mon, 29 Dec 2025 09:34:40 GMT',
      'anthropic-ratelimit-requests-reset': '2025-12-29T09:34:43Z',
      'anthropic-ratelimit-tokens-reset': '2025-12-29T09:34:52Z',
    };
    expect(classify(429, envelope('rate_limit_error', 'slow down'), headers).retryAfterMs).toBe(12_000);
    const { date: _date, ...withoutDate } = headers;
    expect(classify(429, envelope('rate_limit_error', 'slow down'), withoutDate).retryAfterMs).toBeNull();
  });

  it('classifies prompt is too long as invalid-request', () => {
    expect(
      classify(400, envelope('invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum')),
    ).toEqual<Failure>({
      kind: 'invalid-request',
      message: 'HTTP 400: prompt is too long: 215000 tokens > 200000 maximum',
      status: 400,
      code: 'invalid_request_error',
      retryAfterMs: null,
    });
  });

  const table: [number, string, Failure['kind']][] = [
    [400, 'invalid_request_error', 'invalid-request'],
    [401, 'authentication_error', 'auth'],
    [403, 'permission_error', 'auth'],
    [404, 'not_found_error', 'invalid-request'],
    [413, 'request_too_large', 'invalid-request'],
    [429, 'rate_limit_error', 'rate-limit'],
    [500, 'api_error', 'transient'],
    [529, 'overloaded_error', 'transient'],
  ];
  it.each(table)('HTTP %i %s → %s', (status, type, kind) => {
    expect(classify(status, envelope(type, 'x'))).toMatchObject({ kind, status, code: type });
  });

  it('lets the Anthropic type win over a remapped status', () => {
    expect(classify(500, envelope('rate_limit_error', 'slow down')).kind).toBe('rate-limit');
    expect(classify(500, envelope('invalid_request_error', 'max_tokens: Field required')).kind).toBe('invalid-request');
  });

  it('keeps the status verdict for gateway types in the Claude envelope', () => {
    expect(
      classify(401, '{"type":"error","error":{"type":"new_api_error","message":"无效的令牌 (request id: 2025…)"}}'),
    ).toEqual<Failure>({
      kind: 'auth',
      message: 'HTTP 401: 无效的令牌 (request id: 2025…)',
      status: 401,
      code: 'new_api_error',
      retryAfterMs: null,
    });
  });

  it('accepts the OpenAI envelope from older gateway builds, keeping a quota verdict (§8 item 11)', () => {
    expect(
      classify(
        403,
        '{"error":{"message":"用户额度不足, 剩余额度: 0","type":"new_api_error","code":"insufficient_user_quota"}}',
        { 'x-oneapi-request-id': 'req42' },
      ),
    ).toEqual<Failure>({
      kind: 'quota',
      message: 'HTTP 403: 用户额度不足, 剩余额度: 0 (request id: req42)',
      status: 403,
      code: 'insufficient_user_quota',
      retryAfterMs: null,
    });
  });

  it('reads a proxy HTML page by its status', () => {
    expect(classify(502, '<html><body>502 Bad Gateway</body></html>')).toEqual<Failure>({
      kind: 'transient',
      message: 'HTTP 502 (HTML body): <html><body>502 Bad Gateway</body></html>',
      status: 502,
      code: null,
      retryAfterMs: null,
    });
  });
});
