import { loadConfigFile } from '../../config/config-file.js';
import { apiKeyFromEnv, DEFAULT_BASE_URL, loadDotEnv } from '../../config/env.js';
import { gatewayBaseUrl } from '../../config/base-url.js';
import type { ExitCodeValue } from '../../errors.js';
import { parseScoringConfig } from '../../score/scoring-config.js';
import { readManifest } from '../../results/manifest.js';
import { cacheDirOfRun, createJudgeFactory } from '../judge-factory.js';
import type { ScoreCommandArgs } from '../program.js';
import type { CommandIo } from '../command-io.js';
import { scoreCommand } from './score-command.js';

/**
 * `score <run>` with its judge wired in: the judge, if any, goes to the same
 * gateway an eval would use (or the simulator), with its own limiter. The key
 * is only needed when a judge scorer is chosen.
 */
export async function runScoreCommand(args: ScoreCommandArgs, io: CommandIo): Promise<ExitCodeValue> {
  loadDotEnv();
  const config = args.config ? loadConfigFile(args.config) : null;
  let baseUrl = args.baseUrl ?? process.env.MIXROUTER_BASE_URL ?? config?.baseUrl ?? DEFAULT_BASE_URL;
  let apiKey = apiKeyFromEnv() ?? '';
  let closeSimulator = async (): Promise<void> => undefined;
  if (args.simulate) {
    const { startSimulator } = await import('../../simulator/server.js');
    const simulator = await startSimulator({});
    baseUrl = simulator.baseUrl;
    apiKey = simulator.apiKey;
    closeSimulator = () => simulator.close();
  } else {
    baseUrl = gatewayBaseUrl(args.baseUrl !== undefined ? '--base-url' : 'MIXROUTER_BASE_URL', baseUrl).url;
  }
  const judges = createJudgeFactory({
    config,
    baseUrl,
    apiKey,
    simulated: args.simulate,
    cacheDir: cacheDirOfRun(settingsOf(args.run)),
  });
  try {
    return await scoreCommand(
      {
        ...args,
        scoring: config?.scoring ? parseScoringConfig({ value: config.scoring, file: config.file }) : undefined,
      },
      io,
      { createJudgeComplete: (model) => judges.createComplete(model) },
    );
  } finally {
    await judges.close();
    await closeSimulator();
  }
}

/** The run's recorded settings, or null when its run.json cannot be read (the score command says why). */
function settingsOf(run: string): unknown {
  try {
    return readManifest(run).settings;
  } catch {
    return null;
  }
}
