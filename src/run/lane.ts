import { Semaphore } from './semaphore.js';
import type { ModelTarget } from './target.js';

/**
 * Per-model scheduling state: how many of its jobs may be in flight, and
 * until when it is paused because the gateway asked us to wait.
 */
export class Lane {
  readonly tickets: Semaphore;
  private pausedUntil = 0;
  /** Set when the model is stopped early (auth or quota failures). */
  stoppedReason: string | null = null;

  constructor(readonly target: ModelTarget, globalConcurrency: number) {
    this.tickets = new Semaphore(Math.min(target.limits.concurrency ?? globalConcurrency, globalConcurrency));
  }

  /** Holds new attempts of this model until `untilMs` (performance.now() clock). */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** Resolves once the model is not paused. */
  async waitUntilOpen(sleep: (ms: number) => Promise<void>): Promise<void> {
    for (;;) {
      const remaining = this.pausedUntil - performance.now();
      if (remaining <= 0) return;
      await sleep(remaining);
    }
  }
}
