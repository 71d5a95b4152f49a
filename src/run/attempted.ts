import type { RateLimitInfo } from '../protocols/rate-limit-headers.js';
import type { Outcome } from '../protocols/types.js';

/** One attempt of any request: its outcome (a value or a typed failure) and its timings. */
export interface Attempted<T> {
  outcome: Outcome<T>;
  /** Request sent to last byte. */
  latencyMs: number;
  /** Request sent to the first generated token (streams only). */
  ttftMs: number | null;
  /** First to last generated token (streams only). */
  generationMs: number | null;
  /** The gateway's request id header. */
  requestId: string | null;
  /** Stream events that carried generated text; with fewer than 2, `generationMs` says nothing about speed. */
  tokenEvents: number;
  /** The server said it is the simulated gateway (`x-mixrouter-simulated: 1`). */
  simulated: boolean;
  /** The rate-limit headers of the response (`x-ratelimit-*`, `anthropic-ratelimit-*`); null when it had none. */
  rateLimit: RateLimitInfo | null;
}
