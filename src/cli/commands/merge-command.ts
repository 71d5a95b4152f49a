import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseMaxDrop, evaluateMinScore, validateGateOptions } from '../../analysis/gate.js';
import { analysisSettingsOf } from '../../analysis/load-run.js';
import { ConfigError, ExitCode, type ExitCodeValue } from '../../errors.js';
import { RunOutputs, type RunScoring } from '../../outputs/run-outputs.js';
import { renderComparison } from '../../report/render-compare.js';
import { renderRunReport } from '../../report/render-summary-table.js';
import { writeManifest, type RunManifest } from '../../results/manifest.js';
import { checkShardFolders, mergedManifest, mergeShardRecords, type ShardSet } from '../../results/merge-shards.js';
import { apiKeyFromEnv, DEFAULT_BASE_URL, loadDotEnv } from '../../config/env.js';
import type { CommandIo } from '../command-io.js';
import { cacheDirOfRun, createJudgeFactory, type JudgeFactory } from '../judge-factory.js';
import { prepareOutDir } from '../out-dir.js';
import { baselineGate, type GateArgs, reportRequestOf } from './eval-finish.js';
import { prepareScoring } from './score-command.js';

/** Flags of `merge`. */
export interface MergeArgs extends GateArgs {
  /** The shards' run folders. */
  folders: string[];
  out: string;
  allowMissing: boolean;
}

/**
 * `merge <shard folders…> --out DIR`: checks that the folders are the shards of one run
 * (same fingerprint and count, each shard once, none missing unless `--allow-missing`),
 * writes their final records into one results.jsonl, then makes results.csv, scores,
 * summary.json and the reports from those rows exactly as `eval` does for a resumed run
 * (never from the shards' summaries), and gates like `eval` (`--baseline`, `--min-score`).
 */
export async function mergeCommand(args: MergeArgs, io: CommandIo, argv: string[]): Promise<ExitCodeValue> {
  const { minScore, alpha, maxErrorRate } = args;
  validateGateOptions({ minScore, alpha, maxErrorRate, ...parseMaxDrop(args.maxDrop) });
  const log = (line: string): void => void io.stderr.write(`${line}\n`);
  const folders = args.folders.map(String);
  const set = checkShardFolders(folders, args.allowMissing);
  const out = args.out;
  if (folders.some((folder) => resolve(folder) === resolve(out))) {
    throw new ConfigError(`--out ${out} is one of the shard folders: merge into a new folder.`);
  }
  if (existsSync(join(out, 'results.jsonl')) || existsSync(join(out, 'run.json'))) {
    throw new ConfigError(`--out ${out} already holds a run: merge into a new (or empty) folder.`);
  }
  prepareOutDir(out, '--out');
  const resultsPath = join(out, 'results.jsonl');
  let counts: Awaited<ReturnType<typeof mergeShardRecords>>;
  try {
    counts = await mergeShardRecords(set.shards, resultsPath);
  } catch (error) {
    // Nothing half-merged is left behind to be mistaken for a run.
    rmSync(resultsPath, { force: true });
    throw error;
  }
  const manifest = mergedManifest({ set, counts, argv });
  writeManifest(out, manifest);
  for (const line of warnings(set)) log(line);
  const judge = await openJudge(manifest);
  try {
    return await finishMerge({ args, io, log, set, counts, manifest, scoring: await scoringOf(manifest, judge) });
  } finally {
    await judge.close();
  }
}

