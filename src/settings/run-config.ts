import type { FieldMapping } from '../dataset/sample.js';
import type { RateLimits } from './limits.js';
import type { ModelTarget } from './model-target.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Timeouts } from './timeouts.js';
import type { ManifestSuite } from '../results/manifest.js';

/** `--max-answer-mb` by default: far beyond any text answer, well within a run's 256 MB heap. */
export const DEFAULT_MAX_ANSWER_MB = 32;

/** How video tasks are polled and whether their files are downloaded. */
export interface VideoPolling {
  /** First wait between polls; grows by half each time up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** A task still unfinished this long after its submit is recorded as timed out. */
  deadlineMs: number;
  /** Polls in flight at once, across all video models (separate from submissions). */
  pollConcurrency: number;
  /** Download finished videos into `<run>/videos/`. */
  download: boolean;
}

/** One dataset file of a run and how its columns map onto samples. */
export interface RunDataset {
  file: string;
  mapping: FieldMapping;
}

/** A built-in or user suite a run asked for, as materialized into the run folder: what run.json keeps of it. */
export type RunSuite = ManifestSuite;

/** How the reports break scores down: group columns, and the column whose rows are clustered. */
export interface AnalysisSettings {
  /** Columns to break scores down by, the first being the top level (e.g. category, then subject). */
  groupBy: string[];
  /** Rows sharing this column's value are one cluster for clustered standard errors; null for none. */
  clusterBy: string | null;
}

/** This process's share of a sharded run (`--shard i/n`): 0-based index and the number of shards. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Everything a run needs, validated by the CLI before any request is sent. */
export interface RunConfig {
  datasets: RunDataset[];
  /** The suites among `datasets`. */
  suites: RunSuite[];
  analysis: AnalysisSettings;
  limit?: number;
  targets: ModelTarget[];
  /** Limits of budget groups that several models share (from the config file). */
  groups: Record<string, RateLimits>;
  concurrency: number;
  repeat: number;
  outDir: string;
  apiKey: string;
  baseUrl: string;
  simulated: boolean;
  timeouts: Timeouts;
  retry: RetryPolicy;
  /** Redo rows whose final record is an error when resuming. */
  retryErrors: boolean;
  /** Stop a model after this many first requests all failed with auth or quota errors. */
  stopAfterAuthFailures: number;
  /** Folder of the response cache, or null to send every request. Never used when `simulated`. */
  cacheDir: string | null;
  /** `--cache-any-endpoint`: one cache entry serves a request whatever gateway it goes to. */
  cacheAnyEndpoint: boolean;
  maxCost: number | null;
  maxRequests: number | null;
  /** The largest response body read, in bytes (`--max-answer-mb`); a larger answer is a `too-large` error row. */
  maxAnswerBytes: number;
  video: VideoPolling;
  /** The command line (key masked), kept in run.json. */
  argv: string[];
  /** The flags that rebuild this run on `--resume`, kept in run.json. */
  settings: Record<string, unknown>;
  toolVersion: string;
  /** The shard this process runs (`--shard`); absent or null for the whole run. */
  shard?: ShardSpec | null;
  /** The run's fingerprint (`run/fingerprint.ts`), kept in run.json; absent when not computed. */
  fingerprint?: string;
}
