import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalQuantile } from '../../src/stats/normal.js';
import { relativeError } from './exact-rational.js';

/** Standard normal density. */
function density(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Upper tail 1 − Φ(x) by composite Simpson integration of the density over [x, x + 16]: independent of erfc. */
function upperTailBySimpson(x: number): number {
  const intervals = 20_000;
  const step = 16 / intervals;
  let sum = density(x) + density(x + 16);
  for (let index = 1; index < intervals; index += 1) sum += (index % 2 === 1 ? 4 : 2) * density(x + index * step);
  return (sum * step) / 3;
}

describe('normalQuantile (Wichura AS 241)', () => {
  it('matches the published 97.5% point', () => {
    // 1.959963984540054: Wikipedia, "97.5th percentile point" (the value of qnorm(0.975) to double precision).
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 15);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 15);
  });

  it('matches tabulated two-sided critical values to 1e-11', () => {
    // z such that P(|Z| < z) = level, tabulated to 12 decimals in Wikipedia, "Normal distribution",
    // § Quantile function (and standard statistical tables).
    const table: Array<[number, number]> = [
      [0.8, 1.281551565545],
      [0.9, 1.644853626951],
      [0.95, 1.95996398454],
      [0.98, 2.326347874041],
      [0.99, 2.575829303549],
      [0.995, 2.807033768344],
      [0.998, 3.090232306168],
      [0.999, 3.290526731492],
      [0.9999, 3.890591886413],
      [0.99999, 4.417173413468],
    ];
    for (const [level, z] of table) {
      expect(Math.abs(normalQuantile(1 - (1 - level) / 2) - z)).toBeLessThan(1e-11);
    }
    // R: qnorm(0.8) prints 0.8416212 (the 80%-power quantile used for minimum detectable effects).
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212, 7);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is the inverse of normalCdf from 1e-300 to 1 − 1e-12', () => {
    const probabilities = [
      1e-300,
      1e-100,
      1e-20,
      1e-10,
      1e-5,
      0.001,
      0.02425,
      0.1,
      0.3,
      0.5,
      0.7,
      0.9,
      0.97575,
      0.999,
      1 - 1e-12,
    ];
    for (const p of probabilities) {
      const x = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(x) : 1 - normalCdf(x);
      const target = p < 0.5 ? p : 1 - p;
      expect(relativeError(back, target)).toBeLessThan(p > 0.999 ? 1e-4 : 1e-12);
    }
  });

  it('is antisymmetric and handles the ends', () => {
    // Powers of two keep 1 − p exact, so any asymmetry is the function's own.
    for (const p of [2 ** -40, 2 ** -27, 2 ** -10, 0.25, 0.375])
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 9);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('normalCdf and erfc', () => {
  it('matches the 68–95–99.7 rule to 1e-15', () => {
    // Wikipedia, "68–95–99.7 rule", table of P(μ − kσ ≤ X ≤ μ + kσ).
    const table: Array<[number, number]> = [
      [1, 0.682689492137086],
      [2, 0.954499736103642],
      [3, 0.99730020393674],
      [4, 0.999936657516334],
      [5, 0.999999426696856],
    ];
    for (const [k, coverage] of table) expect(Math.abs(normalCdf(k) - normalCdf(-k) - coverage)).toBeLessThan(1e-15);
  });

  it('matches Abramowitz & Stegun Table 7.1 values of erf', () => {
    // A&S Table 7.1 (error function to 15 decimals): erf(0.5), erf(1), erf(2).
    expect(Math.abs(1 - erfc(0.5) - 0.520499877813047)).toBeLessThan(1e-15);
    expect(Math.abs(1 - erfc(1) - 0.842700792949715)).toBeLessThan(1e-15);
    expect(Math.abs(1 - erfc(2) - 0.995322265018953)).toBeLessThan(1e-15);
    expect(erfc(-1)).toBeCloseTo(1 + 0.842700792949715, 15);
    expect(erfc(0)).toBe(1);
  });

  it('keeps relative accuracy in the far tail (checked by Simpson integration)', () => {
    for (const x of [0, 0.5, 1, 1.96, 2.5, 2.83, 3, 4, 5, 6, 8, 10, 12]) {
      const tail = upperTailBySimpson(x);
      expect(relativeError(normalCdf(-x), tail)).toBeLessThan(1e-10);
      // The upper side is 1 − (tail), so only its absolute error is small (~1e-16).
      if (x <= 4) expect(relativeError(1 - normalCdf(x), tail)).toBeLessThan(1e-9);
    }
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(Number.isNaN(normalCdf(Number.NaN))).toBe(true);
  });

  it('is increasing across the switch between series and continued fraction', () => {
    let previous = 0;
    for (let x = -6; x <= 6; x += 0.001) {
      const value = normalCdf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
});
