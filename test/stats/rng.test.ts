import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128StarStar } from '../../src/stats/rng.js';

function take(generator: () => number, count: number): number[] {
  return Array.from({ length: count }, () => generator());
}

describe('xoshiro128StarStar', () => {
  it('reproduces the reference output for the state (1, 2, 3, 4)', () => {
    // Known-answer vector of xoshiro128** 1.1 from the reference C code (prng.di.unimi.it),
    // as used in the test suite of the Rust crate rand_xoshiro (Xoshiro128StarStar, `reference`).
    const generator = xoshiro128StarStar(Uint32Array.from([1, 2, 3, 4]));
    expect(take(generator, 10)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('rejects an all-zero or wrongly sized state', () => {
    expect(() => xoshiro128StarStar(new Uint32Array(4))).toThrow(RangeError);
    expect(() => xoshiro128StarStar(new Uint32Array(3))).toThrow(RangeError);
  });
});

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(createRng(12345), 1000)).toEqual(take(createRng(12345), 1000));
    expect(take(createRng('baseline-run'), 1000)).toEqual(take(createRng('baseline-run'), 1000));
  });

  it('keeps a pinned sequence so saved runs replay identically', () => {
    // Stability pin (not a reference value): changing the algorithm or the seeding breaks replays.
    expect(take(createRng(42), 5).map((value) => value * 2 ** 32)).toEqual([
      2837322924, 1342946615, 1931250230, 3157465149, 4019575394,
    ]);
    expect(take(createRng('mixrouter'), 3).map((value) => value * 2 ** 32)).toEqual([507559872, 2679671977, 736984389]);
  });

  it('gives different sequences for different seeds, including seeds that differ above 32 bits', () => {
    const first = take(createRng(1), 8);
    expect(take(createRng(2), 8)).not.toEqual(first);
    expect(take(createRng(2 ** 32 + 1), 8)).not.toEqual(first);
    expect(take(createRng(-1), 8)).not.toEqual(first);
    expect(take(createRng(0), 8)).not.toEqual(take(createRng(2 ** 32), 8));
    expect(take(createRng('abc'), 8)).not.toEqual(take(createRng('abd'), 8));
    expect(take(createRng(0.5), 8)).not.toEqual(take(createRng(0.25), 8));
  });

  it('returns numbers in [0, 1) on a 2^-32 grid', () => {
    const random = createRng('grid');
    for (let index = 0; index < 10_000; index += 1) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
      expect(Number.isInteger(value * 2 ** 32)).toBe(true);
    }
  });

  it('is roughly uniform and serially uncorrelated', () => {
    const random = createRng(2024);
    const draws = 100_000;
    const bins = new Array<number>(100).fill(0);
    let sum = 0;
    let previous = random();
    let lagProduct = 0;
    for (let index = 0; index < draws; index += 1) {
      const value = random();
      bins[Math.floor(value * 100)] += 1;
      sum += value;
      lagProduct += (value - 0.5) * (previous - 0.5);
      previous = value;
    }
    const expected = draws / 100;
    const chiSquare = bins.reduce((total, count) => total + (count - expected) ** 2 / expected, 0);
    // Upper 0.1% point of chi-square with 99 degrees of freedom is 148.230
    // (NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4, critical values of chi-square).
    expect(chiSquare).toBeLessThan(148.23);
    // The mean of 1e5 uniforms has standard deviation 1/sqrt(12e5) ≈ 0.00091; allow ~3.3 sigma.
    expect(Math.abs(sum / draws - 0.5)).toBeLessThan(0.003);
    // Lag-1 autocorrelation has standard deviation about 1/sqrt(n) ≈ 0.0032; allow ~3 sigma.
    expect(Math.abs(lagProduct / draws / (1 / 12))).toBeLessThan(0.01);
  });

  it('rejects seeds that are not finite numbers', () => {
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
