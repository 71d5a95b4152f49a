import { describe, expect, it } from 'vitest';
import { geminiCodec } from '../../../src/protocols/gemini/index.js';
import type { Failure } from '../../../src/protocols/types.js';

/** A Google error envelope body (gemini-native.md §7). */
const google = (code: number, status: string, message: string): string =>
  JSON.stringify({ error: { code, message, status } });

describe('geminiCodec.classifyError (gemini-native.md §7, models-and-errors.md §3–4)', () => {
  it('reads Google RESOURCE_EXHAUSTED 429 (§7 example) as rate-limit, honouring Retry-After', () => {
    const result = geminiCodec.classifyError({
      status: 429,
      headers: { 'retry-after': '7' },
      bodyText:
        '{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}',
    });
    expect(result).toEqual<Failure>({
      kind: 'rate-limit',
      message: 'HTTP 429: Resource has been exhausted (e.g. check quota).',
      status: 429,
      code: 'RESOURCE_EXHAUSTED',
      retryAfterMs: 7000,
    });
  });

  it('classifies the other Google statuses by HTTP status, keeping the status name as code', () => {
    const cases: [number, string, Failure['kind']][] = [
      [503, 'UNAVAILABLE', 'transient'],
      [400, 'INVALID_ARGUMENT', 'invalid-request'],
      [400, 'FAILED_PRECONDITION', 'invalid-request'],
      [403, 'PERMISSION_DENIED', 'auth'],
      [401, 'UNAUTHENTICATED', 'auth'],
      [404, 'NOT_FOUND', 'invalid-request'],
      [500, 'INTERNAL', 'transient'],
      [504, 'DEADLINE_EXCEEDED', 'transient'],
    ];
    const results = cases.map(([status, name]) =>
      geminiCodec.classifyError({ status, headers: {}, bodyText: google(status, name, 'detail') }),
    );
    expect(results).toEqual(
      cases.map(([status, name, kind]) => ({
        kind,
        message: `HTTP ${status}: detail`,
        status,
        code: name,
        retryAfterMs: null,
      })),
    );
  });

  it('reads the gateway OpenAI envelope on this route (models-and-errors.md §3), adding the request id header', () => {
    const result = geminiCodec.classifyError({
      status: 403,
      headers: { 'x-oneapi-request-id': '20251229093443380697337aBcDeFgH' },
      bodyText:
        '{"error": {"message": "用户额度不足, 剩余额度: 0", "type": "new_api_error", "param": "", "code": "insufficient_user_quota"}}',
    });
    expect(result).toEqual<Failure>({
      kind: 'quota',
      message: 'HTTP 403: 用户额度不足, 剩余额度: 0 (request id: 20251229093443380697337aBcDeFgH)',
      status: 403,
      code: 'insufficient_user_quota',
      retryAfterMs: null,
    });
  });

  it('reads a proxy HTML page as transient', () => {
    expect(
      geminiCodec.classifyError({ status: 502, headers: {}, bodyText: '<html><body>Bad Gateway</body></html>' }),
    ).toEqual<Failure>({
      kind: 'transient',
      message: 'HTTP 502 (HTML body): <html><body>Bad Gateway</body></html>',
      status: 502,
      code: null,
      retryAfterMs: null,
    });
  });
});
