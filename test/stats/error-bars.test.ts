import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holm.js';
import { meanWithErrors } from '../../src/stats/clustered-mean.js';
import { pairedDifference, pearson } from '../../src/stats/paired-difference.js';
import { plannedMinimumDetectableEffect } from '../../src/stats/planned-mde.js';

/** The clustered variance by its definition: every ordered pair i ≠ j of the same cluster, one by one. */
function clusteredVarianceByPairs(values: number[], clusters: string[]): number {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const sampleVariance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  let cross = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      if (i !== j && clusters[i] === clusters[j]) cross += (values[i] - mean) * (values[j] - mean);
    }
  }
  return sampleVariance / n + cross / (n * n);
}

describe('meanWithErrors', () => {
  it('matches a hand computation: three clusters of two', () => {
    // mean 0.5; residuals ±0.5; s² = 1.5/5 = 0.3, SE² = 0.3/6 = 0.05.
    // Cross terms: cluster a 2·(0.5·0.5) = 0.5, b 2·(−0.5·−0.5) = 0.5, c 2·(0.5·−0.5) = −0.5: total 0.5.
    // SE_clustered² = 0.05 + 0.5/36 = 0.0638888…
    const estimate = meanWithErrors([1, 1, 0, 0, 1, 0], ['a', 'a', 'b', 'b', 'c', 'c']);
    expect(estimate?.mean).toBe(0.5);
    expect(estimate?.se).toBeCloseTo(Math.sqrt(0.05), 14);
    expect(estimate?.clusteredSe).toBeCloseTo(Math.sqrt(0.05 + 0.5 / 36), 14);
    expect(estimate?.clusters).toBe(3);
  });

  it('equals the pair-by-pair definition on irregular clusters', () => {
    const values = [0.2, 0.9, 1, 0, 0.4, 0.4, 0.75, 1, 0, 0.1, 0.6];
    const clusters = ['x', 'y', 'x', 'z', 'y', 'y', 'w', 'x', 'z', 'z', 'v'];
    const estimate = meanWithErrors(values, clusters);
    expect(estimate?.clusteredSe).toBeCloseTo(Math.sqrt(clusteredVarianceByPairs(values, clusters)), 14);
    expect(estimate?.clusters).toBe(5);
  });

  it('gives the naive error back when every item is its own cluster, and none without clusters', () => {
    const values = [1, 0, 1, 1, 0, 1, 0, 0, 1];
    const singletons = values.map((_, index) => `item-${index}`);
    const estimate = meanWithErrors(values, singletons);
    expect(estimate?.clusteredSe).toBeCloseTo(estimate?.se ?? Number.NaN, 15);
    expect(meanWithErrors(values)?.clusteredSe).toBeNull();
    expect(meanWithErrors([])).toBeNull();
    expect(meanWithErrors([1])?.se).toBe(0);
  });

  it('is larger than the naive error when clusters succeed and fail together, smaller when they split', () => {
    // 20 clusters of 5 identical outcomes: the data hold 20 independent facts, not 100.
    const together = Array.from({ length: 100 }, (_, index) => (Math.floor(index / 5) % 2 === 0 ? 1 : 0));
    const labels = together.map((_, index) => `c${Math.floor(index / 5)}`);
    const clustered = meanWithErrors(together, labels);
    expect(clustered?.clusteredSe ?? 0).toBeGreaterThan(2 * (clustered?.se ?? 1));
    // Residuals ±0.5, s² = 25/99; each cluster adds (5·0.5)² − 5·0.25 = 5 to the cross sum, 100 in all:
    // SE² = 25/9900, SE_clustered² = SE² + 100/100² = SE²·(1 + 0.01·396) = 4.96·SE².
    const ratio = ((clustered?.clusteredSe ?? 0) / (clustered?.se ?? 1)) ** 2;
    expect(ratio).toBeCloseTo(4.96, 10);
    // Each cluster one pass and one fail: within-cluster covariance is negative.
    const split = Array.from({ length: 100 }, (_, index) => index % 2);
    const pairs = split.map((_, index) => `p${Math.floor(index / 2)}`);
    const splitEstimate = meanWithErrors(split, pairs);
    expect(splitEstimate?.clusteredSe ?? 1).toBeLessThan(splitEstimate?.se ?? 0);
  });

  it('has no clustered error when every value is in one cluster', () => {
    const estimate = meanWithErrors([1, 0, 1, 1], ['only', 'only', 'only', 'only']);
    expect(estimate?.clusteredSe).toBeNull();
    expect(estimate?.clusters).toBe(1);
  });

  it('refuses mismatched labels and non-finite values', () => {
    expect(() => meanWithErrors([1, 2], ['a'])).toThrow(RangeError);
    expect(() => meanWithErrors([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('pairedDifference', () => {
  // d = a − b = [0, 1, 0, 0, −1, 1, 1, 0]: mean 0.25, Σ(d − d̄)² = 3.5, s² = 0.5, SE = √(0.5/8) = 0.25.
  const a = [1, 1, 1, 0, 0, 1, 1, 0];
  const b = [1, 0, 1, 0, 1, 0, 0, 0];

  it('matches a hand computation', () => {
    const result = pairedDifference({ a, b });
    expect(result?.difference).toBe(0.25);
    expect(result?.se).toBeCloseTo(0.25, 15);
    expect(result?.meanA).toBe(0.625);
    expect(result?.meanB).toBe(0.375);
    // z = 1.959963984540054; the z statistic is exactly 1, so p = 2·Φ(−1) = 0.31731050786291415.
    expect(result?.low).toBeCloseTo(0.25 - 1.959963984540054 * 0.25, 12);
    expect(result?.high).toBeCloseTo(0.25 + 1.959963984540054 * 0.25, 12);
    expect(result?.pValue).toBeCloseTo(0.31731050786291415, 10);
    // Σ(a − ā)(b − b̄) = 0.125, Σ(a − ā)² = Σ(b − b̄)² = 1.875: r = 1/15.
    expect(result?.correlation).toBeCloseTo(1 / 15, 14);
    expect(result?.clusteredSe).toBeNull();
  });

  it('uses the clustered error for its interval and test when clusters are given', () => {
    const clusters = ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'];
    const result = pairedDifference({ a, b, clusters });
    const d = a.map((value, index) => value - b[index]);
    const se = Math.sqrt(clusteredVarianceByPairs(d, clusters));
    expect(result?.clusteredSe).toBeCloseTo(se, 14);
    expect(result?.high).toBeCloseTo(0.25 + 1.959963984540054 * se, 12);
  });

  it('has p = 1 for identical systems and p = 0 for a constant nonzero difference', () => {
    expect(pairedDifference({ a, b: a })?.pValue).toBe(1);
    expect(pairedDifference({ a: [1, 1, 1], b: [0, 0, 0] })?.pValue).toBe(0);
    expect(pairedDifference({ a: [], b: [] })).toBeNull();
  });

  it('pearson is null for a constant side and ±1 for a line', () => {
    expect(pearson([1, 1, 1], [0, 1, 0])).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
  });
});

describe('holmAdjust', () => {
  it('matches the step-down computed by hand, in input order', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    for (const [index, value] of adjusted.entries()) expect(value).toBeCloseTo(expected[index], 15);
  });

  it('caps at 1, skips nulls and leaves a single test alone', () => {
    expect(holmAdjust([0.5, null, 0.6])).toEqual([1, null, 1]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(() => holmAdjust([1.5])).toThrow(RangeError);
  });
});

describe('plannedMinimumDetectableEffect', () => {
  it('is (z_0.975 + z_0.8)·√(2p(1 − p)(1 − ρ))/√n', () => {
    const factor = 1.959963984540054 + 0.8416212335729143;
    expect(plannedMinimumDetectableEffect({ n: 100 })).toBeCloseTo((factor * Math.SQRT1_2) / 10, 12);
    expect(plannedMinimumDetectableEffect({ n: 100 })).toBeCloseTo(0.1981, 4);
    expect(plannedMinimumDetectableEffect({ n: 400, correlation: 0.5 })).toBeCloseTo((factor * 0.5) / 20, 12);
  });
});

describe('clusteredWilsonInterval', () => {
  it('is the Wilson interval at n / deff', async () => {
    const { clusteredWilsonInterval, wilsonInterval } = await import('../../src/stats/wilson.js');
    // deff 1: exactly Wilson. deff 2 on 81/262: Wilson at 131 trials with the same share.
    const plain = wilsonInterval({ successes: 81, trials: 263 });
    const same = clusteredWilsonInterval({ share: 81 / 263, n: 263, designEffect: 1 });
    expect(same?.low).toBeCloseTo(plain?.low ?? 0, 14);
    expect(same?.high).toBeCloseTo(plain?.high ?? 0, 14);
    const halved = clusteredWilsonInterval({ share: 0.5, n: 200, designEffect: 2 });
    const reference = wilsonInterval({ successes: 50, trials: 100 });
    expect(halved?.low).toBeCloseTo(reference?.low ?? 0, 14);
    expect(halved?.high).toBeCloseTo(reference?.high ?? 0, 14);
    // Near the top it stays below 1, where a normal interval on the same SE would not.
    const top = clusteredWilsonInterval({ share: 28 / 30, n: 30, designEffect: 1.5 });
    expect(top?.high).toBeLessThan(1);
    expect(top?.low).toBeGreaterThan(0.7);
  });
});

describe('matchedProportionsInterval (Agresti and Min 2005)', () => {
  it('adds half a pair to each cell: hand computation', async () => {
    const { matchedProportionsInterval } = await import('../../src/stats/matched-proportions.js');
    // n = 8, A only 3, B only 1: n* = 10, p* = 0.35, q* = 0.15, Δ* = 0.2, SE = √((0.5 − 0.04)/10) = √0.046.
    const interval = matchedProportionsInterval({ aOnly: 3, bOnly: 1, n: 8 });
    const half = 1.959963984540054 * Math.sqrt(0.046);
    expect(interval?.estimate).toBe(0.25);
    expect(interval?.low).toBeCloseTo(0.2 - half, 14);
    expect(interval?.high).toBeCloseTo(0.2 + half, 14);
  });

  it('is never of zero width, and stays within [−1, 1]', async () => {
    const { matchedProportionsInterval } = await import('../../src/stats/matched-proportions.js');
    const two = matchedProportionsInterval({ aOnly: 2, bOnly: 0, n: 2 });
    expect(two?.high).toBeLessThanOrEqual(1);
    expect(two?.low).toBeLessThan(0.5);
    const none = matchedProportionsInterval({ aOnly: 0, bOnly: 0, n: 30 });
    // All concordant: Δ* = 0, SE = √(1/32)/√32 = 1/32.
    expect(none?.high).toBeCloseTo(1.959963984540054 / 32, 14);
    expect(() => matchedProportionsInterval({ aOnly: 3, bOnly: 2, n: 4 })).toThrow(RangeError);
  });
});
