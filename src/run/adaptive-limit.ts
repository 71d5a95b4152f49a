import type { Semaphore } from './semaphore.js';

/** One concurrency change, for the run manifest. */
export interface ConcurrencyChange {
  model: string;
  from: number;
  to: number;
  reason: string;
}

/**
 * Adaptive concurrency for one model. It starts at the ceiling (the configured
 * limit), is cut by 30% when rate limits become a real share of recent
 * outcomes (at least `minimumRateLimits` and `cutShare` of the last `window`), at most once per
 * `cooldownMs`, and grows back by one after every `limit` clean successes.
 * A few stray 429s (a gateway that throttles at random) do not shrink it,
 * because slowing down would not help; a limit that actually binds does.
 */
export class AdaptiveLimit {
  private readonly outcomes: boolean[] = [];
  private rateLimitsInWindow = 0;
  private cleanSinceChange = 0;
  private lastCutAt = -Infinity;

  constructor(
    private readonly options: {
      model: string;
      semaphore: Semaphore;
      ceiling: number;
      floor?: number;
      /** Outcomes remembered (default 100). */
      window?: number;
      /** Share of rate limits in the window that cuts (default 0.2). */
      cutShare?: number;
      /** Fewest rate limits in the window that can cut (default 15). */
      minimumRateLimits?: number;
      cooldownMs?: number;
      onChange: (change: ConcurrencyChange) => void;
    },
  ) {}

  get current(): number {
    return this.options.semaphore.limit;
  }

  /** Records an attempt that was not rate limited. */
  onSuccess(): void {
    this.push(false);
    this.cleanSinceChange += 1;
    const { semaphore, ceiling } = this.options;
    if (semaphore.limit < ceiling && this.cleanSinceChange >= semaphore.limit) {
      this.change(semaphore.limit + 1, `${this.cleanSinceChange} clean responses in a row`);
    }
  }

  /** Records a failure that is not a rate limit (5xx, timeout): it neither cuts nor grows the limit. */
  onOtherFailure(): void {
    this.push(false);
  }

  /** Records a 429. */
  onRateLimit(now: number = performance.now()): void {
    this.push(true);
    this.cleanSinceChange = 0;
    // Cut only when rate limits are both many and a real share: a gateway that throttles at
    // random (5% of answers) almost never shows 15 in 100, while a binding limit does at once.
    const share = this.rateLimitsInWindow / Math.max(this.outcomes.length, this.minimumCount());
    if (this.rateLimitsInWindow < this.minimumCount() || share < (this.options.cutShare ?? 0.2)) return;
    if (now - this.lastCutAt < (this.options.cooldownMs ?? 2_000)) return;
    this.lastCutAt = now;
    const target = Math.max(this.options.floor ?? 1, Math.floor(this.options.semaphore.limit * 0.7));
    if (target < this.options.semaphore.limit) {
      this.change(target, `${this.rateLimitsInWindow} of the last ${this.outcomes.length} responses were rate limited`);
    }
  }

  private minimumCount(): number {
    return this.options.minimumRateLimits ?? 15;
  }

  private push(rateLimited: boolean): void {
    this.outcomes.push(rateLimited);
    if (rateLimited) this.rateLimitsInWindow += 1;
    if (this.outcomes.length > (this.options.window ?? 100) && this.outcomes.shift()) this.rateLimitsInWindow -= 1;
  }

  private change(to: number, reason: string): void {
    const from = this.options.semaphore.limit;
    this.options.semaphore.limit = to;
    this.cleanSinceChange = 0;
    this.options.onChange({ model: this.options.model, from, to, reason });
  }
}
