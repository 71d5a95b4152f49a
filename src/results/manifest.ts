import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, WriteError } from '../errors.js';

/** One dataset of a run, as it was when the run started. */
export interface ManifestDataset {
  path: string;
  sha256: string;
  rows: number;
  format: 'csv' | 'jsonl';
}

/** A suite a run asked for (its materialized file is among the datasets). */
export interface ManifestSuite {
  /** As asked, e.g. `cmmlu:stem`. */
  name: string;
  /** The suite's own name and version (the version is part of every item key). */
  suite: string;
  version: string;
  shots: number;
  /** Subjects kept, or null for all. */
  subset: string[] | null;
  rows: number;
  /** The materialized JSONL in the run folder. */
  file: string;
  sha256: string;
  licence: string;
}

/** The rate a model (or budget group) was held to, and how it moved. */
export interface ManifestRateLimit {
  /** The model, or the budget group its models share. */
  name: string;
  /** Requests and tokens per minute told by `--limit` or the config; null when not told. */
  told_rpm: number | null;
  told_tpm: number | null;
  /** The requests per minute it ended at when learned from the gateway; null when never learned. */
  learned_rpm: number | null;
  /** Every change of the learned rate. */
  changes: Array<{ at: string; rpm: number; reason: string }>;
}

/** One model of a run. */
export interface ManifestModel {
  name: string;
  model_id: string;
  format: string;
  vendor: string;
  base_url: string;
  params: unknown;
  /**
   * What the model's requests carry besides the prompt, as actually sent (a temperature a
   * model rejects left out, a thinking budget sent as an effort, a raised cap), and one
   * note per such change. Absent in runs written before it was recorded.
   */
  effective?: { request: Record<string, unknown>; notes: string[] };
}

/** `run.json`: what was run, against what, when, and how it ended. Never holds a secret. */
export interface RunManifest {
  tool: { name: string; version: string };
  /** True when the answers came from the built-in simulated gateway. */
  simulated: boolean;
  /** The command line, with secrets removed. */
  argv: string[];
  /** The settings the run used (flags after defaults), enough to resume it. */
  settings: Record<string, unknown>;
  datasets: ManifestDataset[];
  /** The suites among the datasets; absent in runs written before suites existed. */
  suites?: ManifestSuite[];
  /**
   * How the reports break scores down: the group columns (first = top level) and the
   * cluster column; absent in earlier runs (no breakdown).
   */
  analysis?: { group_by: string[]; cluster_by: string | null };
  /**
   * This folder's share of a sharded run (`--shard i/n`): its 0-based index and the count; absent
   * for an unsharded run.
   */
  shard?: { index: number; count: number };
  /**
   * Hash of what makes the rows of the run comparable (datasets and their sha256, suites and
   * versions, models and parameters, scorers), the same in every shard of one run; absent in
   * runs written before it was recorded.
   */
  fingerprint?: string;
  /**
   * A folder made by `merge`: the shard count, each shard merged (index, folder, status, rows)
   * and the shards missing (`--allow-missing`); absent in a folder written by `eval`.
   */
  merged?: {
    count: number;
    shards: Array<{ index: number; folder: string; status: RunManifest['status']; rows: number }>;
    missing: number[];
  };
  base_url: string;
  models: ManifestModel[];
  status: 'running' | 'completed' | 'interrupted' | 'budget-reached' | 'failed';
  started_at: string;
  ended_at: string | null;
  counts: {
    planned: number;
    already_done: number;
    written: number;
    ok: number;
    errors: number;
  };
  /** Notable events: models stopped early, concurrency changes, resumes. */
  events: Array<{ at: string; type: string; detail: string }>;
  /**
   * Per model (and budget group): the request rate it was held to, told (`--limit`, config) or
   * learned from 429s and `x-ratelimit-*` headers, with every change; absent in runs written
   * before it was recorded.
   */
  rate_limits?: ManifestRateLimit[];
  /** CPU time the runner process used, in milliseconds. */
  cpu_ms?: number;
  /** Peak resident memory of the runner process, in MB. */
  peak_rss_mb?: number;
  /** Cost of the rows this run sent (cache hits excluded), in USD. */
  spent_usd?: number;
}

/** Writes run.json atomically (temp file + rename), so a crash never leaves half a manifest. */
export function writeManifest(folder: string, manifest: RunManifest): void {
  const path = join(folder, 'run.json');
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    throw new WriteError({
      path,
      cause: error,
      exitCode: ExitCode.checkpointWrite,
      advice: 'results.jsonl holds every finished row; free space, then resume the run.',
    });
  }
}

export function readManifest(folder: string): RunManifest {
  return JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunManifest;
}
