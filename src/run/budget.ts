/**
 * Run-wide spending limits: `--max-requests` counts jobs scheduled (cache hits
 * are free and not counted), `--max-cost` sums the cost of finished rows.
 * When one is reached no new job is scheduled; requests already in flight
 * finish, so the cost can pass the limit by at most what was in flight.
 */
export class RunBudget {
  private requests = 0;
  private spent = 0;
  reason: string | null = null;

  constructor(private readonly limits: { maxRequests: number | null; maxCost: number | null }) {}

  /** True when another job may be scheduled; records the reason once a limit is reached. */
  allows(): boolean {
    if (this.reason !== null) return false;
    const { maxRequests, maxCost } = this.limits;
    if (maxRequests !== null && this.requests >= maxRequests) {
      this.reason = `--max-requests ${maxRequests} reached`;
    } else if (maxCost !== null && this.spent >= maxCost) {
      this.reason = `--max-cost ${maxCost} USD reached (spent ${this.spent.toFixed(4)} USD)`;
    }
    return this.reason === null;
  }

  /** Counts one scheduled job. */
  countRequest(): void {
    this.requests += 1;
  }

  /** Undoes a count for a job that turned out to be a cache hit. */
  uncountRequest(): void {
    this.requests -= 1;
  }

  addCost(usd: number | null): void {
    if (usd !== null) this.spent += usd;
  }

  get spentUsd(): number {
    return this.spent;
  }
}
