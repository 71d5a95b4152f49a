import { parseDurationMs, readHeader } from './http-errors.js';
import type { ResponseHeaders } from './types.js';

/** One budget a gateway reports: its limit, what is left, and when it is whole again. */
export interface RateBudget {
  /** The limit (requests or tokens per minute, as vendors state them); null when not sent. */
  limit: number | null;
  /** What is left of it after this request; null when not sent. */
  remaining: number | null;
  /** Milliseconds until the budget is whole again (or until `remaining` grows); null when not sent. */
  resetMs: number | null;
}

/** The rate-limit state a response reported: its request and token budgets. */
export interface RateLimitInfo {
  requests: RateBudget | null;
  tokens: RateBudget | null;
}

function number(value: string | null): number | null {
  if (value === null || !/^\d+(\.\d+)?$/.test(value.trim())) return null;
  return Number(value);
}

/** A reset as OpenAI sends it (a duration: `1s`, `6m0s`, `20ms`) or bare seconds; or Anthropic's RFC 3339 time. */
function resetMs(value: string | null, nowMs: number | null): number | null {
  if (value === null) return null;
  const duration = parseDurationMs(value);
  if (duration !== null) return duration;
  const seconds = number(value);
  if (seconds !== null) return seconds * 1000;
  const time = Date.parse(value);
  return nowMs !== null && Number.isFinite(time) ? Math.max(0, time - nowMs) : null;
}

function budget(headers: ResponseHeaders, prefix: string, suffix: string, nowMs: number | null): RateBudget | null {
  const limit = number(readHeader(headers, `${prefix}limit${suffix}`));
  const remaining = number(readHeader(headers, `${prefix}remaining${suffix}`));
  const reset = resetMs(readHeader(headers, `${prefix}reset${suffix}`), nowMs);
  if (limit === null && remaining === null && reset === null) return null;
  return { limit, remaining, resetMs: reset };
}

/**
 * Reads the rate-limit headers a response carried, 2xx or 429 alike: OpenAI's
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (resets as durations)
 * and Anthropic's `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`
 * (resets as times; measured from `nowMs`, skipped when it is null). Null when
 * the response had none: the gateway forwards them only sometimes, so they are a
 * help, never a requirement.
 */
export function readRateLimitHeaders(headers: ResponseHeaders, nowMs: number | null): RateLimitInfo | null {
  // Most responses carry none: one pass over the names decides that before any lookup.
  let any = false;
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-ratelimit-') || lower.startsWith('anthropic-ratelimit-')) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  const requests =
    budget(headers, 'x-ratelimit-', '-requests', nowMs) ?? anthropic(headers, 'anthropic-ratelimit-requests-', nowMs);
  const tokens =
    budget(headers, 'x-ratelimit-', '-tokens', nowMs) ?? anthropic(headers, 'anthropic-ratelimit-tokens-', nowMs);
  return requests === null && tokens === null ? null : { requests, tokens };
}

function anthropic(headers: ResponseHeaders, prefix: string, nowMs: number | null): RateBudget | null {
  return budget(headers, prefix, '', nowMs);
}
