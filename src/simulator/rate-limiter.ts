/**
 * A real rate limiter for the simulated gateway: one token bucket per model (or
 * per model and key) for requests per minute, and one for tokens per minute.
 * Buckets refill continuously from an injectable clock; nothing here knows HTTP.
 */

/** The limits of one model, or of every model not named (under `'*'`). At least one of `rpm` and `tpm`. */
export interface RateLimit {
  /** Requests per minute, the bucket's refill rate. */
  rpm?: number;
  /** Tokens per minute; a request costs its prompt tokens plus the output cap it names (0 without one). */
  tpm?: number;
  /** Request bucket capacity: most requests a full bucket admits at once. Default: 5 seconds of `rpm`, at least 1. */
  burst?: number;
  /** Token bucket capacity. Default: 5 seconds of `tpm`, at least 1. */
  tokenBurst?: number;
}

/** Limits by model id; `'*'` applies to every model not listed, each with buckets of its own. */
export type RateLimits = Record<string, RateLimit>;

/** What one bucket stands for: a model, or a model used with one API key. */
export type RateLimitScope = 'model' | 'model-and-key';

/** Decisions of the limiter for one model since the last reset. */
export interface RateLimitCounts {
  admitted: number;
  /** Answered 429 by the limiter (random `rateLimit` faults are not counted here). */
  limited: number;
}

/** Why a request was refused: no room yet in one bucket, or a token cost no bucket can ever hold. */
export type RateRefusal = 'requests' | 'tokens' | 'too-large';

/** The limiter's answer for one request. */
export interface RateDecision {
  /** Null when admitted. */
  refusal: RateRefusal | null;
  /** Whole seconds until the bucket has room (at least 1); null when admitted or when waiting cannot help. */
  retryAfterSeconds: number | null;
  /** `x-ratelimit-*` headers as they stand after this decision. */
  headers: Record<string, string>;
  model: string;
  rpm: number | null;
  tpm: number | null;
  /** Tokens the request was charged (or would have been). */
  tokens: number;
}

/** Default bucket capacity, in seconds of the per-minute rate. */
export const defaultBurstSeconds = 5;

/**
 * Levels are kept in units of 1/60,000 of a request (or token): a bucket with an
 * integer per-minute rate then gains exactly `rate` units per millisecond, so a
 * whole-millisecond clock refills without rounding error.
 */
const unit = 60_000;

interface ResolvedLimit {
  rpm: number | null;
  tpm: number | null;
  /** Capacities in units. */
  requestCapacity: number;
  tokenCapacity: number;
  /** Costs above this (in tokens) can never be admitted. */
  largestTokens: number;
}

class Bucket {
  requests: number;
  tokens: number;

  constructor(
    readonly limit: ResolvedLimit,
    readonly counts: RateLimitCounts,
    public at: number,
  ) {
    this.requests = limit.requestCapacity;
    this.tokens = limit.tokenCapacity;
  }

