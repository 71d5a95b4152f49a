import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/run/semaphore.js';

describe('Semaphore', () => {
  it('never lets more than the limit in, and serves waiters in order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        await semaphore.acquire();
        active += 1;
        peak = Math.max(peak, active);
        order.push(index);
        await new Promise((resolve) => setImmediate(resolve));
        active -= 1;
        semaphore.release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('tryAcquire takes a free slot at once, and never one that a waiter is owed', async () => {
    const semaphore = new Semaphore(1);
    expect(semaphore.tryAcquire()).toBe(true);
    expect(semaphore.tryAcquire()).toBe(false);
    const waiting = semaphore.acquire();
    semaphore.limit = 2;
    await waiting;
    semaphore.limit = 1;
    semaphore.release();
    expect(semaphore.activeCount).toBe(1);
    const queued = semaphore.acquire();
    // A slot frees while one waits: the waiter gets it, not a later tryAcquire.
    semaphore.release();
    expect(semaphore.tryAcquire()).toBe(false);
    await queued;
    expect(semaphore.activeCount).toBe(1);
  });

  it('admits waiters at once when the limit is raised, and holds new ones when lowered', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    let second = false;
    const waiting = semaphore.acquire().then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    semaphore.limit = 2;
    await waiting;
    expect(second).toBe(true);
    semaphore.limit = 1;
    semaphore.release();
    expect(semaphore.activeCount).toBe(1);
    let third = false;
    const pending = semaphore.acquire().then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    semaphore.release();
    await pending;
    expect(third).toBe(true);
  });
});
