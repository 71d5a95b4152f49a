import { UserError } from '../errors.js';
import { MINUS } from './figure-text.js';
import { findFlips, type Flips } from './flips.js';
import { breakDown, type GroupBreakdown } from './group-breakdown.js';
import type { ModelData } from './model-data.js';
import type { LoadedRun } from './load-run.js';
import { comparePair, pairLabel, type PairComparison } from './pairwise.js';
import { sharedRows } from './shared-rows.js';
import { summarizeModel, type ModelSummary } from './summarize.js';

/** Which baseline model is compared with which candidate model. */
export interface ModelPairing {
  baseline: string;
  candidate: string;
}

/** A figure on both sides and the candidate's change; null where a side did not report it. */
export interface Delta {
  baseline: number | null;
  candidate: number | null;
  /** candidate − baseline; null when either side is null. */
  delta: number | null;
}

/** Baseline against candidate for one model pairing. */
export interface ModelComparison {
  baselineModel: string;
  candidateModel: string;
  /** Quality: side A = candidate, side B = baseline, so `difference` = candidate − baseline. */
  comparison: PairComparison;
  flips: Flips;
  baseline: ModelSummary;
  candidate: ModelSummary;
  /**
   * Per group column of the candidate run: each group's candidate and baseline scores
   * (`scores[0]` and `scores[1]`) and their paired difference (`pairs[0]`, candidate −
   * baseline), Holm-adjusted over the groups of the column.
   */
  breakdowns: GroupBreakdown[];
  /** Over each side's own rows (not only shared ones). */
  latencyP50Ms: Delta;
  latencyP90Ms: Delta;
  inputTokens: Delta;
  outputTokens: Delta;
  costUsd: Delta;
}

/** Two runs compared model by model. */
export interface RunComparison {
  baseline: { path: string; simulated: boolean; scoresFile: boolean };
  candidate: { path: string; simulated: boolean; scoresFile: boolean };
  alpha: number;
  models: ModelComparison[];
}

/**
 * Which models to compare. With both `baselineModel` and `candidateModel`,
 * just that pairing (two models of one run, or renamed models across runs);
 * with one of them, that model on both sides; else every model both runs
 * have, optionally limited to `models`. Throws a UserError (exit 2) for an
 * unknown model or when the runs have no model in common.
 */
export function choosePairings(options: {
  baseline: LoadedRun;
  candidate: LoadedRun;
  baselineModel?: string;
  candidateModel?: string;
  models?: readonly string[];
}): ModelPairing[] {
  const { baseline, candidate } = options;
  const explicit = options.baselineModel ?? options.candidateModel;
  if (explicit !== undefined) {
    const pairing = { baseline: options.baselineModel ?? explicit, candidate: options.candidateModel ?? explicit };
    requireModel(baseline, pairing.baseline, 'baseline');
    requireModel(candidate, pairing.candidate, 'candidate');
    return [pairing];
  }
  const wanted = options.models && options.models.length > 0 ? new Set(options.models) : null;
  for (const model of wanted ?? []) {
    requireModel(baseline, model, 'baseline');
    requireModel(candidate, model, 'candidate');
  }
  const pairings = [...candidate.models.keys()]
    .filter((model) => baseline.models.has(model) && (wanted === null || wanted.has(model)))
    .map((model) => ({ baseline: model, candidate: model }));
  if (pairings.length === 0) {
    throw new UserError(
      `The runs have no model in common (baseline: ${names(baseline)}; candidate: ${names(candidate)}). ` +
        'Pick one model on each side with --baseline-model and --candidate-model.',
    );
  }
  return pairings;
}

/**
 * Compares candidate with baseline for each pairing, joining rows by item
 * content key and repeat. Throws a UserError (exit 2) when no pairing shares a row.
 */
export function compareRuns(options: {
  baseline: LoadedRun;
  candidate: LoadedRun;
  pairings: readonly ModelPairing[];
  alpha?: number;
}): RunComparison {
  const alpha = options.alpha ?? 0.05;
  const models = options.pairings.map((pairing) => compareModel({ ...options, pairing, alpha }));
  if (models.every((model) => model.comparison.sharedRows === 0)) {
    throw new UserError(
      `The baseline (${options.baseline.resultsPath}) and candidate (${options.candidate.resultsPath}) have no items in common ` +
        `for ${options.pairings.map((pairing) => pairing.candidate).join(', ')}: nothing to compare.`,
    );
  }
  const side = (run: LoadedRun): RunComparison['baseline'] => ({
    path: run.resultsPath,
    simulated: run.simulated,
    scoresFile: run.scoresFile,
  });
  return { baseline: side(options.baseline), candidate: side(options.candidate), alpha, models };
}

function compareModel(options: {
  baseline: LoadedRun;
  candidate: LoadedRun;
  pairing: ModelPairing;
  alpha: number;
}): ModelComparison {
  const { pairing } = options;
  const baselineData = options.baseline.models.get(pairing.baseline);
  const candidateData = options.candidate.models.get(pairing.candidate);
  if (!baselineData || !candidateData)
    throw new UserError(`Model ${pairing.baseline} or ${pairing.candidate} is not in its run.`);
  const candidateFirst = sharedRows(candidateData, baselineData);
  const label =
    pairing.baseline === pairing.candidate
      ? `${pairing.candidate}: candidate ${MINUS} baseline`
      : pairLabel(pairing.candidate, pairing.baseline);
  const { clusterBy, groupBy } = options.candidate.settings;
  shareGroups(candidateData, baselineData);
  const comparison = comparePair({ a: candidateData, b: baselineData, label, alpha: options.alpha, clusterBy });
  const baselineFirst = candidateFirst.map((row) => ({ ...row, a: row.b, b: row.a }));
  const baseline = summarizeModel(baselineData, { clusterBy });
  const candidate = summarizeModel(candidateData, { clusterBy });
  const breakdowns = groupBy.map((column) =>
    breakDown({ models: [candidateData, baselineData], column, clusterBy, alpha: options.alpha }),
  );
  return {
    baselineModel: pairing.baseline,
    candidateModel: pairing.candidate,
    comparison,
    flips: findFlips(baselineFirst),
    baseline,
    candidate,
    breakdowns,
    latencyP50Ms: delta(baseline.latencyMs.p50, candidate.latencyMs.p50),
    latencyP90Ms: delta(baseline.latencyMs.p90, candidate.latencyMs.p90),
    inputTokens: delta(baseline.tokens.input, candidate.tokens.input),
    outputTokens: delta(baseline.tokens.output, candidate.tokens.output),
    costUsd: delta(baseline.costUsd, candidate.costUsd),
  };
}

/**
 * A baseline item without group values (a run from before they were recorded) takes
 * the candidate's, so the same item falls in the same group on both sides.
 */
function shareGroups(candidate: ModelData, baseline: ModelData): void {
  for (const [item, outcome] of baseline.items) {
    if (outcome.groups) continue;
    const groups = candidate.items.get(item)?.groups;
    if (groups) outcome.groups = groups;
  }
}

function delta(baseline: number | null, candidate: number | null): Delta {
  return { baseline, candidate, delta: baseline === null || candidate === null ? null : candidate - baseline };
}

function requireModel(run: LoadedRun, model: string, what: string): void {
  if (!run.models.has(model))
    throw new UserError(`The ${what} run has no rows for model '${model}' (it has: ${names(run)}).`);
}

function names(run: LoadedRun): string {
  return run.models.size === 0 ? 'none' : [...run.models.keys()].join(', ');
}
