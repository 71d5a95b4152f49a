import { basename } from 'node:path';
import type { ScoredRun } from '../analysis/scored-run.js';
import type { ModelSummary } from '../analysis/summarize.js';
import type { BaselineComparison } from './html/baseline-comparison.js';
import { formatCount } from './html/format-numbers.js';
import { SCORE_DEFINITION } from './render-figure-text.js';
import { breakdownMarkdown, breakdownsMarkdown } from './render-markdown-breakdown.js';
import { pairwiseSection, summaryTable } from './render-markdown-summary.js';
import { escapeMarkdown } from './render-markdown-text.js';

export { escapeMarkdown } from './render-markdown-text.js';

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
    ...comparison.models.flatMap(groupDeltas),
  ];
}

/**
 * Candidate − baseline per group of each breakdown of one model pairing: the
 * top-level column as a table, deeper ones folded.
 */
function groupDeltas(entry: BaselineComparison['models'][number]): string[] {
  const names =
    entry.baselineModel === entry.candidateModel
      ? entry.candidateModel
      : `${entry.candidateModel} (baseline ${entry.baselineModel})`;
  const labels = [`this run: ${entry.candidateModel}`, `baseline: ${entry.baselineModel}`];
  return (entry.breakdowns ?? []).flatMap((breakdown, index) =>
    breakdownMarkdown(breakdown, {
      title: `${names}: this run against the baseline by ${breakdown.column}`,
      labels,
      collapsed: index > 0,
      level: 4,
    }),
  );
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

/**
 * `report.md`: the summary table, the baseline comparison when given (with
 * per-group deltas), the pairwise table with verdict lines, and a table per
 * breakdown column (the top level open, deeper ones folded).
 */
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
    `${formatCount(run.rows.length)} result rows, ${run.models.length} models; scores from ${source}. ${SCORE_DEFINITION} Latency is the final attempt over successful rows.`,
    '',
    summaryTable(analysis.models, analysis.settings.clusterBy),
    '',
    ...reasoningSection(analysis.models),
    ...cacheSection(analysis.models),
    ...baselineSection(comparison),
    ...pairwiseSection(analysis.pairs, analysis.settings.clusterBy),
    ...breakdownsMarkdown(analysis.breakdowns),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
