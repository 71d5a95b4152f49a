import { Semaphore } from './semaphore.js';

/**
 * The global in-flight bound (`--concurrency`): at most `concurrency` attempts
 * on the wire at once, first come first served. An attempt holds its slot
 * only while it is on the wire, never while it backs off.
 *
 * Lanes ask `roomForMore()` before they start a job, so that jobs are built
 * shortly before they can be sent. Without it, three models at a per-model
 * limit of 64 would build 192 jobs at the start of a run, 128 of them only to
 * queue here, and that work would delay the first answers.
 */
export class GlobalLimit {
  private readonly slots: Semaphore;
  /** Attempts allowed to wait for a slot before lanes hold back new jobs. */
  readonly backlog: number;
  private roomWaiters: Array<() => void> = [];

  constructor(concurrency: number) {
    this.slots = new Semaphore(concurrency);
    // Enough queued attempts that a freed slot is refilled at once.
    this.backlog = Math.max(4, Math.ceil(this.slots.limit / 4));
  }

  /** Runs `task` once a slot is free and gives the slot back when it settles. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.slots.tryAcquire()) return this.holding(task);
    return this.slots.acquire().then(() => this.holding(task));
  }

  /** Runs `task` in a slot already taken, and gives it back when it settles. */
  private async holding<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } finally {
      this.slots.release();
      if (this.roomWaiters.length > 0 && this.hasRoom()) this.wakeAll();
    }
  }

  /** Null when a new job may start now; otherwise a promise that resolves once it may. */
  roomForMore(): Promise<void> | null {
    if (this.hasRoom()) return null;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Attempts on the wire. */
  get activeCount(): number {
    return this.slots.activeCount;
  }

  /** Attempts waiting for a slot. */
  get pendingCount(): number {
    return this.slots.waitingCount;
  }

  private hasRoom(): boolean {
    return this.slots.waitingCount < this.backlog;
  }

  private wakeAll(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}
