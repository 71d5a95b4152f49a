import type { RunManifest } from '../../src/results/manifest.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { makeErrorRecord, makeManifest, makeRecord, writeRunFolder } from './html-fixtures.js';

/** A subject name that would run script if it reached the page as markup. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * Pass (1) or fail (0) per item of each subject for models alpha and beta, both
 * answering every listed item. Anatomy is the one subject where the two differ
 * beyond doubt (alpha 20 of 20, beta 2 of 20: McNemar b = 18, c = 0).
 */
export const SUBJECTS: Array<{ category: string; subject: string; alpha: number[]; beta: number[] }> = [
  {
    category: 'STEM',
    subject: 'anatomy',
    alpha: Array(20).fill(1),
    beta: [1, 1, ...Array(18).fill(0)],
  },
  {
    category: 'STEM',
    subject: 'physics',
    alpha: [...Array(15).fill(1), ...Array(5).fill(0)],
    beta: [...Array(12).fill(1), 0, 0, 0, 1, 0, 0, 0, 0],
  },
  {
    category: 'Humanities',
    subject: 'history',
    alpha: [...Array(10).fill(1), ...Array(10).fill(0)],
    beta: [...Array(8).fill(1), 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
  },
  {
    category: 'Humanities',
    subject: HOSTILE,
    alpha: [...Array(14).fill(1), ...Array(6).fill(0)],
    beta: [...Array(12).fill(1), 0, 0, 1, 1, 0, 0, 0, 0],
  },
];

/** One more history item: alpha passes it, beta's request failed, so it is in history's items but not in the pair. */
export const EXTRA_ITEM = { id: 'history-extra', category: 'Humanities', subject: 'history' };

/** The records of the run: every item for both models (model names as given), plus the extra history item. */
export function groupedRecords(
  names: { alpha: string; beta: string } = { alpha: 'alpha', beta: 'beta' },
): ResultRecord[] {
  const records: ResultRecord[] = [];
  SUBJECTS.forEach((entry, subjectIndex) => {
    const groups = { category: entry.category, subject: entry.subject };
    entry.alpha.forEach((passed, index) => {
      const id = `s${subjectIndex}-q${index}`;
      records.push(makeRecord({ model: names.alpha, id, answer: passed ? '4' : '3', groups }));
      records.push(makeRecord({ model: names.beta, id, answer: entry.beta[index] ? '4' : '3', groups }));
    });
  });
  const groups = { category: EXTRA_ITEM.category, subject: EXTRA_ITEM.subject };
  records.push(makeRecord({ model: names.alpha, id: EXTRA_ITEM.id, groups }));
  records.push(makeErrorRecord({ model: names.beta, id: EXTRA_ITEM.id, groups }));
  return records;
}

/** run.json of a grouped run: broken down by category then subject, clustered by subject. */
export function groupedManifest(models: string[]): RunManifest {
  return { ...makeManifest({ models }), analysis: { group_by: ['category', 'subject'], cluster_by: 'subject' } };
}

/** Writes the grouped run folder. */
export function writeGroupedRun(name = 'grouped-run'): string {
  return writeRunFolder({ records: groupedRecords(), manifest: groupedManifest(['alpha', 'beta']), name });
}

/** Every scored outcome per model and group, worked out from `SUBJECTS` and the extra item. */
export function outcomesBy(column: 'category' | 'subject'): Map<string, { alpha: number[]; beta: number[] }> {
  const groups = new Map<string, { alpha: number[]; beta: number[] }>();
  const add = (name: string, alpha: number[], beta: number[]): void => {
    const group = groups.get(name) ?? { alpha: [], beta: [] };
    group.alpha.push(...alpha);
    group.beta.push(...beta);
    groups.set(name, group);
  };
  for (const entry of SUBJECTS) add(entry[column], entry.alpha, entry.beta);
  add(EXTRA_ITEM[column], [1], []);
  return groups;
}

/** Mean of 0/1 values. */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Standard error of a mean: sample standard deviation (n − 1) over √n. */
export function standardError(values: readonly number[]): number {
  const average = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}

/**
 * Holm's step-down adjustment written out: sort ascending, multiply the i-th
 * smallest (from 0) by m − i, carry the running maximum, cap at 1.
 */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((left, right) => left.p - right.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/** The cells of a Markdown pipe table row, split on unescaped pipes. */
export function cells(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());
}

/** The rows (as cells, header first, alignment row dropped) of the first table after `marker` in `markdown`. */
export function tableAfter(markdown: string, marker: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.includes(marker));
  if (start < 0) throw new Error(`no ${marker} in the Markdown`);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  const rows: string[][] = [];
  for (let index = first; index < lines.length && lines[index].startsWith('|'); index += 1) {
    if (index !== first + 1) rows.push(cells(lines[index]));
  }
  return rows;
}
