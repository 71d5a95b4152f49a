import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { meanWithInterval, normalInterval } from '../../src/stats/normal-interval.js';

// Published standard normal quantiles: z_0.975 = 1.959963984540054, z_0.95 = 1.6448536269514722.
const Z975 = 1.959963984540054;
const Z95 = 1.6448536269514722;

describe('normalInterval', () => {
  it('is estimate ± z·SE', () => {
    const interval = normalInterval({ estimate: 0.25, se: 0.25 });
    expect(interval.estimate).toBe(0.25);
    expect(interval.low).toBeCloseTo(0.25 - Z975 * 0.25, 14);
    expect(interval.high).toBeCloseTo(0.25 + Z975 * 0.25, 14);
    const ninety = normalInterval({ estimate: 2, se: 0.5, alpha: 0.1 });
    expect(ninety.low).toBeCloseTo(2 - Z95 * 0.5, 14);
    expect(ninety.high).toBeCloseTo(2 + Z95 * 0.5, 14);
    expect(normalInterval({ estimate: 1, se: 0 })).toEqual({ low: 1, high: 1, estimate: 1 });
  });

  it('refuses a bad SE, estimate or alpha', () => {
    expect(() => normalInterval({ estimate: 0, se: -1 })).toThrow(RangeError);
    expect(() => normalInterval({ estimate: 0, se: Number.NaN })).toThrow(RangeError);
    expect(() => normalInterval({ estimate: Number.POSITIVE_INFINITY, se: 1 })).toThrow(RangeError);
    expect(() => normalInterval({ estimate: 0, se: 1, alpha: 1 })).toThrow(RangeError);
  });
});

describe('meanWithInterval', () => {
  // Hand computation: values [1, 1, 0, 0, 1, 0], mean 0.5, residuals ±0.5, Σe² = 1.5.
  // Naive: s² = 1.5/5 = 0.3, SE² = 0.3/6 = 0.05.
  // Clusters a = {1, 1}, b = {0, 0}, c = {1, 0}: ordered same-cluster cross products
  // a 2·(0.5)(0.5) = 0.5, b 2·(−0.5)(−0.5) = 0.5, c 2·(0.5)(−0.5) = −0.5, total 0.5.
  // Clustered SE² = 0.05 + 0.5/36 = 23/360 (greater: clusters a and b succeed or fail together).
  const values = [1, 1, 0, 0, 1, 0];
  const clusters = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('uses the naive SE without clusters', () => {
    const result = meanWithInterval({ values });
    expect(result?.n).toBe(6);
    expect(result?.mean).toBe(0.5);
    expect(result?.se).toBeCloseTo(Math.sqrt(0.05), 15);
    expect(result?.clusteredSe).toBeNull();
    expect(result?.clusters).toBeNull();
    expect(result?.interval.low).toBeCloseTo(0.5 - Z975 * Math.sqrt(0.05), 14);
    expect(result?.interval.high).toBeCloseTo(0.5 + Z975 * Math.sqrt(0.05), 14);
  });

  it('uses the clustered SE when clusters are given', () => {
    const result = meanWithInterval({ values, clusters, alpha: 0.1 });
    const clusteredSe = Math.sqrt(23 / 360);
    expect(result?.clusteredSe).toBeCloseTo(clusteredSe, 15);
    expect(result?.clusters).toBe(3);
    expect(result?.interval.estimate).toBe(0.5);
    expect(result?.interval.low).toBeCloseTo(0.5 - Z95 * clusteredSe, 14);
    expect(result?.interval.high).toBeCloseTo(0.5 + Z95 * clusteredSe, 14);
  });

  it('is null for no values and refuses a bad alpha', () => {
    expect(meanWithInterval({ values: [] })).toBeNull();
    expect(() => meanWithInterval({ values, alpha: 0 })).toThrow(RangeError);
  });

  it('is exported from the index', () => {
    expect(stats.normalInterval).toBe(normalInterval);
    expect(stats.meanWithInterval).toBe(meanWithInterval);
  });
});
