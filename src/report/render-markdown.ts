import { basename } from 'node:path';
import type { BaselineComparison } from './html/baseline-comparison.js';
import { formatCount, formatMs, formatPercent, formatUsd } from './html/format-numbers.js';
import { type PairComparison, pairLabel, verdictLine } from '../analysis/pairwise.js';
import type { ScoredRun } from '../analysis/scored-run.js';
import type { ModelSummary } from '../analysis/summarize.js';
import { formatPValue, formatSignedPoints } from './format.js';

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

function summaryTable(models: readonly ModelSummary[]): string {
  const hasCost = models.some((model) => model.costUsd !== null);
  const header = [
    'model',
    'score',
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
  const rows = models.map((model) => {
    const { score } = model;
    const row = [
      escapeMarkdown(model.model),
      formatPercent(score?.mean ?? null),
      score ? `${formatPercent(score.low)} \u2013 ${formatPercent(score.high)}` : '\u2013',
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
  return table(header, rows, 1);
}

/** A pair's verdict line with only the model names escaped, so `p < 0.001` stays plain text. */
function markdownVerdict(pair: PairComparison): string {
  const label = pairLabel(escapeMarkdown(pair.a), escapeMarkdown(pair.b));
  return verdictLine({ ...pair, label });
}

function pairwiseSection(pairs: readonly PairComparison[]): string[] {
  if (pairs.length === 0) return [];
  const rows = pairs.map(({ a, b, result, pValue }) => [
    escapeMarkdown(a),
    escapeMarkdown(b),
    result ? formatCount(result.n) : '0',
    result ? formatSignedPoints(result.difference) : '\u2013',
    result ? `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]` : '\u2013',
    pValue === null ? '\u2013' : formatPValue(pValue).replace(/^p = /, '').replace(/^p /, ''),
    result ? (result.significant ? '**significant**' : 'not significant') : 'no shared items',
  ]);
  return [
    '### Pairwise comparisons',
    '',
    'Mean score on the items (and repeats) both models scored: difference a \u2212 b in percentage points with its 95% paired bootstrap interval, and the p-value of the exact McNemar test (pass/fail scores) or of the paired bootstrap (other scores).',
    '',
    table(['a', 'b', 'n', 'a \u2212 b (pp)', '95% interval', 'p', 'verdict'], rows, 2),
    '',
    ...pairs.map((pair) => `- ${markdownVerdict(pair)}`),
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

/** Rows whose reasoning ate the answer, per model (not scored). */
function reasoningSection(models: readonly ModelSummary[]): string[] {
  const lines = models
    .filter((model) => model.reasoningExhausted > 0)
    .map(
      (model) =>
        `- ${escapeMarkdown(model.model)}: ${formatCount(model.reasoningExhausted)} rows spent the whole token cap on reasoning and gave no answer (not scored)`,
    );
  return lines.length === 0 ? [] : ['Reasoning ate the answer (finish reason length, empty answer):', '', ...lines, ''];
}

/** Rows answered from the response cache, per model and by where the answers were first received. */
function cacheSection(models: readonly ModelSummary[]): string[] {
  const lines = models
    .filter((model) => model.cachedRows > 0)
    .map((model) => {
      const parts = model.cacheOrigins.map(
        ({ origin, rows }) => `${formatCount(rows)} cached from ${escapeMarkdown(origin)}`,
      );
      return `- ${escapeMarkdown(model.model)}: ${parts.join(', ')} (no request sent)`;
    });
  if (lines.length === 0) return [];
  return ['Answered from the response cache:', '', ...lines, ''];
}

/** `report.md`: the summary table, the pairwise table with verdict lines, and the baseline comparison when given. */
export function renderMarkdown(options: { run: ScoredRun; comparison?: BaselineComparison }): string {
  const { run, comparison } = options;
  const { analysis } = run;
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
    `${formatCount(run.rows.length)} result rows, ${run.models.length} models; scores from ${source}. Score: mean over scored rows (the pass rate for pass/fail scores) with a 95% interval, Wilson for pass/fail scores and a seeded bootstrap otherwise. Latency is the final attempt over successful rows.`,
    '',
    summaryTable(analysis.models),
    '',
    ...reasoningSection(analysis.models),
    ...cacheSection(analysis.models),
    ...baselineSection(comparison),
    ...pairwiseSection(analysis.pairs),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
