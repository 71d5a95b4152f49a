import { describe, expect, it } from 'vitest';
import { summarizeLatency } from '../../src/stats/latency-summary.js';

describe('summarizeLatency', () => {
  it('matches NumPy percentiles (linear interpolation)', () => {
    // numpy.percentile(range(1, 11), [50, 90, 95, 99]) = 5.5, 9.1, 9.55, 9.91 (NumPy default method 'linear').
    const summary = summarizeLatency([7, 3, 10, 1, 9, 2, 8, 4, 6, 5]);
    expect(summary.count).toBe(10);
    expect(summary.mean).toBeCloseTo(5.5, 15);
    expect(summary.p50).toBeCloseTo(5.5, 12);
    expect(summary.p90).toBeCloseTo(9.1, 12);
    expect(summary.p95).toBeCloseTo(9.55, 12);
    expect(summary.p99).toBeCloseTo(9.91, 12);
    expect(summary.min).toBe(1);
    expect(summary.max).toBe(10);
  });

  it('matches the NumPy documentation example and a hand-computed p90', () => {
    // numpy.percentile docs: a = [[10, 7, 4], [3, 2, 1]]; np.percentile(a, 50) = 3.5.
    // By hand (Hyndman & Fan type 7): sorted 1, 2, 3, 4, 7, 10; p90 rank 0.9 · 5 = 4.5 → 7 + 0.5 · 3 = 8.5.
    const summary = summarizeLatency(Float64Array.from([10, 7, 4, 3, 2, 1]));
    expect(summary.p50).toBeCloseTo(3.5, 12);
    expect(summary.p90).toBeCloseTo(8.5, 12);
    expect(summary.mean).toBeCloseTo(27 / 6, 14);
  });

  it('does not reorder its input', () => {
    const values = [300, 100, 200];
    summarizeLatency(values);
    expect(values).toEqual([300, 100, 200]);
  });

  it('reports nulls, not zeros, when there is nothing to summarise', () => {
    expect(summarizeLatency([])).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      min: null,
      max: null,
    });
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => summarizeLatency([1, Number.NaN])).toThrow(RangeError);
    expect(() => summarizeLatency([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});
