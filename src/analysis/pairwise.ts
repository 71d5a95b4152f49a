import { comparePaired, type PairedComparison } from '../stats/paired.js';
import { pairedBootstrapPValue } from './bootstrap-p-value.js';
import { formatPValue, formatSignedPoints, MINUS } from './figure-text.js';
import type { ModelData } from './model-data.js';
import { pairedScores, sharedRows, type SharedRow } from './shared-rows.js';
import { REPORT_SEED } from './summarize.js';

/** A paired comparison of side A against side B, ready to print. */
export interface PairComparison {
  /** `A − B` as printed, e.g. `qwen3-max − deepseek-chat`. */
  label: string;
  a: string;
  b: string;
  /** Item-repeat rows both sides have (error rows included). */
  sharedRows: number;
  /** `comparePaired` of A against B on the rows both scored (difference = A − B); null when none. */
  result: PairedComparison | null;
  /** Exact McNemar for 0/1 scores, else the paired bootstrap. */
  method: 'mcnemar' | 'bootstrap';
  /** The method's two-sided p-value; null when nothing was compared. */
  pValue: number | null;
  alpha: number;
  /** One line: `A − B: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412: not significant`. */
  verdict: string;
}

/** The label of a comparison: `A − B` with the real minus sign. */
export function pairLabel(a: string, b: string): string {
  return `${a} ${MINUS} ${b}`;
}

/** The figures of a comparison: `+4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412`. */
export function comparisonFigures(result: PairedComparison, pValue: number): string {
  const method = result.kind === 'binary' ? 'McNemar' : 'bootstrap';
  const interval = `[${formatSignedPoints(result.interval.low)}, ${formatSignedPoints(result.interval.high)}]`;
  return `${formatSignedPoints(result.difference)} pp ${interval}, ${method} ${formatPValue(pValue)}, n = ${result.n}`;
}

/**
 * The verdict line of a comparison:
 * `qwen3-max − deepseek-chat: +4.1 pp [−0.8, +9.0], McNemar p = 0.11, n = 412: not significant`
 * (`bootstrap p` for continuous scores; significance as `comparePaired` decided it).
 */
export function verdictLine(options: {
  label: string;
  result: PairedComparison | null;
  pValue: number | null;
}): string {
  const { label, result, pValue } = options;
  if (result === null || pValue === null) return `${label}: no shared scored items, nothing to compare`;
  return `${label}: ${comparisonFigures(result, pValue)}: ${result.significant ? 'significant' : 'not significant'}`;
}

/**
 * Compares side A with side B on their shared rows (joined by item and
 * repeat; rows either side could not score are left out) with
 * `comparePaired` at level `alpha` (default 0.05) and the report seed.
 */
export function comparePair(options: {
  a: ModelData;
  b: ModelData;
  label?: string;
  alpha?: number;
  rows?: readonly SharedRow[];
}): PairComparison {
  const alpha = options.alpha ?? 0.05;
  const rows = options.rows ?? sharedRows(options.a, options.b);
  const scores = pairedScores(rows);
  const result = comparePaired({ a: scores.a, b: scores.b, alpha, seed: REPORT_SEED });
  const method = result === null || result.kind === 'binary' ? 'mcnemar' : 'bootstrap';
  let pValue: number | null = null;
  if (result?.mcnemar) pValue = result.mcnemar.pValue;
  else if (result) pValue = pairedBootstrapPValue({ a: scores.a, b: scores.b, seed: REPORT_SEED });
  const label = options.label ?? pairLabel(options.a.model, options.b.model);
  return {
    label,
    a: options.a.model,
    b: options.b.model,
    sharedRows: rows.length,
    result,
    method,
    pValue,
    alpha,
    verdict: verdictLine({ label, result, pValue }),
  };
}

/** Every pair of models of a run, in model order (A is the earlier model of each pair). */
export function pairwiseComparisons(models: readonly ModelData[], options: { alpha?: number } = {}): PairComparison[] {
  const pairs: PairComparison[] = [];
  for (let first = 0; first < models.length; first += 1) {
    for (let second = first + 1; second < models.length; second += 1) {
      pairs.push(comparePair({ a: models[first], b: models[second], alpha: options.alpha }));
    }
  }
  return pairs;
}
