import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { ConfigError, outputWriteError, UserError } from '../errors.js';
import { latestRecords } from '../results/latest-records.js';
import { readResults } from '../results/read-results.js';
import type { ResultRecord } from '../results/result-record.js';
import { autoScorer } from './auto-score.js';
import { SCORES_FILE } from './read-scores.js';
import { scoreLine, rowScorerSpec } from './score-line.js';
import { type ModelScoring, ScoreTally } from './score-summary.js';
import { nameScorer, parseScorerSpec, type ScorerSpecOptions } from './scorer-spec.js';
import type { NamedScorer, ScoreLine } from './types.js';

/** Options of `scoreRun`. */
export interface ScoreRunOptions {
  runDir: string;
  /** Scorers for every row. Empty: each row's own `scorer` column (when the dataset had one), else `auto`. */
  scorers: NamedScorer[];
  /**
   * How per-row `scorer` specs are parsed (threshold, judge, trust); default: the current folder, no
   * judge. Unless `trust` says `full`, a row may name only the built-in deterministic scorers.
   */
  rowScorers?: RowScorerOptions;
  /** Rows scored at once (matters for async scorers such as the judge); default 4. */
  concurrency?: number;
  /** Called after each line is written. */
  onProgress?: (progress: { lines: number }) => void;
}

/** What `scoreRun` wrote. */
export interface ScoreRunResult {
  /** Path of the scores file written. */
  path: string;
  lines: number;
  passed: number;
  failed: number;
  /** Ok rows without an outcome (no expected answer, or a scorer error). */
  unscored: number;
  /** Rows whose request failed (not scored). */
  errorRows: number;
  /** Scores carrying an error. */
  scorerErrors: number;
  /** Judge cost over all rows that reported one; null when none did. */
  judgeCostUsd: number | null;
  /** Scorer errors and judge cost per model. */
  models: ModelScoring[];
}

/** How a dataset's own `scorer` column is read. */
export type RowScorerOptions = ScorerSpecOptions & {
  /** The folder of each dataset file by base name (a record's `dataset`): relative paths resolve there. */
  datasetFolders?: Readonly<Record<string, string>>;
};

/** Most distinct per-row scorer specs accepted; a column with more is surely not a scorer column. */
const MAX_ROW_SPECS = 100;

/** Parses every distinct per-row spec before any row is scored, so a bad one fails fast. */
async function resolveRowSpecs(options: {
  resultsPath: string;
  settings: RowScorerOptions;
}): Promise<Map<string, NamedScorer>> {
  const specs = new Map<string, { dataset: string; spec: string }>();
  // Only lines naming a scorer are parsed; most runs have none, and a full parse of every line is not free.
  for await (const record of readResults(options.resultsPath, undefined, '"scorer":"')) {
    const spec = rowScorerSpec(record);
    if (spec === null) continue;
    specs.set(rowSpecKey(record.dataset, spec), { dataset: record.dataset, spec });
    if (specs.size > MAX_ROW_SPECS)
      throw new ConfigError(`the dataset column 'scorer' holds more than ${MAX_ROW_SPECS} different scorer specs`);
  }
  const { datasetFolders, ...settings } = options.settings;
  const resolved = new Map<string, NamedScorer>();
  for (const [key, { dataset, spec }] of specs) {
    const cwd = datasetFolders?.[dataset] ?? settings.cwd;
    resolved.set(
      key,
      await parseScorerSpec(spec, { trust: 'dataset', ...settings, cwd, source: `${dataset} (column 'scorer')` }),
    );
  }
  return resolved;
}

function rowSpecKey(dataset: string, spec: string): string {
  return `${dataset}\u0000${spec}`;
}

/** The `auto` scorer used when neither flags nor the row name one. */
export function autoNamedScorer(threshold: number | undefined): NamedScorer {
  return nameScorer({ name: 'auto', scorer: autoScorer, threshold, synchronous: true });
}

