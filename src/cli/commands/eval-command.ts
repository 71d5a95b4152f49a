import { join } from 'node:path';
import { ExitCode, type ExitCodeValue, UserError, WriteError } from '../../errors.js';
import { buildRunConfig, paramsFromArgs } from '../../config/build-run-config.js';
import type { ConfigFile } from '../../config/config-file.js';
import { apiKeyFromEnv, DEFAULT_BASE_URL, loadDotEnv, redact } from '../../config/env.js';
import { gatewayBaseUrl } from '../../config/base-url.js';
import { validateEvalArgs, type EvalArgs } from '../../config/eval-args.js';
import { budgetGroups, resolveTargets, splitModelEntries } from '../../config/resolve-targets.js';
import { explicitFlags, refuseMixedRun, resumeArgs } from '../../config/resume-args.js';
import { videoSettingsFromArgs } from '../../config/video-settings.js';
import { evaluateMinScore, gateRun, type GateOptions } from '../../analysis/gate.js';
import { renderComparison } from '../../report/render-compare.js';
import { summarizeVideos } from '../../analysis/video-summary.js';
import { renderVideoSummary } from '../../report/render-video-summary.js';
import { latestRecords } from '../../results/latest-records.js';
import { renderRunReport } from '../../report/render-summary-table.js';
import { RunOutputs } from '../../outputs/run-outputs.js';
import type { ReportRequest } from '../../outputs/write-run-reports.js';
import { planDryRun } from '../../run/dry-run.js';
import { effectiveRequest } from '../../run/effective-request.js';
import { type RunDatasets, scanRunDatasets } from '../../run/run-datasets.js';
import { runEval, type RunOutcome } from '../../run/run-eval.js';
import type { RunConfig } from '../../settings/run-config.js';
import { toolVersion } from '../../version.js';
import { prepareOutDir } from '../out-dir.js';
import { renderDryRun } from '../render-dry-run.js';
import { planRunScoring } from '../run-scoring.js';
import { installInterrupts } from '../interrupts.js';
import {
  describeSuites,
  FULL_SUITES_HINT,
  materializeRunSuites,
  moveSuitesIntoRun,
  type RunSuites,
} from '../run-suites.js';
import { createJudgeFactory } from '../judge-factory.js';
import type { CommandIo } from '../command-io.js';

/** Grace period for in-flight requests after the first Ctrl-C. */
const GRACE_MS = 15_000;

/** The gateway a run talks to, and how to let go of it. */
interface Gateway {
  apiKey: string;
  baseUrl: string;
  close(): Promise<void>;
}

async function openGateway(
  args: EvalArgs,
  config: ConfigFile | null,
  log: (line: string) => void,
  suites: RunSuites,
): Promise<Gateway> {
  if (args.simulate) {
    const { startSimulator } = await import('../../simulator/server.js');
    // The simulated models know the answers (and categories) of the datasets and suites asked.
    const knowledge = [...(args.dataset ?? []), ...suites.suites.map((suite) => suite.file)];
    const simulator = await startSimulator({ knowledge });
    return { apiKey: simulator.apiKey, baseUrl: simulator.baseUrl, close: () => simulator.close() };
  }
  const key = apiKeyFromEnv();
  if (!key && !args.dryRun) {
    throw new UserError(
      'MIXROUTER_API_KEY is not set, so nothing was sent. Export it (or put it in a .env file), ' +
        'or try everything offline first: `npm run demo`, or add --simulate to this command.',
    );
  }
  const source =
    args.baseUrl !== undefined
      ? '--base-url'
      : process.env.MIXROUTER_BASE_URL !== undefined
        ? 'MIXROUTER_BASE_URL'
        : config?.baseUrl !== undefined
          ? `${config.file}: baseUrl`
          : 'the default base URL';
  const chosen = args.baseUrl ?? process.env.MIXROUTER_BASE_URL ?? config?.baseUrl ?? DEFAULT_BASE_URL;
  const { url, note } = gatewayBaseUrl(source, chosen);
  if (note) log(note);
  return { apiKey: key ?? '', baseUrl: url, close: async () => undefined };
}

/**
 * `eval`: validates everything (flags, config, key, models, datasets) before
 * any request, runs, prints the summary and returns the exit code.
 */
