import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { readDataset, scanDataset } from '../dataset/read-dataset.js';
import type { DatasetScan, FieldMapping, Sample } from '../dataset/sample.js';
import { ResultsWriter } from '../results/append-results.js';
import { latestRecords } from '../results/latest-records.js';
import { writeManifest, type RunManifest } from '../results/manifest.js';
import { readResults } from '../results/read-results.js';
import type { ResultRecord } from '../results/result-record.js';
import { writeResultsCsv } from '../results/write-csv.js';
import { summarize, type ModelSummary } from '../report/summarize.js';
import { KeySet } from '../util/key-set.js';
import { sleep } from '../util/sleep.js';
import { Lane } from './lane.js';
import { Progress, type ProgressOutput } from './progress.js';
import type { RetryPolicy } from './retry-policy.js';
import { runLane } from './run-lane.js';
import { SampleWindow } from './sample-window.js';
import type { ModelTarget } from './target.js';
import { createAgent, type Timeouts } from './transport.js';

/** Everything a run needs, validated by the CLI before any request is sent. */
export interface RunConfig {
  datasets: string[];
  mapping: FieldMapping;
  limit?: number;
  targets: ModelTarget[];
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
  argv: string[];
  settings: Record<string, unknown>;
  toolVersion: string;
}

/** How a run ended. */
export interface RunOutcome {
  outDir: string;
  manifest: RunManifest;
  summaries: ModelSummary[];
  interrupted: boolean;
  /** Models stopped early, with the reason. */
  stopped: Array<{ model: string; reason: string }>;
}

/** Signals the CLI hands in: stop scheduling (first Ctrl-C) and cancel in-flight requests. */
export interface RunControls {
  stopScheduling: AbortSignal;
  cancelInFlight: AbortSignal;
  progressOutput: ProgressOutput;
  log: (line: string) => void;
}

/** dataset → plan → run → results.jsonl, then results.csv, run.json and the summary. */
export async function runEval(config: RunConfig, controls: RunControls): Promise<RunOutcome> {
  const scans: DatasetScan[] = [];
  for (const file of config.datasets) scans.push(await scanDataset({ file, mapping: config.mapping, limit: config.limit }));
  mkdirSync(config.outDir, { recursive: true });
  const resultsPath = join(config.outDir, 'results.jsonl');
  const done = existsSync(resultsPath) ? await readDoneKeys(resultsPath, config.retryErrors) : null;
  const rows = scans.reduce((sum, scan) => sum + scan.rows, 0);
  const planned = rows * config.repeat;
  const manifest = startManifest(config, scans, planned);
  writeManifest(config.outDir, manifest);

  const writer = new ResultsWriter(resultsPath, config.apiKey);
  const lanes = config.targets.map((target) => new Lane(target, config.concurrency));
  const progress = new Progress(controls.progressOutput, new Map(lanes.map((lane) => [lane.target.name, planned])));
  const agent = createAgent({ connections: config.concurrency, timeouts: config.timeouts });
  const environment = {
    agent,
    apiKey: config.apiKey,
    timeouts: config.timeouts,
    policy: config.retry,
    limit: pLimit(config.concurrency),
    stopScheduling: controls.stopScheduling,
    cancelInFlight: controls.cancelInFlight,
    random: Math.random,
    sleep,
  };
  const authFailures = new Map<string, { failures: number; sawSuccess: boolean }>();
  const crashes: unknown[] = [];
  const onRecord = (record: ResultRecord): void => {
    writer.append(record);
    progress.record(record.model, record.status === 'ok');
    manifest.counts.written += 1;
    manifest.counts[record.status === 'ok' ? 'ok' : 'errors'] += 1;
    watchAuthFailures({ record, lanes, authFailures, config, manifest, log: controls.log });
  };
  const window = new SampleWindow(
    streamSamples(config)[Symbol.asyncIterator](),
    Math.max(1_000, config.concurrency * 4),
    lanes.map((lane) => lane.target.name),
  );
  progress.start();
  try {
    await Promise.all(
      lanes.map((lane) =>
        runLane({
          lane,
          window,
          environment,
          repeat: config.repeat,
          done,
          hooks: {
            onRecord,
            onSkip: () => {
              progress.record(lane.target.name, true);
              manifest.counts.already_done += 1;
            },
            onCrash: (error) => crashes.push(error),
          },
        }),
      ),
    );
  } finally {
    progress.stop();
    writer.close();
    await agent.close().catch(() => undefined);
  }
  if (crashes.length > 0) throw crashes[0];

  await writeResultsCsv(join(config.outDir, 'results.csv'), latestRecords(resultsPath));
  const summaries = await summarize(latestRecords(resultsPath), config.targets.map((target) => target.name));
  const interrupted = controls.stopScheduling.aborted;
  manifest.status = interrupted ? 'interrupted' : 'completed';
  manifest.ended_at = new Date().toISOString();
  const cpu = process.cpuUsage();
  manifest.cpu_ms = Math.round((cpu.user + cpu.system) / 1000);
  writeManifest(config.outDir, manifest);
  const stopped = lanes
    .filter((lane) => lane.stoppedReason !== null)
    .map((lane) => ({ model: lane.target.name, reason: lane.stoppedReason as string }));
  return { outDir: config.outDir, manifest, summaries, interrupted, stopped };
}

