import { describe, expect, it } from 'vitest';
import { comparePair, verdictLine } from '../../src/analysis/pairwise.js';
import { renderPairwiseTable } from '../../src/report/render-pairwise.js';
import { renderRunReport } from '../../src/report/render-summary-table.js';
import { analyzeRun } from '../../src/analysis/run-analysis.js';
import { comparePaired, type PairedComparison } from '../../src/stats/paired.js';
import { itemKey, modelRows, type TestRecord } from './helpers.js';
import { collectRun } from '../../src/analysis/collect-run.js';
import type { ModelData } from '../../src/analysis/model-data.js';

/** Passes of items 0..299 listed in the order the report joins them: by item key. */
function sortedScores(passes: (index: number) => boolean): number[] {
  return Array.from({ length: 300 }, (_, index) => index)
    .sort((first, second) => (itemKey(first) < itemKey(second) ? -1 : 1))
    .map((index) => (passes(index) ? 1 : 0));
}

const aPasses = (index: number): boolean => index < 240;

async function pairOf(bPasses: (index: number) => boolean): Promise<ReturnType<typeof comparePair>> {
  const records: TestRecord[] = [
    ...modelRows({ model: 'a', count: 300, passes: aPasses }),
    ...modelRows({ model: 'b', count: 300, passes: bPasses }),
  ];
  const report = await analyzeRun({ records });
  expect(report.pairs).toHaveLength(1);
  return report.pairs[0];
}

describe('verdict line', () => {
  it('reads exactly as specified, with real minus signs', () => {
    const result: PairedComparison = {
      n: 412,
      kind: 'binary',
      meanA: 0.6,
      meanB: 0.559,
      difference: 0.041,
      interval: { low: -0.008, high: 0.09 },
      mcnemar: { b: 30, c: 13, pValue: 0.11 },
      significant: false,
      mde: 0.05,
    };
    expect(verdictLine({ label: 'qwen3-max \u2212 deepseek-chat', result, pValue: 0.11 })).toBe(
      'qwen3-max − deepseek-chat: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412: not significant',
    );
    expect(
      verdictLine({
        label: 'x − y',
        result: { ...result, difference: -0.15, interval: { low: -0.2, high: -0.1 }, significant: true },
        pValue: 0.00002,
      }),
    ).toBe('x − y: −15.0 pp [−20.0, −10.0], McNemar p < 0.001, n = 412: significant');
  });

  it('says bootstrap for continuous scores', () => {
    const result: PairedComparison = {
      n: 50,
      kind: 'continuous',
      meanA: 0.5,
      meanB: 0.48,
      difference: 0.02,
      interval: { low: -0.01, high: 0.05 },
      mcnemar: null,
      significant: false,
      mde: 0.04,
    };
    expect(verdictLine({ label: 'a − b', result, pValue: 0.2 })).toBe(
      'a − b: +2.0 pp [−1.0, +5.0], bootstrap p = 0.2, n = 50: not significant',
    );
  });

  it('keeps one decimal of points, two significant digits of p and a true minus sign', () => {
    const result: PairedComparison = {
      n: 412,
      kind: 'binary',
      meanA: 0.5,
      meanB: 0.459,
      difference: 0.041,
      interval: { low: -0.008, high: 0.09 },
      mcnemar: { b: 30, c: 13, pValue: 0.11 },
      significant: false,
      mde: 0.06,
    };
    expect(verdictLine({ label: 'a \u2212 b', result, pValue: 0.11 })).toBe(
      'a \u2212 b: +4.1 pp [\u22120.8, +9.0], McNemar p = 0.11, n = 412: not significant',
    );
    expect(
      verdictLine({
        label: 'x \u2212 y',
        result: { ...result, difference: -0.2, interval: { low: -0.3, high: -0.1 }, significant: true },
        pValue: 0.0000012,
      }),
    ).toBe('x \u2212 y: \u221220.0 pp [\u221230.0, \u221210.0], McNemar p < 0.001, n = 412: significant');
    expect(verdictLine({ label: 'x \u2212 y', result: { ...result, difference: 0.00001 }, pValue: 0.0042 })).toContain(
      '0.0 pp [\u22120.8, +9.0], McNemar p = 0.0042,',
    );
  });

  it('says when there is nothing to compare', () => {
    expect(verdictLine({ label: 'a − b', result: null, pValue: null })).toBe(
      'a − b: no shared scored items, nothing to compare',
    );
  });
});