export async function evalCommand(givenArgs: EvalArgs, io: CommandIo, argv: string[]): Promise<ExitCodeValue> {
  loadDotEnv();
  const { args, explicit } = givenArgs.resume
    ? resumeArgs(givenArgs, argv)
    : { args: givenArgs, explicit: explicitFlags(argv) };
  refuseMixedRun(args, explicit);
  // zod and yaml load only when there is a config file to read.
  const config = args.config ? (await import('../../config/config-file.js')).loadConfigFile(args.config) : null;
  validateEvalArgs(args, { modelsFromConfig: config !== null });
  const suites = await materializeRunSuites(args);
  try {
    return await evalWithSuites({ args, explicit, config, suites, io, argv });
  } finally {
    suites.dispose();
  }
}

async function evalWithSuites(options: {
  args: EvalArgs;
  explicit: Set<string>;
  config: ConfigFile | null;
  suites: RunSuites;
  io: CommandIo;
  argv: string[];
}): Promise<ExitCodeValue> {
  const { args, explicit, config, suites, io, argv } = options;
  const gateway = await openGateway(args, config, (line) => io.stderr.write(`${line}\n`), suites);
  const judges = createJudgeFactory({
    config,
    baseUrl: gateway.baseUrl,
    apiKey: gateway.apiKey,
    simulated: args.simulate,
  });
  try {
    const log = (line: string): void => {
      io.stderr.write(`${redact(line, gateway.apiKey)}\n`);
    };
    const targets = resolveTargets({
      entries: splitModelEntries(args.models),
      config,
      baseUrl: gateway.baseUrl,
      defaults: paramsFromArgs(args, explicit),
      simulated: args.simulate,
      video: () => videoSettingsFromArgs(args),
    });
    const groups = Object.fromEntries(budgetGroups(config).map(({ name, ...limits }) => [name, limits]));
    for (const target of targets) {
      for (const note of [...target.notes, ...effectiveRequest(target).notes]) log(`${target.name}: ${note}`);
    }
    const runConfig = buildRunConfig({
      args,
      explicit,
      targets,
      groups,
      apiKey: gateway.apiKey,
      baseUrl: gateway.baseUrl,
      argv: argv.map((entry) => redact(entry, gateway.apiKey)),
      toolVersion: toolVersion(),
      suites: suites.suites,
    });
    for (const line of describeSuites(suites)) log(line);
    if (args.dryRun) {
      io.stdout.write(`${renderDryRun(await planDryRun(runConfig))}\n`);
      return ExitCode.ok;
    }
    // Every row is checked before anything is sent; the scorers a dataset names are checked with them.
    const datasets = await scanRunDatasets(runConfig);
    const scoring = await planRunScoring({
      args,
      config,
      scans: datasets.scans,
      createJudgeComplete: (model) => judges.createComplete(model),
    });
    prepareOutDir(runConfig.outDir, args.resume !== undefined ? '--resume' : '--out');
    moveSuitesIntoRun({ suites, config: runConfig, datasets });
    if (runConfig.cacheDir !== null) prepareOutDir(runConfig.cacheDir, '--cache-dir');
    if (args.checkModels) await checkModelsFirst(runConfig, log);
    if (args.simulate)
      log(`Simulated gateway listening at ${gateway.baseUrl} (answers are simulated, not real models).`);
    const outputs = new RunOutputs({
      scoring,
      modelOrder: runConfig.targets.map((target) => target.name),
      repeats: runConfig.repeat,
      simulated: runConfig.simulated,
      analysis: runConfig.analysis,
      reportRequest: (outDir) => reportRequestOf(args, outDir),
      log,
    });
    const exitCode = await runAndReport({ runConfig, datasets, outputs, args, io, log });
    if (suites.byDefault) io.stdout.write(`${FULL_SUITES_HINT}\n`);
    return exitCode;
  } finally {
    await judges.close();
    await gateway.close();
  }
}

async function checkModelsFirst(runConfig: RunConfig, log: (line: string) => void): Promise<void> {
  const { fetchModelsList } = await import('./models-command.js');
  const { checkModels } = await import('../../protocols/models-list/index.js');
  const listed = await fetchModelsList({ baseUrl: runConfig.baseUrl, apiKey: runConfig.apiKey });
  const problems = checkModels({ targets: runConfig.targets, listed });
  if (problems.length > 0) {
    throw new UserError(
      `--check-models found problems, so nothing was sent:\n  ${problems.map((problem) => problem.message).join('\n  ')}`,
    );
  }
  log(`--check-models: all ${runConfig.targets.length} models are listed by the gateway.`);
}

/** What the reports compare with and gate on: `--baseline` and its thresholds. */
function reportRequestOf(args: EvalArgs, outDir: string): ReportRequest {
  if (!args.baseline) return { run: outDir };
  const { baseline, alpha, maxErrorRate, minScore, maxDrop } = args;
  return { run: outDir, baseline, alpha, maxErrorRate, minScore, maxDrop };
}

