import type { Sample } from '../dataset/sample.js';

/**
 * A bounded window over a sample stream that several model lanes read at
 * their own pace. A fast model may run ahead of a slow one by at most
 * `capacity` samples; samples every lane has passed are dropped, so memory
 * stays flat however long the dataset is and no cross product is built.
 */
export class SampleWindow {
  private readonly buffer: Sample[] = [];
  /** Absolute index of buffer[0]. */
  private base = 0;
  private ended = false;
  private reading: Promise<void> | null = null;
  private readonly cursors = new Map<string, number>();
  private roomWaiters: Array<() => void> = [];

  constructor(
    private readonly source: AsyncIterator<Sample>,
    private readonly capacity: number,
    laneNames: string[],
  ) {
    for (const name of laneNames) this.cursors.set(name, 0);
  }

  /** The sample at absolute `index`, or undefined past the end of the stream. */
  async get(index: number): Promise<Sample | undefined> {
    for (;;) {
      if (index < this.base) throw new Error(`sample ${index} was already released`);
      const offset = index - this.base;
      if (offset < this.buffer.length) return this.buffer[offset];
      if (this.ended) return undefined;
      if (this.buffer.length >= this.capacity) {
        await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
        continue;
      }
      await this.readOne();
    }
  }

  /** Records that `lane` no longer needs samples before `index`. */
  advance(lane: string, index: number): void {
    this.cursors.set(lane, index);
    let lowest = index;
    for (const cursor of this.cursors.values()) if (cursor < lowest) lowest = cursor;
    const drop = lowest - this.base;
    if (drop <= 0) return;
    // Called once per sample and lane: no spread, and one shift per dropped sample.
    if (drop === 1) this.buffer.shift();
    else this.buffer.splice(0, drop);
    this.base = lowest;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Removes a lane that stopped early so it no longer holds the window back. */
  retire(lane: string): void {
    this.cursors.delete(lane);
    if (this.cursors.size === 0) return;
    this.advance(this.cursors.keys().next().value as string, this.cursors.values().next().value as number);
  }

  private readOne(): Promise<void> {
    this.reading ??= this.source.next().then((result) => {
      this.reading = null;
      if (result.done) this.ended = true;
      else this.buffer.push(result.value);
    });
    return this.reading;
  }
}
