import type { Failure } from '../protocols/types.js';
import type { RetryPolicy } from '../settings/retry-policy.js';

/** Failure kinds worth another attempt; quota, auth and bad requests never are. */
export function isRetryable(failure: Failure): boolean {
  return failure.kind === 'rate-limit' || failure.kind === 'transient' || failure.kind === 'timeout';
}

/**
 * Milliseconds to wait before the next attempt, or null to stop retrying.
 * A server hint (Retry-After, rate-limit reset) is honoured as given;
 * otherwise exponential back-off with full jitter.
 */
export function nextDelay(options: {
  failure: Failure;
  attempt: number;
  elapsedMs: number;
  policy: RetryPolicy;
  random: () => number;
}): number | null {
  const { failure, attempt, elapsedMs, policy, random } = options;
  if (!isRetryable(failure)) return null;
  if (attempt > policy.retries) return null;
  let delay: number;
  if (failure.retryAfterMs !== null && failure.retryAfterMs >= 0) {
    delay = Math.min(failure.retryAfterMs, policy.maxDelayMs * 2);
  } else {
    const base = failure.kind === 'rate-limit' ? policy.rateLimitBaseDelayMs : policy.baseDelayMs;
    const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1));
    delay = Math.floor(random() * ceiling);
  }
  if (elapsedMs + delay > policy.maxRetryTimeMs) return null;
  return delay;
}
