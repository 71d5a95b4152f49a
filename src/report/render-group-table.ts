import type { GroupBreakdown, GroupPair } from '../analysis/group-breakdown.js';
import { formatPValue, formatScoreInterval, formatSignedPoints } from './format.js';
import { renderTable } from './text-table.js';

/** `+6.4 [+2.1, +10.7]` with a `*` when credible after Holm. */
function differenceCell(pair: GroupPair | undefined): string {
  if (!pair) return '-';
  const text = `${formatSignedPoints(pair.difference)} [${formatSignedPoints(pair.low)}, ${formatSignedPoints(pair.high)}]`;
  return pair.credible ? `${text} *` : text;
}

/**
 * The terminal's compact view of one breakdown (the top level): a row per
 * group with its items and each model's score and interval, the difference of
 * the first two models (with two models) marked `*` where credible after the
 * Holm correction, then the micro and macro averages. With more models the
 * credible differences are listed under the table.
 */
export function renderGroupTable(breakdown: GroupBreakdown): string {
  const models = breakdown.averages.map((average) => average.model);
  const two = models.length === 2;
  const header = [breakdown.column, 'items', ...models];
  if (two) header.push(`${models[0]} − ${models[1]} pp`);
  const rows = breakdown.groups.map((group) => {
    const row = [group.name, String(group.items), ...group.scores.map((cell) => formatScoreInterval(cell.score))];
    if (two) row.push(differenceCell(group.pairs[0]));
    return row;
  });
  const average = (label: string, pick: 'micro' | 'macro'): string[] => {
    const row = [label, '', ...breakdown.averages.map((entry) => formatScoreInterval(entry[pick]))];
    if (two) row.push('');
    return row;
  };
  rows.push(average('micro (over items)', 'micro'), average(`macro (over ${breakdown.column})`, 'macro'));
  const lines = [
    `By ${breakdown.column} (scores with 95% intervals; micro = mean over items, macro = mean over groups, each weighing the same):`,
    renderTable({ header, rows }),
  ];
  const credible = breakdown.groups.flatMap((group) =>
    group.pairs.filter((pair) => pair.credible).map((pair) => ({ group: group.name, pair })),
  );
  if (breakdown.family > 0) {
    const mark = two ? '* = ' : '';
    lines.push(
      `${mark}credible difference: Holm-adjusted p ≤ ${breakdown.alpha} over the ${breakdown.family} comparisons of this table.`,
    );
  }
  if (!two) {
    for (const { group, pair } of credible) {
      const adjusted = pair.adjustedP === null ? '' : `, Holm-adjusted ${formatPValue(pair.adjustedP)}`;
      lines.push(
        `  ${group}: ${pair.a} − ${pair.b} ${differenceCell(pair).replace(/ \*$/, '')} pp, n = ${pair.n}${adjusted}`,
      );
    }
  }
  return lines.join('\n');
}
