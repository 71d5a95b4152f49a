import type { Failure, FailureKind, ResponseHeaders } from './types.js';
import { isRecord } from './json-values.js';

/** Longest failure message kept, in characters. */
const maxMessageLength = 500;

/** An error body reduced to what a failure record needs. */
export interface ErrorBody {
  /** Human-readable message (possibly empty); for HTML or text bodies, their first 500 characters. */
  message: string;
  /** The provider's machine code (`model_not_found`, `RESOURCE_EXHAUSTED`, …), or null. */
  code: string | null;
  /** The provider's error type (`invalid_request_error`, `overloaded_error`, …), or null. */
  type: string | null;
  /** True when the body looks like an HTML page (typically from a proxy). */
  isHtml: boolean;
}

/** Reads one header case-insensitively; a repeated header yields its first value. */
export function readHeader(headers: ResponseHeaders, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? null : first.trim();
  }
  return null;
}

const durationUnitMs: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

/** Parses a Go-style duration (`6m0s`, `12ms`, `1m30s`, `0.5s`) into milliseconds; null when it is not one. */
export function parseDurationMs(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return null;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number(match[1]) * durationUnitMs[match[2]];
  }
  return total;
}

/**
 * How long the server asks us to wait, in milliseconds, or null when it gave no hint.
 * Order: `retry-after-ms`; `retry-after` as (fractional) seconds or an HTTP date;
 * the larger of OpenAI's `x-ratelimit-reset-requests` / `-tokens` durations; the
 * latest of Anthropic's `anthropic-ratelimit-*-reset` timestamps. Absolute times are
 * measured from `nowMs`; a null `nowMs` skips them. Never negative; not capped: the runner
 * bounds a wait by what `--retry-time` leaves the row.
 */
export function parseRetryAfter(options: { headers: ResponseHeaders; nowMs: number | null }): number | null {
  const waitMs = rawRetryAfter(options);
  // Reported as the server said it; the runner decides what a wait beyond --retry-time means.
  return waitMs === null ? null : Math.max(0, Math.round(waitMs));
}

function rawRetryAfter(options: { headers: ResponseHeaders; nowMs: number | null }): number | null {
  const { headers, nowMs } = options;
  const retryAfterMs = readHeader(headers, 'retry-after-ms');
  if (retryAfterMs !== null && /^\d+(\.\d+)?$/.test(retryAfterMs)) return Number(retryAfterMs);

  const retryAfter = readHeader(headers, 'retry-after');
  if (retryAfter !== null) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const dateMs = Date.parse(retryAfter);
    if (nowMs !== null && Number.isFinite(dateMs)) return dateMs - nowMs;
  }

  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']
    .map((name) => readHeader(headers, name))
    .map((value) => (value === null ? null : parseDurationMs(value)))
    .filter((value): value is number => value !== null);
  if (resets.length > 0) return Math.max(...resets);

  if (nowMs === null) return null;
  const anthropicResets = Object.keys(headers)
    .filter((name) => /^anthropic-ratelimit-.+-reset$/i.test(name))
    .map((name) => Date.parse(readHeader(headers, name) ?? ''))
    .filter((value) => Number.isFinite(value));
  return anthropicResets.length > 0 ? Math.max(...anthropicResets) - nowMs : null;
}

/**
 * Reads any error body the gateway or an upstream may send: the OpenAI envelope
 * `{error:{message,type,param,code}}` (code string, number or null), Anthropic's
 * `{type:'error',error:{type,message}}`, Google's `{error:{code,message,status}}`
 * (the `status` name becomes the code), the task envelope `{code,message,data}`,
 * HTML pages and plain text (first 500 characters, whitespace collapsed) and empty bodies.
 */
export function readErrorBody(bodyText: string): ErrorBody {
  const trimmed = bodyText.trim();
  if (trimmed === '') return { message: '', code: null, type: null, isHtml: false };
  const excerpt = trimmed.replace(/\s+/g, ' ').slice(0, maxMessageLength);
  if (trimmed.startsWith('<')) return { message: excerpt, code: null, type: null, isHtml: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { message: excerpt, code: null, type: null, isHtml: false };
  }
  return readErrorValue(parsed) ?? { message: excerpt, code: null, type: null, isHtml: false };
}

