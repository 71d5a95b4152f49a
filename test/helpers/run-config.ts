import { openaiChatCodec } from '../../src/protocols/openai-chat/index.js';
import type { Vendor } from '../../src/protocols/types.js';
import { DEFAULT_RETRY_POLICY } from '../../src/settings/retry-policy.js';
import { type RunOutputsResult, RunOutputs, type RunScoring } from '../../src/outputs/run-outputs.js';
import { scanRunDatasets } from '../../src/run/run-datasets.js';
import { type RunControls, type RunOutcome, runEval } from '../../src/run/run-eval.js';
import type { GenerationTarget } from '../../src/settings/model-target.js';
import type { RequestParams } from '../../src/settings/request-params.js';
import type { FieldMapping } from '../../src/dataset/sample.js';
import { DEFAULT_MAX_ANSWER_MB, type RunConfig, type RunDataset } from '../../src/settings/run-config.js';
import { DEFAULT_TIMEOUTS } from '../../src/settings/timeouts.js';

/** A chat target on a base URL, for runner tests. */
export function chatTarget(options: {
  model: string;
  baseUrl: string;
  vendor?: Vendor;
  params?: Partial<RequestParams>;
}): GenerationTarget {
  return {
    name: options.model,
    modelId: options.model,
    format: 'openai-chat',
    vendor: options.vendor ?? 'other',
    codec: openaiChatCodec,
    endpoint: { baseUrl: options.baseUrl, auth: 'bearer' },
    params: { stream: false, ...options.params },
    limits: {},
    price: null,
  };
}

/**
 * A run configuration with test-friendly defaults: short back-off, short timeouts, no cache.
 * A dataset given as a path gets `mapping` (default: none).
 */
export function testRunConfig(
  options: Omit<Partial<RunConfig>, 'datasets'> &
    Pick<RunConfig, 'targets' | 'outDir' | 'apiKey' | 'baseUrl'> & {
      datasets: Array<string | RunDataset>;
      mapping?: FieldMapping;
    },
): RunConfig {
  const { datasets, mapping = {}, ...rest } = options;
  return {
    suites: [],
    analysis: { groupBy: [], clusterBy: null },
    groups: {},
    concurrency: 8,
    repeat: 1,
    simulated: true,
    timeouts: { ...DEFAULT_TIMEOUTS, firstByteMs: 5_000, stallMs: 1_000, totalMs: 10_000 },
    retry: { ...DEFAULT_RETRY_POLICY, retries: 8, baseDelayMs: 5, rateLimitBaseDelayMs: 5, maxDelayMs: 50 },
    retryErrors: false,
    stopAfterAuthFailures: 3,
    cacheDir: null,
    cacheAnyEndpoint: false,
    maxCost: null,
    maxRequests: null,
    maxAnswerBytes: DEFAULT_MAX_ANSWER_MB * 1024 * 1024,
    video: { pollIntervalMs: 20, maxPollIntervalMs: 100, deadlineMs: 30_000, pollConcurrency: 4, download: false },
    argv: [],
    settings: {},
    toolVersion: 'test',
    ...rest,
    datasets: datasets.map((dataset) => (typeof dataset === 'string' ? { file: dataset, mapping } : dataset)),
  };
}

/** Controls that never interrupt, with progress and logs swallowed (or collected). */
export function quietControls(log: string[] = []): RunControls {
  return {
    stopScheduling: new AbortController().signal,
    cancelInFlight: new AbortController().signal,
    progressOutput: { write: () => true, isTTY: false },
    log: (line) => log.push(line),
  };
}

/**
 * Runs `config` into the outputs an `eval` composes (results.csv, scores.jsonl and
 * the summary; the reports only with `reports: true`), and returns the run's outcome
 * with what the outputs made.
 */
export async function runWithOutputs(
  config: RunConfig,
  controls: RunControls,
  options: { scoring?: Partial<RunScoring>; reports?: boolean } = {},
): Promise<RunOutcome & RunOutputsResult> {
  const outputs = new RunOutputs({
    scoring: { scorers: [], rowScorers: { cwd: process.cwd() }, concurrency: 4, ...options.scoring },
    modelOrder: config.targets.map((target) => target.name),
    repeats: config.repeat,
    simulated: config.simulated,
    analysis: config.analysis,
    reportRequest: options.reports ? (run) => ({ run }) : null,
    log: controls.log,
  });
  try {
    const outcome = await runEval(config, controls, outputs, await scanRunDatasets(config));
    return { ...outcome, ...outputs.result };
  } finally {
    outputs.release();
  }
}
