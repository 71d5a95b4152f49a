import { rateLimitEntries, recordRateChange } from './rate-record.js';
import { setMaxListeners } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WriteError } from '../errors.js';
import { ResultsWriter } from '../results/append-results.js';
import { type RunManifest, writeManifest } from '../results/manifest.js';
import type { ResultRecord } from '../results/result-record.js';
import type { RunSink } from '../results/run-sink.js';
import type { RunConfig } from '../settings/run-config.js';
import { sleep } from '../util/sleep.js';
import { RunBudget } from './budget.js';
import { createLanes } from './create-lanes.js';
import { GlobalLimit } from './global-limit.js';
import type { JobEnvironment } from './job.js';
import { Progress, type ProgressOutput } from './progress.js';
import { ResponseCache } from './response-cache.js';
import type { RunDatasets } from './run-datasets.js';
import { acquireRunLock } from './run-lock.js';
import { event, readEarlierRun, repeatedIdsWarning, startManifest } from './run-manifest.js';
import { runLane } from './run-lane.js';
import { SampleWindow } from './sample-window.js';
import { Semaphore } from './semaphore.js';
import { createAgent } from './transport.js';
import { AuthFailureWatch } from './watch-auth-failures.js';

/** How a run ended. */
export interface RunOutcome {
  outDir: string;
  manifest: RunManifest;
  interrupted: boolean;
  /** Why scheduling stopped before the end (a budget), or null. */
  budgetStop: string | null;
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

/**
 * plan → run → results.jsonl and run.json, for datasets already scanned (`scanRunDatasets`:
 * every row checked before anything is sent, which the caller may check further). Every final record also goes
 * to `sink`, which is told when the run starts and ends; the run knows nothing of
 * what the sink makes of them.
 */
export async function runEval(
  config: RunConfig,
  controls: RunControls,
  sink: RunSink,
  datasets: RunDatasets,
): Promise<RunOutcome> {
  mkdirSync(config.outDir, { recursive: true });
  // One process per run folder: a second one would send the same rows and interleave their lines.
  const lock = await acquireRunLock(config.outDir, { log: controls.log });
  if (lock.tookOver) controls.log(`Note: ${lock.tookOver}.`);
  try {
    return await runLocked({ config, controls, sink, datasets });
  } finally {
    lock.release();
  }
}

async function runLocked(options: {
  config: RunConfig;
  controls: RunControls;
  sink: RunSink;
  datasets: RunDatasets;
}): Promise<RunOutcome> {
  const { config, controls, sink, datasets } = options;
  const { scans } = datasets;
  // A failed write of results.jsonl stops the run at once: no new work, in-flight requests cancelled.
  const halt = new AbortController();
  const stopScheduling = AbortSignal.any([controls.stopScheduling, halt.signal]);
  const cancelInFlight = AbortSignal.any([controls.cancelInFlight, halt.signal]);
  // Every waiting job listens to these two signals (and unhooks when done).
  setMaxListeners(0, stopScheduling, cancelInFlight);
  const resultsPath = join(config.outDir, 'results.jsonl');
  const earlier = existsSync(resultsPath) ? await readEarlierRun(resultsPath, config.retryErrors) : null;
  const done = earlier?.done ?? null;
  const planned = datasets.rows * config.repeat;
  const manifest = startManifest(config, scans, planned);
  if (earlier) {
    const detail = `${earlier.done.size} keys already finished, ${earlier.pending.size} video tasks still pending in ${resultsPath}`;
    manifest.events.push(event('resume', detail));
  }
  for (const scan of scans) {
    const warning = repeatedIdsWarning(scan);
    if (warning === null) continue;
    controls.log(warning);
    manifest.events.push(event('repeated-ids', warning));
  }
  writeManifest(config.outDir, manifest);

  let writeFailure: WriteError | null = null;
  let closeError: unknown;
  // A group-committed write that fails after its records were handed on halts the run like one that fails at once.
  const onWriteFailure = (error: WriteError): void => {
    writeFailure ??= error;
    halt.abort(error);
  };
  const writer = new ResultsWriter(resultsPath, config.apiKey, onWriteFailure);
  sink.start({ outDir: config.outDir, plannedRows: manifest.counts.planned, resumed: earlier !== null });
  const rates = rateLimitEntries(config);
  manifest.rate_limits = [...rates.values()];
  const lanes = createLanes({
    targets: config.targets,
    groups: config.groups,
    globalConcurrency: config.concurrency,
    onChange: (change) => {
      const detail = `${change.model}: concurrency ${change.from} → ${change.to} (${change.reason})`;
      manifest.events.push(event('concurrency', detail));
    },
    onRateChange: (change) => recordRateChange(rates, change),
  });
  const progress = new Progress(controls.progressOutput, new Map(lanes.map((lane) => [lane.target.name, planned])), {
    pausedUntil: (model) => lanes.find((lane) => lane.target.name === model)?.pausedUntilMs() ?? null,
  });
  const agent = createAgent({ connections: config.concurrency, timeouts: config.timeouts });
  const budget = new RunBudget({ maxCost: config.maxCost, maxRequests: config.maxRequests });
  const environment: JobEnvironment = {
    agent,
    apiKey: config.apiKey,
    timeouts: config.timeouts,
    policy: config.retry,
    limit: new GlobalLimit(config.concurrency),
    stopScheduling,
    cancelInFlight,
    random: Math.random,
    sleep,
    cache: openCache(config),
    cacheAnyEndpoint: config.cacheAnyEndpoint,
    maxAnswerBytes: config.maxAnswerBytes,
  };
  if (environment.cache?.hasOldEntries) {
    controls.log(
      `The response cache ${config.cacheDir} holds entries from an older key scheme (without the endpoint); ` +
        'they are not reused. Delete its two-letter folders to reclaim the space.',
    );
  }
  const authWatch = new AuthFailureWatch(config.stopAfterAuthFailures);
  const crashes: unknown[] = [];
  /** The record as written, or null once results.jsonl could not be written (the run is then halted). */
  const append = (record: ResultRecord): ResultRecord | null => {
    if (writeFailure) return null;
    try {
      return writer.append(record);
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      onWriteFailure(error);
      return null;
    }
  };
  const onRecord = (record: ResultRecord): void => {
    const written = append(record);
    if (!written) return;
    sink.record(written);
    progress.record(record.model, record.status === 'ok');
    manifest.counts.written += 1;
    manifest.counts[record.status === 'ok' ? 'ok' : 'errors'] += 1;
    if (record.cached) budget.uncountRequest();
    else budget.addCost(record.cost_usd);
    const stopped = authWatch.observe(
      record,
      lanes.find((lane) => lane.target.name === record.model),
    );
    if (stopped) {
      manifest.events.push(event('model-stopped', `${record.model}: ${stopped}`));
      controls.log(`Stopped model ${record.model}: ${stopped}`);
    }
  };
  const window = new SampleWindow(
    datasets.samples()[Symbol.asyncIterator](),
    Math.max(1_000, config.concurrency * 4),
    lanes.map((lane) => lane.target.name),
  );
  // One poll limiter for the whole run: --video-poll-concurrency holds across all video models.
  const video = { ...config.video, polls: new Semaphore(config.video.pollConcurrency), runDir: config.outDir };
  progress.start();
  let closing: Promise<unknown> = Promise.resolve();
  try {
    await Promise.all(
      lanes.map((lane) =>
        runLane({
          lane,
          window,
          environment,
          repeat: config.repeat,
          done,
          pending: earlier?.pending ?? new Map(),
          video,
          budget,
          hooks: {
            onRecord,
            onPending: (record) => {
              append(record);
            },
            onSkip: () => {
              progress.record(lane.target.name, true);
              manifest.counts.already_done += 1;
            },
            onCrash: (error) => crashes.push(error),
          },
        }),
      ),
    );
  } catch (error) {
    sink.abort();
    throw error;
  } finally {
    progress.stop();
    try {
      writer.close();
    } catch (error) {
      if (error instanceof WriteError) writeFailure ??= error;
      else closeError = error;
    }
    // Every job has settled; the sockets close while the outputs are finished.
    closing = agent.close().catch(() => undefined);
  }
  if (closeError !== undefined) {
    sink.abort();
    throw closeError;
  }
  if (crashes.length > 0) {
    sink.abort();
    throw crashes[0];
  }
  if (writeFailure) {
    sink.abort();
    manifest.status = 'failed';
    manifest.ended_at = new Date().toISOString();
    manifest.events.push(event('write-failed', (writeFailure as WriteError).message));
    try {
      writeManifest(config.outDir, manifest);
    } catch {
      // The disk that refused results.jsonl may refuse run.json too; the error below says what failed.
    }
    await closing;
    throw writeFailure;
  }
  if (budget.reason) {
    manifest.events.push(event('budget', budget.reason));
    controls.log(`Stopped scheduling: ${budget.reason}. Finished rows are saved.`);
  }
  const rows = manifest.counts.written + manifest.counts.already_done;
  const interrupted = controls.stopScheduling.aborted;
  manifest.status = interrupted ? 'interrupted' : budget.reason ? 'budget-reached' : 'completed';
  manifest.ended_at = new Date().toISOString();
  manifest.spent_usd = Math.round(budget.spentUsd * 1e6) / 1e6;
  const cpu = process.cpuUsage();
  manifest.cpu_ms = Math.round((cpu.user + cpu.system) / 1000);
  manifest.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  writeManifest(config.outDir, manifest);
  const stopped = lanes
    .filter((lane) => lane.stoppedReason !== null)
    .map((lane) => ({ model: lane.target.name, reason: lane.stoppedReason as string }));
  // The outputs read run.json too, so they are finished once it is final, while the sockets close.
  await sink.end({ outDir: config.outDir, manifest, rows, interrupted });
  await closing;
  return { outDir: config.outDir, manifest, interrupted, budgetStop: budget.reason, stopped };
}

/**
 * The response cache of a run: none with `--no-cache`, and none for the simulated gateway,
 * whose answers are local and deterministic and must never be served to a real run.
 */
function openCache(config: RunConfig): ResponseCache | null {
  return config.cacheDir && !config.simulated ? new ResponseCache(config.cacheDir, config.apiKey) : null;
}
