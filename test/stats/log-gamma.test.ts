import { describe, expect, it } from 'vitest';
import { logGamma } from '../../src/stats/log-gamma.js';
import { factorial, logOfBigInt, relativeError } from './exact-rational.js';

describe('logGamma (Lanczos)', () => {
  it('matches published particular values of the gamma function', () => {
    // Wikipedia, "Particular values of the gamma function": Γ(1/2) = √π,
    // Γ(1/3) = 2.678938534707747633…, Γ(1/4) = 3.625609908221908311…, Γ(3/2) = √π/2.
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(Math.exp(logGamma(1 / 3))).toBeCloseTo(2.678938534707747633, 13);
    expect(Math.exp(logGamma(1 / 4))).toBeCloseTo(3.625609908221908311, 13);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });

  it('equals ln(n!) from exact BigInt factorials', () => {
    for (const n of [3, 4, 10, 20, 50, 100, 170, 171, 500, 1000, 5000]) {
      const expected = logOfBigInt(factorial(n));
      expect(relativeError(logGamma(n + 1), expected)).toBeLessThan(1e-13);
    }
  });

  it('satisfies Γ(x + 1) = x Γ(x) across the reflection boundary', () => {
    for (const x of [0.01, 0.1, 0.3, 0.49, 0.5, 0.51, 0.9, 2.5, 7.25, 33.3]) {
      expect(logGamma(x + 1)).toBeCloseTo(Math.log(x) + logGamma(x), 12);
    }
  });

  it('rejects non-positive and non-finite arguments', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1.5)).toThrow(RangeError);
    expect(() => logGamma(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
