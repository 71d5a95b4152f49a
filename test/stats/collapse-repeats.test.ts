import { describe, expect, it } from 'vitest';
import { collapseRepeats } from '../../src/stats/collapse-repeats.js';
import * as stats from '../../src/stats/index.js';

describe('collapseRepeats', () => {
  it('averages each item and sorts by key in code-unit order', () => {
    // By hand: q2 (1 + 0 + 1)/3 = 2/3, q1 0.5/1 = 0.5, q10 (1 + 1 + 0 + 0)/4 = 0.5.
    // Code-unit order: 'q1' < 'q10' < 'q2' ('1' is U+0031, '2' U+0032; a prefix sorts first).
    const collapsed = collapseRepeats({ q2: [1, 0, 1], q1: [0.5], q10: [1, 1, 0, 0] });
    expect(collapsed.map((item) => item.item)).toEqual(['q1', 'q10', 'q2']);
    expect(collapsed.map((item) => item.repeats)).toEqual([1, 4, 3]);
    expect(collapsed[0].value).toBe(0.5);
    expect(collapsed[1].value).toBe(0.5);
    expect(collapsed[2].value).toBeCloseTo(2 / 3, 15);
  });

  it('weighs items, not answers', () => {
    // Item a answered 3 times (all right), item b once (wrong). Per item: (1 + 0)/2 = 0.5;
    // pooling the 4 answers would give 3/4 and count a three times.
    const collapsed = collapseRepeats(
      new Map([
        ['b', [0]],
        ['a', [1, 1, 1]],
      ]),
    );
    expect(collapsed).toEqual([
      { item: 'a', value: 1, repeats: 3 },
      { item: 'b', value: 0, repeats: 1 },
    ]);
    const mean = collapsed.reduce((sum, item) => sum + item.value, 0) / collapsed.length;
    expect(mean).toBe(0.5);
  });

  it('gives the same order whatever the input order', () => {
    const forward = collapseRepeats(
      new Map([
        ['x', [1]],
        ['Y', [0]],
        ['é', [1]],
        ['a b', [0, 1]],
      ]),
    );
    const backward = collapseRepeats(
      new Map([
        ['a b', [0, 1]],
        ['é', [1]],
        ['Y', [0]],
        ['x', [1]],
      ]),
    );
    // 'Y' (U+0059) < 'a b' (U+0061) < 'x' (U+0078) < 'é' (U+00E9).
    expect(forward.map((item) => item.item)).toEqual(['Y', 'a b', 'x', 'é']);
    expect(backward).toEqual(forward);
    expect(collapseRepeats({})).toEqual([]);
  });

  it('refuses an item without scores and non-finite scores', () => {
    expect(() => collapseRepeats({ a: [] })).toThrow(RangeError);
    expect(() => collapseRepeats({ a: [1, Number.NaN] })).toThrow(RangeError);
    expect(() => collapseRepeats(new Map([['a', [Number.POSITIVE_INFINITY]]]))).toThrow(RangeError);
  });

  it('is exported from the index', () => {
    expect(stats.collapseRepeats).toBe(collapseRepeats);
  });
});
