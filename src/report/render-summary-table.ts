import { formatCount, formatMs, formatPercent, formatPoints, formatScoreInterval, formatUsd } from './format.js';
import { renderGroupTable } from './render-group-table.js';
import { renderPairwiseTable, renderVerdicts } from './render-pairwise.js';
import type { RunAnalysis } from '../analysis/run-analysis.js';
import type { ModelSummary } from '../analysis/summarize.js';
import { renderTable, SIMULATED_BANNER } from './text-table.js';

function errorsCell(summary: ModelSummary): string {
  if (summary.errors === 0) return '0';
  const kinds = Object.entries(summary.errorsByKind).map(([kind, count]) => `${kind} ${count}`);
  return `${summary.errors} (${kinds.join(', ')})`;
}

/**
 * A plain-text table, one row per model: rows, ok, errors by kind, score as
 * `83.0% [79.1, 86.4]` (95% interval), final-attempt latency p50/p90/p99,
 * mean TTFT, token totals, cost, and pass@1 / pass@k / pass^k / consistency
 * when items were repeated. A simulated run gets a banner first.
 */
export function renderSummaryTable(summaries: ModelSummary[], options: { simulated: boolean }): string {
  const withCost = summaries.some((summary) => summary.costUsd !== null);
  const repeated = summaries.some((summary) => summary.repeats !== null);
  const header = [
    'model',
    'rows',
    'ok',
    'errors',
    'score [95% CI]',
    'scored',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'ttft ms',
    'in tok',
    'out tok',
    'reason tok',
  ];
  if (withCost) header.push('cost');
  if (repeated) header.push('k', 'pass@1', 'pass@k', 'pass^k', 'consistency');
  const rows = summaries.map((summary) => {
    const row = [
      summary.model,
      String(summary.rows),
      String(summary.ok),
      errorsCell(summary),
      formatScoreInterval(summary.score),
      summary.score === null ? '0' : String(summary.score.scored),
      formatMs(summary.latencyMs.p50),
      formatMs(summary.latencyMs.p90),
      formatMs(summary.latencyMs.p99),
      formatMs(summary.ttftMeanMs),
      formatCount(summary.tokens.input),
      formatCount(summary.tokens.output),
      formatCount(summary.tokens.reasoning),
    ];
    if (withCost) row.push(formatUsd(summary.costUsd));
    if (repeated) {
      const repeats = summary.repeats;
      row.push(
        repeats === null ? '1' : String(repeats.repeats),
        formatPercent(repeats?.meanPassAt1 ?? null),
        formatPercent(repeats?.passAtK ?? null),
        formatPercent(repeats?.passHatK ?? null),
        formatPercent(repeats?.meanConsistency ?? null),
      );
    }
    return row;
  });
  const notes = [
    'Score: mean over items (repeats averaged per item first) with a 95% interval: Wilson for pass/fail items ' +
      '(on the effective sample size when clustering widens it), seeded bootstrap otherwise; error rows are not scored ("scored" counts rows).',
    ...clusterNotes(summaries),
    'Latency is the final attempt only (queue wait, back-off and cached rows excluded); ttft is the mean over streamed rows; "-" means not reported.',
  ];
  notes.push(...reasoningNotes(summaries), ...cacheNotes(summaries));
  if (repeated)
    notes.push(
      'Repeats: pass@k is unbiased (Chen et al. 2021), pass^k needs all k to pass, consistency is agreement with the majority answer.',
    );
  const lines = [renderTable({ header, rows })];
  if (options.simulated) lines.unshift(SIMULATED_BANNER);
  return [...lines, '', ...notes].join('\n');
}

/** One line per model with a clustered error: the naive and the clustered standard error side by side. */
export function clusterNotes(summaries: ModelSummary[]): string[] {
  return summaries.flatMap((summary) => {
    const score = summary.score;
    if (score === null || score.clusteredSe === null || score.clusters === null) return [];
    return [
      `${summary.model}: standard error ${formatPoints(score.se)} pp naive, ${formatPoints(score.clusteredSe)} pp clustered ` +
        `(${score.items} items in ${score.clusters} clusters).`,
    ];
  });
}

/** One line per model whose reasoning ate some answers: how many rows, and what to do about it. */
export function reasoningNotes(summaries: ModelSummary[]): string[] {
  return summaries
    .filter((summary) => summary.reasoningExhausted > 0)
    .map(
      (summary) =>
        `${summary.model}: ${summary.reasoningExhausted} rows spent the whole token cap on reasoning and gave no answer ` +
        '(finish reason length); they are not scored. Raise --max-tokens or lower the thinking budget.',
    );
}

/** One line per model with cached rows: how many, and where their answers were first received. */
export function cacheNotes(summaries: ModelSummary[]): string[] {
  return summaries
    .filter((summary) => summary.cachedRows > 0)
    .map((summary) => {
      const origins = summary.cacheOrigins.map(({ origin, rows }) => `${rows} cached from ${origin}`).join(', ');
      return `${summary.model}: ${summary.cachedRows} rows answered from the response cache, no request sent (${origins}).`;
    });
}

/**
 * The summary table, then (with two or more models) the pairwise table and one
 * verdict line per pair, then the top-level breakdown (e.g. by category) when
 * the run has group columns; report.md and report.html show every breakdown.
 */
export function renderRunReport(report: RunAnalysis): string {
  const parts = [renderSummaryTable(report.models, { simulated: report.simulated })];
  if (report.pairs.length > 0) {
    const family = report.pairs[0].family;
    const holm = family > 1 ? `; significance by Holm-adjusted p over the ${family} pairs` : '';
    parts.push(
      '',
      `Pairwise (A − B over the items both scored, repeats averaged per item; r = correlation of their item scores${holm}):`,
      renderPairwiseTable(report.pairs),
      '',
      renderVerdicts(report.pairs),
    );
  }
  const [top, ...deeper] = report.breakdowns;
  if (top) {
    parts.push('', renderGroupTable(top));
    if (deeper.length > 0) {
      parts.push(
        `Breakdowns by ${deeper.map((breakdown) => breakdown.column).join(', ')}: see report.md or report.html.`,
      );
    }
  }
  return parts.join('\n');
}
