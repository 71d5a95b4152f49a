import type { RateLimitInfo } from '../protocols/rate-limit-headers.js';
import { TokenBucket } from './token-bucket.js';

/** One change of the rate a model (or budget group) is held to, for run.json. */
export interface RateChange {
  name: string;
  /** The new rate, in requests per minute. */
  rpm: number;
  reason: string;
}

/** What a rate-limited response means for the model as a whole. */
export interface RateLimitVerdict {
  /** Hold every request of the model until this time (performance.now() clock); null: only this request waits. */
  pauseUntilMs: number | null;
  /** Part of a cluster of 429s (or the gateway said its budget is spent), not a stray one. */
  clustered: boolean;
}

/** Recent outcomes remembered to tell a stray 429 from a limit that binds. */
const WINDOW = 40;
/** A 429 is clustered when at least this share of the window was rate limited (and at least `CLUSTER_MINIMUM`). */
const CLUSTER_SHARE = 0.3;
const CLUSTER_MINIMUM = 8;
/** How long successes are counted to measure the rate the gateway admits. */
const MEASURE_MS = 2_000;
/** Fewest admitted requests in that time to measure a rate from. */
const MEASURE_MINIMUM = 10;
/** A learned rate steps down by this factor on a 429 (at most once per `CUT_SPACING_MS`)… */
const CUT = 0.95;
const CUT_SPACING_MS = 1_000;
/** …and up by this factor after a clean stretch, which doubles after every cut (up to the last). */
const PROBE = 1.02;
const PROBE_FIRST_MS = 1_000;
const PROBE_LONGEST_MS = 30_000;
/** Burst of the buckets this class makes, in seconds of the rate: small, so a limit is met smoothly. */
const BURST_SECONDS = 0.25;

/**
 * The request rate one model (or budget group) is held to, and what it learns
 * from the gateway.
 *
 * - **Told** (`--limit m=6000rpm`, the config): a smooth token bucket with a
 *   quarter-second burst, never exceeded, so a gateway with that limit never has
 *   reason to refuse.
 * - **Learned** from `x-ratelimit-*` / `anthropic-ratelimit-*` headers: the stated
 *   limit becomes the bucket's rate at once (never above a told one).
 * - **Learned** from 429s: a stray 429 (no cluster, no spent budget) costs only its
 *   own request, which waits its `Retry-After`. A cluster of 429s (30% of the last
 *   40 outcomes) means a limit binds: the rate the gateway admitted over the last
 *   two seconds becomes the bucket's rate, and the model waits the `Retry-After`.
 *   Then the rate steps down 5% on a 429 (at most once a second) and up 2% after a
 *   clean stretch that doubles after every step down (1 s to 30 s), so it settles
 *   just under the limit with few 429s.
 * A spent budget (`remaining: 0`) holds the model until the reported reset.
 */
export class RateControl {
  private readonly outcomes = new Uint8Array(WINDOW);
  private outcomeCount = 0;
  private outcomeAt = 0;
  private rateLimitedInWindow = 0;
  private readonly successTimes: number[] = [];
  private learned: TokenBucket | null = null;
  private learnedRpm: number | null = null;
  /** The limit the gateway stated in headers, the ceiling of any probe. */
  private statedRpm: number | null = null;
  private lastCutAt = -Infinity;
  private probeMs = PROBE_FIRST_MS;
  private cleanSince = 0;

  constructor(
    private readonly options: {
      name: string;
      /** The told rate (`--limit`, config), or null. */
      toldRpm: number | null;
      onChange: (change: RateChange) => void;
    },
  ) {}

  /** The bucket learned from the gateway, or null while nothing is learned. */
  get bucket(): TokenBucket | null {
    return this.learned;
  }

  /** The learned rate in requests per minute, or null. */
  get rpm(): number | null {
    return this.learnedRpm;
  }

  /** Records an answered request and the rate-limit headers it carried. */
  onSuccess(info: RateLimitInfo | null, now: number = performance.now()): void {
    this.push(0);
    this.successTimes.push(now);
    if (this.successTimes.length > 4096) this.successTimes.splice(0, 2048);
    if (info?.requests?.limit != null) this.learnStated(info.requests.limit, now);
    else if (this.learnedRpm !== null && this.statedRpm === null) this.probe(now);
  }

