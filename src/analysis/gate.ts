import { ConfigError, ExitCode } from '../errors.js';
import {
  choosePairings,
  compareRuns,
  type ModelComparison,
  type ModelPairing,
  type RunComparison,
} from './compare-runs.js';
import { formatPercent, formatPoints } from './figure-text.js';
import { loadRun } from './load-run.js';
import { comparisonFigures } from './pairwise.js';
import type { ModelSummary, ScoreSummary } from './summarize.js';

/**
 * Thresholds of the CI gate. By default the gate fails only on a drop that is
 * statistically credible: the candidate is worse and the paired test (exact
 * McNemar for pass/fail scores, the paired bootstrap otherwise) is
 * significant at `alpha`.
 */
export interface GateOptions {
  /** Absolute floor on each candidate model's mean score, as a fraction in [0, 1] (0.8 = 80%). */
  minScore?: number;
  /** Largest tolerated drop in percentage points (the declared effect): a larger observed drop fails even when not significant. */
  maxDrop?: number;
  /**
   * Largest tolerated drop of a group, in percentage points, by group name (any breakdown
   * column); `*` is every group of the top-level breakdown (e.g. every category).
   */
  maxGroupDrop?: Record<string, number>;
  /** Two-sided significance level of the paired tests; default 0.05. */
  alpha?: number;
  /** Largest tolerated fraction of a candidate model's rows ending in errors; default 0.1. Above it: exit 3. */
  maxErrorRate?: number;
}

/** The gate's decision. */
export interface GateResult {
  /** 0 ok; 1 quality gate failed; 3 candidate error rate above tolerance (takes precedence: its scores are not trustworthy). */
  exitCode: 0 | 1 | 3;
  /** Why the gate failed, one line per fired rule, each naming the rule. Empty when it passed. */
  reasons: string[];
  /** Things worth knowing that did not fail the gate (e.g. a drop the data could not detect). */
  notes: string[];
}

/** Default tolerated error rate, the same as `eval --max-error-rate`. */
export const DEFAULT_MAX_ERROR_RATE = 0.1;

/** Whether a model's score reaches `--min-score`: a model with no scored row does not. */
function reachesMinScore(score: ScoreSummary | null, minScore: number): boolean {
  return score !== null && score.mean >= minScore;
}

/** Checks the thresholds; throws a ConfigError (exit 2) naming the flag that is out of range. */
export function validateGateOptions(
  options: GateOptions,
): Required<Pick<GateOptions, 'alpha' | 'maxErrorRate'>> & GateOptions {
  const { minScore, maxDrop, alpha = 0.05, maxErrorRate = DEFAULT_MAX_ERROR_RATE } = options;
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) {
    throw new ConfigError(`--min-score is a fraction between 0 and 1 (0.8 = 80%), got ${String(minScore)}.`);
  }
  if (maxDrop !== undefined && !(maxDrop >= 0 && maxDrop <= 100)) {
    throw new ConfigError(`--max-drop is in percentage points between 0 and 100, got ${String(maxDrop)}.`);
  }
  for (const [group, limit] of Object.entries(options.maxGroupDrop ?? {})) {
    if (!(limit >= 0 && limit <= 100)) {
      throw new ConfigError(`--max-drop ${group}=…: percentage points between 0 and 100, got ${String(limit)}.`);
    }
  }
  if (!(alpha > 0 && alpha < 1))
    throw new ConfigError(`--alpha must be between 0 and 1 (e.g. 0.05), got ${String(alpha)}.`);
  if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
    throw new ConfigError(`--max-error-rate must be a fraction between 0 and 1, got ${String(maxErrorRate)}.`);
  }
  return { ...options, alpha, maxErrorRate };
}

/**
 * Reads `--max-drop` values: `N` is the overall limit, `GROUP=N` a group's
 * (`*=N`: every group of the top-level breakdown). Throws a ConfigError naming
 * the value that is not one of these.
 */
export function parseMaxDrop(
  values: ReadonlyArray<string | number> | string | number | undefined,
): Pick<GateOptions, 'maxDrop' | 'maxGroupDrop'> {
  const parsed: Pick<GateOptions, 'maxDrop' | 'maxGroupDrop'> = {};
  for (const value of [values ?? []].flat()) {
    const text = String(value).trim();
    const match = /^(?:(.+?)\s*=\s*)?(-?\d+(?:\.\d+)?)$/.exec(text);
    if (!match) {
      throw new ConfigError(
        `--max-drop ${text}: give percentage points (--max-drop 2), or a group and its points (--max-drop STEM=5, --max-drop '*=8').`,
      );
    }
    const points = Number(match[2]);
    if (match[1] === undefined) parsed.maxDrop = points;
    else parsed.maxGroupDrop = { ...parsed.maxGroupDrop, [match[1]]: points };
  }
  return parsed;
}

/** The drops of a model's groups beyond their `--max-drop GROUP=N` limits, and its credible group drops. */
function groupRules(model: ModelComparison, settings: GateOptions): { reasons: string[]; notes: string[] } {
  const reasons: string[] = [];
  const notes: string[] = [];
  const limits = settings.maxGroupDrop ?? {};
  model.breakdowns.forEach((breakdown, depth) => {
    for (const group of breakdown.groups) {
      const pair = group.pairs[0];
      if (!pair) continue;
      const limit = limits[group.name] ?? (depth === 0 ? limits['*'] : undefined);
      const drop = -pair.difference;
      const label = `${model.candidateModel}, ${breakdown.column} ${group.name}`;
      if (limit !== undefined && drop * 100 > limit + 1e-9) {
        const given = limits[group.name] !== undefined ? group.name : '*';
        reasons.push(
          `${label}: dropped ${formatPoints(drop)} pp (n = ${pair.n}), more than --max-drop ${given}=${limit} [rule: group-max-drop]`,
        );
      }
      if (pair.credible && pair.difference < 0) {
        notes.push(
          `${label}: a credible drop of ${formatPoints(drop)} pp (Holm-adjusted over the ${breakdown.family} groups of ${breakdown.column}).`,
        );
      }
    }
  });
  return { reasons, notes };
}

