/** How the single retry loop behaves. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 means exactly one attempt. */
  retries: number;
  /** Give up retrying once this much wall time has passed since the job started. */
  maxRetryTimeMs: number;
  /** First back-off ceiling for transient failures; doubles per attempt (full jitter). */
  baseDelayMs: number;
  /** First back-off ceiling for rate limits without a server hint. */
  rateLimitBaseDelayMs: number;
  /** Ceiling for any single back-off. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  maxRetryTimeMs: 10 * 60_000,
  baseDelayMs: 1_000,
  rateLimitBaseDelayMs: 250,
  maxDelayMs: 60_000,
};
