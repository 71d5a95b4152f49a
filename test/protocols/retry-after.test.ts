import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRetryAfter } from '../../src/protocols/http-errors.js';

const nowMs = Date.parse('Mon, 29 Dec 2025 09:34:43 GMT');

describe('parseRetryAfter', () => {
  const cases: [string, Record<string, string | string[]>, number | null][] = [
    ['Retry-After seconds', { 'retry-after': '3' }, 3000],
    ['fractional Retry-After seconds', { 'retry-after': '1.5' }, 1500],
    ['Retry-After as an HTTP date', { 'retry-after': 'Mon, 29 Dec 2025 09:35:13 GMT' }, 30_000],
    ['an HTTP date in the past', { 'retry-after': 'Mon, 29 Dec 2025 09:30:00 GMT' }, 0],
    ['retry-after-ms before Retry-After', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['mixed-case header names', { 'Retry-After': '4' }, 4000],
    ['a repeated header (first value)', { 'retry-after': ['2', '8'] }, 2000],
    [
      'the larger x-ratelimit reset',
      { 'x-ratelimit-reset-requests': '12ms', 'x-ratelimit-reset-tokens': '1m30s' },
      90_000,
    ],
    ['a fractional duration', { 'x-ratelimit-reset-tokens': '0.5s' }, 500],
    ['Retry-After before x-ratelimit resets', { 'retry-after': '1', 'x-ratelimit-reset-tokens': '30s' }, 1000],
    [
      'a long reset, reported as given (the runner bounds it by --retry-time)',
      { 'x-ratelimit-reset-requests': '6m0s' },
      360_000,
    ],
    [
      'the latest Anthropic reset',
      {
        'anthropic-ratelimit-requests-reset': '2025-12-29T09:34:50Z',
        'anthropic-ratelimit-tokens-reset': '2025-12-29T09:35:03Z',
      },
      20_000,
    ],
    ['no hint at all', { 'content-type': 'application/json' }, null],
    ['an unreadable hint', { 'retry-after': 'soon', 'x-ratelimit-reset-tokens': 'later' }, null],
  ];
  it.each(cases)('%s', (_name, headers, expected) => {
    expect(parseRetryAfter({ headers, nowMs })).toBe(expected);
  });

  it('skips absolute hints when there is no reference time', () => {
    expect(parseRetryAfter({ headers: { 'retry-after': 'Mon, 29 Dec 2025 09:35:13 GMT' }, nowMs: null })).toBeNull();
    expect(parseRetryAfter({ headers: { 'retry-after': '5' }, nowMs: null })).toBe(5000);
  });

  it('reads Go-style durations', () => {
    expect([parseDurationMs('6m0s'), parseDurationMs('1s'), parseDurationMs('1h2m'), parseDurationMs('12')]).toEqual([
      360_000,
      1000,
      3_720_000,
      null,
    ]);
  });
});