  refill(now: number): void {
    const elapsed = now - this.at;
    if (elapsed <= 0) return;
    const { rpm, tpm, requestCapacity, tokenCapacity } = this.limit;
    if (rpm !== null) this.requests = Math.min(requestCapacity, this.requests + elapsed * rpm);
    if (tpm !== null) this.tokens = Math.min(tokenCapacity, this.tokens + elapsed * tpm);
    this.at = now;
  }
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

const limitFields = new Set(['rpm', 'tpm', 'burst', 'tokenBurst']);

/** What is wrong with a limits object (from options or JSON), or null when it is usable. */
export function rateLimitsProblem(limits: unknown): string | null {
  if (!limits || typeof limits !== 'object' || Array.isArray(limits)) return 'rate limits must be an object by model';
  for (const [model, limit] of Object.entries(limits)) {
    if (!limit || typeof limit !== 'object' || Array.isArray(limit))
      return `rate limit of '${model}' must be an object`;
    for (const [field, value] of Object.entries(limit)) {
      if (!limitFields.has(field)) return `rate limit of '${model}': unknown setting '${field}'`;
      if (value === undefined) continue;
      if (!isPositive(value)) return `rate limit of '${model}': '${field}' must be a positive number`;
      if ((field === 'burst' || field === 'tokenBurst') && !Number.isInteger(value))
        return `rate limit of '${model}': '${field}' must be a whole number`;
    }
    const { rpm, tpm, burst, tokenBurst } = limit as RateLimit;
    if (rpm === undefined && tpm === undefined) return `rate limit of '${model}' needs rpm or tpm`;
    if (burst !== undefined && rpm === undefined) return `rate limit of '${model}': burst needs rpm`;
    if (tokenBurst !== undefined && tpm === undefined) return `rate limit of '${model}': tokenBurst needs tpm`;
  }
  return null;
}

/** True for `'model'` and `'model-and-key'`. */
export function isRateLimitScope(value: unknown): value is RateLimitScope {
  return value === 'model' || value === 'model-and-key';
}

function resolve(limit: RateLimit): ResolvedLimit {
  const rpm = limit.rpm ?? null;
  const tpm = limit.tpm ?? null;
  const burst = rpm === null ? 0 : (limit.burst ?? Math.max(1, Math.ceil((rpm * defaultBurstSeconds) / 60)));
  const tokenBurst = tpm === null ? 0 : (limit.tokenBurst ?? Math.max(1, Math.ceil((tpm * defaultBurstSeconds) / 60)));
  return {
    rpm,
    tpm,
    requestCapacity: burst * unit,
    tokenCapacity: tokenBurst * unit,
    largestTokens: Math.max(tpm ?? 0, tokenBurst),
  };
}

/**
 * A duration as OpenAI writes its `x-ratelimit-reset-*` headers (Go style):
 * `0s`, `250ms` below a second (whole milliseconds, rounded up), else `1.5s`,
 * `6m0s`, `1h2m3.25s` (seconds with at most three decimals).
 */
export function formatResetDuration(ms: number): string {
  if (!(ms > 0)) return '0s';
  const whole = Math.ceil(ms);
  if (whole < 1000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const seconds = `${(whole % 60_000) / 1000}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

/**
 * Admits or refuses requests by model (or model and key). A request needs one
 * request's room in the request bucket and, under a tpm limit, room for its cost
 * in the token bucket (a cost above the capacity needs a full bucket, then leaves
 * it in debt); admitting takes both. Refused requests take nothing.
 */
export class RateLimiter {
  /** True when any limit is set; routes skip the limiter otherwise. */
  active = false;
  private limits = new Map<string, ResolvedLimit>();
  private fallback: ResolvedLimit | null = null;
  private scope: RateLimitScope = 'model';
  private buckets = new Map<string, Bucket>();
  private countsByModel = new Map<string, RateLimitCounts>();
  private readonly clock: () => number;

  constructor(options: { limits?: RateLimits; per?: RateLimitScope; clock?: () => number } = {}) {
    this.clock = options.clock ?? Date.now;
    this.replace(options.limits ?? {}, options.per ?? 'model');
  }

  /** True when buckets are kept per model and key, so callers must pass the key. */
  get perKey(): boolean {
    return this.scope === 'model-and-key';
  }

  /** Replaces every limit (and the scope, when given); buckets start full, counts are kept. Throws on bad limits. */
  replace(limits: RateLimits, per?: RateLimitScope): void {
    const problem = rateLimitsProblem(limits);
    if (problem) throw new Error(problem);
    if (per !== undefined) {
      if (!isRateLimitScope(per)) throw new Error(`rate limit scope must be 'model' or 'model-and-key', got '${per}'`);
      this.scope = per;
    }
    this.limits = new Map();
    this.fallback = null;
    for (const [model, limit] of Object.entries(limits)) {
      if (model === '*') this.fallback = resolve(limit);
      else this.limits.set(model, resolve(limit));
    }
    this.buckets = new Map();
    this.active = this.limits.size > 0 || this.fallback !== null;
  }

  /** Refills every bucket and forgets the counts. */
  clear(): void {
    this.buckets = new Map();
    this.countsByModel = new Map();
  }

  /** Admitted and limited requests by model, since the last `clear`. */
  counts(): Record<string, RateLimitCounts> {
    const result: Record<string, RateLimitCounts> = {};
    for (const [model, counts] of this.countsByModel) result[model] = { ...counts };
    return result;
  }

  /**
   * Decides one request to `model` costing `tokens` (ignored without a tpm limit).
   * `key` matters only per model and key. Null when no limit covers the model.
   */
  decide(model: string, key: string, tokens: number): RateDecision | null {
    const bucket = this.bucketFor(model, key);
    if (bucket === null) return null;
    bucket.refill(this.clock());
    const { rpm, tpm, tokenCapacity, largestTokens } = bucket.limit;
    let refusal: RateRefusal | null = null;
    let waitMs = 0;
    if (rpm !== null && bucket.requests < unit) {
      refusal = 'requests';
      waitMs = (unit - bucket.requests) / rpm;
    }
    if (tpm !== null) {
      if (tokens > largestTokens) {
        refusal = 'too-large';
      } else {
        const needed = Math.min(tokens * unit, tokenCapacity);
        if (bucket.tokens < needed) {
          refusal ??= 'tokens';
          waitMs = Math.max(waitMs, (needed - bucket.tokens) / tpm);
        }
      }
    }
    if (refusal === null) {
      if (rpm !== null) bucket.requests -= unit;
      if (tpm !== null) bucket.tokens -= tokens * unit;
      bucket.counts.admitted += 1;
    } else {
      bucket.counts.limited += 1;
    }
    return {
      refusal,
      retryAfterSeconds: refusal === null || refusal === 'too-large' ? null : Math.max(1, Math.ceil(waitMs / 1000)),
      headers: headersOf(bucket),
      model,
      rpm,
      tpm,
      tokens,
    };
  }

  private bucketFor(model: string, key: string): Bucket | null {
    const name = this.scope === 'model' ? model : `${model}\u0000${key}`;
    const found = this.buckets.get(name);
    if (found) return found;
    const limit = this.limits.get(model) ?? this.fallback;
    if (limit === null) return null;
    let counts = this.countsByModel.get(model);
    if (!counts) {
      counts = { admitted: 0, limited: 0 };
      this.countsByModel.set(model, counts);
    }
    const bucket = new Bucket(limit, counts, this.clock());
    this.buckets.set(name, bucket);
    return bucket;
  }
}

/** OpenAI's header set: the per-minute limit, whole units left, and the time until the bucket is full. */
function headersOf(bucket: Bucket): Record<string, string> {
  const { rpm, tpm, requestCapacity, tokenCapacity } = bucket.limit;
  const headers: Record<string, string> = {};
  if (rpm !== null) {
    headers['x-ratelimit-limit-requests'] = String(rpm);
    headers['x-ratelimit-remaining-requests'] = String(Math.max(0, Math.floor(bucket.requests / unit)));
    headers['x-ratelimit-reset-requests'] = formatResetDuration((requestCapacity - bucket.requests) / rpm);
  }
  if (tpm !== null) {
    headers['x-ratelimit-limit-tokens'] = String(tpm);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, Math.floor(bucket.tokens / unit)));
    headers['x-ratelimit-reset-tokens'] = formatResetDuration((tokenCapacity - bucket.tokens) / tpm);
  }
  return headers;
}
