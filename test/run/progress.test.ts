import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/run/progress.js';

describe('progress', () => {
  it('says until when a model is paused because the gateway asked to wait', () => {
    let pausedUntil: number | null = performance.now() + 90_000;
    const progress = new Progress(
      { write: () => true },
      new Map([
        ['m1', 10],
        ['m2', 10],
      ]),
      {
        pausedUntil: (model) => (model === 'm1' ? pausedUntil : null),
      },
    );
    const expected = new Date(Date.now() + 90_000).toTimeString().slice(0, 5);
    const [first, second] = progress.lines();
    expect(first).toContain(`paused until ${expected}`);
    expect(second).not.toContain('paused');
    pausedUntil = null;
    expect(progress.lines()[0]).not.toContain('paused');
  });
});
