import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBuiltInSuites } from '../../src/suites/index.js';
import { repoRoot } from './helpers.js';

describe('listBuiltInSuites', () => {
  it('lists every built-in suite by name, leaving out the category map', async () => {
    const listings = await listBuiltInSuites();
    expect(listings.map((listing) => listing.name)).toEqual(['cmmlu', 'default', 'gsm8k']);
    for (const listing of listings) {
      expect(listing.file).toBe(path.join(repoRoot, 'suites', `${listing.name}.yaml`));
      expect(listing.version).toBe('1');
      expect(listing.description.length).toBeGreaterThan(20);
    }
    const [cmmlu, sample, gsm8k] = listings;

    expect(gsm8k).toMatchObject({ rows: 1319, subsets: [], licence: 'MIT', defaultShots: 0 });
    expect(gsm8k.categories).toEqual([{ name: 'GSM8K', rows: 1319, subjects: 1 }]);

    expect(cmmlu).toMatchObject({ rows: 11582, defaultShots: 5 });
    expect(cmmlu.licence).toBe('CC BY-NC-SA 4.0 (attribution, non-commercial, share-alike)');
    expect(cmmlu.subsets).toHaveLength(67);
    expect(cmmlu.subsets[0]).toEqual({ name: 'agronomy', rows: 169, category: 'Other' });
    expect(cmmlu.subsets.reduce((total, subset) => total + subset.rows, 0)).toBe(11582);
    expect(cmmlu.categories).toEqual([
      { name: 'STEM', rows: 2531, subjects: 17 },
      { name: 'Humanities', rows: 1962, subjects: 11 },
      { name: 'Social Science', rows: 2260, subjects: 13 },
      { name: 'Other', rows: 2257, subjects: 11 },
      { name: 'China specific', rows: 2572, subjects: 15 },
    ]);

    expect(sample).toMatchObject({ rows: 234, defaultShots: 5 });
    expect(sample.licence).toBe(
      'MIT + CC BY-NC-SA 4.0 (GSM8K items MIT; CMMLU items: attribution, non-commercial, share-alike)',
    );
    expect(sample.subsets).toHaveLength(68);
    expect(sample.subsets[0]).toEqual({ name: 'gsm8k', rows: 100, category: 'GSM8K' });
    expect(sample.categories).toEqual([
      { name: 'GSM8K', rows: 100, subjects: 1 },
      { name: 'STEM', rows: 34, subjects: 17 },
      { name: 'Humanities', rows: 22, subjects: 11 },
      { name: 'Social Science', rows: 26, subjects: 13 },
      { name: 'Other', rows: 22, subjects: 11 },
      { name: 'China specific', rows: 30, subjects: 15 },
    ]);
  });
});
