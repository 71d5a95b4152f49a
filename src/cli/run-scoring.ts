import { basename, dirname, resolve } from 'node:path';
import type { ConfigFile } from '../config/config-file.js';
import type { EvalArgs } from '../config/eval-args.js';
import type { DatasetScan } from '../dataset/sample.js';
import { ConfigError } from '../errors.js';
import type { RunScoring } from '../outputs/run-scoring.js';
import type { JudgeComplete } from '../score/judge-scorer.js';
import { parseScorerSpec } from '../score/scorer-spec.js';
import { prepareScoring } from './commands/score-command.js';

/** Distinct scorer specs a dataset column may hold; more means the column is not a scorer column. */
const MAX_ROW_SPECS = 100;

/**
 * How an eval run scores its rows: the `--scorer` flags or the config's `scoring:`
 * section, else each row's own `scorer` column. Every spec is parsed now, before the
 * first request, the column's included (each named by file and line): a bad regex, a
 * missing file or an unknown name stops the run while nothing has been paid. A column
 * may name only the built-in deterministic scorers unless `--allow-dataset-scorers`;
 * then its relative paths resolve against the dataset's own folder.
 */
export async function planRunScoring(options: {
  args: EvalArgs;
  config: ConfigFile | null;
  scans: readonly DatasetScan[];
  createJudgeComplete: (model: string) => JudgeComplete;
}): Promise<RunScoring> {
  const { args, config, scans } = options;
  const scoring = await prepareScoring({
    flags: args,
    config: config?.scoring
      ? (await import('../score/scoring-config.js')).parseScoringConfig({ value: config.scoring, file: config.file })
      : undefined,
    cwd: process.cwd(),
    createJudgeComplete: options.createJudgeComplete,
  });
  const rowScorers = {
    ...scoring.options,
    source: "the dataset column 'scorer'",
    trust: args.allowDatasetScorers ? ('full' as const) : ('dataset' as const),
    datasetFolders: Object.fromEntries(scans.map((scan) => [basename(scan.file), dirname(resolve(scan.file))])),
  };
  if (scoring.scorers.length === 0) {
    for (const scan of scans) {
      if (scan.scorerSpecs.length > MAX_ROW_SPECS) {
        throw new ConfigError(
          `${scan.file}: the column 'scorer' holds more than ${MAX_ROW_SPECS} different scorer specs.`,
        );
      }
      for (const { spec, line } of scan.scorerSpecs) {
        const source = `${scan.file}:${line} (column 'scorer')`;
        await parseScorerSpec(spec, { ...rowScorers, cwd: dirname(resolve(scan.file)), source });
      }
    }
  }
  return { scorers: scoring.scorers, rowScorers, concurrency: 4 };
}