/**
 * Scores the final record of every key of `<runDir>/results.jsonl` and writes
 * `scores.jsonl` (one ScoreLine per key, in results order) through a temporary
 * file renamed into place, so readers never see half a file; `results.jsonl`
 * is only read. Error rows get `passed: null` without calling any scorer.
 * Rows are scored `concurrency` at a time within a bounded window, so memory
 * stays flat however long the run.
 */
export async function scoreRun(options: ScoreRunOptions): Promise<ScoreRunResult> {
  const resultsPath = join(options.runDir, 'results.jsonl');
  if (!existsSync(options.runDir) || !statSync(options.runDir).isDirectory())
    throw new UserError(`run folder ${options.runDir} does not exist`);
  if (!existsSync(resultsPath)) throw new UserError(`run folder ${options.runDir} has no results.jsonl to score`);
  const concurrency = options.concurrency ?? 4;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new ConfigError(`score concurrency must be a whole number of at least 1, got ${concurrency}`);
  const rowSettings = options.rowScorers ?? { cwd: process.cwd() };
  const rowSpecs =
    options.scorers.length === 0
      ? await resolveRowSpecs({ resultsPath, settings: rowSettings })
      : new Map<string, NamedScorer>();
  const auto = [autoNamedScorer(rowSettings.threshold)];
  const scorersFor = (record: ResultRecord): NamedScorer[] => {
    if (options.scorers.length > 0) return options.scorers;
    const spec = rowScorerSpec(record);
    const own = spec === null ? undefined : rowSpecs.get(rowSpecKey(record.dataset, spec));
    return own ? [own] : auto;
  };

  const path = join(options.runDir, SCORES_FILE);
  const temporary = `${path}.tmp`;
  const output = createWriteStream(temporary, { encoding: 'utf8' });
  const limit = pLimit(concurrency);
  const window: Array<Promise<{ line: ScoreLine; status: ResultRecord['status'] }>> = [];
  const tally = new ScoreTally();
  const totals = {
    lines: 0,
    passed: 0,
    failed: 0,
    unscored: 0,
    errorRows: 0,
    scorerErrors: 0,
    judgeCostUsd: null as number | null,
  };

  const writeNext = async (): Promise<void> => {
    const { line, status } = await (window.shift() as Promise<{ line: ScoreLine; status: ResultRecord['status'] }>);
    if (!output.write(`${JSON.stringify(line)}\n`)) await once(output, 'drain');
    tally.add(line);
    totals.lines += 1;
    if (status === 'error') totals.errorRows += 1;
    else if (line.passed === null) totals.unscored += 1;
    else if (line.passed) totals.passed += 1;
    else totals.failed += 1;
    for (const score of line.scores) {
      if (score.error) totals.scorerErrors += 1;
      if (typeof score.costUsd === 'number') totals.judgeCostUsd = (totals.judgeCostUsd ?? 0) + score.costUsd;
    }
    options.onProgress?.({ lines: totals.lines });
  };

  // A write error is remembered and rethrown, rather than raced against every write: racing a
  // never-settling promise adds a reaction to it per row, which a million-row run cannot afford.
  let writeError: unknown = null;
  output.on('error', (error) => {
    writeError ??= error;
  });
  const check = (): void => {
    if (writeError !== null) throw writeError;
  };
  try {
    for await (const record of latestRecords(resultsPath)) {
      const scorers = scorersFor(record);
      window.push(limit(async () => ({ line: await scoreLine(record, scorers), status: record.status })));
      if (window.length >= concurrency * 4) await writeNext();
      check();
    }
    while (window.length > 0) await writeNext();
    output.end();
    await new Promise<void>((resolve, reject) => {
      output.once('finish', resolve);
      output.once('error', reject);
    });
    check();
    renameSync(temporary, path);
  } catch (error) {
    output.destroy();
    await Promise.allSettled(window);
    rmSync(temporary, { force: true });
    // A failed write of scores.jsonl is an output problem with its own exit code; anything else stays as it is.
    const code = (error as { code?: unknown }).code;
    throw typeof code === 'string' && code.startsWith('E') ? outputWriteError(path, error) : error;
  }
  return { path, ...totals, models: tally.tallies() };
}
