import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';

/**
 * Wilson limits found independently of the closed form: the two roots of the score equation
 * n (p̂ − π)² = z² π (1 − π), located by bisection on [0, p̂] and [p̂, 1].
 */
function scoreLimitsByBisection(successes: number, trials: number, z: number): [number, number] {
  const share = successes / trials;
  const excess = (proportion: number): number =>
    trials * (share - proportion) ** 2 - z * z * proportion * (1 - proportion);
  const root = (inside: number, outside: number): number => {
    let [near, far] = [inside, outside];
    for (let step = 0; step < 200; step += 1) {
      const middle = (near + far) / 2;
      if (excess(middle) > 0) far = middle;
      else near = middle;
    }
    return (near + far) / 2;
  };
  return [successes === 0 ? 0 : root(share, 0), successes === trials ? 1 : root(share, 1)];
}

// 97.5% and 99.5% standard normal points, as tabulated (Wikipedia, "Normal distribution", § Quantile function).
const z95 = 1.959963984540054;
const z99 = 2.575829303549;

describe('wilsonInterval', () => {
  it('reproduces the worked examples of Newcombe (1998), Table II, method 3', () => {
    // Newcombe, Statistics in Medicine 17:857–872: score method without continuity correction, 4 decimals.
    const examples: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
      [29, 29, 0.883, 1],
    ];
    for (const [successes, trials, low, high] of examples) {
      const interval = wilsonInterval({ successes, trials });
      expect(interval).not.toBeNull();
      expect(Math.abs((interval?.low ?? Number.NaN) - low)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs((interval?.high ?? Number.NaN) - high)).toBeLessThanOrEqual(5e-5);
      expect(interval?.estimate).toBe(successes / trials);
    }
  });

  it('agrees with the score-equation roots found by bisection to 1e-9', () => {
    const cases: Array<[number, number]> = [
      [81, 263],
      [15, 148],
      [0, 20],
      [1, 29],
      [29, 29],
      [1, 1],
      [500, 1000],
      [3, 100_000],
      [7, 9],
    ];
    for (const [successes, trials] of cases) {
      for (const [confidence, z] of [
        [0.95, z95],
        [0.99, z99],
      ]) {
        const interval = wilsonInterval({ successes, trials, confidence });
        const [low, high] = scoreLimitsByBisection(successes, trials, z);
        expect(Math.abs((interval?.low ?? Number.NaN) - low)).toBeLessThan(1e-9);
        expect(Math.abs((interval?.high ?? Number.NaN) - high)).toBeLessThan(1e-9);
      }
    }
  });

  it('stays inside [0, 1], pins the ends at 0 and n, and widens with confidence', () => {
    const none = wilsonInterval({ successes: 0, trials: 7 });
    const all = wilsonInterval({ successes: 7, trials: 7 });
    expect(none?.low).toBe(0);
    expect(all?.high).toBe(1);
    const at90 = wilsonInterval({ successes: 4, trials: 10, confidence: 0.9 });
    const at99 = wilsonInterval({ successes: 4, trials: 10, confidence: 0.99 });
    expect((at99?.high ?? 0) - (at99?.low ?? 0)).toBeGreaterThan((at90?.high ?? 0) - (at90?.low ?? 0));
  });

  it('returns null without trials and rejects impossible counts', () => {
    expect(wilsonInterval({ successes: 0, trials: 0 })).toBeNull();
    expect(() => wilsonInterval({ successes: 5, trials: 4 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: -1, trials: 4 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: 1, trials: 4, confidence: 1 })).toThrow(RangeError);
  });
});
