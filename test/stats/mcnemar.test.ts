import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../src/stats/mcnemar.js';
import { ratioToNumber, relativeError } from './exact-rational.js';

/** Exact two-sided p-value min(1, 2 Σ_{j ≤ min(b,c)} C(n, j) / 2^n) by BigInt enumeration,
 * with C(n, j + 1) = C(n, j) (n − j)/(j + 1) exact at every step. */
function exactPValue(b: number, c: number): number {
  const n = b + c;
  let term = 1n;
  let tail = 1n;
  for (let j = 0; j < Math.min(b, c); j += 1) {
    term = (term * BigInt(n - j)) / BigInt(j + 1);
    tail += term;
  }
  return Math.min(1, ratioToNumber(2n * tail, 2n ** BigInt(n)));
}

describe('mcnemarExact', () => {
  it('matches R binom.test on the discordant pairs', () => {
    // R: binom.test(2, 12)$p.value = 0.03857422; by hand 2 · (1 + 12 + 66) / 4096 = 158/4096 = 0.0385742187500.
    expect(mcnemarExact({ b: 2, c: 10 }).pValue).toBeCloseTo(0.03857421875, 12);
    expect(mcnemarExact({ b: 10, c: 2 }).pValue).toBeCloseTo(0.03857421875, 12);
    // R: binom.test(0, 5)$p.value = 0.0625 = 2/32.
    expect(mcnemarExact({ b: 0, c: 5 }).pValue).toBeCloseTo(0.0625, 14);
    // By hand: b = 0, c = 10 gives 2/1024 = 0.001953125; b = 1, c = 0 gives min(1, 2 · 1/2) = 1.
    expect(mcnemarExact({ b: 0, c: 10 }).pValue).toBeCloseTo(0.001953125, 14);
    expect(mcnemarExact({ b: 1, c: 0 }).pValue).toBe(1);
  });

  it('returns p = 1 without discordant pairs or with balanced ones', () => {
    expect(mcnemarExact({ b: 0, c: 0 })).toEqual({ pValue: 1, b: 0, c: 0, n: 0 });
    expect(mcnemarExact({ b: 7, c: 7 }).pValue).toBe(1);
    expect(mcnemarExact({ b: 50_000, c: 50_000 }).pValue).toBe(1);
  });

  it('agrees with exact BigInt enumeration for mid-size n to 1e-9 relative', () => {
    const cases: Array<[number, number]> = [
      [3, 17],
      [9, 11],
      [12, 30],
      [40, 60],
      [45, 55],
      [100, 150],
      [230, 270],
      [180, 320],
      [700, 1300],
      [950, 1050],
    ];
    for (const [b, c] of cases) {
      const expected = exactPValue(b, c);
      expect(relativeError(mcnemarExact({ b, c }).pValue, expected)).toBeLessThan(1e-9);
      expect(relativeError(mcnemarExact({ b: c, c: b }).pValue, expected)).toBeLessThan(1e-9);
    }
  });

  it('handles n = 100,000 without overflow, matching exact enumeration', () => {
    const result = mcnemarExact({ b: 49_400, c: 50_600 });
    expect(result.n).toBe(100_000);
    expect(relativeError(result.pValue, exactPValue(49_400, 50_600))).toBeLessThan(1e-9);
    const extreme = mcnemarExact({ b: 0, c: 100_000 });
    // The true value 2^-99,999 is below the smallest double, so it underflows to 0 rather than NaN.
    expect(extreme.pValue).toBe(0);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemarExact({ b: -1, c: 3 })).toThrow(RangeError);
    expect(() => mcnemarExact({ b: 1.5, c: 3 })).toThrow(RangeError);
    expect(() => mcnemarExact({ b: 1, c: Number.NaN })).toThrow(RangeError);
  });
});