async function* streamSamples(config: RunConfig): AsyncGenerator<Sample> {
  for (const file of config.datasets) yield* readDataset({ file, mapping: config.mapping, limit: config.limit });
}

/** Keys already finished in an earlier run of this folder (errors too, unless they are to be redone). */
async function readDoneKeys(path: string, retryErrors: boolean): Promise<KeySet> {
  const finished = new KeySet();
  for await (const record of readResults(path)) {
    if (record.status === 'ok' || !retryErrors) finished.add(record.key);
  }
  return finished;
}

function startManifest(config: RunConfig, scans: DatasetScan[], planned: number): RunManifest {
  return {
    tool: { name: 'mixrouter-eval', version: config.toolVersion },
    simulated: config.simulated,
    argv: config.argv,
    settings: config.settings,
    datasets: scans.map((scan) => ({ path: scan.file, sha256: scan.sha256, rows: scan.rows, format: scan.format })),
    base_url: config.baseUrl,
    models: config.targets.map((target) => ({
      name: target.name,
      model_id: target.modelId,
      format: target.format,
      vendor: target.vendor,
      base_url: target.endpoint.baseUrl,
      params: target.params,
    })),
    status: 'running',
    started_at: new Date().toISOString(),
    ended_at: null,
    counts: { planned: planned * config.targets.length, already_done: 0, written: 0, ok: 0, errors: 0 },
    events: [],
  };
}

/**
 * Stops a model whose first requests all failed with auth or quota errors:
 * one clear message instead of a thousand identical error rows.
 */
function watchAuthFailures(options: {
  record: ResultRecord;
  lanes: Lane[];
  authFailures: Map<string, { failures: number; sawSuccess: boolean }>;
  config: RunConfig;
  manifest: RunManifest;
  log: (line: string) => void;
}): void {
  const { record } = options;
  const state = options.authFailures.get(record.model) ?? { failures: 0, sawSuccess: false };
  options.authFailures.set(record.model, state);
  const kind = record.error?.kind;
  if (kind !== 'auth' && kind !== 'quota') {
    state.sawSuccess = true;
    return;
  }
  if (state.sawSuccess) return;
  state.failures += 1;
  const lane = options.lanes.find((candidate) => candidate.target.name === record.model);
  if (!lane || lane.stoppedReason !== null || state.failures < options.config.stopAfterAuthFailures) return;
  lane.stoppedReason = `its first ${state.failures} requests failed with ${kind} errors: ${record.error?.message ?? ''}`;
  options.manifest.events.push({ at: new Date().toISOString(), type: 'model-stopped', detail: `${record.model}: ${lane.stoppedReason}` });
  options.log(`Stopped model ${record.model}: ${lane.stoppedReason}`);
}
