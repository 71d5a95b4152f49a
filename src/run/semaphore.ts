/**
 * A counting semaphore whose limit can change while it is in use (adaptive
 * concurrency lowers and raises it). Waiters are served first come, first served.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private currentLimit: number;

  constructor(limit: number) {
    this.currentLimit = Math.max(1, Math.floor(limit));
  }

  get limit(): number {
    return this.currentLimit;
  }

  /** Changes the limit; raising it wakes waiters at once, lowering it lets in-flight holders finish. */
  set limit(value: number) {
    this.currentLimit = Math.max(1, Math.floor(value));
    this.drain();
  }

  get activeCount(): number {
    return this.active;
  }

  get waitingCount(): number {
    return this.waiters.length;
  }

  /** Takes a slot when one is free and nobody waits; false otherwise (nothing taken). */
  tryAcquire(): boolean {
    if (this.active >= this.currentLimit || this.waiters.length > 0) return false;
    this.active += 1;
    return true;
  }

  acquire(): Promise<void> {
    if (this.active < this.currentLimit && this.waiters.length === 0) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
    });
  }

  release(): void {
    this.active -= 1;
    this.drain();
  }

  private drain(): void {
    while (this.active < this.currentLimit && this.waiters.length > 0) {
      this.active += 1;
      const next = this.waiters.shift();
      next?.();
    }
  }
}
