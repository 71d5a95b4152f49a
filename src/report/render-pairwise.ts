import { formatCorrelation } from '../analysis/figure-text.js';
import { formatPValue, formatPoints, formatSignedPoints } from './format.js';
import type { PairComparison } from '../analysis/pairwise.js';
import { renderTable } from './text-table.js';

/**
 * One row per pair: A − B difference in pp, its 95% paired-bootstrap
 * interval, the test and its p-value, n (rows both scored) and the minimum
 * detectable effect (80% power).
 */
export function renderPairwiseTable(pairs: readonly PairComparison[]): string {
  const holm = pairs.some((pair) => pair.family > 1);
  const header = [
    'pair',
    'diff pp',
    'interval pp',
    'test',
    'p',
    ...(holm ? ['Holm p'] : []),
    'r',
    'n',
    'MDE pp',
    'verdict',
  ];
  const rows = pairs.map((pair) => {
    const { result } = pair;
    if (result === null || pair.pValue === null) {
      return [pair.label, '-', '-', '-', '-', ...(holm ? ['-'] : []), '-', '0', '-', 'no shared scored items'];
    }
    return [
      pair.label,
      formatSignedPoints(result.difference),
      `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]`,
      TEST_NAMES[pair.method],
      bareP(pair.pValue),
      ...(holm ? [pair.adjustedP === null ? '-' : bareP(pair.adjustedP)] : []),
      pair.correlation === null ? '-' : formatCorrelation(pair.correlation),
      String(result.n),
      result.mde === null ? '-' : formatPoints(result.mde),
      result.significant ? 'significant' : 'not significant',
    ];
  });
  return renderTable({ header, rows });
}

const TEST_NAMES: Record<PairComparison['method'], string> = {
  mcnemar: 'McNemar',
  bootstrap: 'bootstrap',
  clustered: 'clustered z',
};

/** `0.11` or `< 0.001`: a p-value without its `p = `. */
function bareP(pValue: number): string {
  return formatPValue(pValue).replace(/^p = /, '').replace(/^p /, '');
}

/** One verdict line per pair. */
export function renderVerdicts(pairs: readonly PairComparison[]): string {
  return pairs.map((pair) => pair.verdict).join('\n');
}
