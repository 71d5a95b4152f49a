import { describe, expect, it } from 'vitest';
import { passAtK, passHatK } from '../../src/stats/pass-at-k.js';
import { binomialCoefficient, ratioToNumber, relativeError } from './exact-rational.js';

/** 1 − C(n − c, k)/C(n, k) from exact BigInt binomials (the combinatorial form of Chen et al. 2021, eq. 1). */
function exactPassAtK(n: number, c: number, k: number): number {
  const all = binomialCoefficient(n, k);
  return ratioToNumber(all - binomialCoefficient(n - c, k), all);
}

/** C(c, k)/C(n, k) from exact BigInt binomials. */
function exactPassHatK(n: number, c: number, k: number): number {
  return ratioToNumber(binomialCoefficient(c, k), binomialCoefficient(n, k));
}

describe('passAtK (Chen et al. 2021)', () => {
  it('matches hand-computed values', () => {
    // n = 10, c = 3, k = 1: c/n = 0.3. k = 5: 1 − C(7, 5)/C(10, 5) = 1 − 21/252 = 0.91666….
    expect(passAtK({ n: 10, c: 3, k: 1 })).toBeCloseTo(0.3, 15);
    expect(passAtK({ n: 10, c: 3, k: 5 })).toBeCloseTo(1 - 21 / 252, 15);
    expect(passAtK({ n: 10, c: 3, k: 8 })).toBe(1);
    expect(passAtK({ n: 10, c: 0, k: 5 })).toBe(0);
    expect(passAtK({ n: 10, c: 10, k: 1 })).toBe(1);
  });

  it('equals the exact combinatorial form for every (n, c, k) with n ≤ 30', () => {
    for (let n = 1; n <= 30; n += 1) {
      for (let c = 0; c <= n; c += 1) {
        for (let k = 1; k <= n; k += 1) {
          const expected = exactPassAtK(n, c, k);
          expect(Math.abs(passAtK({ n, c, k }) - expected)).toBeLessThan(1e-13);
        }
      }
    }
  });

  it('stays accurate at the paper’s n = 200 samples, where C(200, 100) ≈ 9e58', () => {
    for (const c of [1, 2, 5, 17, 50, 120, 199]) {
      for (const k of [1, 10, 100]) {
        const expected = exactPassAtK(200, c, k);
        expect(relativeError(passAtK({ n: 200, c, k }), expected)).toBeLessThan(1e-12);
      }
    }
  });

  it('reduces to c/n at k = 1', () => {
    for (const [n, c] of [
      [7, 3],
      [200, 37],
      [1000, 999],
    ])
      expect(passAtK({ n, c, k: 1 })).toBeCloseTo(c / n, 14);
  });

  it('rejects impossible counts', () => {
    expect(() => passAtK({ n: 5, c: 6, k: 1 })).toThrow(RangeError);
    expect(() => passAtK({ n: 5, c: 2, k: 0 })).toThrow(RangeError);
    expect(() => passAtK({ n: 5, c: 2, k: 6 })).toThrow(RangeError);
    expect(() => passAtK({ n: 0, c: 0, k: 1 })).toThrow(RangeError);
  });
});

describe('passHatK (τ-bench pass^k)', () => {
  it('matches hand-computed values', () => {
    // C(7, 3)/C(10, 3) = 35/120; C(3, 5) = 0.
    expect(passHatK({ n: 10, c: 7, k: 3 })).toBeCloseTo(35 / 120, 15);
    expect(passHatK({ n: 10, c: 3, k: 5 })).toBe(0);
    expect(passHatK({ n: 10, c: 10, k: 10 })).toBe(1);
    expect(passHatK({ n: 8, c: 5, k: 1 })).toBeCloseTo(5 / 8, 15);
  });

  it('equals the exact combinatorial form and never exceeds pass@k', () => {
    for (const n of [1, 4, 9, 25, 200]) {
      for (let c = 0; c <= n; c += Math.max(1, Math.floor(n / 12))) {
        for (let k = 1; k <= n; k += Math.max(1, Math.floor(n / 9))) {
          const expected = exactPassHatK(n, c, k);
          expect(relativeError(passHatK({ n, c, k }), expected)).toBeLessThan(1e-12);
          expect(passHatK({ n, c, k })).toBeLessThanOrEqual(passAtK({ n, c, k }) + 1e-15);
        }
      }
    }
  });
});
