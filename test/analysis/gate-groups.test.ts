import { describe, expect, it } from 'vitest';
import { gateRun, parseMaxDrop } from '../../src/analysis/gate.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { renderComparison } from '../../src/report/render-compare.js';
import { makeManifest, makeRecord, writeRunFolder } from '../report/html-fixtures.js';

const CATEGORIES = ['Humanities', 'Other', 'STEM', 'Social Science'];

/** 50 items per category, 40 passed; in the candidate, `flipped` STEM items that passed now fail. */
function records(flipped: number): ResultRecord[] {
  return CATEGORIES.flatMap((category) =>
    Array.from({ length: 50 }, (_, index) => {
      const passes = index < 40 && !(category === 'STEM' && index < flipped);
      return makeRecord({ model: 'm', id: `${category}-${index}`, answer: passes ? '4' : '3', groups: { category } });
    }),
  );
}

function run(name: string, flipped: number): string {
  const manifest = { ...makeManifest({ models: ['m'] }), analysis: { group_by: ['category'], cluster_by: null } };
  return writeRunFolder({ records: records(flipped), manifest, name });
}

describe('the gate per group', () => {
  it('reads --max-drop as overall points, GROUP=N and *=N', () => {
    expect(parseMaxDrop(['2', 'STEM=5', '*=8', 'Social Science=3'])).toEqual({
      maxDrop: 2,
      maxGroupDrop: { STEM: 5, '*': 8, 'Social Science': 3 },
    });
    expect(() => parseMaxDrop(['STEM'])).toThrow(/--max-drop STEM: give percentage points/);
  });

  it('fails a category that dropped past its limit, and notes a credible drop of one category', async () => {
    const baseline = run('baseline', 0);
    // 12 of STEM's 50 items flip to fail: STEM −24 pp, overall −6 pp.
    const candidate = run('candidate', 12);
    const everyCategory = await gateRun({
      baselineDir: baseline,
      candidateDir: candidate,
      options: { maxGroupDrop: { '*': 10 } },
    });
    expect(everyCategory.exitCode).toBe(1);
    // Twelve flips all one way are a credible drop overall too; the group rule names STEM alone.
    expect(everyCategory.reasons.filter((reason) => reason.includes('group-max-drop'))).toEqual([
      'm, category STEM: dropped 24.0 pp (n = 50), more than --max-drop *=10 [rule: group-max-drop]',
    ]);
    // McNemar on 12 discordant items, all one way: p = 2 · 0.5^12 = 0.00049; Holm over the four categories: × 4 = 0.002.
    expect(everyCategory.notes.join('\n')).toContain('m, category STEM: a credible drop of 24.0 pp');
    const text = renderComparison(everyCategory.comparison, { gate: everyCategory });
    expect(text).toMatch(/\nSTEM +50 +80\.0% \[[^\]]+\] +56\.0% \[[^\]]+\] +−24\.0 \[[^\]]+\] \* +0\.002\n/);
    expect(text).toContain('m by category (candidate − baseline; * = credible, Holm-adjusted over the 4 groups):');
    // A limit on another category only: nothing to fail there.
    const other = await gateRun({
      baselineDir: baseline,
      candidateDir: candidate,
      options: { maxGroupDrop: { Other: 1 } },
    });
    expect(other.reasons.filter((reason) => reason.includes('group-max-drop'))).toEqual([]);
    // A named limit wins over * for its group.
    const named = await gateRun({
      baselineDir: baseline,
      candidateDir: candidate,
      options: { maxGroupDrop: { '*': 10, STEM: 30 } },
    });
    expect(named.reasons.filter((reason) => reason.includes('group-max-drop'))).toEqual([]);
  });
});
