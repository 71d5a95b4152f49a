import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, ExitCode, type ExitCodeValue } from '../../errors.js';
import { choosePairings, compareRuns, type RunComparison } from '../../analysis/compare-runs.js';
import {
  evaluateGate,
  type GateOptions,
  type GateResult,
  parseMaxDrop,
  validateGateOptions,
} from '../../analysis/gate.js';
import { loadRun } from '../../analysis/load-run.js';
import { DEFAULT_SHOWN_FLIPS, renderComparison } from '../../report/render-compare.js';

export { COMPARE_EXAMPLES, COMPARE_OPTIONS } from '../compare-options.js';
import type { CommandIo } from '../command-io.js';

/**
 * Arguments of `compare <baseline> <candidate>` (yargs camel-cases the flags).
 *
 * - `baseline`, `candidate`: run folders, or paths to their `results.jsonl`.
 *   Rows are joined by item content key and repeat index, per model.
 * - `--models a,b`: compare only these models (same name in both runs).
 *   Default: every model both runs have.
 * - `--baseline-model a --candidate-model b`: compare model `a` of the
 *   baseline with model `b` of the candidate, e.g. two models of one run
 *   (`compare run/ run/ --baseline-model a --candidate-model b`) or a renamed
 *   model. Either flag alone names the model on both sides.
 * - `--out <path>`: also write the full comparison (every flip) as JSON: to
 *   `<path>` when it ends in `.json`, else to `<path>/compare.json`.
 * - `--show-flips N`: flipped items listed per kind and model (default 20).
 * - `--gate`: apply the CI gate and exit 1 (quality) or 3 (errors) when it
 *   fails. Giving `--min-score` or `--max-drop` turns the gate on too.
 *   `--min-score` is a fraction 0–1 of the candidate's mean score;
 *   `--max-drop` is in percentage points; `--alpha` (default 0.05) is the
 *   level of every test and interval; `--max-error-rate` (default 0.1) is the
 *   tolerated fraction of candidate error rows.
 */
export interface CompareArgs {
  baseline: string;
  candidate: string;
  models?: string | string[];
  baselineModel?: string;
  candidateModel?: string;
  out?: string;
  showFlips?: number;
  gate?: boolean;
  minScore?: number;
  /** As given: `N`, `GROUP=N` or `*=N`. */
  maxDrop?: string[];
  alpha?: number;
  maxErrorRate?: number;
}

/** Version of the `compare.json` layout. */
export const COMPARE_JSON_VERSION = 1;

/**
 * `compare`: joins two runs by item and repeat, prints the per-model deltas,
 * flips and verdicts, writes `compare.json` with `--out`, and returns the
 * exit code (the gate's with `--gate`, else 0). A missing folder or runs with
 * nothing in common throw a UserError (exit 2).
 */
export async function compareCommand(args: CompareArgs, io: CommandIo): Promise<ExitCodeValue> {
  const gateOptions: GateOptions = {
    minScore: args.minScore,
    ...parseMaxDrop(args.maxDrop),
    alpha: args.alpha,
    maxErrorRate: args.maxErrorRate,
  };
  const settings = validateGateOptions(gateOptions);
  const shownFlips = args.showFlips ?? DEFAULT_SHOWN_FLIPS;
  if (!Number.isSafeInteger(shownFlips) || shownFlips < 0)
    throw new ConfigError(`--show-flips must be a whole number of 0 or more, got ${String(args.showFlips)}.`);
  const baseline = await loadRun({ location: args.baseline, what: 'baseline' });
  const candidate = await loadRun({ location: args.candidate, what: 'candidate' });
  const pairings = choosePairings({
    baseline,
    candidate,
    baselineModel: args.baselineModel,
    candidateModel: args.candidateModel,
    models: splitModels(args.models),
  });
  const comparison = compareRuns({ baseline, candidate, pairings, alpha: settings.alpha });
  const gating = args.gate === true || args.minScore !== undefined || args.maxDrop !== undefined;
  const gate = gating ? evaluateGate(comparison, settings) : undefined;
  io.stdout.write(`${renderComparison(comparison, { shownFlips, gate })}\n`);
  if (args.out !== undefined) {
    const path = writeCompareJson({ out: args.out, comparison, gate });
    io.stdout.write(`\nComparison: ${path}\n`);
  }
  return gate?.exitCode ?? ExitCode.ok;
}

function splitModels(models: string | string[] | undefined): string[] {
  const list = Array.isArray(models) ? models : models === undefined ? [] : [models];
  return list
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Writes `compare.json` (to `out` when it ends in `.json`, else into the folder `out`) and returns its path. */
export function writeCompareJson(options: { out: string; comparison: RunComparison; gate?: GateResult }): string {
  const path = options.out.endsWith('.json') ? options.out : join(options.out, 'compare.json');
  mkdirSync(dirname(path), { recursive: true });
  const document = { v: COMPARE_JSON_VERSION, ...options.comparison, gate: options.gate ?? null };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
