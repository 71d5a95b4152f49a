import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/run/token-bucket.js';

/** Takes single units at `now` until one is refused; returns how many were granted. */
function drain(bucket: TokenBucket, now: number): number {
  let granted = 0;
  while (bucket.take(1, now) === 0) {
    granted += 1;
    if (granted > 10_000) throw new Error('bucket never ran dry');
  }
  return granted;
}

describe('TokenBucket', () => {
  it('holds ten seconds of the rate as its burst, at least one unit', () => {
    expect(new TokenBucket(60, { now: 0 }).capacity).toBe(10);
    expect(new TokenBucket(600, { now: 0 }).capacity).toBe(100);
    expect(new TokenBucket(600, { burstSeconds: 1, now: 0 }).capacity).toBe(10);
    expect(new TokenBucket(1, { now: 0 }).capacity).toBe(1);
  });

  it('grants the whole burst at once, then refuses', () => {
    const bucket = new TokenBucket(60, { now: 0 });
    expect(drain(bucket, 0)).toBe(10);
    expect(bucket.take(1, 0)).toBeGreaterThan(0);
  });

  it('returns the exact wait: refused one millisecond early, granted on time', () => {
    // 60,000 per minute is one unit a millisecond, so every wait is a whole number of milliseconds.
    const bucket = new TokenBucket(60_000, { now: 0 });
    expect(bucket.take(10_000, 0)).toBe(0);
    expect(bucket.take(1, 0)).toBe(1);
    expect(bucket.take(500, 0)).toBe(500);
    expect(bucket.take(500, 499)).toBe(1);
    expect(bucket.take(500, 500)).toBe(0);
    expect(bucket.take(300, 500)).toBe(300);
    expect(bucket.take(300, 800)).toBe(0);
  });

  it('a wait, once waited, is always enough', () => {
    const bucket = new TokenBucket(60, { now: 0 });
    drain(bucket, 0);
    expect(bucket.take(1, 0)).toBe(1000);
    let now = 0;
    for (const amount of [1, 3, 2, 7, 1]) {
      const wait = bucket.take(amount, now);
      expect(wait).toBeGreaterThan(0);
      now += wait;
      expect(bucket.take(amount, now)).toBe(0);
    }
  });

  it('rounds a fractional wait up to the next millisecond', () => {
    // 7 per minute: one unit every 8571.43 ms.
    const bucket = new TokenBucket(7, { burstSeconds: 60 / 7, now: 0 });
    expect(bucket.capacity).toBeCloseTo(1, 9);
    expect(bucket.take(1, 0)).toBe(0);
    const wait = bucket.take(1, 0);
    expect(wait).toBe(Math.ceil(60_000 / 7));
    expect(bucket.take(1, wait)).toBe(0);
  });

  it('refills continuously over injected time, never above its capacity', () => {
    const bucket = new TokenBucket(60, { now: 0 });
    drain(bucket, 0);
    expect(drain(bucket, 5_000)).toBe(5);
    expect(drain(bucket, 1_000_000)).toBe(10);
  });

  it('counts time from the `now` it was built at', () => {
    const bucket = new TokenBucket(60, { now: 50_000 });
    expect(drain(bucket, 50_000)).toBe(10);
    expect(bucket.take(1, 50_500)).toBe(500);
  });

  it('adjust gives back a refund, capped at the capacity', () => {
    const bucket = new TokenBucket(60, { now: 0 });
    drain(bucket, 0);
    bucket.adjust(3, 0);
    expect(drain(bucket, 0)).toBe(3);
    bucket.adjust(1_000, 0);
    expect(drain(bucket, 0)).toBe(10);
  });

  it('adjust with a negative amount charges extra, pushing the next grant later', () => {
    const bucket = new TokenBucket(60, { now: 0 });
    drain(bucket, 0);
    bucket.adjust(-5, 0);
    // Five units owed plus the one asked for, at 1000 ms each.
    expect(bucket.take(1, 0)).toBe(6000);
    expect(bucket.take(1, 5_999)).toBeGreaterThan(0);
    expect(bucket.take(1, 6_000)).toBe(0);
  });

  it('lets an amount above the capacity go on a full bucket and leaves it in debt, so the rate still holds', () => {
    const tokens = new TokenBucket(60_000, { now: 0 });
    expect(tokens.capacity).toBe(10_000);
    expect(tokens.take(50_000, 0)).toBe(0);
    // 40,000 in debt: one more token comes after 40,001 ms of refill at 1000 a second.
    expect(tokens.take(1, 0)).toBe(40_001);
    // A second huge request waits for a full bucket again: 40 s to pay the debt, 10 s to fill.
    expect(tokens.take(50_000, 0)).toBe(50_000);
    expect(tokens.take(50_000, 50_000)).toBe(0);
  });

  it('takes nothing when it refuses', () => {
    const bucket = new TokenBucket(60, { now: 0 });
    expect(bucket.take(4, 0)).toBe(0);
    // Six left: asking for eight is refused and must not consume the six.
    expect(bucket.take(8, 0)).toBe(2000);
    expect(drain(bucket, 0)).toBe(6);
  });
});
