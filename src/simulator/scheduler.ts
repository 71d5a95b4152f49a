/** Timers the simulator owns, so closing it cancels every pending delay at once. */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Runs `task` after `delayMs` (now-ish when 0), unless the simulator closes first. */
  after(delayMs: number, task: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        task();
      },
      Math.max(0, delayMs),
    );
    this.timers.add(timer);
  }

  /** A promise that settles after `delayMs`; never settles once closed. */
  sleep(delayMs: number): Promise<void> {
    if (delayMs <= 0) return Promise.resolve();
    return new Promise((resolve) => this.after(delayMs, resolve));
  }

  /** Cancels every pending timer; later calls do nothing. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
