import { existsSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { FieldMapping } from '../dataset/sample.js';
import { openaiChatCodec } from '../protocols/openai-chat/index.js';
import { DEFAULT_RETRY_POLICY } from '../run/retry-policy.js';
import type { RunConfig } from '../run/run-eval.js';
import type { ModelTarget, RequestParams } from '../run/target.js';
import { DEFAULT_TIMEOUTS } from '../run/transport.js';
import { guessVendor } from './vendor.js';

/** The parsed `eval` flags (yargs camel-cases them). */
export interface EvalArgs {
  models?: string | string[];
  dataset?: string[];
  concurrency: number;
  limit?: number;
  repeat: number;
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
  timeout: number;
  maxErrorRate: number;
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

function requireInteger(flag: string, value: number | undefined, minimum: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigError(`--${flag} must be a whole number of at least ${minimum}, got ${String(value)}.`);
  }
}

/** Checks flags that do not depend on files; throws ConfigError naming the flag. */
export function validateEvalArgs(args: EvalArgs): void {
  if (parseModelList(args.models).length === 0) throw new ConfigError('--models is required: a comma-separated list, e.g. --models qwen3-max,deepseek-chat.');
  if (!args.dataset || args.dataset.length === 0) throw new ConfigError('--dataset is required: one or more .csv or .jsonl files.');
  requireInteger('concurrency', args.concurrency, 1);
  requireInteger('limit', args.limit, 1);
  requireInteger('repeat', args.repeat, 1);
  requireInteger('max-tokens', args.maxTokens, 1);
  requireInteger('retries', args.retries, 0);
  if (args.temperature !== undefined && !(args.temperature >= 0 && args.temperature <= 2)) {
    throw new ConfigError(`--temperature must be between 0 and 2, got ${String(args.temperature)}.`);
  }
  if (!(args.timeout > 0)) throw new ConfigError(`--timeout must be a positive number of seconds, got ${String(args.timeout)}.`);
  if (!(args.maxErrorRate >= 0 && args.maxErrorRate <= 1)) {
    throw new ConfigError(`--max-error-rate must be a fraction between 0 and 1, got ${String(args.maxErrorRate)}.`);
  }
  for (const file of args.dataset) {
    if (!existsSync(file)) throw new ConfigError(`--dataset ${file}: no such file. Check the path (it is relative to ${process.cwd()}).`);
    if (!statSync(file).isFile()) throw new ConfigError(`--dataset ${file}: not a file.`);
  }
  if (args.baseUrl !== undefined) checkBaseUrl('--base-url', args.baseUrl);
}

/** Throws unless `value` is an http(s) URL. */
export function checkBaseUrl(source: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${source} is not a URL: '${value}'. Expected something like https://api.mixrouter.com/v1.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${source} must be an http(s) URL, got '${value}'.`);
  }
}

/** `results/<timestamp>-<dataset-name>` for the first dataset. */
export function defaultOutDir(datasets: string[], now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const name = basename(datasets[0], extname(datasets[0])).replace(/[^\w.-]+/g, '_');
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

/** Builds the run configuration from validated flags and the resolved gateway. */
export function buildRunConfig(options: {
  args: EvalArgs;
  apiKey: string;
  baseUrl: string;
  argv: string[];
  toolVersion: string;
}): RunConfig {
  const { args } = options;
  const params: RequestParams = {
    stream: args.stream,
    ...(args.system !== undefined ? { system: args.system } : {}),
    ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
    ...(args.maxTokens !== undefined ? { maxOutputTokens: args.maxTokens } : {}),
  };
  const targets: ModelTarget[] = parseModelList(args.models).map((name) => ({
    name,
    modelId: name,
    format: 'openai-chat',
    vendor: guessVendor(name),
    codec: openaiChatCodec,
    endpoint: { baseUrl: options.baseUrl, auth: 'bearer' },
    params,
    limits: {},
  }));
  const datasets = args.dataset ?? [];
  return {
    datasets,
    mapping: mappingFromArgs(args),
    limit: args.limit,
    targets,
    concurrency: args.concurrency,
    repeat: args.repeat,
    outDir: args.out ?? defaultOutDir(datasets),
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    simulated: args.simulate,
    timeouts: { ...DEFAULT_TIMEOUTS, totalMs: args.timeout * 1000 },
    retry: { ...DEFAULT_RETRY_POLICY, retries: args.retries },
    retryErrors: false,
    stopAfterAuthFailures: 3,
    argv: options.argv,
    settings: {
      models: parseModelList(args.models),
      datasets,
      concurrency: args.concurrency,
      limit: args.limit ?? null,
      repeat: args.repeat,
      mapping: mappingFromArgs(args),
      params,
      retries: args.retries,
      timeout_s: args.timeout,
      max_error_rate: args.maxErrorRate,
    },
    toolVersion: options.toolVersion,
  };
}
