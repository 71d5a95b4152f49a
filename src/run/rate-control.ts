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
/**
 * The measure starts this long after the 429s began (what the gateway admitted
 * before, its burst included, says little of its rate) and needs at least
 * `MEASURE_SHORTEST_MS` of pressure after that.
 */
const MEASURE_SKIP_MS = 500;
const MEASURE_SHORTEST_MS = 1_000;
/** Fewest admitted requests in that time to measure a rate from. */
const MEASURE_MINIMUM = 10;
/** A learned rate steps down by this factor on a 429 (at most once per `CUT_SPACING_MS`)… */
const CUT = 0.95;
const CUT_SPACING_MS = 1_000;
/** …and up by this factor after a clean stretch, which doubles after every cut (up to the last). */
const PROBE = 1.02;
/**
 * Until the first cut after learning from 429s, a clean second raises the rate by 10%:
 * what was admitted under pressure can understate the limit (every refused request holds
 * its slot for its Retry-After), and the first 429 shows where the limit is.
 */
const PROBE_BEFORE_CUT = 1.1;
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
 *   40 outcomes) means a limit binds: each refused request still waits only its own
 *   `Retry-After`, so the gateway stays at its limit, and after 1.5 s of this the rate
 *   it admitted (less its burst, the first half second) becomes the bucket's rate.
 *   Then the rate steps down 5% on a 429 (at most once a second) and up 2% (10% before
 *   the first step down) after a
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
  private cutSinceLearning = false;
  private cleanSince = 0;
  /** When the 429s of the current stretch of pressure began (null when none was seen lately). */
  private pressureSince: number | null = null;
  private lastRateLimitedAt = -Infinity;

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
    if (now - this.lastRateLimitedAt > MEASURE_MS) this.pressureSince = null;
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
    this.lastRateLimitedAt = now;
    if (clustered && !spent && this.learnedRpm === null && this.options.toldRpm === null) {
      // Nothing is known of the limit yet: each 429 waits its own Retry-After while the gateway is kept
      // busy at its limit, so that what it admits over the next second or two is its rate.
      this.pressureSince ??= now;
      this.learnFromAdmitted(now);
      return { pauseUntilMs: null, clustered: true };
    }
    if (this.learnedRpm !== null && this.statedRpm === null) this.stepDown(now, 'a 429');
    if (!clustered) return { pauseUntilMs: null, clustered: false };
    const resets = [info?.requests?.resetMs, info?.tokens?.resetMs, options.retryAfterMs].filter(
      (value): value is number => typeof value === 'number',
    );
    return { pauseUntilMs: resets.length > 0 ? now + Math.max(...resets) : null, clustered: true };
  }

  /**
   * Once the 429s have pressed long enough, the rate the gateway let through since
   * (at most the last two seconds, leaving out the first half second) becomes the
   * learned rate, less 5%.
   */
  private learnFromAdmitted(now: number): void {
    const since = Math.max(now - MEASURE_MS, (this.pressureSince ?? now) + MEASURE_SKIP_MS);
    if (now - since < MEASURE_SHORTEST_MS) return;
    let admitted = 0;
    for (let index = this.successTimes.length - 1; index >= 0 && this.successTimes[index] >= since; index -= 1) {
      admitted += 1;
    }
    // Too few admitted to measure a rate from: learning waits for more answers.
    if (admitted < MEASURE_MINIMUM) return;
    const spanMs = now - since;
    const rpm = Math.max(1, Math.floor(admitted * (60_000 / spanMs) * CUT));
    // Learning is the first cut: the next may come a second later at the earliest.
    this.lastCutAt = now;
    this.set(rpm, now, `${admitted} requests admitted in ${(spanMs / 1000).toFixed(1)} s of 429s`);
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
    this.cutSinceLearning = true;
    this.set(Math.max(1, Math.floor(this.learnedRpm * CUT)), now, `${why} at ${this.learnedRpm} rpm`);
  }

  private probe(now: number): void {
    if (this.learnedRpm === null || now - this.cleanSince < this.probeMs) return;
    const ceiling = this.options.toldRpm ?? Number.POSITIVE_INFINITY;
    const step = this.cutSinceLearning ? PROBE : PROBE_BEFORE_CUT;
    const next = Math.min(ceiling, Math.ceil(this.learnedRpm * step));
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
