import { ExitCode, type ExitCodeValue, UserError } from '../../errors.js';
import { buildRunConfig, paramsFromArgs } from '../../config/build-run-config.js';
import type { ConfigFile } from '../../config/config-file.js';
import { apiKeyFromEnv, DEFAULT_BASE_URL, loadDotEnv, redact } from '../../config/env.js';
import { gatewayBaseUrl } from '../../config/base-url.js';
import { validateEvalArgs, type EvalArgs } from '../../config/eval-args.js';
import { budgetGroups, resolveTargets, splitModelEntries } from '../../config/resolve-targets.js';
import { explicitFlags, refuseMixedRun, resumeArgs } from '../../config/resume-args.js';
import { resolveShardArg } from '../../config/shard-flag.js';
import { videoSettingsFromArgs } from '../../config/video-settings.js';
import { parseMaxDrop, validateGateOptions } from '../../analysis/gate.js';
import { RunOutputs } from '../../outputs/run-outputs.js';
import { planDryRun } from '../../run/dry-run.js';
import { effectiveRequest } from '../../run/effective-request.js';
import { runFingerprint } from '../../run/fingerprint.js';
import { scanRunDatasets } from '../../run/run-datasets.js';
import type { RunConfig } from '../../settings/run-config.js';
import { toolVersion } from '../../version.js';
import { prepareOutDir } from '../out-dir.js';
import { renderDryRun } from '../render-dry-run.js';
import { planRunScoring } from '../run-scoring.js';
import { reportRequestOf, runAndReport } from './eval-finish.js';
import {
  describeSuites,
  FULL_SUITES_HINT,
  materializeRunSuites,
  moveSuitesIntoRun,
  type RunSuites,
} from '../run-suites.js';
import { createJudgeFactory } from '../judge-factory.js';
import type { CommandIo } from '../command-io.js';

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
  // `--shard auto/n` becomes i/n first: a resume or a rerun of the same pod compares the shard itself.
  const shardArgs = resolveShardArg(givenArgs);
  const { args, explicit } = shardArgs.resume
    ? resumeArgs(shardArgs, argv)
    : { args: shardArgs, explicit: explicitFlags(argv) };
  refuseMixedRun(args, explicit);
  // zod and yaml load only when there is a config file to read.
  const config = args.config ? (await import('../../config/config-file.js')).loadConfigFile(args.config) : null;
  validateEvalArgs(args, { modelsFromConfig: config !== null });
  // The gate's thresholds are checked now, not after the run they would judge.
  const { minScore, alpha, maxErrorRate } = args;
  validateGateOptions({ minScore, alpha, maxErrorRate, ...parseMaxDrop(args.maxDrop) });
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
    cacheDir: args.cache ? args.cacheDir : null,
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
    runConfig.fingerprint = runFingerprint({
      config: runConfig,
      scans: datasets.scans,
      scoring: scoringOf(args, config),
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

/** What decides the scores, for the run's fingerprint: the scoring flags and the config's scoring section. */
function scoringOf(args: EvalArgs, config: ConfigFile | null): unknown {
  const { scorer, passThreshold, judgeModel, rubric, allowDatasetScorers } = args;
  return { scorer: scorer ?? null, passThreshold, judgeModel, rubric, allowDatasetScorers, config: config?.scoring };
}
