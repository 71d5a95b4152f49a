import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { latestRecords } from '../results/latest-records.js';
import { readManifest, type RunManifest } from '../results/manifest.js';
import { readScores } from '../score/read-scores.js';
import { collectRun } from './collect-run.js';
import type { ModelData } from './model-data.js';
import { rowScoreFromLine } from './record-score.js';

/** A run folder read back for reporting. */
export interface LoadedRun {
  /** The `results.jsonl` that was read. */
  resultsPath: string;
  folder: string;
  /** True when `run.json` says the answers came from the simulated gateway. */
  simulated: boolean;
  /** Whether the scores came from `scores.jsonl` (else `autoScore`). */
  scoresFile: boolean;
  /** Models in `run.json` order, then first-seen order. */
  models: Map<string, ModelData>;
  /** Group columns and cluster column from `run.json` (none for runs that recorded none). */
  settings: { groupBy: string[]; clusterBy: string | null };
}

/**
 * The results file of a run folder or of a `results.jsonl` path. Throws a
 * UserError (exit 2) naming `what` (e.g. `baseline`) when it does not exist.
 */
export function resolveResultsPath(location: string, what: string): string {
  if (!existsSync(location))
    throw new UserError(`The ${what} '${location}' does not exist. Give a run folder or its results.jsonl.`);
  const path = statSync(location).isDirectory() ? join(location, 'results.jsonl') : location;
  if (!existsSync(path))
    throw new UserError(`The ${what} folder '${location}' has no results.jsonl. Give a run folder of mixrouter-eval.`);
  return path;
}

/**
 * Reads a run for reporting: the final record of every key, scored from the
 * `scores.jsonl` beside it when there is one, else with `autoScore`.
 */
export async function loadRun(options: { location: string; what?: string }): Promise<LoadedRun> {
  const resultsPath = resolveResultsPath(options.location, options.what ?? 'run');
  const folder = dirname(resultsPath);
  const manifest = readManifestIfAny(folder);
  // Only a run folder's own results.jsonl has a scores.jsonl that belongs to it.
  const scores = basename(resultsPath) === 'results.jsonl' ? await readScores(folder, rowScoreFromLine) : null;
  const models = await collectRun({
    records: latestRecords(resultsPath),
    modelOrder: manifest?.models.map((model) => model.name) ?? [],
    scores,
  });
  for (const [name, data] of models) if (data.rows === 0) models.delete(name);
  const settings = analysisSettingsOf(manifest);
  return {
    resultsPath,
    folder,
    simulated: manifest?.simulated === true,
    scoresFile: scores !== null,
    models,
    settings,
  };
}

/** The breakdown settings a run.json recorded (none for a run from before they were). */
export function analysisSettingsOf(manifest: RunManifest | null): { groupBy: string[]; clusterBy: string | null } {
  return { groupBy: manifest?.analysis?.group_by ?? [], clusterBy: manifest?.analysis?.cluster_by ?? null };
}

/** A folder's `run.json`, or null when it has none or it cannot be read. */
export function readManifestIfAny(folder: string): ReturnType<typeof readManifest> | null {
  if (!existsSync(join(folder, 'run.json'))) return null;
  try {
    return readManifest(folder);
  } catch {
    return null;
  }
}