async function runAndReport(options: {
  runConfig: RunConfig;
  datasets: RunDatasets;
  outputs: RunOutputs;
  args: EvalArgs;
  io: CommandIo;
  log: (line: string) => void;
}): Promise<ExitCodeValue> {
  const { runConfig, datasets, outputs, args, io, log } = options;
  const interrupts = installInterrupts({ graceMs: GRACE_MS, log });
  let outcome: RunOutcome;
  const resume = `${evalCommandPrefix()} --resume ${shellQuote(runConfig.outDir)}`;
  try {
    outcome = await runEval(
      runConfig,
      {
        stopScheduling: interrupts.stopScheduling,
        cancelInFlight: interrupts.cancelInFlight,
        progressOutput: io.progress ?? io.stderr,
        log,
      },
      outputs,
      datasets,
    );
  } catch (error) {
    if (error instanceof WriteError && error.exitCode === ExitCode.checkpointWrite) {
      log(`The run stopped: results.jsonl could not be written. Once there is room, resume with:\n  ${resume}`);
    }
    throw error;
  } finally {
    outputs.release();
    interrupts.dispose();
  }
  const { analysis, reportPath, reportsExitCode } = outputs.result;
  io.stdout.write(`\n${renderRunReport(analysis)}\n\n`);
  if (runConfig.targets.some((target) => target.format === 'video-task')) {
    const videos = await summarizeVideos(latestRecords(join(outcome.outDir, 'results.jsonl')));
    io.stdout.write(`${renderVideoSummary(videos)}\n\n`);
  }
  const gate = args.baseline && !outcome.interrupted ? await baselineGate({ args, outDir: outcome.outDir }) : null;
  if (gate) io.stdout.write(`${renderComparison(gate.comparison, { gate })}\n`);
  io.stdout.write(`Results: ${join(outcome.outDir, 'results.jsonl')}\n`);
  for (const name of ['results.csv', 'run.json', ...(reportPath ? ['report.md', 'junit.xml'] : [])]) {
    io.stdout.write(`         ${join(outcome.outDir, name)}\n`);
  }
  if (reportPath) io.stdout.write(`Report:  ${reportPath}\n`);
  if (outcome.interrupted) {
    log(`Interrupted. Finished rows are saved; resume with:\n  ${resume}`);
    return ExitCode.interrupted;
  }
  // The reports could not be written (their own message said why): results.jsonl is complete.
  if (reportsExitCode !== 0) return reportsExitCode as ExitCodeValue;
  if (outcome.budgetStop) {
    const flag = outcome.budgetStop.startsWith('--max-requests') ? '--max-requests <n>' : '--max-cost <usd>';
    log(`Budget reached (${outcome.budgetStop}); raise it and resume with:\n  ${resume} ${flag}`);
  }
  for (const stopped of outcome.stopped) log(`Model ${stopped.model} was stopped early: ${stopped.reason}`);
  if (outcome.stopped.length > 0) return ExitCode.infrastructure;
  const { written, errors } = outcome.manifest.counts;
  if (written > 0 && errors / written > args.maxErrorRate) {
    log(`${errors} of ${written} rows ended in errors, above --max-error-rate ${args.maxErrorRate}.`);
    return ExitCode.infrastructure;
  }
  if (gate) return gate.exitCode;
  const minScore = evaluateMinScore(analysis.models, args.minScore);
  for (const reason of minScore.reasons) log(reason);
  return minScore.exitCode;
}

type GateOutcome = Awaited<ReturnType<typeof gateRun>>;

/** `--baseline`: compare the finished run with the baseline run and apply the gate. */
function baselineGate(options: { args: EvalArgs; outDir: string }): Promise<GateOutcome> {
  const { args } = options;
  const gateOptions: GateOptions = {
    minScore: args.minScore,
    maxDrop: args.maxDrop,
    alpha: args.alpha,
    maxErrorRate: args.maxErrorRate,
  };
  return gateRun({ baselineDir: args.baseline as string, candidateDir: options.outDir, options: gateOptions });
}

/**
 * How to run `eval` again from where this one was started: `npm run eval --` when it
 * was started that way (a repository checkout), else the installed binary's name.
 */
function evalCommandPrefix(): string {
  return process.env.npm_lifecycle_event === 'eval' ? 'npm run eval --' : 'mixrouter-eval eval';
}

function shellQuote(part: string): string {
  return /^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`;
}
