import { AdaptiveLimit, type ConcurrencyChange } from './adaptive-limit.js';
import type { RateLimits } from './limits.js';
import { Semaphore } from './semaphore.js';
import type { ModelTarget } from './target.js';
import { TokenBucket } from './token-bucket.js';

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

  constructor(options: { name: string; limits: RateLimits; globalConcurrency: number; onChange: (change: ConcurrencyChange) => void }) {
    const ceiling = Math.min(options.limits.concurrency ?? options.globalConcurrency, options.globalConcurrency);
    this.tickets = new Semaphore(ceiling);
    this.adaptive = new AdaptiveLimit({ model: options.name, semaphore: this.tickets, ceiling, onChange: options.onChange });
    this.rpm = options.limits.rpm ? new TokenBucket(options.limits.rpm) : null;
    this.tpm = options.limits.tpm ? new TokenBucket(options.limits.tpm) : null;
  }
}

/**
 * Per-model scheduling state: its resources, until when it is paused because
 * the gateway asked us to wait, and whether it was stopped early.
 */
export class Lane {
  private pausedUntil = 0;
  /** Set when the model is stopped early (auth or quota failures, budget reached). */
  stoppedReason: string | null = null;

  constructor(
    readonly target: ModelTarget,
    readonly resources: LaneResources,
  ) {}

  get tickets(): Semaphore {
    return this.resources.tickets;
  }

  /** Holds new attempts of this model until `untilMs` (performance.now() clock). */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /**
   * Waits until the model may send: not paused, and its request and token
   * budgets have room for one request of about `estimatedTokens`.
   */
  async waitForTurn(options: { estimatedTokens: number; sleep: (ms: number) => Promise<void>; stopped: () => boolean }): Promise<void> {
    const { rpm, tpm } = this.resources;
    for (;;) {
      if (options.stopped()) return;
      const paused = this.pausedUntil - performance.now();
      if (paused > 0) {
        await options.sleep(paused);
        continue;
      }
      const requestWait = rpm ? rpm.take(1) : 0;
      if (requestWait > 0) {
        await options.sleep(requestWait);
        continue;
      }
      const tokenWait = tpm ? tpm.take(options.estimatedTokens) : 0;
      if (tokenWait > 0) {
        rpm?.adjust(1);
        await options.sleep(tokenWait);
        continue;
      }
      return;
    }
  }

  /** Corrects the token budget once the real count is known. */
  settleTokens(estimated: number, actual: number | null): void {
    if (actual !== null) this.resources.tpm?.adjust(estimated - actual);
  }
}
