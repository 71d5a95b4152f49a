import { basename } from 'node:path';
import type { BaselineComparison } from './html/baseline-comparison.js';
import { formatCount, formatMs, formatPercent, formatUsd } from './html/format-numbers.js';
import { formatPValue, formatSigned, formatVerdict } from './html/format-verdict.js';
import type { RunAnalysis } from './html/run-analysis.js';
import type { ScoredRun } from '../analysis/scored-run.js';

/** Escapes text for a Markdown table cell or list item (GitHub renders inline HTML, so markup characters are escaped too). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_|#~]/g, (character) => `\\${character}`)
    .replace(/\]\(/g, ']\\(')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][], rightAligned: number): string {
  const align = header.map((_title, index) => (index < rightAligned ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function summaryTable(analysis: RunAnalysis): string {
  const hasCost = analysis.models.some((model) => model.costUsd !== null);
  const header = [
    'model',
    'pass rate',
    '95% interval',
    'passed / scored',
    'errors',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'TTFT p50 ms',
    'output tokens',
  ];
  if (hasCost) header.push('cost');
  const rows = analysis.models.map((model) => {
    const rate = model.passRate;
    const row = [
      escapeMarkdown(model.model),
      formatPercent(rate?.estimate ?? null),
      rate ? `${formatPercent(rate.low)} \u2013 ${formatPercent(rate.high)}` : '\u2013',
      `${formatCount(model.passed)} / ${formatCount(model.scored)}`,
      formatCount(model.errors),
      formatMs(model.latency.p50),
      formatMs(model.latency.p90),
      formatMs(model.latency.p99),
      formatMs(model.ttft.p50),
      formatCount(model.outputTokens),
    ];
    if (hasCost) row.push(formatUsd(model.costUsd));
    return row;
  });
  return table(header, rows, 1);
}

function pairwiseSection(analysis: RunAnalysis): string[] {
  if (analysis.pairwise.length === 0) return [];
  const rows = analysis.pairwise.map(({ a, b, comparison }) => [
    escapeMarkdown(a),
    escapeMarkdown(b),
    comparison ? formatCount(comparison.n) : '0',
    comparison ? formatSigned(comparison.difference * 100) : '\u2013',
    comparison
      ? `[${formatSigned(comparison.interval.low * 100)}, ${formatSigned(comparison.interval.high * 100)}]`
      : '\u2013',
    comparison?.mcnemar ? formatPValue(comparison.mcnemar.pValue).replace(/^= /, '') : '\u2013',
    comparison ? (comparison.significant ? '**significant**' : 'not significant') : 'no shared items',
  ]);
  return [
    '### Pairwise comparisons',
    '',
    'Pass/fail on the items (and repeats) both models scored: difference a \u2212 b in percentage points, 95% paired bootstrap interval, exact McNemar test.',
    '',
    table(['a', 'b', 'n', 'a \u2212 b (pp)', '95% interval', 'McNemar p', 'verdict'], rows, 2),
    '',
    ...analysis.pairwise.map(
      ({ a, b, comparison }) => `- ${formatVerdict({ a: escapeMarkdown(a), b: escapeMarkdown(b), comparison })}`,
    ),
    '',
  ];
}

function baselineSection(comparison: BaselineComparison | undefined): string[] {
  if (!comparison) return [];
  const gate = comparison.gate;
  const gateLines = gate
    ? [
        `**Quality gate: ${gate.exitCode === 0 ? 'passed' : `failed (exit ${gate.exitCode})`}**`,
        '',
        ...[...gate.reasons, ...gate.notes].map((line) => `- ${escapeMarkdown(line)}`),
        '',
      ]
    : [];
  const lines = comparison.models.map((entry) => `- ${escapeMarkdown(entry.comparison.verdict)}`);
  return [
    `### Against the baseline (${escapeMarkdown(comparison.baseline.path)})`,
    '',
    ...gateLines,
    'This run minus the baseline, on shared items:',
    '',
    ...lines,
    '',
  ];
}

/** Rows answered from the response cache, per model and by where the answers were first received. */
function cacheSection(run: ScoredRun): string[] {
  const byModel = new Map<string, Map<string, number>>();
  for (const { record } of run.rows) {
    if ((record as { cached?: unknown }).cached !== true) continue;
    const origin = record.cache_origin
      ? `${record.cache_origin.endpoint}${record.cache_origin.simulated ? ' (simulated)' : ''}`
      : 'an earlier run';
    const origins = byModel.get(record.model) ?? new Map<string, number>();
    origins.set(origin, (origins.get(origin) ?? 0) + 1);
    byModel.set(record.model, origins);
  }
  if (byModel.size === 0) return [];
  const lines = [...byModel].map(([model, origins]) => {
    const parts = [...origins].map(([origin, rows]) => `${formatCount(rows)} cached from ${escapeMarkdown(origin)}`);
    return `- ${escapeMarkdown(model)}: ${parts.join(', ')} (no request sent)`;
  });
  return ['Answered from the response cache:', '', ...lines, ''];
}

/** `report.md`: the summary table, the pairwise table with verdict lines, and the baseline comparison when given. */
export function renderMarkdown(options: {
  run: ScoredRun;
  analysis: RunAnalysis;
  comparison?: BaselineComparison;
}): string {
  const { run, analysis, comparison } = options;
  const simulated = run.manifest?.simulated === true;
  const lines = [`## mixrouter-eval report: ${escapeMarkdown(basename(run.runDir))}`, ''];
  if (simulated) {
    lines.push(
      '> **SIMULATED RUN**: answers and timings come from the built-in simulated gateway, not from real models.',
      '',
    );
  }
  const source = run.scoreSource === 'scores-file' ? 'scores.jsonl' : 'the automatic scorer (no scores.jsonl)';
  lines.push(
    `${formatCount(run.rows.length)} result rows, ${run.models.length} models; pass/fail from ${source}. Latency is the final attempt over successful rows.`,
    '',
    summaryTable(analysis),
    '',
    ...cacheSection(run),
    ...baselineSection(comparison),
    ...pairwiseSection(analysis),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
