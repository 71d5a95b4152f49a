import type { ModelComparison } from '../analysis/compare-runs.js';
import { formatPValue, formatScoreInterval, formatSignedPoints } from './format.js';
import { renderTable } from './text-table.js';

/**
 * Per model, its top-level groups (e.g. categories) baseline against candidate:
 * each side's score with its interval, the paired difference (candidate −
 * baseline) with its interval and Holm-adjusted p, `*` where the difference is
 * credible after the correction over the column's groups. Deeper columns are in
 * compare.json. Empty when the candidate run has no group columns.
 */
export function renderGroupDeltas(models: readonly ModelComparison[]): string[] {
  const lines: string[] = [];
  for (const model of models) {
    const breakdown = model.breakdowns[0];
    if (!breakdown || breakdown.groups.length === 0) continue;
    const rows = breakdown.groups.map((group) => {
      const [candidate, baseline] = group.scores;
      const pair = group.pairs[0];
      const difference = pair
        ? `${formatSignedPoints(pair.difference)} [${formatSignedPoints(pair.low)}, ${formatSignedPoints(pair.high)}]${pair.credible ? ' *' : ''}`
        : '-';
      const p = pair?.adjustedP == null ? '-' : formatPValue(pair.adjustedP).replace(/^p = /, '').replace(/^p /, '');
      return [
        group.name,
        String(pair?.n ?? 0),
        formatScoreInterval(baseline?.score ?? null),
        formatScoreInterval(candidate?.score ?? null),
        difference,
        p,
      ];
    });
    lines.push(
      '',
      `${model.candidateModel} by ${breakdown.column} (candidate − baseline; * = credible, Holm-adjusted over the ${breakdown.family} groups):`,
      renderTable({
        header: [breakdown.column, 'n', 'baseline', 'candidate', 'diff pp', 'Holm p'],
        rows,
      }),
    );
  }
  return lines;
}
