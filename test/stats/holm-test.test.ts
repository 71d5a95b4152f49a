import { describe, expect, it } from 'vitest';
import { holmTest } from '../../src/stats/holm-test.js';
import * as stats from '../../src/stats/index.js';

/** Holm's rejection rule as he stated it: sorted ascending, reject while p_(k) ≤ α/(m − k + 1). */
function holmByThresholds(pValues: number[], alpha: number): boolean[] {
  const order = pValues.map((_, index) => index).sort((left, right) => pValues[left] - pValues[right]);
  const rejected = pValues.map(() => false);
  const m = pValues.length;
  for (const [rank, index] of order.entries()) {
    if (pValues[index] > alpha / (m - rank)) break;
    rejected[index] = true;
  }
  return rejected;
}

describe('holmTest', () => {
  it('matches the worked example', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04; running maximum
    // 0.02, 0.03, 0.06, 0.06. In input order: [0.03, 0.06, 0.06, 0.02].
    // Thresholds at α = 0.05: 0.005 ≤ 0.0125 reject, 0.01 ≤ 0.0167 reject, 0.03 > 0.025 stop.
    const pValues = [0.01, 0.04, 0.03, 0.005];
    const result = holmTest({ pValues });
    const expected = [0.03, 0.06, 0.06, 0.02];
    for (const [index, value] of result.adjusted.entries()) expect(value).toBeCloseTo(expected[index], 15);
    expect(result.rejected).toEqual([true, false, false, true]);
    expect(result.rejected).toEqual(holmByThresholds(pValues, 0.05));
  });

  it('stops at the first acceptance even when a later p-value is under its threshold', () => {
    // 0.001 ≤ 0.05/3 reject; 0.03 > 0.05/2 stop; 0.04 ≤ 0.05/1 but is not reached.
    // Adjusted: 0.003, max(0.003, 0.06) = 0.06, max(0.06, 0.04) = 0.06.
    const result = holmTest({ pValues: [0.04, 0.001, 0.03] });
    expect(result.rejected).toEqual([false, true, false]);
    expect(result.adjusted[0]).toBeCloseTo(0.06, 15);
    expect(result.adjusted[1]).toBeCloseTo(0.003, 15);
    expect(result.adjusted[2]).toBeCloseTo(0.06, 15);
  });

  it('agrees with the threshold rule on other families and levels', () => {
    const families = [[0.2, 0.001, 0.011, 0.049, 0.0004, 0.7], [0.012, 0.013, 0.014], [0.5, 0.9], [0.0001]];
    for (const pValues of families) {
      for (const alpha of [0.01, 0.05, 0.1]) {
        expect(holmTest({ pValues, alpha }).rejected, `${pValues} at ${alpha}`).toEqual(
          holmByThresholds(pValues, alpha),
        );
      }
    }
  });

  it('never rejects a missing test, and refuses a bad alpha', () => {
    const result = holmTest({ pValues: [0.001, null, 0.02] });
    expect(result.adjusted[1]).toBeNull();
    expect(result.rejected).toEqual([true, false, true]);
    expect(holmTest({ pValues: [] })).toEqual({ adjusted: [], rejected: [] });
    expect(() => holmTest({ pValues: [0.01], alpha: 0 })).toThrow(RangeError);
    expect(() => holmTest({ pValues: [2] })).toThrow(RangeError);
  });

  it('is exported from the index', () => {
    expect(stats.holmTest).toBe(holmTest);
  });
});
