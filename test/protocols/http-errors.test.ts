import { describe, expect, it } from 'vitest';
import {
  classifyErrorPayload,
  classifyHttpFailure,
  classifyHttpFailureByResponseDate,
  readErrorBody,
} from '../../src/protocols/http-errors.js';
import type { Failure } from '../../src/protocols/types.js';

const nowMs = Date.parse('Mon, 29 Dec 2025 09:34:43 GMT');

describe('readErrorBody', () => {
  const cases: [string, string, ReturnType<typeof readErrorBody>][] = [
    [
      // models-and-errors.md §7, OpenAI.
      'OpenAI envelope',
      '{"error": {"message": "bad messages", "type": "invalid_request_error", "param": "messages", "code": "invalid_value"}}',
      { message: 'bad messages', code: 'invalid_value', type: 'invalid_request_error', isHtml: false },
    ],
    [
      // models-and-errors.md §8 item 7: code as a number, param null.
      'OpenAI envelope with a numeric code',
      '{"error": {"message": "busy", "type": "upstream_error", "param": null, "code": 1302}}',
      { message: 'busy', code: '1302', type: 'upstream_error', isHtml: false },
    ],
    [
      // models-and-errors.md §3, Anthropic envelope.
      'Anthropic envelope',
      '{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded (request id: 2025…)"}}',
      { message: 'Overloaded (request id: 2025…)', code: null, type: 'overloaded_error', isHtml: false },
    ],
    [
      // models-and-errors.md §7, Google.
      'Google envelope',
      '{"error": {"code": 400, "message": "bad field", "status": "INVALID_ARGUMENT"}}',
      { message: 'bad field', code: 'INVALID_ARGUMENT', type: null, isHtml: false },
    ],
    [
      // models-and-errors.md §3, task envelope.
      'task envelope',
      '{"code": "task_not_exist", "message": "task not found", "data": null}',
      { message: 'task not found', code: 'task_not_exist', type: null, isHtml: false },
    ],
    [
      'HTML page',
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\n  <center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>',
      {
        message:
          '<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>',
        code: null,
        type: null,
        isHtml: true,
      },
    ],
    [
      'plain text',
      'upstream connect error or\n disconnect',
      { message: 'upstream connect error or disconnect', code: null, type: null, isHtml: false },
    ],
    [
      'JSON without an error shape',
      '{"detail": "Not Found"}',
      { message: '{"detail": "Not Found"}', code: null, type: null, isHtml: false },
    ],
    ['empty body', '  \n', { message: '', code: null, type: null, isHtml: false }],
  ];
  it.each(cases)('%s', (_name, bodyText, expected) => {
    expect(readErrorBody(bodyText)).toEqual(expected);
  });

  it('keeps the first 500 characters of a long text body', () => {
    expect(readErrorBody(`<p>${'x'.repeat(900)}</p>`).message).toBe(`<p>${'x'.repeat(497)}`);
  });
});

function failure(fields: Partial<Failure> & Pick<Failure, 'kind' | 'message' | 'status'>): Failure {
  return { code: null, retryAfterMs: null, ...fields };
}

