import { ConfigError } from '../errors.js';
import { autoScorer } from './auto-score.js';
import { createChoiceScorer } from './choice-scorer.js';
import { containsScorer } from './contains-scorer.js';
import { loadCustomScorer } from './custom-scorer.js';
import { exactScorer } from './exact-scorer.js';
import { createJudgeScorer, type JudgeComplete } from './judge-scorer.js';
import { jsonScorer } from './json-scorer.js';
import { DEFAULT_PASS_THRESHOLD, scoreError } from './make-score.js';
import { createNumericScorer } from './numeric-scorer.js';
import type { NumericTolerance } from './numeric.js';
import { createRegexScorer } from './regex-scorer.js';
import type { NamedScorer, Score, Scorer } from './types.js';

/** Scorer names `--scorer` accepts, with the argument each takes after a colon. */
export const SCORER_SPECS: Record<string, string | null> = {
  auto: null,
  exact: null,
  contains: null,
  regex: '<pattern>',
  numeric: '[tolerance, e.g. 0.01 or 1%]',
  choice: '[A-<last letter>]',
  json: null,
  'json-schema': '<schema file>',
  judge: '[model]',
  custom: '<module.js|.mjs>',
};

/** The judge settings for `judge` specs: default model, rubric, and the factory of the injected `complete`. */
export interface JudgeSettings {
  model?: string;
  rubric?: string;
  createComplete?: (model: string) => JudgeComplete;
}

/** Options of `parseScorerSpecs`. */
export interface ScorerSpecOptions {
  /** Pass mark for continuous scores, in (0, 1]; default 0.5. */
  threshold?: number;
  judge?: JudgeSettings;
  /** Folder that relative paths (schema files, custom modules) are resolved from. */
  cwd: string;
  /** Where the specs came from, for error messages (default `--scorer`). */
  source?: string;
  /**
   * `dataset`: the specs come from a dataset's `scorer` column, which may choose only the
   * built-in deterministic scorers (a dataset runs no code, reads no file and calls no
   * model on its own). `full` (the default): flags and the config, which may use any.
   */
  trust?: 'full' | 'dataset';
}

/** The scorers a dataset column may name without `--allow-dataset-scorers`: plain code of this tool, no files, no calls. */
export const DATASET_SAFE_SCORERS = new Set(['auto', 'exact', 'contains', 'regex', 'numeric', 'choice', 'json']);

/** Validates a pass threshold: a number greater than 0 and at most 1. */
export function checkPassThreshold(threshold: number | undefined, source = '--pass-threshold'): number {
  if (threshold === undefined) return DEFAULT_PASS_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
    throw new ConfigError(`${source} must be a number greater than 0 and at most 1, got ${String(threshold)}`);
  }
  return threshold;
}

function describeSpecs(): string {
  return Object.entries(SCORER_SPECS)
    .map(([name, argument]) =>
      argument === null
        ? name
        : argument.startsWith('[')
          ? `${name}[:${argument.slice(1, -1)}]`
          : `${name}:${argument}`,
    )
    .join(', ');
}

/** `0.01` (absolute) or `1%` (relative to the expected value). */
function parseTolerance(argument: string, source: string): NumericTolerance {
  const text = argument.trim();
  const relative = text.endsWith('%');
  const amount = Number(relative ? text.slice(0, -1) : text);
  if (text === '' || text === '%' || !Number.isFinite(amount) || amount < 0) {
    throw new ConfigError(
      `${source} numeric:${argument}: the tolerance must be a number of at least 0, absolute (numeric:0.01) or relative (numeric:1%)`,
    );
  }
  return { amount: relative ? amount / 100 : amount, relative };
}

function parseLastLetter(argument: string, source: string): string {
  const match = /^(?:A\s*-\s*)?([B-J])$/i.exec(argument.trim());
  if (!match)
    throw new ConfigError(`${source} choice:${argument}: give the last option letter, e.g. choice:A-J (B to J)`);
  return match[1].toUpperCase();
}

