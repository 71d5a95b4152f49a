import type { BaselineComparison, ComparisonDelta } from './baseline-comparison.js';
import { breakdownsSection, groupDeltasHtml } from './breakdown-html.js';
import { escapeHtml } from './escape.js';
import { formatCount, formatMs, formatPercent, formatUsd } from './format-numbers.js';
import type { PairComparison } from '../../analysis/pairwise.js';
import type { RunAnalysis } from '../../analysis/run-analysis.js';
import type { ModelSummary } from '../../analysis/summarize.js';
import type { Interval } from '../../stats/interval.js';
import { histogramSvg, intervalBarSvg, niceCeiling } from './svg-charts.js';
import { holmLabel, INTERVAL_METHOD_NAMES, SCORE_DEFINITION, standardErrorText } from '../render-figure-text.js';

const cell = (text: string, className = 'num'): string => `<td class="${className}">${escapeHtml(text)}</td>`;
const header = (titles: string[]): string =>
  `<thead><tr>${titles.map((title) => `<th>${escapeHtml(title)}</th>`).join('')}</tr></thead>`;
const modelCell = (model: string): string => `<th scope="row" class="model-name">${escapeHtml(model)}</th>`;

/** The score of a model as the interval bar draws it; null when nothing was scored. */
function scoreInterval(model: ModelSummary): Interval | null {
  const { score } = model;
  return score ? { estimate: score.mean, low: score.low, high: score.high } : null;
}

function scoresSection(models: readonly ModelSummary[], clusterBy: string | null): string {
  const rows = models.map((model) => {
    const { score } = model;
    const scored = score?.scored ?? 0;
    return (
      `<tr data-model="${escapeHtml(model.model)}">${modelCell(model.model)}` +
      cell(formatPercent(score?.mean ?? null)) +
      cell(score ? `${formatPercent(score.low)} \u2013 ${formatPercent(score.high)}` : '\u2013') +
      cell(score ? INTERVAL_METHOD_NAMES[score.method] : '\u2013') +
      `<td>${intervalBarSvg({ interval: scoreInterval(model), label: model.model })}</td>` +
      cell(formatCount(score?.items ?? 0)) +
      cell(score ? standardErrorText(score, clusterBy) : '\u2013') +
      cell(`${formatCount(score?.passed ?? 0)} / ${formatCount(scored)}`) +
      cell(formatCount(model.rows - scored)) +
      '</tr>'
    );
  });
  const titles = [
    'model',
    'score',
    '95% interval',
    'interval',
    '0 \u2013 100%',
    'items',
    'standard errors',
    'passed / scored rows',
    'unscored rows',
  ];
  return (
    '<section id="scores"><h2>Scores</h2>' +
    `<table class="overview">${header(titles)}<tbody>${rows.join('')}</tbody></table>` +
    `<p class="note">${escapeHtml(SCORE_DEFINITION)} ` +
    'Unscored rows (errors, rows without an expected answer) are left out of the score.</p></section>'
  );
}

function latencySection(analysis: RunAnalysis): string {
  const { models } = analysis;
  const latencyMax = niceCeiling(Math.max(0, ...models.map((model) => model.latencyMs.p99 ?? 0)));
  const ttftMax = niceCeiling(Math.max(0, ...models.map((model) => model.ttftMs.p99 ?? 0)));
  const hasTtft = models.some((model) => model.ttftMs.count > 0);
  const rows = models.map((model) => {
    const { latencyMs, ttftMs } = model;
    const values = analysis.timings(model.model);
    const ttft = hasTtft
      ? cell(formatCount(ttftMs.count)) +
        cell(formatMs(ttftMs.p50)) +
        cell(formatMs(ttftMs.p90)) +
        cell(formatMs(ttftMs.p99)) +
        `<td>${histogramSvg({ values: values.ttftMs, max: ttftMax, label: `${model.model} time to first token` })}</td>`
      : '';
    return (
      `<tr>${modelCell(model.model)}${cell(formatCount(latencyMs.count))}${cell(formatMs(latencyMs.p50))}` +
      `${cell(formatMs(latencyMs.p90))}${cell(formatMs(latencyMs.p99))}` +
      `<td>${histogramSvg({ values: values.latencyMs, max: latencyMax, label: `${model.model} latency` })}</td>${ttft}</tr>`
    );
  });
  const titles = ['model', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'latency histogram'];
  if (hasTtft) titles.push('TTFT n', 'TTFT p50', 'TTFT p90', 'TTFT p99', 'TTFT histogram');
  return (
    '<section id="latency"><h2>Latency</h2>' +
    `<table class="overview">${header(titles)}<tbody>${rows.join('')}</tbody></table>` +
    '<p class="note">Model latency of the final attempt (request sent to last byte) over successful rows; queue wait and back-off excluded. ' +
    'TTFT (time to first token) is over streamed rows only. Histograms share one axis per column.</p></section>'
  );
}

