import { basename, extname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { FieldMapping } from '../dataset/sample.js';
import type { RateLimits } from '../settings/limits.js';
import type { ModelTarget } from '../settings/model-target.js';
import type { RequestParams } from '../settings/request-params.js';
import { DEFAULT_RETRY_POLICY } from '../settings/retry-policy.js';
import type { AnalysisSettings, RunConfig } from '../settings/run-config.js';
import { parseLimits, type EvalArgs } from './eval-args.js';
import { parseShardFlag } from './shard-flag.js';

/** `results/<timestamp>-<name>` for the first dataset file or suite (a suite by its name as asked). */
export function defaultOutDir(datasets: string[], now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const first = datasets[0] ?? 'run';
  const name = basename(first, extname(first)).replace(/[^\w.-]+/g, '_');
  const more = datasets.length > 1 ? `-and-${datasets.length - 1}-more` : '';
  return join('results', `${stamp}-${name}${more}`);
}

/** The field mapping from the dataset flags. */
export function mappingFromArgs(args: EvalArgs): FieldMapping {
  return {
    inputField: args.inputField,
    expectedField: args.expectedField,
    expectedPattern: args.expectedPattern,
    idField: args.idField,
    prompt: args.prompt,
  };
}

/**
 * Request parameters from the flags the user actually gave; the rest are left
 * out so a config file's defaults and each model's own settings still apply.
 */
export function paramsFromArgs(args: EvalArgs, explicit: Set<string>): Partial<RequestParams> {
  return {
    ...(explicit.has('stream') ? { stream: args.stream } : {}),
    ...(args.system !== undefined ? { system: args.system } : {}),
    ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
    ...(args.maxTokens !== undefined ? { maxOutputTokens: args.maxTokens } : {}),
  };
}

/** Applies `--limit model=spec` entries (matched by name or wire id; `*` for all) on top of each target's own limits. */
export function applyLimitFlags(targets: ModelTarget[], limits: Map<string, RateLimits>): ModelTarget[] {
  for (const name of limits.keys()) {
    if (name === '*' || targets.some((target) => target.name === name || target.modelId === name)) continue;
    throw new ConfigError(
      `--limit ${name}=…: no model of this run is called ${name} (the run has ${targets.map((target) => target.name).join(', ')}). ` +
        'Name one of them, or use *= for every model.',
    );
  }
  return targets.map((target) => {
    const flag = limits.get(target.name) ?? limits.get(target.modelId) ?? limits.get('*');
    return flag ? { ...target, limits: { ...target.limits, ...flag } } : target;
  });
}

/** A suite materialized for this run (the shape `materializeSuite` returns). */
export interface SuiteForRun {
  name: string;
  suite: string;
  version: string;
  file: string;
  rows: number;
  sha256: string;
  shots: number;
  subset: string[] | null;
  groupBy: string[];
  clusterBy: string | null;
  licence: string;
  itemSalt: string;
}

/**
 * What the reports break scores down by: `--group-by` and `--cluster-by` when given,
 * else the suites' own group columns (in order, without repeats) and the first suite's
 * cluster column.
 */
export function analysisSettings(
  args: Pick<EvalArgs, 'groupBy' | 'clusterBy'>,
  suites: SuiteForRun[],
): AnalysisSettings {
  const given = [args.groupBy ?? []].flat().flatMap((entry) => entry.split(','));
  const groupBy = given.map((column) => column.trim()).filter((column) => column.length > 0);
  return {
    groupBy: groupBy.length > 0 ? [...new Set(groupBy)] : [...new Set(suites.flatMap((suite) => suite.groupBy))],
    clusterBy: args.clusterBy ?? suites.find((suite) => suite.clusterBy !== null)?.clusterBy ?? null,
  };
}

/** The mapping of a materialized suite file: its fixed columns, its version in the item keys, the group columns. */
function suiteMapping(suite: SuiteForRun, groupColumns: string[]): FieldMapping {
  return { inputField: 'prompt', expectedField: 'expected', idField: 'id', itemSalt: suite.itemSalt, groupColumns };
}

/** Builds the run configuration from validated flags and resolved targets. */
export function buildRunConfig(options: {
  args: EvalArgs;
  /** Flags given on the command line (or, when resuming, by the original run). */
  explicit: Set<string>;
  targets: ModelTarget[];
  groups: Record<string, RateLimits>;
  apiKey: string;
  baseUrl: string;
  argv: string[];
  toolVersion: string;
  /** The suites asked for, materialized (none without `--suite` and with a `--dataset`). */
  suites?: SuiteForRun[];
}): RunConfig {
  const { args } = options;
  const files = args.dataset ?? [];
  const suites = options.suites ?? [];
  const limits = parseLimits(args.limit);
  const analysis = analysisSettings(args, suites);
  // Rows keep the columns --group-by and --cluster-by name; a suite's rows also keep the suite's own.
  const named = [...(args.groupBy !== undefined ? analysis.groupBy : []), ...(args.clusterBy ? [args.clusterBy] : [])];
  const flagMapping = mappingFromArgs(args);
  if (named.length > 0) flagMapping.groupColumns = [...new Set(named)];
  return {
    datasets: [
      ...files.map((file) => ({ file, mapping: flagMapping })),
      ...suites.map((suite) => ({
        file: suite.file,
        mapping: suiteMapping(suite, [
          ...new Set([...suite.groupBy, ...(suite.clusterBy ? [suite.clusterBy] : []), ...named]),
        ]),
      })),
    ],
    suites: suites.map(({ name, suite, version, shots, subset, rows, file, sha256, licence }) => ({
      name,
      suite,
      version,
      shots,
      subset,
      rows,
      file,
      sha256,
      licence,
    })),
    analysis,
    limit: limits.rows,
    targets: applyLimitFlags(options.targets, limits.models),
    groups: options.groups,
    concurrency: args.concurrency,
    repeat: args.repeat,
    outDir: args.resume ?? args.out ?? defaultOutDir([...files, ...suites.map((suite) => suite.name)]),
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    simulated: args.simulate,
    timeouts: {
      connectMs: args.connectTimeout * 1000,
      firstByteMs: args.firstByteTimeout * 1000,
      stallMs: args.stallTimeout * 1000,
      totalMs: args.timeout * 1000,
    },
    retry: { ...DEFAULT_RETRY_POLICY, retries: args.retries, maxRetryTimeMs: args.retryTime * 1000 },
    retryErrors: args.retryErrors,
    stopAfterAuthFailures: 3,
    cacheDir: args.cache && !args.simulate ? args.cacheDir : null,
    cacheAnyEndpoint: args.cacheAnyEndpoint,
    maxCost: args.maxCost ?? null,
    maxRequests: args.maxRequests ?? null,
    maxAnswerBytes: args.maxAnswerMb * 1024 * 1024,
    video: {
      pollIntervalMs: args.videoPollInterval * 1000,
      maxPollIntervalMs: Math.max(args.videoPollInterval * 1000, 60_000),
      deadlineMs: args.videoDeadline * 1000,
      pollConcurrency: args.videoPollConcurrency,
      download: args.download,
    },
    argv: options.argv,
    settings: { args: settingsOf(args, options.explicit) },
    toolVersion: options.toolVersion,
    shard: parseShardFlag(args.shard) ?? null,
  };
}

/**
 * The flags given for this run, kept in run.json so `--resume` rebuilds the
 * very same requests (defaults are left out: they come back by themselves).
 * No secret is ever a flag.
 */
function settingsOf(args: EvalArgs, explicit: Set<string>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (!explicit.has(key) || value === undefined || key === 'resume' || key === 'out') continue;
    kept[key] = value;
  }
  return kept;
}
