import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/dataset/sample.js';
import { SampleWindow } from '../../src/run/sample-window.js';

function* samples(count: number, pulled: { count: number }): Generator<Sample> {
  for (let index = 0; index < count; index += 1) {
    pulled.count += 1;
    yield {
      id: String(index),
      itemKey: String(index),
      input: `q${index}`,
      vars: {},
      source: { file: 'x', line: index + 1 },
    };
  }
}

async function* asAsync<T>(iterable: Iterable<T>): AsyncGenerator<T> {
  for (const value of iterable) yield value;
}

describe('SampleWindow', () => {
  it('lets lanes read at their own pace and ends for each', async () => {
    const pulled = { count: 0 };
    const window = new SampleWindow(asAsync(samples(5, pulled))[Symbol.asyncIterator](), 10, ['a', 'b']);
    const seen: string[] = [];
    for (let index = 0; ; index += 1) {
      const sample = await window.get(index);
      if (!sample) break;
      seen.push(sample.id);
      window.advance('a', index + 1);
    }
    expect(seen).toEqual(['0', '1', '2', '3', '4']);
    expect((await window.get(0))?.id).toBe('0');
    expect(await window.get(5)).toBeUndefined();
  });

  it('holds a fast lane once it is `capacity` samples ahead of the slowest, and never reads further', async () => {
    const pulled = { count: 0 };
    const window = new SampleWindow(asAsync(samples(100, pulled))[Symbol.asyncIterator](), 3, ['fast', 'slow']);
    for (let index = 0; index < 3; index += 1) {
      await window.get(index);
      window.advance('fast', index + 1);
    }
    let fourth: Sample | undefined;
    const blocked = window.get(3).then((sample) => (fourth = sample));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fourth).toBeUndefined();
    expect(pulled.count).toBe(3);
    window.advance('slow', 1);
    await blocked;
    expect(fourth?.id).toBe('3');
    await expect(window.get(0)).rejects.toThrow(/released/);
  });

  it('stops holding the window for a retired lane', async () => {
    const pulled = { count: 0 };
    const window = new SampleWindow(asAsync(samples(10, pulled))[Symbol.asyncIterator](), 2, ['a', 'b']);
    await window.get(0);
    await window.get(1);
    window.advance('a', 2);
    window.retire('b');
    expect((await window.get(2))?.id).toBe('2');
  });
});
