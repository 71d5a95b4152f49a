import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';

describe('stats index', () => {
  it('re-exports the public functions', () => {
    const names = [
      'binomialCdf',
      'binomialPmf',
      'bootstrapMeanInterval',
      'comparePaired',
      'consistency',
      'createRng',
      'erfc',
      'logGamma',
      'majorityAnswer',
      'mcnemarExact',
      'minimumDetectableEffect',
      'normalCdf',
      'normalQuantile',
      'pairedBootstrapDifference',
      'passAtK',
      'passHatK',
      'percentile',
      'summarizeLatency',
      'wilsonInterval',
      'meanWithErrors',
      'pairedDifference',
      'pearson',
      'holmAdjust',
      'plannedMinimumDetectableEffect',
      'xoshiro128StarStar',
    ];
    for (const name of names) expect(typeof (stats as Record<string, unknown>)[name], name).toBe('function');
  });
});
