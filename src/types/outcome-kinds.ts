/**
 * Kinds of failure. The runner retries `rate-limit`, `transient` and `timeout`;
 * `quota` and `auth` stop a model early; `too-large` is an answer beyond
 * `--max-answer-mb` (never retried: it would be paid for again); the rest are
 * recorded as they are.
 */
export const FAILURE_KINDS = [
  'rate-limit',
  'transient',
  'timeout',
  'quota',
  'auth',
  'invalid-request',
  'too-large',
  'canceled',
] as const;

/** One of {@link FAILURE_KINDS}. */
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** The closed finish-reason vocabulary every report relies on. */
export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'error', 'other'] as const;

/** One of {@link FINISH_REASONS}. */
export type UnifiedFinishReason = (typeof FINISH_REASONS)[number];
