import { describe, expect, it } from 'vitest';
import { GlobalLimit } from '../../src/run/global-limit.js';

/** A task that finishes when its `finish` is called. */
function gated(): { task: () => Promise<string>; finish: (value: string) => void; started: () => boolean } {
  let finish: (value: string) => void = () => undefined;
  let began = false;
  const task = (): Promise<string> => {
    began = true;
    return new Promise((resolve) => (finish = resolve));
  };
  return { task, finish: (value) => finish(value), started: () => began };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GlobalLimit', () => {
  it('runs at most `concurrency` tasks at once, first come first served, and passes results and errors through', async () => {
    const limit = new GlobalLimit(2);
    const tasks = Array.from({ length: 5 }, () => gated());
    const results = tasks.map((entry) => limit.run(entry.task));
    await turn();
    expect(tasks.map((entry) => entry.started())).toEqual([true, true, false, false, false]);
    expect([limit.activeCount, limit.pendingCount]).toEqual([2, 3]);
    tasks[1].finish('b');
    await turn();
    expect(tasks.map((entry) => entry.started())).toEqual([true, true, true, false, false]);
    tasks[0].finish('a');
    tasks[2].finish('c');
    await turn();
    tasks[3].finish('d');
    tasks[4].finish('e');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([limit.activeCount, limit.pendingCount]).toEqual([0, 0]);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limit.activeCount).toBe(0);
  });

  it('holds new jobs back while a quarter of the concurrency (at least 4) waits for a slot, and lets them go as the queue shrinks', async () => {
    const limit = new GlobalLimit(16);
    expect(limit.backlog).toBe(4);
    expect(new GlobalLimit(64).backlog).toBe(16);
    const tasks = Array.from({ length: 16 + 4 }, () => gated());
    const results = tasks.map((entry) => limit.run(entry.task));
    await turn();
    expect(limit.pendingCount).toBe(4);
    const room = limit.roomForMore();
    expect(room).not.toBeNull();
    let free = false;
    void room?.then(() => (free = true));
    await turn();
    expect(free).toBe(false);
    // One slot frees: a waiting task takes it, three wait, and there is room again.
    tasks[0].finish('done');
    await turn();
    expect(limit.pendingCount).toBe(3);
    expect(free).toBe(true);
    expect(limit.roomForMore()).toBeNull();
    for (const entry of tasks) entry.finish('done');
    await turn();
    for (const entry of tasks) entry.finish('done');
    await Promise.all(results);
  });

  it('has room at once when nothing waits', () => {
    expect(new GlobalLimit(1).roomForMore()).toBeNull();
  });
});