/** Reads an already-parsed error payload; null when it holds no recognisable error. */
export function readErrorValue(value: unknown): ErrorBody | null {
  if (!isRecord(value)) return null;
  const error = value.error;
  if (typeof error === 'string' && error !== '') return { message: error, code: null, type: null, isHtml: false };
  if (isRecord(error)) {
    // Google puts the HTTP status number in `code` and the meaningful name in `status`.
    const googleStatus = typeof error.code === 'number' ? text(error.status) : null;
    return {
      message: text(error.message) ?? '',
      code: googleStatus ?? text(error.code),
      type: text(error.type),
      isHtml: false,
    };
  }
  if (typeof value.message === 'string' || value.code !== undefined) {
    return { message: text(value.message) ?? '', code: text(value.code), type: null, isHtml: false };
  }
  return null;
}

const quotaCodes = new Set(['insufficient_quota', 'insufficient_user_quota', 'pre_consume_token_quota_failed']);

/** Failure kinds a provider code or type implies on its own, without a status (200 bodies, in-stream errors). */
const kindByCode = new Map<string, FailureKind>(
  Object.entries({
    insufficient_quota: 'quota',
    insufficient_user_quota: 'quota',
    pre_consume_token_quota_failed: 'quota',
    rate_limit_exceeded: 'rate-limit',
    rate_limit_error: 'rate-limit',
    RESOURCE_EXHAUSTED: 'rate-limit',
    authentication_error: 'auth',
    invalid_api_key: 'auth',
    permission_error: 'auth',
    invalid_request_error: 'invalid-request',
    invalid_value: 'invalid-request',
    context_length_exceeded: 'invalid-request',
    prompt_blocked: 'invalid-request',
    sensitive_words_detected: 'invalid-request',
    data_inspection_failed: 'invalid-request',
    InvalidParameter: 'invalid-request',
    INVALID_ARGUMENT: 'invalid-request',
    overloaded_error: 'transient',
    api_error: 'transient',
    server_error: 'transient',
    UNAVAILABLE: 'transient',
    empty_response: 'transient',
  } satisfies Record<string, FailureKind>),
);

function saysQuota(body: ErrorBody): boolean {
  return (body.code !== null && quotaCodes.has(body.code)) || (body.type !== null && quotaCodes.has(body.type));
}

function kindFromBody(body: ErrorBody): FailureKind | null {
  return kindByCode.get(body.code ?? '') ?? kindByCode.get(body.type ?? '') ?? null;
}

/**
 * A message saying the account's quota or balance is spent, not that a rate window is full:
 * "insufficient quota", "quota exhausted", "balance is not enough", "余额不足", "额度不足", "billing".
 * A per-minute or per-second quota (Gemini's "Quota exceeded for quota metric … per minute") is a rate limit.
 */
const SPENT =
  /insufficient[ _](?:user[ _])?(?:quota|balance|credits?|funds)|(?:quota|balance|credits?)[^.]{0,40}\b(?:exhausted|used up|spent|depleted|not enough|insufficient)|out of (?:credits?|quota|balance)|billing|余额不足|额度不足|欠费/i;
const PER_WINDOW = /per[ _](?:second|minute|hour)|rpm|tpm|rate[ _]limit/i;

function saysSpent(body: ErrorBody): boolean {
  return SPENT.test(body.message) && !PER_WINDOW.test(body.message);
}

function kindFromStatus(status: number, body: ErrorBody): FailureKind | null {
  if (status === 401) return 'auth';
  if (status === 402) return 'quota';
  if (status === 403) {
    return saysQuota(body) || /quota|额度/i.test(body.message) ? 'quota' : 'auth';
  }
  if (status === 408) return 'timeout';
  if (status === 429) return saysSpent(body) ? 'quota' : 'rate-limit';
  if ([400, 404, 405, 409, 413, 422].includes(status)) return 'invalid-request';
  if (status >= 500 && status <= 599) return 'transient';
  return null;
}

