import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialPmf } from '../../src/stats/binomial.js';
import { binomialCoefficient, binomialRow, ratioToNumber, relativeError } from './exact-rational.js';

/** Exact P[X = k] for p = numerator/denominator, as a double. */
function exactPmf(k: number, n: number, numerator: number, denominator: number): number {
  const top =
    binomialCoefficient(n, k) * BigInt(numerator) ** BigInt(k) * BigInt(denominator - numerator) ** BigInt(n - k);
  return ratioToNumber(top, BigInt(denominator) ** BigInt(n));
}

describe('binomialPmf (Loader saddle point)', () => {
  it('matches exact BigInt probabilities for p = 1/2 and p = 3/10', () => {
    for (const n of [1, 2, 7, 16, 17, 40, 101, 500, 2000]) {
      for (const k of [0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1, n]) {
        if (k < 0 || k > n) continue;
        expect(relativeError(binomialPmf({ k, n, p: 0.5 }), exactPmf(k, n, 1, 2))).toBeLessThan(1e-12);
        expect(relativeError(binomialPmf({ k, n, p: 0.3 }), exactPmf(k, n, 3, 10))).toBeLessThan(1e-12);
      }
    }
  });

  it('matches the central binomial asymptotic series at n = 100,000', () => {
    // C(2m, m)/4^m = (1/√(πm)) (1 − 1/(8m) + 1/(128m²) + 5/(1024m³) + …)
    // (Wikipedia, "Central binomial coefficient", asymptotic expansion); m = 50,000.
    const m = 50_000;
    const expected = (1 / Math.sqrt(Math.PI * m)) * (1 - 1 / (8 * m) + 1 / (128 * m * m) + 5 / (1024 * m ** 3));
    expect(relativeError(binomialPmf({ k: m, n: 2 * m, p: 0.5 }), expected)).toBeLessThan(1e-13);
  });

  it('handles p = 0 and p = 1 and rejects bad arguments', () => {
    expect(binomialPmf({ k: 0, n: 5, p: 0 })).toBe(1);
    expect(binomialPmf({ k: 1, n: 5, p: 0 })).toBe(0);
    expect(binomialPmf({ k: 5, n: 5, p: 1 })).toBe(1);
    expect(() => binomialPmf({ k: 6, n: 5, p: 0.5 })).toThrow(RangeError);
    expect(() => binomialPmf({ k: 1.5, n: 5, p: 0.5 })).toThrow(RangeError);
    expect(() => binomialPmf({ k: 1, n: 5, p: 1.2 })).toThrow(RangeError);
  });
});

describe('binomialCdf', () => {
  it('matches the SciPy binomtest documentation example', () => {
    // scipy.stats.binomtest docs: binomtest(3, n=15, p=0.1, alternative='greater').pvalue = 0.18406106910639114,
    // i.e. P[X ≥ 3] = 1 − P[X ≤ 2] for X ~ Bin(15, 0.1).
    expect(1 - binomialCdf({ k: 2, n: 15, p: 0.1 })).toBeCloseTo(0.18406106910639114, 14);
  });

  it('matches exact BigInt sums for p = 1/2', () => {
    for (const n of [1, 5, 12, 30, 99, 300, 1000]) {
      const row = binomialRow(n);
      const denominator = 2n ** BigInt(n);
      let cumulative = 0n;
      for (let k = 0; k <= n; k += 1) {
        cumulative += row[k];
        if (k % Math.max(1, Math.floor(n / 17)) !== 0 && k !== n) continue;
        expect(relativeError(binomialCdf({ k, n, p: 0.5 }), ratioToNumber(cumulative, denominator))).toBeLessThan(
          1e-11,
        );
      }
    }
  });

  it('matches exact BigInt sums for an asymmetric p above and below the mode', () => {
    const n = 200;
    for (const k of [0, 3, 20, 40, 60, 100, 199]) {
      let numerator = 0n;
      for (let j = 0; j <= k; j += 1) numerator += binomialCoefficient(n, j) * 2n ** BigInt(j) * 3n ** BigInt(n - j);
      // p = 2/5: P[X = j] = C(n, j) 2^j 3^(n−j) / 5^n.
      expect(relativeError(binomialCdf({ k, n, p: 0.4 }), ratioToNumber(numerator, 5n ** BigInt(n)))).toBeLessThan(
        1e-11,
      );
    }
  });

  it('is 1 at k = n and degenerate at p = 0 or 1', () => {
    expect(binomialCdf({ k: 10, n: 10, p: 0.5 })).toBe(1);
    expect(binomialCdf({ k: 0, n: 10, p: 0 })).toBe(1);
    expect(binomialCdf({ k: 9, n: 10, p: 1 })).toBe(0);
  });
});
