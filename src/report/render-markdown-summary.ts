import { formatCorrelation } from '../analysis/figure-text.js';
import { type PairComparison, pairLabel, verdictLine } from '../analysis/pairwise.js';
import type { ModelSummary } from '../analysis/summarize.js';
import { formatSignedPoints } from './format.js';
import { formatCount, formatMs, formatPercent, formatUsd } from './html/format-numbers.js';
import {
  holmLabel,
  INTERVAL_METHOD_NAMES,
  NONE,
  PAIR_TEST_NAMES,
  pValueText,
  standardErrorText,
} from './render-figure-text.js';
import { escapeMarkdown, markdownTable } from './render-markdown-text.js';

/**
 * The score table of report.md: per model its score (mean over items) with the
 * 95% interval and its method, items, standard errors (naive, and clustered
 * when the run has a cluster column), rows passed and scored, errors, latency,
 * output tokens and cost when any row carried one.
 */
export function summaryTable(models: readonly ModelSummary[], clusterBy: string | null): string {
  const hasCost = models.some((model) => model.costUsd !== null);
  const header = [
    'model',
    'score',
    '95% interval',
    'interval',
    'items',
    'standard errors',
    'passed / scored rows',
    'errors',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'TTFT p50 ms',
    'output tokens',
  ];
  if (hasCost) header.push('cost');
  const rows = models.map((model) => {
    const { score } = model;
    const row = [
      escapeMarkdown(model.model),
      formatPercent(score?.mean ?? null),
      score ? `${formatPercent(score.low)} \u2013 ${formatPercent(score.high)}` : NONE,
      score ? INTERVAL_METHOD_NAMES[score.method] : NONE,
      formatCount(score?.items ?? 0),
      score ? escapeMarkdown(standardErrorText(score, clusterBy)) : NONE,
      `${formatCount(score?.passed ?? 0)} / ${formatCount(score?.scored ?? 0)}`,
      formatCount(model.errors),
      formatMs(model.latencyMs.p50),
      formatMs(model.latencyMs.p90),
      formatMs(model.latencyMs.p99),
      formatMs(model.ttftMs.p50),
      formatCount(model.tokens.output),
    ];
    if (hasCost) row.push(formatUsd(model.costUsd));
    return row;
  });
  return markdownTable(header, rows, 1);
}

/** A pair's verdict line with only the model names escaped, so `p < 0.001` stays plain text. */
function markdownVerdict(pair: PairComparison): string {
  const label = pairLabel(escapeMarkdown(pair.a), escapeMarkdown(pair.b));
  return verdictLine({ ...pair, label });
}

function pairRow(pair: PairComparison, clusterBy: string | null): string[] {
  const { result } = pair;
  const errors =
    pair.se === null ? NONE : escapeMarkdown(standardErrorText({ ...pair, se: pair.se, clusters: null }, clusterBy));
  return [
    escapeMarkdown(pair.a),
    escapeMarkdown(pair.b),
    result ? formatCount(result.n) : '0',
    result ? formatSignedPoints(result.difference) : NONE,
    result ? `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]` : NONE,
    result ? errors : NONE,
    result ? PAIR_TEST_NAMES[pair.method] : NONE,
    pair.correlation === null ? NONE : formatCorrelation(pair.correlation),
    pValueText(pair.pValue),
    pValueText(pair.adjustedP),
    result ? (result.significant ? '**significant**' : 'not significant') : 'no shared items',
  ];
}

/**
 * The pairwise section of report.md: a table with each pair's difference, its
 * interval and standard errors, test, correlation, p-value and Holm-adjusted
 * p-value, then the verdict line of each pair as the terminal prints it.
 */
export function pairwiseSection(pairs: readonly PairComparison[], clusterBy: string | null): string[] {
  if (pairs.length === 0) return [];
  const family = Math.max(...pairs.map((pair) => pair.family));
  const correction =
    family > 1
      ? `${holmLabel(family)}; the verdict is decided by the adjusted p-value at level ${pairs[0].alpha}.`
      : 'A single comparison: nothing to adjust, so p (Holm) equals p.';
  return [
    '### Pairwise comparisons',
    '',
    'Difference a \u2212 b of the mean scores over the items both models scored (each item\u2019s repeats averaged first), in percentage points, ' +
      'with its 95% interval: the paired bootstrap, or mean \u00b1 1.96 clustered SE when the test is clustered z. ' +
      'Test: exact McNemar for pass/fail items, paired bootstrap for other scores, clustered z when items share clusters. ' +
      'r: correlation of the two models\u2019 item scores (pairing gains most when it is high).',
    '',
    markdownTable(
      ['a', 'b', 'n', 'a \u2212 b (pp)', '95% interval', 'standard errors', 'test', 'r', 'p', 'p (Holm)', 'verdict'],
      pairs.map((pair) => pairRow(pair, clusterBy)),
      2,
    ),
    '',
    correction,
    '',
    ...pairs.map((pair) => `- ${markdownVerdict(pair)}`),
    '',
  ];
}
