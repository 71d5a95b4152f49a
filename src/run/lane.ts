import { AdaptiveLimit, type ConcurrencyChange } from './adaptive-limit.js';
import type { RateLimitInfo } from '../protocols/rate-limit-headers.js';
import { type RateChange, RateControl, type RateLimitVerdict, toldBucket } from './rate-control.js';
import type { RateLimits } from '../settings/limits.js';
import { Semaphore } from './semaphore.js';
import type { ModelTarget } from '../settings/model-target.js';
import type { TokenBucket } from './token-bucket.js';

/**
 * What a model's requests draw on: in-flight tickets (adaptively sized) and
 * per-minute request and token budgets. Models that share one gateway budget
 * (a config group) share one of these.
 */
export class LaneResources {
  readonly tickets: Semaphore;
  readonly adaptive: AdaptiveLimit;
  readonly rpm: TokenBucket | null;
  readonly tpm: TokenBucket | null;
  /** The rate learned from the gateway (headers, clusters of 429s), on top of a told one. */
  readonly rate: RateControl;

  constructor(options: {
    name: string;
    limits: RateLimits;
    globalConcurrency: number;
    onChange: (change: ConcurrencyChange) => void;
    /** Told of every change of the learned rate (for run.json). */
    onRateChange?: (change: RateChange) => void;
  }) {
    const ceiling = Math.min(options.limits.concurrency ?? options.globalConcurrency, options.globalConcurrency);
    this.tickets = new Semaphore(ceiling);
    this.adaptive = new AdaptiveLimit({
      model: options.name,
      semaphore: this.tickets,
      ceiling,
      onChange: options.onChange,
    });
    // Told limits are met smoothly: a quarter-second burst, then an even pace.
    this.rpm = options.limits.rpm ? toldBucket(options.limits.rpm) : null;
    this.tpm = options.limits.tpm ? toldBucket(options.limits.tpm) : null;
    this.rate = new RateControl({
      name: options.name,
      toldRpm: options.limits.rpm ?? null,
      onChange: options.onRateChange ?? (() => undefined),
    });
  }

  /** True when a told or learned rate paces this budget (then 429s tune the rate, not the concurrency). */
  get paced(): boolean {
    return this.rpm !== null || this.rate.rpm !== null;
  }
}

/** What `waitForTurn` needs: the request's token estimate, how to sleep, and whether the run is stopping. */
export interface TurnOptions {
  estimatedTokens: number;
  sleep: (ms: number) => Promise<void>;
  stopped: () => boolean;
}

/**
 * Per-model scheduling state: its own resources and, when it belongs to a
 * budget group, the group's shared ones too (both apply: a model may be held
 * below its group's limits); until when it is paused because the gateway asked
 * us to wait; and whether it was stopped early.
 */
export class Lane {
  private pausedUntil = 0;
  /** Set when the model is stopped early (auth or quota failures). */
  stoppedReason: string | null = null;
  /** Own resources first, then the group's. */
  readonly chain: LaneResources[];

  constructor(
    readonly target: ModelTarget,
    own: LaneResources,
    group: LaneResources | null = null,
  ) {
    this.chain = group ? [own, group] : [own];
  }

  /**
   * Takes a ticket from the model and then from its group. Null when both were
   * free (the common case: no promise to wait on); otherwise a promise that
   * resolves once the rest are taken, holding those already taken meanwhile.
   */
  acquireTicket(): Promise<void> | null {
    for (let index = 0; index < this.chain.length; index += 1) {
      if (this.chain[index].tickets.tryAcquire()) continue;
      return this.acquireFrom(index);
    }
    return null;
  }

  private async acquireFrom(start: number): Promise<void> {
    for (let index = start; index < this.chain.length; index += 1) await this.chain[index].tickets.acquire();
  }

  releaseTicket(): void {
    for (const resources of this.chain) resources.tickets.release();
  }

  /** The budget the gateway's rate limit is taken to apply to: the group's when the model shares one, else its own. */
  private get gatewayBudget(): LaneResources {
    return this.chain[this.chain.length - 1];
  }

  /** Feeds an answered attempt, with the rate-limit headers it carried, to the model's limits. */
  recordSuccess(info: RateLimitInfo | null): void {
    for (const { adaptive } of this.chain) adaptive.onSuccess();
    this.gatewayBudget.rate.onSuccess(info);
  }

  /** Feeds a failure that is not a rate limit (5xx, timeout): it neither cuts nor grows a limit. */
  recordOtherFailure(): void {
    for (const { adaptive } of this.chain) adaptive.onOtherFailure();
  }

  /**
   * Feeds a 429 to the model's limits and says whether the whole model waits (a
   * cluster of 429s, or a spent budget) or only this request (a stray one). While
   * no rate paces the model, 429s also feed its adaptive concurrency.
   */
  recordRateLimit(retryAfterMs: number | null, info: RateLimitInfo | null): RateLimitVerdict {
    const verdict = this.gatewayBudget.rate.onRateLimited({ retryAfterMs, info });
    for (const resources of this.chain) {
      if (!resources.paced) resources.adaptive.onRateLimit();
    }
    return verdict;
  }

  /** Holds new attempts of this model until `untilMs` (performance.now() clock). */
  /** When the model may send again (performance.now() clock), or null when it is not paused. */
  pausedUntilMs(): number | null {
    return this.pausedUntil > performance.now() ? this.pausedUntil : null;
  }

  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /**
   * Waits until the model may send: not paused, and the request and token
   * budgets of the model and its group have room for one request of about
   * `estimatedTokens`. Nothing is taken from one budget unless all had room.
   * Null when the model may send at once; otherwise a promise to wait on.
   */
  waitForTurn(options: TurnOptions): Promise<void> | null {
    if (options.stopped()) return null;
    if (this.pausedUntil > performance.now()) return this.waitForTurnSlowly(options);
    // No pause and room in every budget (the common case): go now, without a promise to wait on.
    const wait = this.takeBudgets(options.estimatedTokens);
    if (wait === 0) return null;
    return options.sleep(wait).then(() => this.waitForTurnSlowly(options));
  }

  private async waitForTurnSlowly(options: TurnOptions): Promise<void> {
    for (;;) {
      if (options.stopped()) return;
      const paused = this.pausedUntil - performance.now();
      if (paused > 0) {
        await options.sleep(paused);
        continue;
      }
      const wait = this.takeBudgets(options.estimatedTokens);
      if (wait === 0) return;
      await options.sleep(wait);
    }
  }

  /** Corrects the token budgets once the real count is known. */
  settleTokens(estimated: number, actual: number | null): void {
    if (actual === null) return;
    for (const resources of this.chain) resources.tpm?.adjust(estimated - actual);
  }

  /** Takes one request and `tokens` from every budget, or nothing and returns the wait in ms. */
  private takeBudgets(tokens: number): number {
    const taken: Array<[TokenBucket, number]> = [];
    for (const resources of this.chain) {
      for (const [bucket, amount] of [
        [resources.rpm, 1],
        [resources.tpm, tokens],
        [resources.rate.bucket, 1],
      ] as Array<[TokenBucket | null, number]>) {
        if (!bucket) continue;
        const wait = bucket.take(amount);
        if (wait > 0) {
          for (const [done, doneAmount] of taken) done.adjust(doneAmount);
          return wait;
        }
        taken.push([bucket, amount]);
      }
    }
    return 0;
  }
}
