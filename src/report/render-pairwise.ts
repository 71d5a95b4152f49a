import { formatPValue, formatPoints, formatSignedPoints } from './format.js';
import type { PairComparison } from '../analysis/pairwise.js';
import { renderTable } from './text-table.js';

/**
 * One row per pair: A − B difference in pp, its 95% paired-bootstrap
 * interval, the test and its p-value, n (rows both scored) and the minimum
 * detectable effect (80% power).
 */
export function renderPairwiseTable(pairs: readonly PairComparison[]): string {
  const header = ['pair', 'diff pp', 'interval pp', 'test', 'p', 'n', 'MDE pp', 'verdict'];
  const rows = pairs.map((pair) => {
    const { result } = pair;
    if (result === null || pair.pValue === null)
      return [pair.label, '-', '-', '-', '-', '0', '-', 'no shared scored items'];
    return [
      pair.label,
      formatSignedPoints(result.difference),
      `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]`,
      pair.method === 'mcnemar' ? 'McNemar' : 'bootstrap',
      formatPValue(pair.pValue).replace(/^p = /, '').replace(/^p /, ''),
      String(result.n),
      result.mde === null ? '-' : formatPoints(result.mde),
      result.significant ? 'significant' : 'not significant',
    ];
  });
  return renderTable({ header, rows });
}

/** One verdict line per pair. */
export function renderVerdicts(pairs: readonly PairComparison[]): string {
  return pairs.map((pair) => pair.verdict).join('\n');
}
