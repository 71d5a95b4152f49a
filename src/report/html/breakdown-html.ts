import type { GroupBreakdown } from '../../analysis/group-breakdown.js';
import {
  AVERAGES_DEFINITION,
  CREDIBLE_MARK,
  credibleLegend,
  GROUP_DIFFERENCE_DEFINITION,
  groupCount,
  holmLabel,
  pairColumns,
} from '../render-figure-text.js';
import type { BaselineComparison } from './baseline-comparison.js';
import { breakdownGrid } from './breakdown-grid.js';
import { escapeHtml } from './escape.js';

function credibleGroups(breakdown: GroupBreakdown): number {
  return breakdown.groups.filter((group) => group.pairs.some((pair) => pair.credible)).length;
}

/** The counts a breakdown's title carries: `68 groups, 2 with a credible difference`. */
function counts(breakdown: GroupBreakdown): string {
  const pairs = pairColumns(breakdown).length > 0;
  return `${groupCount(breakdown)}${pairs ? `, ${credibleGroups(breakdown)} with a credible difference` : ''}`;
}

/** The legend under a grid: the correction, the credible mark, the averages and the colour scale. */
function legend(breakdown: GroupBreakdown): string {
  const parts: string[] = [];
  if (pairColumns(breakdown).length > 0) {
    parts.push(
      escapeHtml(`${holmLabel(breakdown.family)}.`),
      `<span class="legend-credible">${CREDIBLE_MARK} bold, outlined</span>: ${escapeHtml(credibleLegend(breakdown.alpha))}.`,
      escapeHtml(GROUP_DIFFERENCE_DEFINITION),
    );
  }
  parts.push(
    escapeHtml(AVERAGES_DEFINITION),
    'Score cells are coloured by score, deeper for higher (10-point steps), with the 95% interval under the score and more in the tooltip. Click a column header to sort.',
  );
  if (breakdown.clusterBy !== null)
    parts.push(escapeHtml(`Within a group, items sharing a ${breakdown.clusterBy} value form one cluster.`));
  return `<p class="note grid-legend">${parts.join(' ')}</p>`;
}

/**
 * One breakdown block: a heading and the grid with its legend; `open` false folds
 * it into a `<details>` block, for deeper breakdowns with dozens of groups.
 */
export function breakdownBlock(
  breakdown: GroupBreakdown,
  options: { title: string; labels?: readonly string[]; open: boolean },
): string {
  const body = `${breakdownGrid(breakdown, options.labels)}${legend(breakdown)}`;
  const title = `${escapeHtml(options.title)} <span class="grid-counts">(${escapeHtml(counts(breakdown))})</span>`;
  const column = escapeHtml(breakdown.column);
  if (options.open) return `<div class="breakdown" data-breakdown="${column}"><h3>${title}</h3>${body}</div>`;
  return `<details class="breakdown" data-breakdown="${column}"><summary>${title}</summary>${body}</details>`;
}

/** The run's breakdowns: the top-level column open, deeper ones folded; empty when the run has none. */
export function breakdownsSection(breakdowns: readonly GroupBreakdown[]): string {
  if (breakdowns.length === 0) return '';
  const blocks = breakdowns.map((breakdown, index) =>
    breakdownBlock(breakdown, { title: `Scores by ${breakdown.column}`, open: index === 0 }),
  );
  return `<section id="breakdowns"><h2>Scores by group</h2>${blocks.join('')}</section>`;
}

/**
 * Candidate − baseline per group for each model pairing of a comparison: the
 * top-level column open, deeper ones folded.
 */
export function groupDeltasHtml(comparison: BaselineComparison): string {
  const blocks = comparison.models.flatMap((entry) => {
    const labels = [`this run: ${entry.candidateModel}`, `baseline: ${entry.baselineModel}`];
    const names =
      entry.baselineModel === entry.candidateModel
        ? entry.candidateModel
        : `${entry.candidateModel} (baseline ${entry.baselineModel})`;
    return (entry.breakdowns ?? []).map((breakdown, index) =>
      breakdownBlock(breakdown, {
        title: `${names}: this run against the baseline by ${breakdown.column}`,
        labels,
        open: index === 0,
      }),
    );
  });
  return blocks.length === 0 ? '' : `<div class="group-deltas">${blocks.join('')}</div>`;
}
