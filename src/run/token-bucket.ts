/**
 * A per-minute budget (requests or tokens) refilled continuously. Its burst
 * is `burstSeconds` worth of the rate, so a 60 rpm limit allows ten requests
 * at once and then one a second, instead of sixty in the first instant and a
 * minute of silence (which trips sliding-window limiters).
 */
export class TokenBucket {
  private available: number;
  private updatedAt: number;
  readonly capacity: number;
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    options: { burstSeconds?: number; now?: number; startEmpty?: boolean } = {},
  ) {
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, (perMinute * (options.burstSeconds ?? 10)) / 60);
    // A rate learned from 429s starts empty: the gateway's own budget was just spent.
    this.available = options.startEmpty ? 0 : this.capacity;
    this.updatedAt = options.now ?? performance.now();
  }

  /**
   * Takes `amount` if it is there and returns 0; otherwise takes nothing and
   * returns how many milliseconds until it will be. An amount above the
   * capacity goes once the bucket is full and leaves it in debt, which later
   * takes wait off: one large request is never stuck, and the rate still holds.
   */
  take(amount: number, now: number = performance.now()): number {
    this.refill(now);
    const needed = Math.min(amount, this.capacity);
    if (this.available >= needed) {
      this.available -= amount;
      return 0;
    }
    return Math.ceil((needed - this.available) / this.perMs);
  }

  /** Gives back (positive) or charges extra (negative) once the real count is known. */
  adjust(amount: number, now: number = performance.now()): void {
    this.refill(now);
    this.available = Math.min(this.capacity, this.available + amount);
  }

  private refill(now: number): void {
    const elapsed = now - this.updatedAt;
    if (elapsed > 0) this.available = Math.min(this.capacity, this.available + elapsed * this.perMs);
    this.updatedAt = now;
  }
}
