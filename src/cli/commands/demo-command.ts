import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultOutDir } from '../../config/build-run-config.js';
import type { ExitCodeValue } from '../../errors.js';
import { packageRoot } from '../../package-root.js';
import type { CommandIo } from '../command-io.js';

/** The three simulated models the demo compares. */
export const DEMO_MODELS = ['qwen3-max', 'deepseek-chat', 'gpt-4o-mini'];

/** The sample datasets shipped in `datasets/`. */
export function demoDatasets(): string[] {
  const folder = join(packageRoot(), 'datasets');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.csv') || name.endsWith('.jsonl'))
    .sort()
    .map((name) => relative(process.cwd(), join(folder, name)) || name);
}

/**
 * `demo`: every sample dataset against three simulated models, streamed,
 * offline. It is exactly an `eval` command line, parsed like one (`runEvalArgv`).
 */
export async function demoCommand(
  args: { out?: string },
  io: CommandIo,
  runEvalArgv: (argv: string[]) => Promise<ExitCodeValue>,
): Promise<ExitCodeValue> {
  const datasets = demoDatasets();
  const out = args.out ?? defaultOutDir(['demo']);
  const argv = [
    'eval',
    '--simulate',
    '--stream',
    '--no-cache',
    '--models',
    DEMO_MODELS.join(','),
    '--dataset',
    ...datasets,
    '--out',
    out,
    '--concurrency',
    '32',
  ];
  io.stdout.write(`mixrouter-eval demo (SIMULATED gateway): ${DEMO_MODELS.join(', ')} on ${datasets.join(', ')}\n`);
  io.stdout.write(`Same as: mixrouter-eval ${argv.join(' ')}\n`);
  return runEvalArgv(argv);
}
