import { describe, expect, it } from 'vitest';
import { choosePairings, compareRuns } from '../../src/analysis/compare-runs.js';
import { loadRun } from '../../src/analysis/load-run.js';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import {
  EXTRA_ITEM,
  groupedManifest,
  groupedRecords,
  HOSTILE,
  holm,
  mean,
  outcomesBy,
  SUBJECTS,
  standardError,
  tableAfter,
  writeGroupedRun,
} from './group-fixtures.js';
import { writeRunFolder } from './html-fixtures.js';

const Z = 1.959963984540054;
const MINUS = '\u2212';

/** Wilson's score interval for `successes` of `trials`, written out. */
function wilson(successes: number, trials: number): { low: number; high: number } {
  const share = successes / trials;
  const centre = (share + (Z * Z) / (2 * trials)) / (1 + (Z * Z) / trials);
  const half =
    (Z * Math.sqrt((share * (1 - share)) / trials + (Z * Z) / (4 * trials * trials))) / (1 + (Z * Z) / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The exact two-sided McNemar p-value: twice the binomial(b + c, ½) tail at min(b, c), capped at 1. */
function mcnemar(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let tail = 0;
  let choose = 1;
  for (let k = 0; k <= Math.min(b, c); k += 1) {
    tail += choose / 2 ** n;
    choose = (choose * (n - k)) / (k + 1);
  }
  return Math.min(1, 2 * tail);
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const interval = (low: number, high: number): string => `[${(low * 100).toFixed(1)}, ${(high * 100).toFixed(1)}]`;
const signed = (value: number): string => {
  const points = Math.round(value * 1000) / 10;
  return points === 0 ? '0.0' : `${points < 0 ? MINUS : '+'}${Math.abs(points).toFixed(1)}`;
};
const pText = (p: number): string => (p < 0.001 ? '< 0.001' : String(Number(p.toPrecision(2))));
const escaped = (name: string): string => name.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Wilson cell of 0/1 outcomes: `75.0% [53.1, 88.8]`. */
function wilsonCell(values: readonly number[]): string {
  const passed = values.reduce((sum, value) => sum + value, 0);
  const { low, high } = wilson(passed, values.length);
  return `${percent(passed / values.length)} ${interval(low, high)}`;
}

/** Per subject (in the table's name order): the paired figures of alpha − beta on the items both scored. */
function subjectPairs() {
  const rows = SUBJECTS.map((entry) => {
    const differences = entry.alpha.map((value, index) => value - entry.beta[index]);
    const b = differences.filter((value) => value > 0).length;
    const c = differences.filter((value) => value < 0).length;
    return { name: entry.subject, differences, p: mcnemar(b, c) };
  });
  const adjusted = holm(rows.map((row) => row.p));
  return rows.map((row, index) => ({ ...row, adjusted: adjusted[index] }));
}

describe('report.md breakdowns', () => {
  it('tabulates each subject with its items, Wilson scores, errors and Holm-adjusted differences computed by hand', async () => {
    const markdown = renderMarkdown({ run: await loadScoredRun(writeGroupedRun()) });
    const rows = tableAfter(markdown, '<summary>Scores by subject');
    expect(rows[0]).toEqual([
      'subject',
      'items',
      'alpha score [95%]',
      'beta score [95%]',
      `alpha ${MINUS} beta (pp) [95%]`,
      'p (Holm)',
    ]);
    const outcomes = outcomesBy('subject');
    const pairs = subjectPairs();
    const names = [...outcomes.keys()].sort((left, right) => left.localeCompare(right));
    expect(rows.slice(1, -2).map((row) => row[0])).toEqual(names.map(escaped));
    for (const name of names) {
      const row = rows.find((cells) => cells[0] === escaped(name)) ?? [];
      const { alpha, beta } = outcomes.get(name) ?? { alpha: [], beta: [] };
      const pair = pairs.find((entry) => entry.name === name);
      const d = pair?.differences ?? [];
      // Agresti and Min (2005): half a pair added to each of the four cells, n* = n + 2.
      const adjusted = d.length + 2;
      const p = (d.filter((value) => value > 0).length + 0.5) / adjusted;
      const q = (d.filter((value) => value < 0).length + 0.5) / adjusted;
      const half = Z * Math.sqrt((p + q - (p - q) ** 2) / adjusted);
      const difference = `${signed(mean(d))} [${signed(Math.max(-1, p - q - half))}, ${signed(Math.min(1, p - q + half))}]`;
      const credible = (pair?.adjusted ?? 1) <= 0.05;
      expect(row).toEqual([
        escaped(name),
        String(alpha.length),
        wilsonCell(alpha),
        `${wilsonCell(beta)}${name === EXTRA_ITEM.subject ? ' \u00b7 1 error' : ''}`,
        credible ? `**${difference}** \u2020` : difference,
        credible ? `**${pText(pair?.adjusted ?? 1)}**` : pText(pair?.adjusted ?? 1),
      ]);
    }
    // Only anatomy holds after Holm: 18 to 0 discordant items.
    expect(rows.filter((row) => row.join(' ').includes('\u2020')).map((row) => row[0])).toEqual(['anatomy']);
    expect(pairs.filter((pair) => pair.adjusted <= 0.05).map((pair) => pair.name)).toEqual(['anatomy']);
    expect(markdown).toContain('p-values Holm-adjusted over the 4 comparisons of this table');
  });

  it('computes the micro row over items and the macro row over subjects, each weighing the same', async () => {
    const markdown = renderMarkdown({ run: await loadScoredRun(writeGroupedRun()) });
    const rows = tableAfter(markdown, '<summary>Scores by subject');
    const [micro, macro] = rows.slice(-2);
    const groups = [...outcomesBy('subject').values()];
    const allAlpha = groups.flatMap((group) => group.alpha);
    const allBeta = groups.flatMap((group) => group.beta);
    expect(micro).toEqual([
      'micro: mean over items',
      '81',
      wilsonCell(allAlpha),
      `${wilsonCell(allBeta)} (80 items)`,
      '',
      '',
    ]);
    const macroCell = (side: 'alpha' | 'beta'): string => {
      const centre = mean(groups.map((group) => mean(group[side])));
      const se = Math.sqrt(groups.reduce((sum, group) => sum + standardError(group[side]) ** 2, 0)) / groups.length;
      return `${percent(centre)} ${interval(Math.max(0, centre - Z * se), Math.min(1, centre + Z * se))}`;
    };
    expect(macro).toEqual([
      'macro: mean over groups, each weighing the same',
      '4 groups',
      macroCell('alpha'),
      macroCell('beta'),
      '',
      '',
    ]);
    // Micro and macro differ here: history has 21 items, the others 20, and the subjects' scores differ.
    expect(micro[2]).not.toBe(macro[2]);
  });

  it('shows the top level open with its per-category counts, scores and averages, clustered by subject', async () => {
    const markdown = renderMarkdown({ run: await loadScoredRun(writeGroupedRun()) });
    expect(markdown).toContain('### Scores by category\n');
    expect(markdown).not.toContain('<summary>Scores by category');
    const rows = tableAfter(markdown, '### Scores by category');
    const outcomes = outcomesBy('category');
    expect(rows.slice(1, -2).map((row) => [row[0], row[1], row[2].split(' ')[0], row[3].split(' ')[0]])).toEqual(
      ['Humanities', 'STEM'].map((name) => {
        const { alpha, beta } = outcomes.get(name) ?? { alpha: [], beta: [] };
        return [name, String(alpha.length), percent(mean(alpha)), percent(mean(beta))];
      }),
    );
    const macroAlpha = mean([...outcomes.values()].map((group) => mean(group.alpha)));
    expect(rows.at(-1)?.[2].startsWith(`${percent(macroAlpha)} [`)).toBe(true);
    expect(rows.at(-2)?.[2].startsWith(`${percent(mean([...outcomes.values()].flatMap((g) => g.alpha)))} [`)).toBe(
      true,
    );
    expect(markdown).toContain('p-values Holm-adjusted over the 2 comparisons of this table');
    expect(markdown).toContain(
      'micro: mean over items, each item once; macro: mean over groups, each weighing the same',
    );
    const allAlpha = [...outcomes.values()].flatMap((group) => group.alpha);
    expect(markdown).toContain(`| SE ${(standardError(allAlpha) * 100).toFixed(1)} pp, clustered `);
    expect(markdown).toMatch(/clustered [\d.]+ pp \(4 clusters by subject\)/);
  });

  it('keeps a hostile group name inert', async () => {
    const markdown = renderMarkdown({ run: await loadScoredRun(writeGroupedRun()) });
    expect(markdown).not.toContain(HOSTILE);
    expect(markdown).toContain('| &lt;img src=x onerror=alert(1)&gt; | 20 |');
  });

  it('adds per-group deltas of candidate against baseline, marking only the credible group', async () => {
    const candidateRecords = groupedRecords({ alpha: 'm', beta: 'other' }).filter((record) => record.model === 'm');
    const baselineRecords = groupedRecords({ alpha: 'other', beta: 'm' }).filter((record) => record.model === 'm');
    const candidateDir = writeRunFolder({ records: candidateRecords, manifest: groupedManifest(['m']), name: 'cand' });
    const baselineDir = writeRunFolder({ records: baselineRecords, manifest: groupedManifest(['m']), name: 'base' });
    const [baseline, candidate] = await Promise.all([
      loadRun({ location: baselineDir }),
      loadRun({ location: candidateDir }),
    ]);
    const comparison = compareRuns({ baseline, candidate, pairings: choosePairings({ baseline, candidate }) });
    const markdown = renderMarkdown({ run: await loadScoredRun(candidateDir), comparison });
    expect(markdown).toContain('#### m: this run against the baseline by category');
    const rows = tableAfter(markdown, '<summary>m: this run against the baseline by subject');
    expect(rows[0].slice(2)).toEqual([
      'this run: m score [95%]',
      'baseline: m score [95%]',
      `this run: m ${MINUS} baseline: m (pp) [95%]`,
      'p (Holm)',
    ]);
    const pairs = subjectPairs();
    for (const pair of pairs) {
      const row = rows.find((cells) => cells[0] === escaped(pair.name)) ?? [];
      expect(
        row[4].startsWith(
          pair.adjusted <= 0.05 ? `**${signed(mean(pair.differences))} [` : signed(mean(pair.differences)),
        ),
      ).toBe(true);
      expect(row[5].replace(/\*/g, '')).toBe(pText(pair.adjusted));
    }
    expect(rows.filter((row) => row.join(' ').includes('\u2020')).map((row) => row[0])).toEqual(['anatomy']);
  });
});
