import { setMaxListeners } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetScan, FieldMapping } from '../dataset/sample.js';
import { ResultsWriter } from '../results/append-results.js';
import { writeManifest, type RunManifest } from '../results/manifest.js';
import { readResults } from '../results/read-results.js';
import type { HeldRun } from '../report/html/scored-run.js';
import type { ResultRecord } from '../results/result-record.js';
import type { RunReport } from '../report/run-report.js';
import type { ScorerSpecOptions } from '../score/scorer-spec.js';
import type { NamedScorer } from '../score/types.js';
import { KeySet } from '../util/key-set.js';
import { sleep } from '../util/sleep.js';
import { RunBudget } from './budget.js';
import { createLanes } from './create-lanes.js';
import { GlobalLimit } from './global-limit.js';
import { LiveOutputs } from './live-outputs.js';
import { IN_PROCESS_REPORT_ROWS, LARGE_RUN_ROWS, liveReport, reportFromFiles } from './run-outputs.js';
import type { RateLimits } from './limits.js';
import { Progress, type ProgressOutput } from './progress.js';
import { ResponseCache } from './response-cache.js';
import type { RetryPolicy } from './retry-policy.js';
import type { JobEnvironment } from './run-job.js';
import { scanRunDatasets } from './run-datasets.js';
import { runLane } from './run-lane.js';
import { SampleWindow } from './sample-window.js';
import { Semaphore } from './semaphore.js';
import type { PendingVideo } from './video/run-video-job.js';
import type { ModelTarget } from './target.js';
import { createAgent, type Timeouts } from './transport.js';
import { AuthFailureWatch } from './watch-auth-failures.js';

/** Everything a run needs, validated by the CLI before any request is sent. */
export interface RunConfig {
  datasets: string[];
  mapping: FieldMapping;
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
  /** How video tasks are polled and whether their files are downloaded. */
  video: {
    pollIntervalMs: number;
    maxPollIntervalMs: number;
    deadlineMs: number;
    pollConcurrency: number;
    download: boolean;
  };
  /** Scorers applied after the run (empty: each row's `scorer` column, else auto); writes scores.jsonl. */
  scoring: { scorers: NamedScorer[]; rowScorers: ScorerSpecOptions; concurrency: number };
  argv: string[];
  settings: Record<string, unknown>;
  toolVersion: string;
}

/** How a run ended. */
export interface RunOutcome {
  outDir: string;
  manifest: RunManifest;
  /** Per-model summaries and pairwise comparisons of the final records. */
  report: RunReport;
  interrupted: boolean;
  /** Why scheduling stopped before the end (a budget), or null. */
  budgetStop: string | null;
  /** Models stopped early, with the reason. */
  stopped: Array<{ model: string; reason: string }>;
  /** What `afterScoring` resolved to (e.g. the path of report.html), or null. */
  afterScoring: string | null;
}

/** Signals the CLI hands in: stop scheduling (first Ctrl-C) and cancel in-flight requests. */
export interface RunControls {
  stopScheduling: AbortSignal;
  cancelInFlight: AbortSignal;
  progressOutput: ProgressOutput;
  log: (line: string) => void;
  /**
   * Started once results.jsonl, scores.jsonl, results.csv and run.json are
   * final (the CLI writes the reports here). `held` holds the run's final
   * records and score lines when it kept them (a small fresh run), else null.
   */
  afterScoring?: (options: { outDir: string; rows: number; held: HeldRun | null }) => Promise<string | null>;
  /**
   * Called once results.jsonl is open for appending (a torn tail already cut), before the first
   * request, with the rows planned and whether the run keeps its final records for `afterScoring`.
   */
  onResultsOpen?: (options: { outDir: string; plannedRows: number; keepsRecords: boolean }) => void;
}

/** dataset → plan → run → results.jsonl, then results.csv, run.json and the summary. */
export async function runEval(config: RunConfig, controls: RunControls): Promise<RunOutcome> {
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
  // A fresh run builds results.csv, scores.jsonl and the summary as rows finish; a resumed
  // one reads results.jsonl afterwards, since earlier rows are part of its outputs.
  const live =
    earlier === null && LiveOutputs.canScore(config.scoring.scorers)
      ? new LiveOutputs({
          outDir: config.outDir,
          scorers: config.scoring.scorers,
          threshold: config.scoring.rowScorers.threshold,
          modelOrder: config.targets.map((target) => target.name),
          keepItems: manifest.counts.planned <= LARGE_RUN_ROWS,
          rowsPerModel: planned,
          repeats: config.repeat,
          keepRecords: manifest.counts.planned <= IN_PROCESS_REPORT_ROWS,
        })
      : null;
  controls.onResultsOpen?.({
    outDir: config.outDir,
    plannedRows: manifest.counts.planned,
    keepsRecords: (live?.held ?? null) !== null,
  });
  const lanes = createLanes({
    targets: config.targets,
    groups: config.groups,
    globalConcurrency: config.concurrency,
    onChange: (change) => {
      const detail = `${change.model}: concurrency ${change.from} → ${change.to} (${change.reason})`;
      manifest.events.push(event('concurrency', detail));
    },
  });
  const progress = new Progress(controls.progressOutput, new Map(lanes.map((lane) => [lane.target.name, planned])));
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
    // Two statements: with `live?.add(writer.append(record))` a null `live` would skip the write too.
    const written = writer.append(record);
    live?.add(written);
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
    live?.discard();
    throw error;
  } finally {
    progress.stop();
    writer.close();
    // Every job has settled; the sockets close while the outputs are finished.
    closing = agent.close().catch(() => undefined);
  }
  if (crashes.length > 0) {
    live?.discard();
    throw crashes[0];
  }
  if (budget.reason) {
    manifest.events.push(event('budget', budget.reason));
    controls.log(`Stopped scheduling: ${budget.reason}. Finished rows are saved.`);
  }
  const rows = manifest.counts.written + manifest.counts.already_done;
  const liveModels = live?.finish() ?? null;
  const report = liveModels
    ? liveReport({ config, controls, models: liveModels, rows })
    : await reportFromFiles({ config, controls, rows });
  const interrupted = controls.stopScheduling.aborted;
  manifest.status = interrupted ? 'interrupted' : budget.reason ? 'budget-reached' : 'completed';
  manifest.ended_at = new Date().toISOString();
  manifest.spent_usd = Math.round(budget.spentUsd * 1e6) / 1e6;
  const cpu = process.cpuUsage();
  manifest.cpu_ms = Math.round((cpu.user + cpu.system) / 1000);
  manifest.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  writeManifest(config.outDir, manifest);
  // The reports read run.json too, so they start once it is final.
  const afterScoring =
    controls.afterScoring?.({ outDir: config.outDir, rows, held: live?.held ?? null }) ?? Promise.resolve(null);
  const stopped = lanes
    .filter((lane) => lane.stoppedReason !== null)
    .map((lane) => ({ model: lane.target.name, reason: lane.stoppedReason as string }));
  const written = await afterScoring;
  await closing;
  return {
    outDir: config.outDir,
    manifest,
    report,
    interrupted,
    budgetStop: budget.reason,
    stopped,
    afterScoring: written,
  };
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
    })),
    status: 'running',
    started_at: new Date().toISOString(),
    ended_at: null,
    counts: { planned: planned * config.targets.length, already_done: 0, written: 0, ok: 0, errors: 0 },
    events: [],
  };
}
