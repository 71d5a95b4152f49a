import { EventEmitter } from 'node:events';

/** The reason an attempt is aborted when its total timeout fires. */
export class AttemptTimeout extends Error {
  constructor() {
    super('attempt timeout');
    this.name = 'AttemptTimeout';
  }
}

/** What failure mapping reads of an attempt's abort state. */
export interface AbortState {
  readonly aborted: boolean;
  readonly reason: unknown;
}

/** Attempts in flight per run signal, so cancelling the run reaches each with one listener in all. */
const inFlight = new WeakMap<AbortSignal, Set<AttemptAbort>>();

/**
 * The abort handle of one attempt: fired by its total timeout or by the run's
 * cancel signal. undici takes an EventEmitter as a request signal, and one per
 * request costs far less than an AbortController (an EventTarget) plus a
 * listener on the run's signal; the run's signal keeps a single listener for
 * all attempts instead. Call `release` when the attempt is over.
 */
export class AttemptAbort extends EventEmitter implements AbortState {
  aborted = false;
  reason: unknown = undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly peers: Set<AttemptAbort>;

  constructor(runSignal: AbortSignal, totalMs: number) {
    super();
    this.timer = setTimeout(() => this.abort(new AttemptTimeout()), totalMs);
    let peers = inFlight.get(runSignal);
    if (!peers) {
      const created = new Set<AttemptAbort>();
      runSignal.addEventListener(
        'abort',
        () => {
          for (const attempt of created) attempt.abort(new Error('run canceled'));
        },
        { once: true },
      );
      inFlight.set(runSignal, created);
      peers = created;
    }
    this.peers = peers;
    if (runSignal.aborted) this.abort(new Error('run canceled'));
    else peers.add(this);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** Stops the timer and leaves the run's set. */
  release(): void {
    clearTimeout(this.timer);
    this.peers.delete(this);
  }
}
