import type { ModelSummary } from './summarize.js';

const formatMs = (value: number | null): string => (value === null ? '-' : `${Math.round(value)}`);
const formatCount = (value: number | null): string => (value === null ? '-' : String(value));
const formatPercent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

/** A plain-text table, one row per model, aligned for a terminal or a CI log. */
export function renderSummaryTable(summaries: ModelSummary[], options: { simulated: boolean }): string {
  const header = ['model', 'rows', 'ok', 'errors', 'p50 ms', 'p95 ms', 'ttft ms', 'in tok', 'out tok', 'reason tok', 'accuracy'];
  const rows = summaries.map((summary) => [
    summary.model,
    String(summary.rows),
    String(summary.ok),
    summary.errors === 0
      ? '0'
      : `${summary.errors} (${Object.entries(summary.errorsByKind)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(', ')})`,
    formatMs(summary.latencyP50Ms),
    formatMs(summary.latencyP95Ms),
    formatMs(summary.ttftMeanMs),
    formatCount(summary.inputTokens),
    formatCount(summary.outputTokens),
    formatCount(summary.reasoningTokens),
    summary.scored > 0 ? `${formatPercent(summary.accuracy)} (${summary.correct}/${summary.scored})` : '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const lines = [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
  const notes = [
    'Latency is the final attempt only (queue wait and back-off excluded); ttft is the mean over streamed rows; "-" means not reported.',
  ];
  if (options.simulated) notes.unshift('SIMULATED: answers and timings come from the built-in simulated gateway, not real models.');
  return [...lines, '', ...notes].join('\n');
}
