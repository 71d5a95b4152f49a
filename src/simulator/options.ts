import type { SimulatorFaults } from './faults.js';
import type { Ledger } from './ledger.js';
import type { ProfileOverride } from './profiles.js';
import type { RateLimitCounts, RateLimits, RateLimitScope } from './rate-limiter.js';
import type { VideoSimulation, VideoStats } from './routes/videos-tasks.js';

/** The key the simulator accepts unless told otherwise. Not a secret: it only unlocks the loopback simulator. */
export const SIMULATOR_API_KEY = 'sim-local-key';

/** How a stream without `stream_options` treats usage. */
export type UsageWhenNotAsked = 'gateway' | 'openai';

/** Options of `startSimulator`; every one is optional. */
export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Accepted key, as `Authorization: Bearer`, `x-api-key` or `x-goog-api-key`. Default `SIMULATOR_API_KEY`. */
  apiKey?: string;
  /** Multiplies every profile delay; 0 answers at once. Default 1. */
  latencyScale?: number;
  /**
   * Per-model profile overrides (accuracy, accuracyByGroup, ttftMs, tokensPerSecond, vendor, reasoning, …),
   * e.g. `{ 'model-x': { accuracy: 0.9, accuracyByGroup: { STEM: 0.2 } } }`.
   */
  profiles?: Record<string, ProfileOverride>;
  /** Faults to inject; change later with `setFaults` or `POST /__sim/faults`. */
  faults?: SimulatorFaults;
  /** Dataset files (JSONL/CSV, or folders of them) whose answers the simulated models know. */
  knowledge?: string[];
  /**
   * Usage in streams without `stream_options`: `'gateway'` (default) sends it as
   * new-api does; `'openai'` only when `include_usage` is true.
   */
  usageWhenNotAsked?: UsageWhenNotAsked;
  /** Seed of the fault generator and latency jitter. Default 1. */
  seed?: number;
  /** Model ids that answer 503 `model_not_found`, as when the gateway has no channel. */
  unavailableModels?: string[];
  /** Most ledger entries kept (totals still count all). Default 200,000. */
  ledgerLimit?: number;
  /** Keep per (model, promptHash) request counts in the ledger. Default true. */
  trackCounts?: boolean;
  /** Video task lifecycle, outcomes and poll faults (`/v1/videos`). */
  video?: VideoSimulation;
  /**
   * A true rate limiter: token buckets by model id (`'*'` for every other model, each its own bucket),
   * e.g. `{ '*': { rpm: 6000, burst: 50 } }`. Refused requests get 429 with `Retry-After` and
   * `x-ratelimit-*` headers; admitted ones carry the headers too. Off by default.
   */
  rateLimits?: RateLimits;
  /** Send the `x-ratelimit-*` headers (default true); false acts a gateway that sends only `Retry-After`. */
  rateLimitHeaders?: boolean;
  /** One bucket per model (default) or per model and API key. */
  rateLimitScope?: RateLimitScope;
  /** Milliseconds clock of the rate limiter (tests inject one). Default `Date.now`. */
  clock?: () => number;
}

/** A running simulator. */
export interface SimulatorHandle {
  /** `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  port: number;
  apiKey: string;
  ledger: Ledger;
  /** Video task counters: submissions per (model, prompt hash), polls and downloads per task, file checksums. */
  videoStats(): VideoStats;
  /** Replaces the fault settings (scripts restart). */
  setFaults(faults: SimulatorFaults): void;
  /** Replaces the rate limits (buckets start full; `{}` turns the limiter off). Throws on bad limits. */
  setRateLimits(limits: RateLimits, scope?: RateLimitScope): void;
  /** Requests the rate limiter admitted and refused, by model, since the last reset. */
  rateLimitCounts(): Record<string, RateLimitCounts>;
  /**
   * Teaches every simulated model one question and its answer (raw dataset form),
   * optionally with its groups, most specific first (e.g. `['agronomy', 'STEM']`).
   */
  addKnowledge(question: string, answer: string, groups?: readonly string[]): void;
  /** Clears the ledger and the prompt-cache memory. */
  reset(): void;
  /** Stops listening, cancels pending delays and destroys open sockets. */
  close(): Promise<void>;
}
