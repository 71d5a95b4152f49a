import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect } from '../../src/stats/minimum-detectable-effect.js';
import { comparePaired } from '../../src/stats/paired.js';
import { createRng } from '../../src/stats/rng.js';

// Published quantiles: z_{0.975} = 1.959963984540054 (Wikipedia, "97.5th percentile point") and
// z_{0.8} = 0.8416212 (R: qnorm(0.8)); their sum 2.8015852 is the 80%-power factor at α = 0.05.
const powerFactor = 1.959963984540054 + 0.8416212;

/** 100 items: 2 passed only under A, 10 only under B, 50 under both, 38 under neither. */
function binaryFixture(): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  const push = (count: number, first: number, second: number): void => {
    for (let index = 0; index < count; index += 1) {
      a.push(first);
      b.push(second);
    }
  };
  push(2, 1, 0);
  push(10, 0, 1);
  push(50, 1, 1);
  push(38, 0, 0);
  return { a, b };
}

describe('comparePaired with binary outcomes', () => {
  it('runs the exact McNemar test on the discordant pairs', () => {
    const { a, b } = binaryFixture();
    const result = comparePaired({ a, b, seed: 1 });
    expect(result?.kind).toBe('binary');
    expect(result?.n).toBe(100);
    expect(result?.meanA).toBeCloseTo(0.52, 15);
    expect(result?.meanB).toBeCloseTo(0.6, 15);
    expect(result?.difference).toBe(-0.08);
    // R: binom.test(2, 12)$p.value = 0.03857422 (= 158/4096 by hand).
    expect(result?.mcnemar).toEqual({ b: 2, c: 10, pValue: expect.closeTo(0.03857421875, 12) as number });
    expect(result?.significant).toBe(true);
    expect(comparePaired({ a, b, alpha: 0.01 })?.significant).toBe(false);
  });

  it('reports the minimum detectable effect (z_{1−α/2} + z_{0.8}) · sqrt(p_d / n)', () => {
    const { a, b } = binaryFixture();
    // By hand: p_d = 12/100, so MDE = 2.8015852 · sqrt(0.12/100) = 2.8015852 · 0.0346410 = 0.0970498.
    expect(comparePaired({ a, b })?.mde).toBeCloseTo(powerFactor * Math.sqrt(0.12 / 100), 6);
    expect(comparePaired({ a, b })?.mde).toBeCloseTo(0.0970498, 6);
  });

  it('treats identical runs as no difference, with a one-discordant-pair floor on the MDE', () => {
    const { a } = binaryFixture();
    const result = comparePaired({ a, b: a });
    expect(result?.mcnemar).toEqual({ b: 0, c: 0, pValue: 1 });
    expect(result?.significant).toBe(false);
    expect(result?.interval).toEqual({ low: 0, high: 0 });
    // By hand: p_d floored to 1/100, MDE = 2.8015852 · sqrt(0.01/100) = 0.0280159.
    expect(result?.mde).toBeCloseTo(0.0280159, 6);
  });

  it('uses the paired bootstrap for the interval and repeats it for a seed', () => {
    const { a, b } = binaryFixture();
    const first = comparePaired({ a, b, seed: 'x' });
    expect(comparePaired({ a, b, seed: 'x' })).toEqual(first);
    expect(first?.interval.low).toBeLessThan(-0.08);
    expect(first?.interval.high).toBeGreaterThan(-0.08);
    expect(first?.interval.high).toBeLessThan(0);
  });
});

describe('comparePaired with continuous scores', () => {
  function scores(seed: number, size: number): number[] {
    const random = createRng(seed);
    return Array.from({ length: size }, () => random());
  }

  it('finds a clear shift without McNemar and derives the MDE from the differences', () => {
    const b = scores(1, 200);
    const noise = scores(2, 200);
    const a = b.map((value, index) => value + 0.05 + (noise[index] - 0.5) * 0.1);
    const result = comparePaired({ a, b, seed: 3 });
    expect(result?.kind).toBe('continuous');
    expect(result?.mcnemar).toBeNull();
    expect(result?.significant).toBe(true);
    expect(result?.interval.low).toBeGreaterThan(0);
    // Independent two-pass sample standard deviation of the differences.
    const differences = a.map((value, index) => value - b[index]);
    const mean = differences.reduce((total, value) => total + value, 0) / differences.length;
    const deviation = Math.sqrt(
      differences.reduce((total, value) => total + (value - mean) ** 2, 0) / (differences.length - 1),
    );
    expect(result?.difference).toBeCloseTo(mean, 12);
    expect(result?.mde).toBeCloseTo((powerFactor * deviation) / Math.sqrt(200), 6);
  });

  it('does not call a symmetric wobble significant', () => {
    const b = scores(4, 150);
    const noise = scores(5, 150);
    const a = b.map((value, index) => value + (noise[index] - 0.5) * 0.02);
    const result = comparePaired({ a, b, seed: 6 });
    expect(result?.interval.low).toBeLessThan(0);
    expect(result?.interval.high).toBeGreaterThan(0);
    expect(result?.significant).toBe(false);
  });

  it('has no MDE for a single item, null for none, and rejects mismatched input', () => {
    expect(comparePaired({ a: [0.4], b: [0.2] })?.mde).toBeNull();
    expect(comparePaired({ a: [], b: [] })).toBeNull();
    expect(() => comparePaired({ a: [1, 0], b: [1] })).toThrow(RangeError);
    expect(() => comparePaired({ a: [1], b: [1], alpha: 0 })).toThrow(RangeError);
  });
});

describe('minimumDetectableEffect', () => {
  it('matches the hand-computed normal-approximation formula', () => {
    // σ_d = 0.5, n = 400: 2.8015852 · 0.5 / 20 = 0.0700396.
    expect(minimumDetectableEffect({ n: 400, standardDeviation: 0.5 })).toBeCloseTo(0.0700396, 6);
    // α = 0.01, power 0.9: z_{0.995} = 2.575829303549 and z_{0.9} = 1.281551565545 (tabulated quantiles).
    expect(minimumDetectableEffect({ n: 100, standardDeviation: 1, alpha: 0.01, power: 0.9 })).toBeCloseTo(
      (2.575829303549 + 1.281551565545) / 10,
      10,
    );
    expect(() => minimumDetectableEffect({ n: 0, standardDeviation: 1 })).toThrow(RangeError);
  });
});
