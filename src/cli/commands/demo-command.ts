import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalArgs } from '../../config/build-run-config.js';
import { defaultOutDir } from '../../config/build-run-config.js';
import type { ExitCodeValue } from '../../errors.js';
import { evalCommand, type CommandIo } from './eval-command.js';

/** The three simulated models the demo compares. */
export const DEMO_MODELS = ['qwen3-max', 'deepseek-chat', 'gpt-4o-mini'];

/** The sample datasets shipped in `datasets/`. */
export function demoDatasets(): string[] {
  const folder = fileURLToPath(new URL('../../../datasets/', import.meta.url));
  return readdirSync(folder)
    .filter((name) => name.endsWith('.csv') || name.endsWith('.jsonl'))
    .sort()
    .map((name) => relative(process.cwd(), join(folder, name)) || name);
}

/** `demo`: every sample dataset against three simulated models, streamed, offline. */
export async function demoCommand(args: { out?: string }, io: CommandIo): Promise<ExitCodeValue> {
  const datasets = demoDatasets();
  const evalArgs: EvalArgs = {
    models: DEMO_MODELS.join(','),
    dataset: datasets,
    concurrency: 16,
    repeat: 1,
    out: args.out ?? defaultOutDir(['demo']),
    simulate: true,
    stream: true,
    retries: 5,
    timeout: 120,
    maxErrorRate: 0.1,
  };
  io.stdout.write(`mixrouter-eval demo (SIMULATED gateway): ${DEMO_MODELS.join(', ')} on ${datasets.join(', ')}\n`);
  const argv = ['eval', '--simulate', '--stream', '--models', DEMO_MODELS.join(','), '--dataset', ...datasets, '--out', evalArgs.out as string];
  return evalCommand(evalArgs, io, argv);
}
