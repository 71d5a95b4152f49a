import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, pairedBootstrapDifference } from '../../src/stats/bootstrap.js';
import { createRng } from '../../src/stats/rng.js';

/** Uniform(0, 1) sample of the given size; true mean 1/2, variance 1/12. */
function uniformSample(size: number, seed: number): Float64Array {
  const random = createRng(seed);
  return Float64Array.from({ length: size }, () => random());
}

describe('bootstrapMeanInterval', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const values = uniformSample(500, 3);
    const first = bootstrapMeanInterval({ values, seed: 'run-1' });
    expect(bootstrapMeanInterval({ values, seed: 'run-1' })).toEqual(first);
    expect(bootstrapMeanInterval({ values })).toEqual(bootstrapMeanInterval({ values }));
    expect(bootstrapMeanInterval({ values, seed: 'run-2' })).not.toEqual(first);
  });

  it('gives a degenerate interval for constant values', () => {
    const interval = bootstrapMeanInterval({ values: new Array<number>(300).fill(0.1), seed: 9 });
    expect(interval?.low).toBe(interval?.estimate);
    expect(interval?.high).toBe(interval?.estimate);
  });

  it('matches the normal-theory interval mean ± 1.96 σ/√n for a large sample', () => {
    // Known answer: for n = 20,000 uniforms the mean's standard error is sqrt(1/12 / n), so the 95% interval has
    // half-width 1.959963984540054 · 0.0020412 ≈ 0.0040008; the bootstrap should agree within a few percent.
    const values = uniformSample(20_000, 11);
    const interval = bootstrapMeanInterval({ values, seed: 5, resamples: 4000 });
    const halfWidth = 1.959963984540054 * Math.sqrt(1 / 12 / values.length);
    const bootstrapHalfWidth = ((interval?.high ?? 0) - (interval?.low ?? 0)) / 2;
    expect(Math.abs(bootstrapHalfWidth / halfWidth - 1)).toBeLessThan(0.05);
    expect(interval?.low).toBeLessThan(interval?.estimate ?? 0);
    expect(interval?.high).toBeGreaterThan(interval?.estimate ?? 0);
  });

  it('covers the true mean about 95% of the time', () => {
    // 400 synthetic data sets of 150 uniforms (true mean 0.5). Binomial standard deviation of the
    // coverage is about 1.1 points, so [0.91, 0.98] holds a correct 95% interval by a wide margin
    // and fails an interval that is much too narrow or too wide.
    let covered = 0;
    const sets = 400;
    for (let set = 0; set < sets; set += 1) {
      const interval = bootstrapMeanInterval({ values: uniformSample(150, 1000 + set), seed: set, resamples: 500 });
      if ((interval?.low ?? 1) <= 0.5 && 0.5 <= (interval?.high ?? 0)) covered += 1;
    }
    expect(covered / sets).toBeGreaterThan(0.91);
    expect(covered / sets).toBeLessThan(0.98);
  });

  it('returns null for no values and rejects bad input', () => {
    expect(bootstrapMeanInterval({ values: [] })).toBeNull();
    expect(() => bootstrapMeanInterval({ values: [1, Number.NaN] })).toThrow(RangeError);
    expect(() => bootstrapMeanInterval({ values: [1, 2], resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMeanInterval({ values: [1, 2], confidence: 1.2 })).toThrow(RangeError);
  });
});

describe('pairedBootstrapDifference', () => {
  it('resamples items: equals the mean interval of the per-item differences for the same seed', () => {
    const a = uniformSample(400, 21);
    const b = uniformSample(400, 22);
    const differences = a.map((value, index) => value - b[index]);
    expect(pairedBootstrapDifference({ a, b, seed: 4 })).toEqual(
      bootstrapMeanInterval({ values: differences, seed: 4 }),
    );
  });

  it('is deterministic and degenerate when every item differs by the same amount', () => {
    const b = Array.from({ length: 250 }, (_, index) => index % 7);
    const a = b.map((value) => value + 1);
    const first = pairedBootstrapDifference({ a, b, seed: 8 });
    expect(first).toEqual({ low: 1, high: 1, estimate: 1 });
    expect(pairedBootstrapDifference({ a, b: a, seed: 8 })).toEqual({ low: 0, high: 0, estimate: 0 });
  });

  it('covers a known paired shift about 95% of the time, far more tightly than unpaired noise', () => {
    // a_i = x_i + 0.1 + small noise, b_i = x_i: the true mean difference is 0.1 + E[noise] = 0.1.
    let covered = 0;
    const sets = 300;
    for (let set = 0; set < sets; set += 1) {
      const base = uniformSample(120, 5000 + set);
      const noise = uniformSample(120, 9000 + set);
      const a = base.map((value, index) => value + 0.1 + (noise[index] - 0.5) * 0.2);
      const interval = pairedBootstrapDifference({ a, b: base, seed: set, resamples: 500 });
      if ((interval?.low ?? 1) <= 0.1 && 0.1 <= (interval?.high ?? 0)) covered += 1;
      // Differences have sd 0.2/√12 ≈ 0.058, so the interval is ~0.02 wide, not the ~0.15 an unpaired one would be.
      expect((interval?.high ?? 1) - (interval?.low ?? 0)).toBeLessThan(0.04);
    }
    expect(covered / sets).toBeGreaterThan(0.9);
    expect(covered / sets).toBeLessThan(0.985);
  });

  it('rejects arrays of different lengths and returns null for none', () => {
    expect(() => pairedBootstrapDifference({ a: [1, 0], b: [1] })).toThrow(RangeError);
    expect(pairedBootstrapDifference({ a: [], b: [] })).toBeNull();
  });
});
