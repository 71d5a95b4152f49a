import { setMaxListeners } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetScan } from '../dataset/sample.js';
import { ResultsWriter } from '../results/append-results.js';
import { type RunManifest, writeManifest } from '../results/manifest.js';
import { readResults } from '../results/read-results.js';
import type { ResultRecord } from '../results/result-record.js';
import type { RunSink } from '../results/run-sink.js';
import type { RunConfig } from '../settings/run-config.js';
import { KeySet } from '../util/key-set.js';
import { sleep } from '../util/sleep.js';
import { RunBudget } from './budget.js';
import { createLanes } from './create-lanes.js';
import { effectiveRequest } from './effective-request.js';
import { GlobalLimit } from './global-limit.js';
import type { JobEnvironment } from './job.js';
import { Progress, type ProgressOutput } from './progress.js';
import { ResponseCache } from './response-cache.js';
import { scanRunDatasets } from './run-datasets.js';
import { runLane } from './run-lane.js';
import { SampleWindow } from './sample-window.js';
import { Semaphore } from './semaphore.js';
import { createAgent } from './transport.js';
import type { PendingVideo } from './video/run-video-job.js';
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
 * dataset → plan → run → results.jsonl and run.json. Every final record also goes
 * to `sink`, which is told when the run starts and ends; the run knows nothing of
 * what the sink makes of them.
 */
export async function runEval(config: RunConfig, controls: RunControls, sink: RunSink): Promise<RunOutcome> {
  // Every waiting job listens to these two signals (and unhooks when done).
  setMaxListeners(0, controls.stopScheduling, controls.cancelInFlight);
  const datasets = await scanRunDatasets(config);
  const { scans } = datasets;
  mkdirSync(config.outDir, { recursive: true });
  const resultsPath = join(config.outDir, 'results.jsonl');
  const earlier = existsSync(resultsPath) ? await readEarlierRun(resultsPath, config.retryErrors) : null;
  const done = earlier?.done ?? null;
  const planned = scans.reduce((sum, scan) => sum + scan.rows, 0) * config.repeat;
  const manifest = startManifest(config, scans, planned);
  if (earlier) {
    const detail = `${earlier.done.size} keys already finished, ${earlier.pending.size} video tasks still pending in ${resultsPath}`;
    manifest.events.push(event('resume', detail));
  }
  writeManifest(config.outDir, manifest);

  const writer = new ResultsWriter(resultsPath, config.apiKey);
  sink.start({ outDir: config.outDir, plannedRows: manifest.counts.planned, resumed: earlier !== null });
  const lanes = createLanes({
    targets: config.targets,
    groups: config.groups,
    globalConcurrency: config.concurrency,
    onChange: (change) => {
      const detail = `${change.model}: concurrency ${change.from} → ${change.to} (${change.reason})`;
      manifest.events.push(event('concurrency', detail));
    },
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
    stopScheduling: controls.stopScheduling,
    cancelInFlight: controls.cancelInFlight,
    random: Math.random,
    sleep,
    cache: openCache(config),
    cacheAnyEndpoint: config.cacheAnyEndpoint,
  };
  if (environment.cache?.hasOldEntries) {
    controls.log(
      `The response cache ${config.cacheDir} holds entries from an older key scheme (without the endpoint); ` +
        'they are not reused. Delete its two-letter folders to reclaim the space.',
    );
  }
  const authWatch = new AuthFailureWatch(config.stopAfterAuthFailures);
  const crashes: unknown[] = [];
  const onRecord = (record: ResultRecord): void => {
    sink.record(writer.append(record));
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
            onPending: (record) => writer.append(record),
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
    writer.close();
    // Every job has settled; the sockets close while the outputs are finished.
    closing = agent.close().catch(() => undefined);
  }
  if (crashes.length > 0) {
    sink.abort();
    throw crashes[0];
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
 * What an earlier run of this folder left: keys already finished (errors
 * too, unless they are to be redone), and video tasks whose last line is
 * still `pending`, to be polled rather than submitted again.
 */
async function readEarlierRun(
  path: string,
  retryErrors: boolean,
): Promise<{ done: KeySet; pending: Map<string, PendingVideo> }> {
  const done = new KeySet();
  const pending = new Map<string, PendingVideo>();
  for await (const record of readResults(path)) {
    if (record.status === 'pending') {
      if (record.video)
        pending.set(record.key, { handle: record.video.handle, submitted_at: record.video.submitted_at });
      continue;
    }
    pending.delete(record.key);
    if (record.status === 'ok' || !retryErrors) done.add(record.key);
  }
  return { done, pending };
}

/**
 * The response cache of a run: none with `--no-cache`, and none for the simulated gateway,
 * whose answers are local and deterministic and must never be served to a real run.
 */
function openCache(config: RunConfig): ResponseCache | null {
  return config.cacheDir && !config.simulated ? new ResponseCache(config.cacheDir, config.apiKey) : null;
}

function event(type: string, detail: string): RunManifest['events'][number] {
  return { at: new Date().toISOString(), type, detail };
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
      effective: effectiveRequest(target),
    })),
    status: 'running',
    started_at: new Date().toISOString(),
    ended_at: null,
    counts: { planned: planned * config.targets.length, already_done: 0, written: 0, ok: 0, errors: 0 },
    events: [],
  };
}
