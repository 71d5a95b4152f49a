import { describe, expect, it } from 'vitest';
import { readRateLimitHeaders } from '../../src/protocols/rate-limit-headers.js';

describe('readRateLimitHeaders', () => {
  it("reads OpenAI's request and token budgets, resets as durations", () => {
    const info = readRateLimitHeaders(
      {
        'x-ratelimit-limit-requests': '6000',
        'x-ratelimit-remaining-requests': '5999',
        'x-ratelimit-reset-requests': '10ms',
        'x-ratelimit-limit-tokens': '150000',
        'x-ratelimit-remaining-tokens': '149000',
        'x-ratelimit-reset-tokens': '6m0s',
      },
      null,
    );
    expect(info).toEqual({
      requests: { limit: 6000, remaining: 5999, resetMs: 10 },
      tokens: { limit: 150000, remaining: 149000, resetMs: 360_000 },
    });
  });

  it("reads Anthropic's budgets, resets as times measured from now", () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const info = readRateLimitHeaders(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': '2026-12-04T12:00:02Z',
      },
      now,
    );
    expect(info?.requests).toEqual({ limit: 50, remaining: 0, resetMs: 2000 });
    expect(info?.tokens).toBeNull();
  });

  it('takes bare seconds as a reset, and is null without any rate-limit header', () => {
    expect(
      readRateLimitHeaders({ 'X-RateLimit-Remaining-Requests': '3', 'x-ratelimit-reset-requests': '2' }, null),
    ).toEqual({
      requests: { limit: null, remaining: 3, resetMs: 2000 },
      tokens: null,
    });
    expect(readRateLimitHeaders({ 'content-type': 'application/json', 'retry-after': '1' }, null)).toBeNull();
    expect(readRateLimitHeaders({ 'x-ratelimit-limit-requests': 'many' }, null)).toBeNull();
  });
});