async function buildScorer(options: {
  name: string;
  argument: string | null;
  spec: string;
  settings: ScorerSpecOptions;
  threshold: number;
}): Promise<Scorer> {
  const { name, argument, spec, settings, threshold } = options;
  const source = settings.source ?? '--scorer';
  const needsArgument = (): string => {
    if (argument === null || argument.trim() === '')
      throw new ConfigError(`${source} ${name} needs an argument: ${name}:${SCORER_SPECS[name]}`);
    return argument;
  };
  if (argument !== null && SCORER_SPECS[name] === null)
    throw new ConfigError(`${source} ${spec}: ${name} takes no argument (write just '${name}')`);
  switch (name) {
    case 'auto':
      return autoScorer;
    case 'exact':
      return exactScorer;
    case 'contains':
      return containsScorer;
    case 'json':
      return jsonScorer;
    case 'regex':
      return createRegexScorer({ pattern: needsArgument(), source });
    case 'numeric': {
      if (argument === null) return createNumericScorer();
      return createNumericScorer({ tolerance: parseTolerance(argument, source) });
    }
    case 'choice':
      return createChoiceScorer({ lastLetter: argument === null ? 'D' : parseLastLetter(argument, source) });
    case 'json-schema':
      // ajv loads only when a schema scorer is asked for: it is a noticeable share of start-up.
      return (await import('./json-schema-scorer.js')).loadJsonSchemaScorer({
        file: needsArgument(),
        cwd: settings.cwd,
      });
    case 'custom':
      return loadCustomScorer({ path: needsArgument(), cwd: settings.cwd, threshold });
    case 'judge': {
      const model = argument?.trim() || settings.judge?.model;
      if (!model)
        throw new ConfigError(`${source} judge needs a judge model: write judge:<model> or give --judge-model`);
      const createComplete = settings.judge?.createComplete;
      if (!createComplete)
        throw new ConfigError(
          `${source} ${spec}: no judge model can be called here (the judge needs a gateway connection)`,
        );
      return createJudgeScorer({
        rubric: settings.judge?.rubric,
        judgeModel: model,
        complete: createComplete(model),
        threshold,
      });
    }
    default:
      throw new ConfigError(`${source} ${spec}: unknown scorer '${name}'. Known scorers: ${describeSpecs()}`);
  }
}

/**
 * Wraps a scorer so every score carries the spec as its name, `passed` follows
 * the threshold, and a scorer that throws gives a Score with error
 * `scorer-threw` instead of stopping the run.
 */
export function nameScorer(options: {
  name: string;
  scorer: Scorer;
  threshold?: number;
  synchronous?: boolean;
}): NamedScorer {
  const threshold = options.threshold ?? DEFAULT_PASS_THRESHOLD;
  const finish = (score: Score): Score => ({
    ...score,
    name: options.name,
    passed: score.value === null ? null : score.value >= threshold,
  });
  const failed = (error: unknown): Score =>
    scoreError({
      name: options.name,
      kind: 'scorer-threw',
      message: error instanceof Error ? error.message : String(error),
    });
  return {
    name: options.name,
    synchronous: options.synchronous ?? false,
    score: (input) => {
      try {
        const result = options.scorer(input);
        return result instanceof Promise ? result.then(finish, failed) : finish(result);
      } catch (error) {
        return failed(error);
      }
    },
  };
}

/**
 * Parses one scorer spec (`name[:argument]`, split at the first colon) into a
 * ready scorer; files (schemas, custom modules) are loaded now, so a bad spec
 * is a ConfigError before anything is scored.
 */
export async function parseScorerSpec(spec: string, options: ScorerSpecOptions): Promise<NamedScorer> {
  const source = options.source ?? '--scorer';
  const trimmed = spec.trim();
  if (trimmed === '') throw new ConfigError(`${source} is empty; name a scorer: ${describeSpecs()}`);
  const colon = trimmed.indexOf(':');
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase();
  const argument = colon < 0 ? null : trimmed.slice(colon + 1);
  if (!(name in SCORER_SPECS))
    throw new ConfigError(`${source} ${trimmed}: unknown scorer '${name}'. Known scorers: ${describeSpecs()}`);
  if (options.trust === 'dataset' && !DATASET_SAFE_SCORERS.has(name)) {
    throw new ConfigError(
      `${source} ${trimmed}: a dataset may choose only the built-in scorers (${[...DATASET_SAFE_SCORERS].join(', ')}); ` +
        `${name} ${name === 'judge' ? 'pays for calls to a model' : name === 'custom' ? 'runs code' : 'reads a file'}. ` +
        'Give it with --scorer or in the config, or allow the dataset its own scorers with --allow-dataset-scorers.',
    );
  }
  const threshold = checkPassThreshold(options.threshold);
  const scorer = await buildScorer({ name, argument, spec: trimmed, settings: options, threshold });
  // The judge calls a model and a custom module may return a promise; every other scorer is plain code.
  return nameScorer({ name: trimmed, scorer, threshold, synchronous: name !== 'judge' && name !== 'custom' });
}

/**
 * Parses the `--scorer` specs (or the config file's `scoring.scorers`), e.g.
 * `['numeric', 'judge:gpt-4o-mini']`. An empty list gives an empty list:
 * `scoreRun` then uses each row's own `scorer` column, else `auto`.
 * The same spec twice is a ConfigError.
 */
export async function parseScorerSpecs(specs: string[], options: ScorerSpecOptions): Promise<NamedScorer[]> {
  checkPassThreshold(options.threshold);
  const seen = new Set<string>();
  const scorers: NamedScorer[] = [];
  for (const spec of specs) {
    const scorer = await parseScorerSpec(spec, options);
    if (seen.has(scorer.name)) throw new ConfigError(`${options.source ?? '--scorer'} ${scorer.name} is given twice`);
    seen.add(scorer.name);
    scorers.push(scorer);
  }
  return scorers;
}