describe('pairwise comparison of a run', () => {
  it('calls a 15-point gap on 300 paired items significant', async () => {
    const bPasses = (index: number): boolean => index < 195;
    const pair = await pairOf(bPasses);
    const expected = comparePaired({ a: sortedScores(aPasses), b: sortedScores(bPasses), seed: 1 });
    expect(pair.result).toEqual(expected);
    expect(pair.result?.mcnemar).toMatchObject({ b: 45, c: 0 });
    // Phi of nested passes: (p11 − pa·pb)/√(pa(1 − pa)pb(1 − pb)) = (0.65 − 0.8·0.65)/√(0.8·0.2·0.65·0.35) = 0.681.
    expect(pair.correlation).toBeCloseTo(0.13 / Math.sqrt(0.8 * 0.2 * 0.65 * 0.35), 12);
    expect(pair.verdict).toMatch(
      /^a − b: \+15\.0 pp \[\+\d+\.\d, \+\d+\.\d\], McNemar p < 0\.001, n = 300, r = 0\.68: significant$/,
    );
  });

  it('calls a 1-point gap on 300 paired items not significant', async () => {
    // b fails items 0-4 that a passes and passes items 240-241 that a fails: b = 5, c = 2, p = 2 · 29/128.
    const bPasses = (index: number): boolean => (index >= 5 && index < 240) || index === 240 || index === 241;
    const pair = await pairOf(bPasses);
    expect(pair.result?.mcnemar).toMatchObject({ b: 5, c: 2 });
    expect(pair.pValue).toBeCloseTo(58 / 128, 12);
    // pa = 0.8, pb = 237/300, both pass 235 of 300: r = (235/300 − 0.8·0.79)/√(0.8·0.2·0.79·0.21) = 0.929.
    expect(pair.correlation).toBeCloseTo((235 / 300 - 0.8 * 0.79) / Math.sqrt(0.8 * 0.2 * 0.79 * 0.21), 12);
    expect(pair.verdict).toMatch(
      /^a − b: \+1\.0 pp \[[−+]?\d+\.\d, \+\d+\.\d\], McNemar p = 0\.45, n = 300, r = 0\.93: not significant$/,
    );
  });

  it('finds no difference between identical models', async () => {
    const pair = await pairOf(aPasses);
    expect(pair.verdict).toBe('a − b: 0.0 pp [0.0, 0.0], McNemar p = 1, n = 300, r = 1.00: not significant');
  });

  it('compares every pair in model order, on shared items only', async () => {
    const records = [
      ...modelRows({ model: 'x', count: 10, passes: () => true }),
      ...modelRows({ model: 'y', count: 6, passes: () => false }),
      ...modelRows({ model: 'z', count: 8, passes: (index) => index % 2 === 0 }),
    ];
    const report = await analyzeRun({ records, modelOrder: ['z'] });
    expect(report.pairs.map((pair) => [pair.label, pair.result?.n])).toEqual([
      ['z − x', 8],
      ['z − y', 6],
      ['x − y', 6],
    ]);
    const text = renderRunReport(report);
    expect(text).toContain('MDE pp');
    expect(text).toContain('x − y: +100.0 pp');
    expect(renderPairwiseTable(report.pairs).split('\n')).toHaveLength(5);
  });

  it('uses the bootstrap p-value for continuous scores', async () => {
    const models = await collectRun({
      records: [
        ...modelRows({ model: 'a', count: 20, passes: () => true }),
        ...modelRows({ model: 'b', count: 20, passes: () => true }),
      ],
      scores: new Map(
        [
          ...modelRows({ model: 'a', count: 20, passes: () => true }),
          ...modelRows({ model: 'b', count: 20, passes: () => true }),
        ].map((record, index) => [record.key, { value: record.model === 'a' ? 0.75 : (index % 4) / 4, passed: true }]),
      ),
    });
    const pair = comparePair({ a: models.get('a') as ModelData, b: models.get('b') as ModelData });
    expect(pair.method).toBe('bootstrap');
    expect(pair.result?.kind).toBe('continuous');
    expect(pair.verdict).toMatch(
      /^a − b: \+37\.5 pp \[\+\d+\.\d, \+\d+\.\d\], bootstrap p < 0\.001, n = 20: significant$/,
    );
  });
});

describe('paired bootstrap p-value', () => {
  it('is 1 for identical scores and agrees with the interval of comparePaired', async () => {
    const { pairedBootstrapPValue } = await import('../../src/analysis/bootstrap-p-value.js');
    const a = Array.from({ length: 60 }, (_, index) => 0.3 + ((index * 7) % 11) / 50);
    expect(pairedBootstrapPValue({ a, b: a })).toBe(1);
    const verdicts: boolean[] = [];
    for (const shift of [0, 0.01, 0.05, 0.1]) {
      const b = a.map((value, index) => value - shift + (((index * 5) % 7) - 3) / 30);
      const result = comparePaired({ a, b, seed: 1 });
      const pValue = pairedBootstrapPValue({ a, b, seed: 1 });
      expect(pValue <= 0.05).toBe(result?.significant);
      verdicts.push(result?.significant === true);
    }
    expect(verdicts).toEqual([false, false, true, true]);
  });
});
