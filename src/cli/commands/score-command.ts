import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readManifest } from '../../results/manifest.js';
import { ConfigError, ExitCode, UserError, type ExitCodeValue } from '../../errors.js';
import { loadRunAnalysis } from '../../analysis/run-analysis.js';
import { renderScoreTable, SCORE_TABLE_NOTE } from '../../report/render-score-table.js';
import type { JudgeComplete } from '../../score/judge-scorer.js';
import { scoreRun } from '../../score/score-run.js';
import { parseScorerSpecs, type ScorerSpecOptions } from '../../score/scorer-spec.js';
import type { NamedScorer } from '../../score/types.js';
import { mergeScoringSettings, type ScoringSettings } from '../../score/scoring-settings.js';
import type { CommandIo } from '../command-io.js';

/** Flags of `score`. */
export interface ScoreArgs {
  /** The run folder holding results.jsonl. */
  run: string;
  /** `--scorer` specs (repeatable); none means each row's `scorer` column, else auto. */
  scorer?: string[];
  passThreshold?: number;
  /** Default model for a bare `judge` spec. */
  judgeModel?: string;
  /** Judge rubric text, or `@file` to read it from a file. */
  rubric?: string;
  /** Let the dataset's `scorer` column name any scorer (custom modules, schema files, judges). */
  allowDatasetScorers?: boolean;
  /** Rows scored at once (matters for the judge); default 4. */
  concurrency?: number;
  /** The config file's `scoring` section, already validated with `parseScoringConfig`; flags win over it. */
  scoring?: ScoringSettings;
}

/** What `score` needs from outside: the judge's `complete` (built by the runner) and the folder paths resolve from. */
export interface ScoreDeps {
  createJudgeComplete?: (model: string) => JudgeComplete;
  cwd?: string;
}

/** The rubric text: as given, or read from the file after `@`. */
export function readRubric(rubric: string | undefined, cwd: string): string | undefined {
  if (rubric === undefined || !rubric.startsWith('@')) return rubric;
  const file = rubric.slice(1);
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(`--rubric ${rubric}: cannot read ${file} (${(error as Error).message})`);
  }
}

/**
 * Merges scoring flags over the config's `scoring` section and parses every
 * scorer spec, so a bad spec, schema file or custom module fails before
 * anything is sent or scored.
 */
export async function prepareScoring(options: {
  flags: { scorer?: string[]; passThreshold?: number; judgeModel?: string; rubric?: string };
  config?: ScoringSettings;
  cwd: string;
  createJudgeComplete?: (model: string) => JudgeComplete;
}): Promise<{ scorers: NamedScorer[]; options: ScorerSpecOptions }> {
  const settings = mergeScoringSettings({ flags: options.flags, config: options.config });
  const specOptions: ScorerSpecOptions = {
    cwd: options.cwd,
    threshold: settings.threshold,
    judge: {
      model: settings.judge?.model,
      rubric: readRubric(settings.judge?.rubric, options.cwd),
      createComplete: options.createJudgeComplete,
    },
  };
  return { scorers: await parseScorerSpecs(settings.scorers, specOptions), options: specOptions };
}

/**
 * The folder of each dataset of a run, by base name, from its run.json (dataset paths are
 * as the eval was given them, relative to where it ran); empty when the run has no run.json.
 */
function datasetFoldersOf(runDir: string): Record<string, string> {
  if (!existsSync(join(runDir, 'run.json'))) return {};
  try {
    const manifest = readManifest(runDir);
    return Object.fromEntries(
      manifest.datasets.map((dataset) => [basename(dataset.path), dirname(resolve(dataset.path))]),
    );
  } catch {
    return {};
  }
}

/**
 * `score`: re-scores an existing run folder and writes its scores.jsonl. No
 * model is called except the judge, when a judge scorer is chosen. Prints a
 * per-model score table. A missing folder or results.jsonl is a UserError
 * (exit 2) naming the folder.
 */
export async function scoreCommand(args: ScoreArgs, io: CommandIo, deps: ScoreDeps = {}): Promise<ExitCodeValue> {
  const cwd = deps.cwd ?? process.cwd();
  const runDir = resolve(cwd, args.run);
  if (!existsSync(runDir) || !statSync(runDir).isDirectory())
    throw new UserError(`run folder ${args.run} does not exist`);
  if (!existsSync(join(runDir, 'results.jsonl')))
    throw new UserError(`run folder ${args.run} has no results.jsonl to score`);
  const { scorers, options } = await prepareScoring({
    flags: args,
    config: args.scoring,
    cwd,
    createJudgeComplete: deps.createJudgeComplete,
  });
  const progress = io.stderr.isTTY === true;
  const result = await scoreRun({
    runDir,
    scorers,
    rowScorers: {
      ...options,
      source: "the dataset column 'scorer'",
      trust: args.allowDatasetScorers ? 'full' : 'dataset',
      datasetFolders: datasetFoldersOf(runDir),
    },
    concurrency: args.concurrency,
    onProgress: progress ? ({ lines }) => lines % 200 === 0 && io.stderr.write(`\rscoring: ${lines} rows`) : undefined,
  });
  if (progress) io.stderr.write('\r\x1b[K');
  const used =
    scorers.length > 0 ? scorers.map((scorer) => scorer.name).join(', ') : "each row's scorer column, else auto";
  // The table shows the same figures as every report: the analysis of the run with its new scores.
  const analysis = await loadRunAnalysis({ location: runDir });
  io.stdout.write(
    `Scored ${result.lines} rows with ${used}.\n\n${renderScoreTable(analysis.models, result.models)}\n\n`,
  );
  io.stdout.write(`${SCORE_TABLE_NOTE}\n`);
  if (result.judgeCostUsd !== null)
    io.stdout.write(`Judge cost (apart from the models' own cost): $${result.judgeCostUsd.toFixed(4)}\n`);
  io.stdout.write(`Scores: ${result.path}\n`);
  if (result.scorerErrors > 0)
    io.stderr.write(`warning: ${result.scorerErrors} score(s) could not be computed (see "error" in scores.jsonl).\n`);
  return ExitCode.ok;
}
