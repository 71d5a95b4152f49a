import { describe, expect, it } from 'vitest';
import { NumberList, percentile } from '../../src/stats/percentile.js';

describe('percentile (linear interpolation, NumPy default / R type 7)', () => {
  it('matches reference values', () => {
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // numpy.percentile(range(1, 11), [50, 90, 95, 99]) = 5.5, 9.1, 9.55, 9.91
    expect(percentile(oneToTen, 50)).toBeCloseTo(5.5, 10);
    expect(percentile(oneToTen, 90)).toBeCloseTo(9.1, 10);
    expect(percentile(oneToTen, 95)).toBeCloseTo(9.55, 10);
    expect(percentile(oneToTen, 99)).toBeCloseTo(9.91, 10);
    // numpy.percentile([15, 20, 35, 40, 50], 40) = 29.0
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 100)).toBe(10);
  });

  it('NumberList grows, sums and sorts', () => {
    const list = new NumberList();
    for (let value = 200; value > 0; value -= 1) list.push(value);
    expect(list.length).toBe(200);
    expect(list.sum()).toBe(20100);
    const sorted = list.sorted();
    expect(sorted[0]).toBe(1);
    expect(sorted[199]).toBe(200);
    expect(percentile(sorted, 50)).toBeCloseTo(100.5, 10);
  });
});
