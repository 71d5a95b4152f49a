import { renderGroupDeltas } from './render-compare-groups.js';
import type { Delta, ModelComparison, RunComparison } from '../analysis/compare-runs.js';
import type { Flip } from '../analysis/flips.js';
import {
  formatMs,
  formatPValue,
  formatPoints,
  formatScoreInterval,
  formatSignedCount,
  formatSignedPoints,
  formatUsd,
} from './format.js';
import type { GateResult } from '../analysis/gate.js';
import { renderTable, SIMULATED_BANNER } from './text-table.js';

/** Flips listed per kind and model in the terminal when not told otherwise. */
export const DEFAULT_SHOWN_FLIPS = 20;

function qualityRow(model: ModelComparison): string[] {
  const { result, pValue, method } = model.comparison;
  const flips = model.flips;
  const name =
    model.baselineModel === model.candidateModel
      ? model.candidateModel
      : `${model.baselineModel} → ${model.candidateModel}`;
  const tested =
    result === null || pValue === null
      ? ['-', '-', '-', '-', '0', '-']
      : [
          formatSignedPoints(result.difference),
          `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]`,
          method === 'mcnemar' ? 'McNemar' : method === 'clustered' ? 'clustered z' : 'bootstrap',
          formatPValue(pValue).replace(/^p = /, '').replace(/^p /, ''),
          String(result.n),
          result.mde === null ? '-' : formatPoints(result.mde),
        ];
  return [
    name,
    formatScoreInterval(model.baseline.score),
    formatScoreInterval(model.candidate.score),
    ...tested,
    String(flips.passToFail.length),
    String(flips.failToPass.length),
    String(flips.answerChanged.length),
  ];
}

function change(delta: Delta, format: (value: number | null) => string): string {
  if (delta.baseline === null && delta.candidate === null) return '-';
  return `${format(delta.baseline)} → ${format(delta.candidate)} (${delta.delta === null ? '-' : formatSignedCount(delta.delta)})`;
}

function costRow(model: ModelComparison): string[] {
  const cost = model.costUsd;
  const costCell =
    cost.baseline === null && cost.candidate === null
      ? '-'
      : `${formatUsd(cost.baseline)} → ${formatUsd(cost.candidate)} (${formatUsd(cost.delta, true)})`;
  return [
    model.candidateModel,
    change(model.latencyP50Ms, formatMs),
    change(model.latencyP90Ms, formatMs),
    change(model.inputTokens, (value) => (value === null ? '-' : String(value))),
    change(model.outputTokens, (value) => (value === null ? '-' : String(value))),
    costCell,
    `${model.baseline.errors} → ${model.candidate.errors}`,
  ];
}

function quote(answer: string | null): string {
  if (answer === null) return '(none)';
  const short = answer.length > 40 ? `${answer.slice(0, 39)}…` : answer;
  return JSON.stringify(short);
}

function flipLines(model: ModelComparison, shown: number, repeated: boolean): string[] {
  const lines: string[] = [];
  const kinds: Array<[string, Flip[]]> = [
    ['pass→fail', model.flips.passToFail],
    ['fail→pass', model.flips.failToPass],
    ['answer changed', model.flips.answerChanged],
  ];
  if (kinds.every(([, flips]) => flips.length === 0)) return [`${model.candidateModel}: no flips`];
  lines.push(`${model.candidateModel}: ${kinds.map(([kind, flips]) => `${kind} ${flips.length}`).join(', ')}`);
  for (const [kind, flips] of kinds) {
    for (const flip of flips.slice(0, shown)) {
      const where = repeated ? `${flip.id} (repeat ${flip.repeat})` : flip.id;
      lines.push(
        `  ${kind.padEnd(14)}  ${where}  ${quote(flip.baselineAnswer)} → ${quote(flip.candidateAnswer)}  [item ${flip.item.slice(0, 12)}]`,
      );
    }
    if (flips.length > shown)
      lines.push(`  ${kind.padEnd(14)}  … and ${flips.length - shown} more (all are in compare.json with --out)`);
  }
  return lines;
}

/**
 * The terminal report of a comparison: a quality table (scores with
 * intervals, candidate − baseline in pp with its interval, test, p, n, MDE,
 * flip counts), a latency/token/cost table, the flipped items, one verdict
 * line per model and, when given, the gate's decision.
 */
export function renderComparison(
  comparison: RunComparison,
  options: { shownFlips?: number; gate?: GateResult } = {},
): string {
  const shown = options.shownFlips ?? DEFAULT_SHOWN_FLIPS;
  const lines: string[] = [];
  if (comparison.baseline.simulated || comparison.candidate.simulated) lines.push(SIMULATED_BANNER);
  lines.push(`Baseline:  ${comparison.baseline.path}`, `Candidate: ${comparison.candidate.path}`, '');
  lines.push(
    renderTable({
      header: [
        'model',
        'baseline',
        'candidate',
        'diff pp',
        'interval pp',
        'test',
        'p',
        'n',
        'MDE pp',
        'pass→fail',
        'fail→pass',
        'answer changed',
      ],
      rows: comparison.models.map(qualityRow),
    }),
    '',
    renderTable({
      header: ['model', 'p50 ms', 'p90 ms', 'in tok', 'out tok', 'cost', 'errors'],
      rows: comparison.models.map(costRow),
    }),
    ...renderGroupDeltas(comparison.models),
    '',
    'Flips (baseline → candidate, by dataset row id):',
  );
  for (const model of comparison.models) {
    const repeated = Math.max(model.baseline.repeats?.repeats ?? 1, model.candidate.repeats?.repeats ?? 1) > 1;
    lines.push(...flipLines(model, shown, repeated));
  }
  lines.push(
    '',
    'Verdicts (candidate − baseline on shared scored items):',
    ...comparison.models.map((model) => model.comparison.verdict),
  );
  const gate = options.gate;
  if (gate) {
    lines.push('');
    if (gate.exitCode === 0) lines.push('Gate: passed.');
    else lines.push(`Gate: FAILED (exit ${gate.exitCode}):`, ...gate.reasons.map((reason) => `  - ${reason}`));
    lines.push(...gate.notes.map((note) => `  note: ${note}`));
  }
  return lines.join('\n');
}