/**
 * Classifies a non-2xx HTTP response (models-and-errors.md §4): 401 auth; 402 quota;
 * 403 quota when the code or message says quota, else auth; 408 timeout; 429 rate-limit,
 * or quota when its message says the quota or balance is spent (not a per-minute window);
 * 400/404/405/409/413/422 invalid-request; 5xx (incl. 503, 52x, 529) transient; other
 * statuses by the body's code, else invalid-request. A quota code (e.g. OpenAI
 * `insufficient_quota` on a 429) wins at any status but 401, because operators remap
 * statuses and retrying an empty account only burns time. The message starts with the
 * status, carries the gateway request id header when the body lacks it, and stays within 500 characters.
 */
export function classifyHttpFailure(options: {
  status: number;
  headers: ResponseHeaders;
  bodyText: string;
  nowMs: number | null;
}): Failure {
  const { status, headers } = options;
  if (status >= 300 && status < 400) return redirectFailure(status, headers);
  const body = readErrorBody(options.bodyText);
  const kind =
    status !== 401 && saysQuota(body)
      ? 'quota'
      : (kindFromStatus(status, body) ?? kindFromBody(body) ?? 'invalid-request');
  const detail = body.message === '' ? ' (empty body)' : `${body.isHtml ? ' (HTML body)' : ''}: ${body.message}`;
  const requestId = readHeader(headers, 'x-oneapi-request-id');
  const suffix = requestId !== null && !body.message.includes(requestId) ? ` (request id: ${requestId})` : '';
  return {
    kind,
    message: capMessage(`HTTP ${status}${detail}`, suffix),
    status,
    code: body.code ?? body.type,
    retryAfterMs: parseRetryAfter({ headers, nowMs: options.nowMs }),
  };
}

/**
 * A redirect is never followed (a gateway key must not travel to another host, and a
 * POST would turn into a GET): the row fails, naming where the redirect pointed.
 */
function redirectFailure(status: number, headers: ResponseHeaders): Failure {
  const location = readHeader(headers, 'location');
  let target = 'an address the response did not give';
  if (location !== null) {
    try {
      target =
        new URL(location, 'http://relative.invalid').host === 'relative.invalid'
          ? `the path ${location}`
          : `host ${new URL(location).host}`;
    } catch {
      target = 'an unreadable Location';
    }
  }
  return {
    kind: 'invalid-request',
    message: `HTTP ${status}: a redirect to ${target}, not followed. Point --base-url (or the model's baseUrl) at the final address.`,
    status,
    code: 'redirect',
    retryAfterMs: null,
  };
}

/**
 * The response's own `date` header in epoch milliseconds, or null. Codecs have no
 * clock, so they measure absolute retry hints against this instead; it is also the
 * server's clock, which makes an HTTP-date `Retry-After` immune to local clock skew.
 */
export function responseDateMs(headers: ResponseHeaders): number | null {
  const value = readHeader(headers, 'date');
  const parsed = value === null ? Number.NaN : Date.parse(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * `classifyHttpFailure` for codecs, which may not read the clock: absolute retry hints
 * (HTTP-date `Retry-After`, Anthropic reset timestamps) are measured from the response's
 * `date` header and ignored when it is missing; relative hints always apply.
 */
export function classifyHttpFailureByResponseDate(options: {
  status: number;
  headers: ResponseHeaders;
  bodyText: string;
}): Failure {
  return classifyHttpFailure({ ...options, nowMs: responseDateMs(options.headers) });
}

/**
 * Classifies an error object that arrived inside a successful response (a 200 JSON body
 * or an SSE `data:` line) by its code or type alone; `fallbackKind` applies when neither
 * is known. `label` says where it was found and starts the message.
 */
export function classifyErrorPayload(options: { payload: unknown; label: string; fallbackKind: FailureKind }): Failure {
  const body = readErrorValue(options.payload) ?? { message: '', code: null, type: null, isHtml: false };
  const message = body.message === '' ? (JSON.stringify(options.payload) ?? '') : body.message;
  return {
    kind: kindFromBody(body) ?? options.fallbackKind,
    message: capMessage(`${options.label}: ${message}`, ''),
    status: null,
    code: body.code ?? body.type,
    retryAfterMs: null,
  };
}

function capMessage(message: string, suffix: string): string {
  const room = maxMessageLength - suffix.length;
  const kept = message.length > room ? `${message.slice(0, room - 1)}…` : message;
  return kept + suffix;
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}
