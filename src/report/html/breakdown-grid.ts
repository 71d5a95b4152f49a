import type { Average, GroupBreakdown, GroupPair, GroupRow, GroupScore } from '../../analysis/group-breakdown.js';
import { formatPercent, formatPValue, MINUS } from '../format.js';
import {
  CREDIBLE_MARK,
  differenceWithInterval,
  GROUP_TEST_NAMES,
  INTERVAL_METHOD_NAMES,
  intervalText,
  modelLabels,
  NONE,
  pairColumns,
  pairIn,
  pValueText,
  scoreWithInterval,
} from '../render-figure-text.js';
import { escapeHtml } from './escape.js';
import { formatCount } from './format-numbers.js';

/** Buckets of the score colour scale: `heat-0` (below 10%) to `heat-9` (90% and up). */
export const HEAT_BUCKETS = 10;

/** The colour class of a score in [0, 1]. */
export function heatClass(score: number): string {
  const bucket = Math.min(HEAT_BUCKETS - 1, Math.max(0, Math.floor(score * HEAT_BUCKETS)));
  return `heat-${bucket}`;
}

/** A sortable column header: a button the page script listens to, and how its values compare. */
function sortHeader(title: string, kind: 'text' | 'number'): string {
  return `<th scope="col" data-kind="${kind}"><button type="button" class="sort">${escapeHtml(title)}</button></th>`;
}

/** A number for the page script to sort by; empty when the cell has none (sorted last). */
function sortKey(value: number | null): string {
  return value === null ? '' : String(value);
}

function scoreCell(entry: GroupScore | undefined, label: string, group: string): string {
  const score = entry?.score ?? null;
  const errors = entry && entry.errors > 0 ? `${formatCount(entry.errors)} error${entry.errors === 1 ? '' : 's'}` : '';
  if (score === null) {
    const title = `${label} in ${group}: nothing scored${errors ? `, ${errors}` : ''}`;
    return `<td class="score none" data-sort="" title="${escapeHtml(title)}">${NONE}${errorsTag(errors)}</td>`;
  }
  const method = INTERVAL_METHOD_NAMES[score.method];
  const title =
    `${label} in ${group}: ${scoreWithInterval(score)} (95% interval, ${method}), ${formatCount(score.items)} items` +
    (errors ? `, ${errors}` : '');
  return (
    `<td class="score ${heatClass(score.mean)}" data-sort="${sortKey(score.mean)}" title="${escapeHtml(title)}">` +
    `${formatPercent(score.mean)}<span class="ci">${intervalText(score)}</span>${errorsTag(errors)}</td>`
  );
}

function errorsTag(errors: string): string {
  return errors ? `<span class="cell-errors">${escapeHtml(errors)}</span>` : '';
}

/** `p = 0.012`, `p < 0.001`, or `no p-value`. */
function pEquals(pValue: number | null): string {
  return pValue === null ? 'no p-value' : formatPValue(pValue);
}

function differenceCell(pair: GroupPair | null, label: string, group: string, alpha: number): string {
  if (pair === null) return `<td class="diff none" data-sort="" title="no item both scored">${NONE}</td>`;
  const p = pValueText(pair.adjustedP);
  const verdict = pair.credible ? `credible (Holm-adjusted p \u2264 ${alpha})` : 'not credible after the correction';
  const title =
    `${label} in ${group}: ${differenceWithInterval(pair)} pp, ${GROUP_TEST_NAMES[pair.method]} ${pEquals(pair.pValue)}, ` +
    `Holm-adjusted ${pEquals(pair.adjustedP)}, n = ${formatCount(pair.n)}: ${verdict}`;
  const sign = pair.difference > 0 ? ' up' : pair.difference < 0 ? ' down' : '';
  const [estimate, ...interval] = differenceWithInterval(pair).split(' ');
  const mark = pair.credible ? `<span class="credible-mark" aria-label="credible">${CREDIBLE_MARK}</span>` : '';
  return (
    `<td class="diff${pair.credible ? ` credible${sign}` : ''}" data-sort="${sortKey(pair.difference)}" title="${escapeHtml(title)}">` +
    `${estimate}${mark}<span class="ci">${interval.join(' ')} \u00b7 p ${p}</span></td>`
  );
}

function groupRow(breakdown: GroupBreakdown, group: GroupRow, names: readonly string[], order: number): string {
  const scores = names.map((name, index) => scoreCell(group.scores[index], name, group.name));
  const differences = pairColumns(breakdown).map((column) =>
    differenceCell(
      pairIn(breakdown, group.pairs, column),
      `${names[column.a]} ${MINUS} ${names[column.b]}`,
      group.name,
      breakdown.alpha,
    ),
  );
  const credible = group.pairs.some((pair) => pair.credible) ? ' has-credible' : '';
  return (
    `<tr class="group${credible}" data-order="${order}" data-group="${escapeHtml(group.name)}">` +
    `<th scope="row" class="group-name">${escapeHtml(group.name)}</th>` +
    `<td class="num" data-sort="${group.items}">${formatCount(group.items)}</td>${scores.join('')}${differences.join('')}</tr>`
  );
}

function averageCell(average: Average | null, label: string, what: string): string {
  if (average === null) return `<td class="score none">${NONE}</td>`;
  const title = `${label}, ${what}: ${scoreWithInterval(average)} (95% interval) over ${formatCount(average.count)}`;
  return (
    `<td class="score ${heatClass(average.mean)}" title="${escapeHtml(title)}">` +
    `${formatPercent(average.mean)}<span class="ci">${intervalText(average)}</span></td>`
  );
}

function averageRows(breakdown: GroupBreakdown, names: readonly string[]): string {
  const blanks = '<td></td>'.repeat(pairColumns(breakdown).length);
  const items = breakdown.groups.reduce((sum, group) => sum + group.items, 0);
  const micro = breakdown.averages.map((entry, index) => averageCell(entry.micro, names[index], 'micro (items)'));
  const macro = breakdown.averages.map((entry, index) => averageCell(entry.macro, names[index], 'macro (groups)'));
  return (
    `<tr class="average micro"><th scope="row">micro: mean over items</th><td class="num">${formatCount(items)}</td>${micro.join('')}${blanks}</tr>` +
    `<tr class="average macro"><th scope="row">macro: mean over groups, each weighing the same</th>` +
    `<td class="num">${formatCount(breakdown.groups.length)} groups</td>${macro.join('')}${blanks}</tr>`
  );
}

/**
 * A breakdown as a models × groups grid: a row per group with its items, each
 * model's score coloured by its value with the interval under it (details in the
 * cell's title), and a difference column per pair of models, credible ones marked;
 * the micro and macro rows stay in the footer while the page script sorts the
 * body by the clicked column. Every name is escaped.
 */
export function breakdownGrid(breakdown: GroupBreakdown, labels?: readonly string[]): string {
  const names = modelLabels(breakdown, labels);
  const header = [
    sortHeader(breakdown.column, 'text'),
    sortHeader('items', 'number'),
    ...names.map((name) => sortHeader(name, 'number')),
    ...pairColumns(breakdown).map(({ a, b }) => sortHeader(`${names[a]} ${MINUS} ${names[b]} (pp)`, 'number')),
  ];
  const rows = breakdown.groups.map((group, order) => groupRow(breakdown, group, names, order));
  return (
    `<div class="grid-wrap"><table class="grid" data-column="${escapeHtml(breakdown.column)}">` +
    `<thead><tr>${header.join('')}</tr></thead><tbody>${rows.join('')}</tbody>` +
    `<tfoot>${averageRows(breakdown, names)}</tfoot></table></div>`
  );
}