  /**
   * Records a 429 with the wait it asked for and the headers it carried, and says
   * whether the whole model should wait or only this request.
   */
  onRateLimited(options: { retryAfterMs: number | null; info: RateLimitInfo | null; now?: number }): RateLimitVerdict {
    const now = options.now ?? performance.now();
    this.push(1);
    this.cleanSince = now;
    const { info } = options;
    if (info?.requests?.limit != null) this.learnStated(info.requests.limit, now);
    const spent = info?.requests?.remaining === 0 || info?.tokens?.remaining === 0;
    const clustered =
      spent ||
      (this.rateLimitedInWindow >= CLUSTER_MINIMUM &&
        this.rateLimitedInWindow / Math.min(this.outcomeCount, WINDOW) >= CLUSTER_SHARE);
    if (clustered && this.learnedRpm === null && this.options.toldRpm === null) this.learnFromAdmitted(now);
    else if (this.learnedRpm !== null && this.statedRpm === null) this.stepDown(now, 'a 429');
    if (!clustered) return { pauseUntilMs: null, clustered: false };
    const resets = [info?.requests?.resetMs, info?.tokens?.resetMs, options.retryAfterMs].filter(
      (value): value is number => typeof value === 'number',
    );
    return { pauseUntilMs: resets.length > 0 ? now + Math.max(...resets) : null, clustered: true };
  }

  /** The rate the gateway let through over the last two seconds becomes the learned rate. */
  private learnFromAdmitted(now: number): void {
    const since = now - MEASURE_MS;
    let admitted = 0;
    for (let index = this.successTimes.length - 1; index >= 0 && this.successTimes[index] >= since; index -= 1) {
      admitted += 1;
    }
    // Too few admitted to measure a rate from: the pause alone answers the cluster.
    if (admitted < MEASURE_MINIMUM) return;
    const rpm = Math.max(1, Math.floor(admitted * (60_000 / MEASURE_MS) * CUT));
    // Learning is the first cut: the next may come a second later at the earliest.
    this.lastCutAt = now;
    this.set(rpm, now, `${admitted} requests admitted in the last ${MEASURE_MS / 1000} s before a cluster of 429s`);
  }

  private learnStated(limit: number, now: number): void {
    const rpm = this.options.toldRpm === null ? limit : Math.min(limit, this.options.toldRpm);
    this.statedRpm = limit;
    if (rpm !== this.learnedRpm) this.set(rpm, now, `the gateway states a limit of ${limit} requests per minute`);
  }

  private stepDown(now: number, why: string): void {
    if (now - this.lastCutAt < CUT_SPACING_MS || this.learnedRpm === null) return;
    this.lastCutAt = now;
    this.probeMs = Math.min(PROBE_LONGEST_MS, this.probeMs * 2);
    this.set(Math.max(1, Math.floor(this.learnedRpm * CUT)), now, `${why} at ${this.learnedRpm} rpm`);
  }

  private probe(now: number): void {
    if (this.learnedRpm === null || now - this.cleanSince < this.probeMs) return;
    const ceiling = this.options.toldRpm ?? Number.POSITIVE_INFINITY;
    const next = Math.min(ceiling, Math.ceil(this.learnedRpm * PROBE));
    if (next > this.learnedRpm) this.set(next, now, `no 429 for ${(this.probeMs / 1000).toFixed(0)} s`);
    this.cleanSince = now;
  }

  private set(rpm: number, now: number, reason: string): void {
    this.learnedRpm = rpm;
    this.learned = new TokenBucket(rpm, { burstSeconds: BURST_SECONDS, now, startEmpty: true });
    this.options.onChange({ name: this.options.name, rpm, reason });
  }

  private push(rateLimited: 0 | 1): void {
    const slot = this.outcomeAt;
    if (this.outcomeCount >= WINDOW) this.rateLimitedInWindow -= this.outcomes[slot];
    else this.outcomeCount += 1;
    this.outcomes[slot] = rateLimited;
    this.rateLimitedInWindow += rateLimited;
    this.outcomeAt = (slot + 1) % WINDOW;
  }
}

/** A told rate as a smooth bucket: a quarter-second burst, then an even pace. */
export function toldBucket(perMinute: number): TokenBucket {
  return new TokenBucket(perMinute, { burstSeconds: BURST_SECONDS });
}