function tokensSection(models: readonly ModelSummary[]): string {
  const hasCost = models.some((model) => model.costUsd !== null);
  const rows = models.map((model) => {
    const cost = hasCost
      ? cell(formatUsd(model.costUsd)) +
        cell(formatUsd(model.costUsd === null || model.costRows === 0 ? null : model.costUsd / model.costRows))
      : '';
    return (
      `<tr>${modelCell(model.model)}${cell(formatCount(model.tokens.input))}${cell(formatCount(model.tokens.output))}` +
      `${cell(formatCount(model.tokens.reasoning))}${cell(formatCount(model.tokens.cached))}${cell(formatCount(model.rowsWithoutUsage))}${cost}</tr>`
    );
  });
  const titles = ['model', 'input tokens', 'output tokens', 'reasoning tokens', 'cached tokens', 'rows without usage'];
  if (hasCost) titles.push('cost', 'cost per row');
  return (
    '<section id="tokens"><h2>Tokens and cost</h2>' +
    `<table class="overview">${header(titles)}<tbody>${rows.join('')}</tbody></table>` +
    '<p class="note">Totals over the rows that reported each count; \u2013 means no row reported it. Output includes reasoning; input includes cached.</p></section>'
  );
}

function errorsSection(models: readonly ModelSummary[]): string {
  const kinds = [...new Set(models.flatMap((model) => Object.keys(model.errorsByKind)))].sort();
  const rows = models.map(
    (model) =>
      `<tr>${modelCell(model.model)}${cell(formatCount(model.rows))}${cell(formatCount(model.errors))}` +
      `${cell(formatPercent(model.rows > 0 ? model.errors / model.rows : null))}` +
      `${kinds.map((kind) => cell(formatCount(model.errorsByKind[kind] ?? 0))).join('')}</tr>`,
  );
  return (
    '<section id="errors"><h2>Errors</h2>' +
    `<table class="overview">${header(['model', 'rows', 'errors', 'error rate', ...kinds])}<tbody>${rows.join('')}</tbody></table></section>`
  );
}

function pairwiseSection(pairs: readonly PairComparison[]): string {
  if (pairs.length === 0) return '';
  const items = pairs.map((pair) => {
    const significant = pair.result?.significant ? ' significant' : '';
    return `<li class="verdict${significant}">${escapeHtml(pair.verdict)}</li>`;
  });
  return (
    '<section id="pairwise"><h2>Pairwise comparisons</h2>' +
    `<ul class="verdicts">${items.join('')}</ul>` +
    `<p class="note">${escapeHtml(pairwiseNote(pairs))}</p></section>`
  );
}

function pairwiseNote(pairs: readonly PairComparison[]): string {
  const family = Math.max(...pairs.map((pair) => pair.family));
  const correction =
    family > 1
      ? ` ${holmLabel(family)}; significance is decided by the adjusted p-value.`
      : ' A single comparison: nothing to adjust.';
  return (
    'Difference a \u2212 b of the mean scores over the items both models scored (each item\u2019s repeats averaged first), in percentage points, ' +
    'with its 95% interval: the paired bootstrap, or mean \u00b1 1.96 clustered SE for the clustered z test. ' +
    'Test: exact McNemar for pass/fail items, paired bootstrap for other scores, clustered z when items share clusters; ' +
    `r: correlation of the two models\u2019 item scores.${correction}`
  );
}

function deltaCell(delta: ComparisonDelta | undefined, format: (value: number | null) => string): string {
  if (!delta) return cell('\u2013');
  const change =
    delta.delta === null
      ? ''
      : ` (${delta.delta > 0 ? '+' : delta.delta < 0 ? '\u2212' : ''}${format(Math.abs(delta.delta))})`;
  return cell(`${format(delta.baseline)} \u2192 ${format(delta.candidate)}${change}`);
}

function baselineSection(comparison: BaselineComparison | undefined): string {
  if (!comparison) return '';
  const rows = comparison.models.map((entry) => {
    const significant = entry.comparison.result?.significant ? ' significant' : '';
    const names =
      entry.baselineModel === entry.candidateModel
        ? entry.candidateModel
        : `${entry.baselineModel} \u2192 ${entry.candidateModel}`;
    return (
      `<tr>${modelCell(names)}<td class="verdict${significant}">${escapeHtml(entry.comparison.verdict)}</td>` +
      `${deltaCell(entry.latencyP50Ms, formatMs)}${deltaCell(entry.outputTokens, formatCount)}${deltaCell(entry.costUsd, formatUsd)}</tr>`
    );
  });
  const gate = comparison.gate;
  const gateHtml = gate
    ? `<p class="gate ${gate.exitCode === 0 ? 'gate-passed' : 'gate-failed'}">Quality gate: ${gate.exitCode === 0 ? 'passed' : `failed (exit ${gate.exitCode})`}</p>` +
      `<ul class="verdicts">${[...gate.reasons, ...gate.notes].map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
    : '';
  return (
    `<section id="baseline"><h2>Against the baseline: ${escapeHtml(comparison.baseline.path)}</h2>${gateHtml}` +
    `<table class="overview">${header(['model', 'this run \u2212 baseline', 'latency p50 ms', 'output tokens', 'cost'])}<tbody>${rows.join('')}</tbody></table>` +
    '<p class="note">Score of this run minus the baseline on shared items, in percentage points with a 95% paired interval.</p>' +
    `${groupDeltasHtml(comparison)}</section>`
  );
}

/**
 * The overview sections: scores with intervals and standard errors, the grids of
 * the breakdowns, the baseline comparison (with per-group deltas), pairwise
 * comparisons, latency, tokens and cost, errors.
 */
export function renderOverview(options: { analysis: RunAnalysis; comparison?: BaselineComparison }): string {
  const { analysis, comparison } = options;
  return [
    scoresSection(analysis.models, analysis.settings.clusterBy),
    breakdownsSection(analysis.breakdowns),
    baselineSection(comparison),
    pairwiseSection(analysis.pairs),
    latencySection(analysis),
    tokensSection(analysis.models),
    errorsSection(analysis.models),
  ].join('\n');
}