/** The outputs of the merged folder, made like a resumed eval's, then the gate. */
async function finishMerge(options: {
  args: MergeArgs;
  io: CommandIo;
  log: (line: string) => void;
  set: ShardSet;
  counts: Awaited<ReturnType<typeof mergeShardRecords>>;
  manifest: RunManifest;
  scoring: RunScoring;
}): Promise<ExitCodeValue> {
  const { args, io, log, set, counts, manifest } = options;
  const out = args.out;
  const resultsPath = join(out, 'results.jsonl');
  const outputs = new RunOutputs({
    scoring: options.scoring,
    modelOrder: manifest.models.map((model) => model.name),
    repeats: Number((manifest.settings as { args?: { repeat?: number } }).args?.repeat ?? 1),
    simulated: manifest.simulated,
    analysis: analysisSettingsOf(manifest),
    reportRequest: (outDir) => reportRequestOf(args, outDir),
    log,
  });
  try {
    outputs.start({ outDir: out, plannedRows: counts.rows, resumed: true });
    await outputs.end({ outDir: out, manifest, rows: counts.rows, interrupted: false });
  } finally {
    outputs.release();
  }
  const { analysis, reportPath, reportsExitCode } = outputs.result;
  io.stdout.write(`\n${renderRunReport(analysis)}\n\n`);
  const gate = args.baseline ? await baselineGate({ args, outDir: out }) : null;
  if (gate) io.stdout.write(`${renderComparison(gate.comparison, { gate })}\n`);
  io.stdout.write(
    `Merged ${set.shards.length} of ${set.count} shards (${counts.rows} rows, fingerprint ${set.fingerprint}).\n`,
  );
  io.stdout.write(`Results: ${resultsPath}\n`);
  for (const name of ['results.csv', 'summary.json', 'run.json']) io.stdout.write(`         ${join(out, name)}\n`);
  if (reportPath) io.stdout.write(`Report:  ${reportPath}\n`);
  if (reportsExitCode !== 0) return reportsExitCode as ExitCodeValue;
  if (counts.rows > 0 && counts.errors / counts.rows > args.maxErrorRate) {
    log(`${counts.errors} of ${counts.rows} rows ended in errors, above --max-error-rate ${args.maxErrorRate}.`);
    return ExitCode.infrastructure;
  }
  if (gate) return gate.exitCode;
  const floor = evaluateMinScore(analysis.models, args.minScore);
  for (const reason of floor.reasons) log(reason);
  return floor.exitCode;
}

/** What the merged folder lacks: missing shards, and shards that did not finish. */
function warnings(set: ShardSet): string[] {
  const lines: string[] = [];
  if (set.missing.length > 0) {
    const missing = set.missing.map((index) => `${index}/${set.count}`).join(', ');
    lines.push(
      `warning: --allow-missing: shard(s) ${missing} missing, so the merged run lacks their rows; run.json lists them.`,
    );
  }
  for (const shard of set.shards) {
    if (shard.manifest.status === 'completed') continue;
    lines.push(
      `warning: ${shard.folder} (shard ${shard.index}/${shard.count}) ended '${shard.manifest.status}': ` +
        `its unfinished rows are missing; resume it with eval --resume ${shard.folder}, then merge again.`,
    );
  }
  return lines;
}

/** A judge scorer's model, should the run have one: the run's gateway (the simulator for a simulated run). */
async function openJudge(manifest: RunManifest): Promise<JudgeFactory & { close(): Promise<void> }> {
  loadDotEnv();
  let baseUrl = process.env.MIXROUTER_BASE_URL ?? manifest.base_url ?? DEFAULT_BASE_URL;
  let apiKey = apiKeyFromEnv() ?? '';
  let closeSimulator = async (): Promise<void> => undefined;
  const stored = JSON.stringify((manifest.settings as { args?: unknown }).args ?? {});
  if (manifest.simulated && stored.includes('judge')) {
    const { startSimulator } = await import('../../simulator/server.js');
    const simulator = await startSimulator({});
    ({ baseUrl, apiKey } = simulator);
    closeSimulator = () => simulator.close();
  }
  const judges = createJudgeFactory({
    config: null,
    baseUrl,
    apiKey,
    simulated: manifest.simulated,
    cacheDir: cacheDirOfRun(manifest.settings),
  });
  return {
    createComplete: (model) => judges.createComplete(model),
    async close() {
      await judges.close();
      await closeSimulator();
    },
  };
}

/** The scorers the shards used, from their settings (the same in every shard: they are in the fingerprint). */
async function scoringOf(manifest: RunManifest, judge: JudgeFactory): Promise<RunScoring> {
  const stored = ((manifest.settings as { args?: Record<string, unknown> }).args ?? {}) as {
    scorer?: string[];
    passThreshold?: number;
    judgeModel?: string;
    rubric?: string;
    allowDatasetScorers?: boolean;
  };
  const scoring = await prepareScoring({
    flags: stored,
    cwd: process.cwd(),
    createJudgeComplete: (model) => judge.createComplete(model),
  });
  const datasetFolders = Object.fromEntries(
    manifest.datasets.map((dataset) => [
      dataset.path.split(/[\\/]/).pop() ?? dataset.path,
      resolve(dataset.path, '..'),
    ]),
  );
  const rowScorers = {
    ...scoring.options,
    source: "the dataset column 'scorer'",
    trust: stored.allowDatasetScorers ? ('full' as const) : ('dataset' as const),
    datasetFolders,
  };
  return { scorers: scoring.scorers, rowScorers, concurrency: 4 };
}