/**
 * Applies the gate to a comparison built at the same alpha. Rules, each
 * checked for every compared model:
 * `max-error-rate` (exit 3), `significant-drop` (candidate worse and the
 * paired test significant at alpha), `max-drop` (observed drop above
 * `maxDrop` pp), `group-max-drop` (a group's drop above its `maxGroupDrop`
 * limit), `min-score` (candidate mean below `minScore`), the last four exit 1.
 * Credible drops of single groups are notes, not failures.
 */
export function evaluateGate(comparison: RunComparison, options: GateOptions = {}): GateResult {
  const settings = validateGateOptions(options);
  if (settings.alpha !== comparison.alpha) {
    throw new Error(`The comparison was built at alpha ${comparison.alpha}, the gate asks for ${settings.alpha}.`);
  }
  const infrastructure: string[] = [];
  const quality: string[] = [];
  const notes: string[] = [];
  for (const model of comparison.models) {
    const name = model.candidateModel;
    const { rows, errors } = model.candidate;
    if (rows > 0 && errors / rows > settings.maxErrorRate) {
      infrastructure.push(
        `${name}: ${errors} of ${rows} candidate rows ended in errors (${formatPercent(errors / rows)}), ` +
          `above --max-error-rate ${settings.maxErrorRate} [rule: max-error-rate]`,
      );
    }
    const { result, pValue } = model.comparison;
    if (result === null) notes.push(`${name}: no shared scored items, so no drop could be tested.`);
    else {
      const drop = -result.difference;
      if (result.significant && result.difference < 0) {
        quality.push(
          `${name}: a credible drop at alpha ${settings.alpha} (${comparisonFigures(result, pValue ?? 1)}) [rule: significant-drop]`,
        );
      }
      // Compared in pp with a small tolerance, so 0.3 − 0.28 counts as 2 pp and not 2.0000000000000004.
      if (settings.maxDrop !== undefined && drop * 100 > settings.maxDrop + 1e-9) {
        quality.push(
          `${name}: dropped ${formatPoints(drop)} pp, more than --max-drop ${settings.maxDrop} pp [rule: max-drop]`,
        );
      }
      if (settings.maxDrop !== undefined && result.mde !== null && result.mde * 100 > settings.maxDrop) {
        notes.push(
          `${name}: with n = ${result.n} this comparison reliably detects drops of ${formatPoints(result.mde)} pp or more, not ${settings.maxDrop} pp.`,
        );
      }
    }
    const groups = groupRules(model, settings);
    quality.push(...groups.reasons);
    notes.push(...groups.notes);
    const score = model.candidate.score;
    if (settings.minScore !== undefined && !reachesMinScore(score, settings.minScore)) {
      quality.push(
        score === null
          ? `${name}: no candidate row could be scored, so --min-score ${settings.minScore} cannot be met [rule: min-score]`
          : `${name}: candidate score ${formatPercent(score.mean)} is below --min-score ${settings.minScore} [rule: min-score]`,
      );
    }
  }
  const exitCode =
    infrastructure.length > 0 ? ExitCode.infrastructure : quality.length > 0 ? ExitCode.gateFailed : ExitCode.ok;
  return { exitCode, reasons: [...infrastructure, ...quality], notes };
}

/**
 * The gate without a baseline (`eval --min-score`): every model of the run
 * must reach `minScore`, its mean score as a fraction; a model with no scored
 * row fails. Exit 1 (one reason per model below it) or 0; no threshold, no gate.
 */
export function evaluateMinScore(
  models: readonly Pick<ModelSummary, 'model' | 'score'>[],
  minScore: number | undefined,
): GateResult {
  if (minScore === undefined) return { exitCode: ExitCode.ok, reasons: [], notes: [] };
  const reasons = models
    .filter((model) => !reachesMinScore(model.score, minScore))
    .map((model) => {
      const score = model.score === null ? 'no scored rows' : formatPercent(model.score.mean);
      return `Quality gate failed [rule: min-score]: ${model.model} scored ${score}, below --min-score ${minScore}.`;
    });
  return { exitCode: reasons.length > 0 ? ExitCode.gateFailed : ExitCode.ok, reasons, notes: [] };
}

/**
 * Loads two run folders (or results.jsonl paths), compares them and applies
 * the gate: what `eval --baseline <run>` and `compare --gate` call. Missing
 * folders and runs with nothing in common throw a UserError (exit 2).
 * Without `pairing`, every model both runs have is compared.
 */
export async function gateRun(options: {
  baselineDir: string;
  candidateDir: string;
  options?: GateOptions;
  pairing?: { baselineModel?: string; candidateModel?: string; models?: readonly string[] };
}): Promise<GateResult & { comparison: RunComparison }> {
  const settings = validateGateOptions(options.options ?? {});
  const baseline = await loadRun({ location: options.baselineDir, what: 'baseline' });
  const candidate = await loadRun({ location: options.candidateDir, what: 'candidate' });
  const pairings: ModelPairing[] = choosePairings({ baseline, candidate, ...options.pairing });
  const comparison = compareRuns({ baseline, candidate, pairings, alpha: settings.alpha });
  return { ...evaluateGate(comparison, settings), comparison };
}
