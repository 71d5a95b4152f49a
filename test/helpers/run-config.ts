import { openaiChatCodec } from '../../src/protocols/openai-chat/index.js';
import type { Vendor } from '../../src/protocols/types.js';
import { DEFAULT_RETRY_POLICY } from '../../src/run/retry-policy.js';
import type { RunConfig, RunControls } from '../../src/run/run-eval.js';
import type { ModelTarget, RequestParams } from '../../src/run/target.js';
import { DEFAULT_TIMEOUTS } from '../../src/run/transport.js';

/** A chat target on a base URL, for runner tests. */
export function chatTarget(options: {
  model: string;
  baseUrl: string;
  vendor?: Vendor;
  params?: Partial<RequestParams>;
}): ModelTarget {
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

/** A run configuration with test-friendly defaults: short back-off, short timeouts, no cache. */
export function testRunConfig(
  options: Partial<RunConfig> & Pick<RunConfig, 'datasets' | 'targets' | 'outDir' | 'apiKey' | 'baseUrl'>,
): RunConfig {
  return {
    mapping: {},
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
    scoring: { scorers: [], rowScorers: { cwd: process.cwd() }, concurrency: 4 },
    video: { pollIntervalMs: 20, maxPollIntervalMs: 100, deadlineMs: 30_000, pollConcurrency: 4, download: false },
    argv: [],
    settings: {},
    toolVersion: 'test',
    ...options,
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
