/** Per-model (or per-group) limits: in-flight requests, requests per minute, tokens per minute. */
export interface RateLimits {
  concurrency?: number;
  rpm?: number;
  tpm?: number;
}

/** Per-model limits; unset means "only the global concurrency applies". */
export interface ModelLimits extends RateLimits {
  /** Name of a budget group whose limits this model shares with others behind the same key. */
  group?: string;
}
