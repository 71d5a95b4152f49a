import { existsSync, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { gatewayBaseUrl } from './base-url.js';
import type { RateLimits } from '../settings/limits.js';
import { parseLimitFlag } from './limit-flag.js';

/** The parsed `eval` flags (yargs camel-cases them). */
export interface EvalArgs {
  models?: string | string[];
  dataset?: string[];
  /** Built-in suite names, subsets (`cmmlu:stem`) or suite files. */
  suite?: string[];
  /** Few-shot exemplars per item for the suites (default: each suite's own). */
  shots?: number;
  /** Columns to break scores down by (repeatable, comma-separated). */
  groupBy?: string[];
  /** Column whose rows form clusters for clustered standard errors. */
  clusterBy?: string;
  config?: string;
  concurrency: number;
  /** Row limit and per-model limits, as given to `--limit`. */
  limit?: string[];
  repeat: number;
  /** `--shard i/n` or `auto/n` as given (the CLI turns auto/n into i/n before anything else). */
  shard?: string;
  out?: string;
  simulate: boolean;
  baseUrl?: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
  stream: boolean;
  inputField?: string;
  expectedField?: string;
  expectedPattern?: string;
  idField?: string;
  prompt?: string;
  retries: number;
  retryTime: number;
  timeout: number;
  connectTimeout: number;
  firstByteTimeout: number;
  stallTimeout: number;
  maxErrorRate: number;
  resume?: string;
  retryErrors: boolean;
  cache: boolean;
  cacheDir: string;
  cacheAnyEndpoint: boolean;
  maxCost?: number;
  maxRequests?: number;
  maxAnswerMb: number;
  dryRun: boolean;
  checkModels: boolean;
  baseline?: string;
  minScore?: number;
  /** `--max-drop` values as given: `N`, `GROUP=N` or `*=N` (see `parseMaxDrop`). */
  maxDrop?: string[];
  alpha: number;
  download: boolean;
  videoDuration?: number;
  videoResolution?: string;
  videoRatio?: string;
  videoDeadline: number;
  videoPollInterval: number;
  videoPollConcurrency: number;
  videoPollPath?: string;
  scorer?: string[];
  /** Let a dataset's `scorer` column name any scorer (custom modules, schema files, judges). */
  allowDatasetScorers: boolean;
  passThreshold?: number;
  judgeModel?: string;
  rubric?: string;
}

/** Splits `--models a,b --models c` into unique names, in order. */
export function parseModelList(value: string | string[] | undefined): string[] {
  const names = [value ?? []]
    .flat()
    .flatMap((entry) => entry.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

/** The row limit and the per-model limits from all `--limit` values. */
export function parseLimits(values: string[] | undefined): {
  rows: number | undefined;
  models: Map<string, RateLimits>;
} {
  let rows: number | undefined;
  const models = new Map<string, RateLimits>();
  for (const value of values ?? []) {
    const parsed = parseLimitFlag(String(value));
    if ('rows' in parsed) rows = parsed.rows;
    else models.set(parsed.model, { ...models.get(parsed.model), ...parsed.limits });
  }
  return { rows, models };
}

function requireInteger(flag: string, value: number | undefined, minimum: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigError(`--${flag} must be a whole number of at least ${minimum}, got ${String(value)}.`);
  }
}

function requirePositive(flag: string, value: number | undefined): void {
  if (value !== undefined && !(value > 0))
    throw new ConfigError(`--${flag} must be a positive number, got ${String(value)}.`);
}

/** Checks flags that do not depend on the network; throws ConfigError naming the flag. */
export function validateEvalArgs(args: EvalArgs, options: { modelsFromConfig: boolean }): void {
  if (parseModelList(args.models).length === 0 && !options.modelsFromConfig) {
    throw new ConfigError(
      '--models is required: a comma-separated list, e.g. --models qwen3-max,deepseek-chat (or a --config file with models).',
    );
  }
  requireInteger('shots', args.shots, 0);
  if (args.shots !== undefined && (args.suite ?? []).length === 0 && (args.dataset ?? []).length > 0) {
    throw new ConfigError(
      '--shots sets the few-shot exemplars of a suite, and this run has none: add --suite <name>, or write the exemplars into your prompt.',
    );
  }
  if (args.clusterBy !== undefined && args.clusterBy.trim() === '') {
    throw new ConfigError('--cluster-by needs a column name, e.g. --cluster-by subject.');
  }
  requireInteger('concurrency', args.concurrency, 1);
  requireInteger('repeat', args.repeat, 1);
  requireInteger('max-tokens', args.maxTokens, 1);
  requireInteger('retries', args.retries, 0);
  requireInteger('max-requests', args.maxRequests, 1);
  parseLimits(args.limit);
  if (args.temperature !== undefined && !(args.temperature >= 0 && args.temperature <= 2)) {
    throw new ConfigError(`--temperature must be between 0 and 2, got ${String(args.temperature)}.`);
  }
  for (const flag of ['timeout', 'connect-timeout', 'first-byte-timeout', 'stall-timeout', 'retry-time'] as const) {
    const key = flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as keyof EvalArgs;
    requirePositive(flag, args[key] as number | undefined);
  }
  requirePositive('max-cost', args.maxCost);
  requirePositive('max-answer-mb', args.maxAnswerMb);
  requirePositive('video-deadline', args.videoDeadline);
  requirePositive('video-poll-interval', args.videoPollInterval);
  requireInteger('video-poll-concurrency', args.videoPollConcurrency, 1);
  if (!(args.maxErrorRate >= 0 && args.maxErrorRate <= 1)) {
    throw new ConfigError(`--max-error-rate must be a fraction between 0 and 1, got ${String(args.maxErrorRate)}.`);
  }
  for (const file of args.dataset ?? []) {
    if (!existsSync(file))
      throw new ConfigError(`--dataset ${file}: no such file. Check the path (it is relative to ${process.cwd()}).`);
    if (!statSync(file).isFile()) throw new ConfigError(`--dataset ${file}: not a file.`);
  }
  if (args.baseUrl !== undefined) gatewayBaseUrl('--base-url', args.baseUrl);
  if (args.simulate && args.baseUrl !== undefined) {
    throw new ConfigError('--simulate starts its own gateway, so --base-url would be ignored. Give one of them.');
  }
  if (args.retryErrors && args.resume === undefined) {
    throw new ConfigError(
      '--retry-errors redoes the error rows of an earlier run: give it with --resume <run folder>.',
    );
  }
}
