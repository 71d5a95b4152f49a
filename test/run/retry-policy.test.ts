import { describe, expect, it } from 'vitest';
import type { Failure } from '../../src/protocols/types.js';
import { isRetryable, nextDelay } from '../../src/run/retry-policy.js';
import { DEFAULT_RETRY_POLICY } from '../../src/settings/retry-policy.js';

const failure = (kind: Failure['kind'], retryAfterMs: number | null = null): Failure => ({
  kind,
  message: kind,
  status: null,
  code: null,
  retryAfterMs,
});

describe('retry policy', () => {
  it('retries only rate limits, transient failures and timeouts', () => {
    expect(isRetryable(failure('rate-limit'))).toBe(true);
    expect(isRetryable(failure('transient'))).toBe(true);
    expect(isRetryable(failure('timeout'))).toBe(true);
    for (const kind of ['quota', 'auth', 'invalid-request', 'canceled'] as const)
      expect(isRetryable(failure(kind))).toBe(false);
  });

  it('honours Retry-After exactly', () => {
    const delay = nextDelay({
      failure: failure('rate-limit', 3000),
      attempt: 1,
      elapsedMs: 0,
      policy: DEFAULT_RETRY_POLICY,
      random: () => 0.5,
    });
    expect(delay).toBe(3000);
  });

  it('uses full jitter under an exponentially growing ceiling', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    const at = (attempt: number, random: number): number | null =>
      nextDelay({ failure: failure('transient'), attempt, elapsedMs: 0, policy, random: () => random });
    expect(at(1, 0.999)).toBe(99);
    expect(at(2, 0.999)).toBe(199);
    expect(at(3, 0.5)).toBe(200);
    expect(at(5, 0.999)).toBe(999);
    expect(at(1, 0)).toBe(0);
  });

  it('stops after the retry budget, the time cap, or at once with retries 0', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, retries: 2, maxRetryTimeMs: 5000 };
    const base = { failure: failure('transient'), policy, random: () => 0.5 };
    expect(nextDelay({ ...base, attempt: 2, elapsedMs: 0 })).not.toBeNull();
    expect(nextDelay({ ...base, attempt: 3, elapsedMs: 0 })).toBeNull();
    expect(nextDelay({ ...base, failure: failure('rate-limit', 4000), attempt: 1, elapsedMs: 2000 })).toBeNull();
    expect(nextDelay({ ...base, policy: { ...policy, retries: 0 }, attempt: 1, elapsedMs: 0 })).toBeNull();
  });
});