describe('classifyHttpFailure (models-and-errors.md §4 and §8)', () => {
  const openaiBody = (message: string, code: string | null, type = 'new_api_error'): string =>
    JSON.stringify({ error: { message, type, param: '', code } });

  const cases: [string, { status: number; headers?: Record<string, string>; bodyText: string }, Failure][] = [
    [
      // models-and-errors.md §3 first example; §8 item 1.
      '401 with the gateway envelope and a Chinese message',
      {
        status: 401,
        headers: { 'x-oneapi-request-id': '20251229093443380697337aBcDeFgH' },
        bodyText:
          '{"error": {"message": "无效的令牌 (request id: 20251229093443380697337aBcDeFgH)", "type": "new_api_error", "code": ""}}',
      },
      failure({
        kind: 'auth',
        status: 401,
        code: 'new_api_error',
        message: 'HTTP 401: 无效的令牌 (request id: 20251229093443380697337aBcDeFgH)',
      }),
    ],
    [
      '402 DeepSeek insufficient balance',
      { status: 402, bodyText: openaiBody('Insufficient Balance', 'invalid_request_error', 'unknown_error') },
      failure({ kind: 'quota', status: 402, code: 'invalid_request_error', message: 'HTTP 402: Insufficient Balance' }),
    ],
    [
      '403 insufficient_user_quota',
      {
        status: 403,
        bodyText: openaiBody('用户额度不足, 剩余额度: ＄0.000000 (request id: 2025)', 'insufficient_user_quota'),
      },
      failure({
        kind: 'quota',
        status: 403,
        code: 'insufficient_user_quota',
        message: 'HTTP 403: 用户额度不足, 剩余额度: ＄0.000000 (request id: 2025)',
      }),
    ],
    [
      '403 pre_consume_token_quota_failed',
      { status: 403, bodyText: openaiBody('pre-consume failed', 'pre_consume_token_quota_failed') },
      failure({
        kind: 'quota',
        status: 403,
        code: 'pre_consume_token_quota_failed',
        message: 'HTTP 403: pre-consume failed',
      }),
    ],
    [
      '403 whose message alone says quota',
      { status: 403, bodyText: openaiBody('该令牌额度已用尽', null) },
      failure({ kind: 'quota', status: 403, code: 'new_api_error', message: 'HTTP 403: 该令牌额度已用尽' }),
    ],
    [
      '403 model not allowed for the key',
      { status: 403, bodyText: '{"type": "error", "error": {"type": "permission_error", "message": "not allowed"}}' },
      failure({ kind: 'auth', status: 403, code: 'permission_error', message: 'HTTP 403: not allowed' }),
    ],
    [
      '429 with Retry-After seconds',
      {
        status: 429,
        headers: { 'retry-after': '3' },
        bodyText: openaiBody('您已达到请求数限制：1分钟内最多请求60次', 'rate_limit_exceeded'),
      },
      failure({
        kind: 'rate-limit',
        status: 429,
        code: 'rate_limit_exceeded',
        retryAfterMs: 3000,
        message: 'HTTP 429: 您已达到请求数限制：1分钟内最多请求60次',
      }),
    ],
    [
      '429 with Retry-After as an HTTP date',
      {
        status: 429,
        headers: { 'retry-after': 'Mon, 29 Dec 2025 09:34:53 GMT' },
        bodyText: openaiBody('slow down', 'rate_limit_exceeded'),
      },
      failure({
        kind: 'rate-limit',
        status: 429,
        code: 'rate_limit_exceeded',
        retryAfterMs: 10_000,
        message: 'HTTP 429: slow down',
      }),
    ],
    [
      '429 with only x-ratelimit-reset headers',
      {
        status: 429,
        headers: { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6s' },
        bodyText: openaiBody('Rate limit reached', 'rate_limit_exceeded', 'requests'),
      },
      failure({
        kind: 'rate-limit',
        status: 429,
        code: 'rate_limit_exceeded',
        retryAfterMs: 6000,
        message: 'HTTP 429: Rate limit reached',
      }),
    ],
    [
      '429 without hints',
      {
        status: 429,
        bodyText: '{"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}}',
      },
      failure({ kind: 'rate-limit', status: 429, code: 'RESOURCE_EXHAUSTED', message: 'HTTP 429: Resource exhausted' }),
    ],
    [
      '429 insufficient_quota is not retryable',
      {
        status: 429,
        headers: { 'retry-after': '20' },
        bodyText: openaiBody('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      },
      failure({
        kind: 'quota',
        status: 429,
        code: 'insufficient_quota',
        retryAfterMs: 20_000,
        message: 'HTTP 429: You exceeded your current quota',
      }),
    ],
    [
      '400 prompt_blocked',
      { status: 400, bodyText: openaiBody('prompt blocked by safety', 'prompt_blocked') },
      failure({
        kind: 'invalid-request',
        status: 400,
        code: 'prompt_blocked',
        message: 'HTTP 400: prompt blocked by safety',
      }),
    ],
    [
      '400 sensitive_words_detected',
      { status: 400, bodyText: openaiBody('sensitive words detected', 'sensitive_words_detected') },
      failure({
        kind: 'invalid-request',
        status: 400,
        code: 'sensitive_words_detected',
        message: 'HTTP 400: sensitive words detected',
      }),
    ],
    [
      // models-and-errors.md §7, DashScope.
      '400 Qwen data_inspection_failed',
      {
        status: 400,
        bodyText:
          '{"error": {"code": "data_inspection_failed", "param": null, "message": "Input data may contain inappropriate content.", "type": "data_inspection_failed"}, "id": "chatcmpl-1", "request_id": "r-1"}',
      },
      failure({
        kind: 'invalid-request',
        status: 400,
        code: 'data_inspection_failed',
        message: 'HTTP 400: Input data may contain inappropriate content.',
      }),
    ],
    [
      // models-and-errors.md §7, Ark.
      '400 Doubao InvalidParameter',
      {
        status: 400,
        bodyText:
          '{"error": {"code": "InvalidParameter", "message": "bad temperature", "param": "temperature", "type": "BadRequest"}}',
      },
      failure({ kind: 'invalid-request', status: 400, code: 'InvalidParameter', message: 'HTTP 400: bad temperature' }),
    ],
    [
      '404 unknown route',
      { status: 404, bodyText: '404 page not found' },
      failure({ kind: 'invalid-request', status: 404, message: 'HTTP 404: 404 page not found' }),
    ],
    [
      '405',
      { status: 405, bodyText: '' },
      failure({ kind: 'invalid-request', status: 405, message: 'HTTP 405 (empty body)' }),
    ],
    [
      '409',
      { status: 409, bodyText: '' },
      failure({ kind: 'invalid-request', status: 409, message: 'HTTP 409 (empty body)' }),
    ],
    [
      '413',
      { status: 413, bodyText: 'Request Entity Too Large' },
      failure({ kind: 'invalid-request', status: 413, message: 'HTTP 413: Request Entity Too Large' }),
    ],
    [
      '422 DeepSeek invalid parameters',
      {
        status: 422,
        bodyText: openaiBody('Invalid max_tokens value', 'invalid_request_error', 'invalid_request_error'),
      },
      failure({
        kind: 'invalid-request',
        status: 422,
        code: 'invalid_request_error',
        message: 'HTTP 422: Invalid max_tokens value',
      }),
    ],
    ['408', { status: 408, bodyText: '' }, failure({ kind: 'timeout', status: 408, message: 'HTTP 408 (empty body)' })],
    [
      '500 with a request id suffix',
      {
        status: 500,
        headers: { 'x-oneapi-request-id': '20251229093443380697337abcdEFGH' },
        bodyText: openaiBody('do request failed (request id: 20251229093443380697337abcdEFGH)', 'do_request_failed'),
      },
      failure({
        kind: 'transient',
        status: 500,
        code: 'do_request_failed',
        message: 'HTTP 500: do request failed (request id: 20251229093443380697337abcdEFGH)',
      }),
    ],
    [
      '500 whose body lacks the request id of the header',
      {
        status: 500,
        headers: { 'x-oneapi-request-id': 'req42' },
        bodyText: openaiBody('empty response', 'empty_response'),
      },
      failure({
        kind: 'transient',
        status: 500,
        code: 'empty_response',
        message: 'HTTP 500: empty response (request id: req42)',
      }),
    ],
    [
      '502 HTML from a proxy',
      {
        status: 502,
        headers: { 'content-type': 'text/html' },
        bodyText: '<html>\n<head><title>502 Bad Gateway</title></head>\n</html>',
      },
      failure({
        kind: 'transient',
        status: 502,
        message: 'HTTP 502 (HTML body): <html> <head><title>502 Bad Gateway</title></head> </html>',
      }),
    ],
    [
      // models-and-errors.md §3 second example, §8 item 4.
      '503 model_not_found',
      {
        status: 503,
        bodyText: openaiBody(
          'No available channel for model gpt-9 under group default (distributor) (request id: 2025)',
          'model_not_found',
        ),
      },
      failure({
        kind: 'transient',
        status: 503,
        code: 'model_not_found',
        message: 'HTTP 503: No available channel for model gpt-9 under group default (distributor) (request id: 2025)',
      }),
    ],
    [
      '504 empty body',
      { status: 504, bodyText: '' },
      failure({ kind: 'transient', status: 504, message: 'HTTP 504 (empty body)' }),
    ],
    [
      '524 Cloudflare timeout',
      { status: 524, bodyText: 'error code: 524' },
      failure({ kind: 'transient', status: 524, message: 'HTTP 524: error code: 524' }),
    ],
    [
      '529 Anthropic overloaded',
      { status: 529, bodyText: '{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}' },
      failure({ kind: 'transient', status: 529, code: 'overloaded_error', message: 'HTTP 529: Overloaded' }),
    ],
    [
      // models-and-errors.md §3: operators remap statuses, so a quota code wins over the status.
      '500 carrying a quota code',
      { status: 500, bodyText: openaiBody('用户额度不足', 'insufficient_user_quota') },
      failure({ kind: 'quota', status: 500, code: 'insufficient_user_quota', message: 'HTTP 500: 用户额度不足' }),
    ],
    [
      'an unlisted status with a known code',
      { status: 451, bodyText: openaiBody('blocked', 'prompt_blocked') },
      failure({ kind: 'invalid-request', status: 451, code: 'prompt_blocked', message: 'HTTP 451: blocked' }),
    ],
    [
      'an unlisted status with a rate-limit code',
      { status: 420, bodyText: openaiBody('calm down', 'rate_limit_exceeded') },
      failure({ kind: 'rate-limit', status: 420, code: 'rate_limit_exceeded', message: 'HTTP 420: calm down' }),
    ],
    [
      'an unlisted status',
      { status: 418, bodyText: "I'm a teapot" },
      failure({ kind: 'invalid-request', status: 418, message: "HTTP 418: I'm a teapot" }),
    ],
  ];
  it.each(cases)('%s', (_name, response, expected) => {
    expect(classifyHttpFailure({ headers: {}, ...response, nowMs })).toEqual(expected);
  });

  it('caps the message at 500 characters and keeps the request id', () => {
    const result = classifyHttpFailure({
      status: 500,
      headers: { 'x-oneapi-request-id': 'req42' },
      bodyText: openaiBody('y'.repeat(800), 'server_error'),
      nowMs,
    });
    expect(result.message).toBe(`HTTP 500: ${'y'.repeat(469)}… (request id: req42)`);
    expect(result.message.length).toBe(500);
  });
});

describe('classifyHttpFailureByResponseDate', () => {
  it('measures an HTTP-date Retry-After from the response date header', () => {
    const result = classifyHttpFailureByResponseDate({
      status: 429,
      headers: { date: 'Mon, 29 Dec 2025 09:34:43 GMT', 'retry-after': 'Mon, 29 Dec 2025 09:35:00 GMT' },
      bodyText: '',
    });
    expect(result).toEqual(
      failure({ kind: 'rate-limit', status: 429, retryAfterMs: 17_000, message: 'HTTP 429 (empty body)' }),
    );
  });

  it('ignores an absolute hint without a date header but keeps relative ones', () => {
    const absolute = { 'retry-after': 'Mon, 29 Dec 2025 09:35:00 GMT' };
    expect(classifyHttpFailureByResponseDate({ status: 429, headers: absolute, bodyText: '' }).retryAfterMs).toBeNull();
    expect(
      classifyHttpFailureByResponseDate({ status: 429, headers: { 'retry-after': '7' }, bodyText: '' }).retryAfterMs,
    ).toBe(7000);
  });
});

describe('classifyErrorPayload', () => {
  it('classifies by code and falls back to the given kind', () => {
    const rateLimited = { error: { message: 'too many', type: 'rate_limit_error', code: null } };
    expect(
      classifyErrorPayload({ payload: rateLimited, label: 'error event in stream', fallbackKind: 'transient' }),
    ).toEqual(
      failure({
        kind: 'rate-limit',
        status: null,
        code: 'rate_limit_error',
        message: 'error event in stream: too many',
      }),
    );
    expect(
      classifyErrorPayload({
        payload: { error: { code: 'constructor' } },
        label: 'in body',
        fallbackKind: 'transient',
      }),
    ).toEqual(
      failure({
        kind: 'transient',
        status: null,
        code: 'constructor',
        message: 'in body: {"error":{"code":"constructor"}}',
      }),
    );
  });
});
