import type { Average, GroupBreakdown, GroupRow, GroupScore } from '../analysis/group-breakdown.js';
import { MINUS } from './format.js';
import { escapeHtml } from './html/escape.js';
import {
  AVERAGES_DEFINITION,
  CREDIBLE_MARK,
  credibleLegend,
  differenceWithInterval,
  GROUP_DIFFERENCE_DEFINITION,
  groupCount,
  holmLabel,
  INTERVAL_METHOD_NAMES,
  modelLabels,
  NONE,
  pairColumns,
  pairIn,
  pValueText,
  scoreWithInterval,
} from './render-figure-text.js';
import { bold, escapeMarkdown, markdownTable } from './render-markdown-text.js';

/** How one breakdown table is titled and labelled. */
export interface BreakdownMarkdownOptions {
  /** The table's title (plain text; escaped here). */
  title: string;
  /** Column labels of the breakdown's models in order (plain text); the model names when absent. */
  labels?: readonly string[];
  /** Folds the table into a `<details>` block (deeper breakdowns, which can have dozens of groups). */
  collapsed?: boolean;
  /** Markdown heading level of the title when not collapsed; default 3. */
  level?: number;
}

function scoreCell(score: GroupScore | undefined): string {
  if (!score) return NONE;
  const errors = score.errors > 0 ? ` \u00b7 ${score.errors} error${score.errors === 1 ? '' : 's'}` : '';
  return `${scoreWithInterval(score.score)}${errors}`;
}

function pairCells(breakdown: GroupBreakdown, group: GroupRow): string[] {
  return pairColumns(breakdown).flatMap((column) => {
    const pair = pairIn(breakdown, group.pairs, column);
    if (pair === null) return [NONE, NONE];
    const difference = differenceWithInterval(pair);
    const p = pValueText(pair.adjustedP);
    return pair.credible ? [`${bold(difference)} ${CREDIBLE_MARK}`, bold(p)] : [difference, p];
  });
}

function averageCell(average: Average | null, expected: number, unit: string): string {
  if (average === null) return NONE;
  const over = average.count === expected ? '' : ` (${average.count} ${unit})`;
  return `${scoreWithInterval(average)}${over}`;
}

/** The interval methods of a table's score cells with how often each occurs: `Wilson 120, clustered 16`. */
function methodCounts(breakdown: GroupBreakdown): string {
  const counts = new Map<string, number>();
  for (const group of breakdown.groups) {
    for (const cell of group.scores) {
      if (cell.score === null) continue;
      const name = INTERVAL_METHOD_NAMES[cell.score.method];
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts].map(([name, count]) => `${name} ${count}`).join(', ');
}

function notes(breakdown: GroupBreakdown, hasPairs: boolean): string[] {
  const lines: string[] = [];
  if (hasPairs) {
    lines.push(
      `${holmLabel(breakdown.family)}. Bold and marked ${CREDIBLE_MARK}: ${credibleLegend(breakdown.alpha)}. ${GROUP_DIFFERENCE_DEFINITION}`,
    );
  }
  const methods = methodCounts(breakdown);
  const cluster =
    breakdown.clusterBy === null ? '' : ` (clustered: items sharing a ${escapeMarkdown(breakdown.clusterBy)} value)`;
  lines.push(`${AVERAGES_DEFINITION} 95% intervals per cell: ${methods || 'none'}${cluster}.`);
  return lines.flatMap((line) => [line, '']);
}

/** The pipe table of a breakdown: one row per group, then the micro and macro rows. */
export function breakdownTable(breakdown: GroupBreakdown, labels?: readonly string[]): string {
  const names = modelLabels(breakdown, labels);
  const columns = pairColumns(breakdown);
  const header = [
    escapeMarkdown(breakdown.column),
    'items',
    ...names.map((name) => `${escapeMarkdown(name)} score [95%]`),
    ...columns.flatMap(({ a, b }) => [
      `${escapeMarkdown(names[a])} ${MINUS} ${escapeMarkdown(names[b])} (pp) [95%]`,
      'p (Holm)',
    ]),
  ];
  const rows = breakdown.groups.map((group) => [
    escapeMarkdown(group.name),
    String(group.items),
    ...names.map((_name, index) => scoreCell(group.scores[index])),
    ...pairCells(breakdown, group),
  ]);
  const totalItems = breakdown.groups.reduce((sum, group) => sum + group.items, 0);
  const blanks = columns.flatMap(() => ['', '']);
  rows.push(
    [
      'micro: mean over items',
      String(totalItems),
      ...breakdown.averages.map((entry) => averageCell(entry.micro, totalItems, 'items')),
      ...blanks,
    ],
    [
      'macro: mean over groups, each weighing the same',
      groupCount(breakdown),
      ...breakdown.averages.map((entry) => averageCell(entry.macro, breakdown.groups.length, 'groups')),
      ...blanks,
    ],
  );
  return markdownTable(header, rows, 1);
}

/**
 * One breakdown as report.md shows it: a title, the table (per group its items,
 * each model's score with its 95% interval and errors, each pair's difference with
 * its interval and Holm-adjusted p-value, credible ones bold and marked), the micro
 * and macro rows, and the notes that say what the figures are. Collapsed into a
 * `<details>` block when asked.
 */
export function breakdownMarkdown(breakdown: GroupBreakdown, options: BreakdownMarkdownOptions): string[] {
  const hasPairs = pairColumns(breakdown).length > 0;
  const body = [breakdownTable(breakdown, options.labels), '', ...notes(breakdown, hasPairs)];
  const credible = breakdown.groups.filter((group) => group.pairs.some((pair) => pair.credible)).length;
  const count = `${groupCount(breakdown)}${hasPairs ? `, ${credible} with a credible difference` : ''}`;
  if (options.collapsed) {
    return ['<details>', `<summary>${escapeHtml(options.title)} (${count})</summary>`, '', ...body, '</details>', ''];
  }
  return [`${'#'.repeat(options.level ?? 3)} ${escapeMarkdown(options.title)}`, '', `${count}.`, '', ...body];
}

/** Every breakdown of a run: the top level as a table, deeper ones folded into `<details>` blocks. */
export function breakdownsMarkdown(breakdowns: readonly GroupBreakdown[]): string[] {
  return breakdowns.flatMap((breakdown, index) =>
    breakdownMarkdown(breakdown, { title: `Scores by ${breakdown.column}`, collapsed: index > 0 }),
  );
}
