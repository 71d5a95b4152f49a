import type { Failure } from '../protocols/types.js';
import type { RetryPolicy } from '../settings/retry-policy.js';

/** Failure kinds worth another attempt; quota, auth and bad requests never are. */
export function isRetryable(failure: Failure): boolean {
  return failure.kind === 'rate-limit' || failure.kind === 'transient' || failure.kind === 'timeout';
}

/**
 * The failure with a note on why it was not retried, when the server asked for a wait
 * longer than what `--retry-time` leaves the row (so a `Retry-After` of days fails the
 * row now instead of stalling the run), else null.
 */
export function waitBeyondRetryTime(options: {
  failure: Failure;
  elapsedMs: number;
  policy: RetryPolicy;
}): Failure | null {
  const { failure, elapsedMs, policy } = options;
  if (!isRetryable(failure) || failure.retryAfterMs === null) return null;
  const leftMs = policy.maxRetryTimeMs - elapsedMs;
  if (failure.retryAfterMs <= leftMs) return null;
  const seconds = (ms: number): string => String(Math.ceil(ms / 1000));
  return {
    ...failure,
    message: `${failure.message} (the gateway asked to wait ${seconds(failure.retryAfterMs)} s, more than the ${seconds(Math.max(0, leftMs))} s --retry-time leaves this row: not retried)`,
  };
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
    // The server's wait, as asked: it is bounded by the retry time below, not cut short.
    delay = failure.retryAfterMs;
  } else {
    const base = failure.kind === 'rate-limit' ? policy.rateLimitBaseDelayMs : policy.baseDelayMs;
    const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1));
    delay = Math.floor(random() * ceiling);
  }
  if (elapsedMs + delay > policy.maxRetryTimeMs) return null;
  return delay;
}
