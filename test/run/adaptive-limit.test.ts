import { describe, expect, it } from 'vitest';
import { AdaptiveLimit, type ConcurrencyChange } from '../../src/run/adaptive-limit.js';
import { Semaphore } from '../../src/run/semaphore.js';

/** An adaptive limit whose every change is logged, and a check that nothing changes unreported. */
function setup(options: { ceiling: number; start?: number; floor?: number }) {
  const semaphore = new Semaphore(options.start ?? options.ceiling);
  const changes: ConcurrencyChange[] = [];
  const adaptive = new AdaptiveLimit({
    model: 'm1',
    semaphore,
    ceiling: options.ceiling,
    floor: options.floor,
    onChange: (change) => changes.push(change),
  });
  let reported = semaphore.limit;
  /** Every visible limit change must have been reported, from the previous value. */
  const checkReported = (): void => {
    const last = changes.at(-1);
    if (semaphore.limit !== reported) {
      expect(last?.from).toBe(reported);
      expect(last?.to).toBe(semaphore.limit);
      reported = semaphore.limit;
    }
  };
  return {
    semaphore,
    changes,
    adaptive,
    success: (times = 1) => {
      for (let index = 0; index < times; index += 1) {
        adaptive.onSuccess();
        checkReported();
      }
    },
    rateLimit: (now: number, times = 1) => {
      for (let index = 0; index < times; index += 1) {
        adaptive.onRateLimit(now);
        checkReported();
      }
    },
    other: (times = 1) => {
      for (let index = 0; index < times; index += 1) {
        adaptive.onOtherFailure();
        checkReported();
      }
    },
  };
}

describe('AdaptiveLimit', () => {
  it('never cuts for stray rate limits (one in twenty, 5%)', () => {
    const limit = setup({ ceiling: 10 });
    let now = 0;
    for (let round = 0; round < 40; round += 1) {
      limit.success(19);
      now += 100;
      limit.rateLimit(now);
    }
    expect(limit.changes).toEqual([]);
    expect(limit.semaphore.limit).toBe(10);
    expect(limit.adaptive.current).toBe(10);
  });

  it('cuts by 30% once rate limits are at least 15 and 20% of the window, at most once per cooldown', () => {
    const limit = setup({ ceiling: 10 });
    limit.success(60);
    // 14 of 74: too few to be more than chance.
    limit.rateLimit(1_000, 14);
    expect(limit.changes).toEqual([]);
    // 15 of 75 is 20%: cut 10 → 7.
    limit.rateLimit(1_000);
    expect(limit.changes).toHaveLength(1);
    expect(limit.changes[0]).toMatchObject({ model: 'm1', from: 10, to: 7 });
    expect(limit.changes[0].reason).toContain('15 of the last 75');
    // More 429s inside the 2 s cooldown do not cut again.
    limit.rateLimit(1_500, 5);
    limit.rateLimit(2_999, 5);
    expect(limit.semaphore.limit).toBe(7);
    expect(limit.changes).toHaveLength(1);
    // After the cooldown: 7 → 4, and again only once.
    limit.rateLimit(3_000, 3);
    expect(limit.changes.map((change) => [change.from, change.to])).toEqual([
      [10, 7],
      [7, 4],
    ]);
    expect(limit.semaphore.limit).toBe(4);
  });

  it('grows by one after as many clean successes as the current limit, up to the ceiling', () => {
    const limit = setup({ ceiling: 6, start: 6 });
    limit.success(10);
    limit.rateLimit(0, 15);
    expect(limit.semaphore.limit).toBe(4);
    limit.success(3);
    expect(limit.semaphore.limit).toBe(4);
    limit.success(1);
    expect(limit.semaphore.limit).toBe(5);
    limit.success(4);
    expect(limit.semaphore.limit).toBe(5);
    limit.success(1);
    expect(limit.semaphore.limit).toBe(6);
    limit.success(500);
    expect(limit.semaphore.limit).toBe(6);
    const growth = limit.changes.filter((change) => change.to > change.from);
    expect(growth.map((change) => [change.from, change.to])).toEqual([
      [4, 5],
      [5, 6],
    ]);
    expect(growth[0].reason).toContain('4 clean');
  });

  it('a rate limit breaks the clean streak', () => {
    const limit = setup({ ceiling: 10, start: 4 });
    limit.success(3);
    limit.rateLimit(0);
    limit.success(3);
    expect(limit.semaphore.limit).toBe(4);
    limit.success(1);
    expect(limit.semaphore.limit).toBe(5);
  });

  it('never goes below the floor', () => {
    const limit = setup({ ceiling: 10, floor: 3 });
    let now = 0;
    for (let round = 0; round < 10; round += 1) {
      now += 5_000;
      limit.rateLimit(now, 20);
    }
    expect(limit.semaphore.limit).toBe(3);
    expect(limit.changes.map((change) => change.to)).toEqual([7, 4, 3]);
    expect(limit.changes.every((change) => change.to >= 3)).toBe(true);
  });

  it('never goes below one without a floor', () => {
    const limit = setup({ ceiling: 2 });
    let now = 0;
    for (let round = 0; round < 10; round += 1) {
      now += 5_000;
      limit.rateLimit(now, 20);
    }
    expect(limit.semaphore.limit).toBe(1);
    expect(limit.changes.map((change) => change.to)).toEqual([1]);
  });

  it('other failures neither cut nor grow', () => {
    const limit = setup({ ceiling: 10, start: 5 });
    limit.other(200);
    expect(limit.semaphore.limit).toBe(5);
    expect(limit.changes).toEqual([]);
    const atCeiling = setup({ ceiling: 10 });
    atCeiling.other(200);
    expect(atCeiling.semaphore.limit).toBe(10);
    expect(atCeiling.changes).toEqual([]);
  });

  it('other failures count as outcomes that are not rate limits (they dilute the share)', () => {
    const limit = setup({ ceiling: 10 });
    limit.other(70);
    // 17 of 87 is 19.5%: no cut.
    limit.rateLimit(0, 17);
    expect(limit.changes).toEqual([]);
  });

  it('every change goes through onChange and matches the semaphore', () => {
    const limit = setup({ ceiling: 8 });
    let now = 0;
    for (let round = 0; round < 30; round += 1) {
      limit.success(round % 7);
      now += 700;
      limit.rateLimit(now, round % 3 === 0 ? 16 : 1);
      limit.other(round % 2);
    }
    limit.success(200);
    expect(limit.changes.length).toBeGreaterThan(2);
    for (let index = 1; index < limit.changes.length; index += 1) {
      expect(limit.changes[index].from).toBe(limit.changes[index - 1].to);
    }
    expect(limit.changes[0].from).toBe(8);
    expect(limit.changes.at(-1)?.to).toBe(limit.semaphore.limit);
    expect(limit.semaphore.limit).toBe(8);
    for (const change of limit.changes) expect(Math.abs(change.to - change.from)).toBeGreaterThan(0);
  });
});
