import { join } from 'node:path';
import { ExitCode, UserError, type ExitCodeValue } from '../../errors.js';
import { buildRunConfig, checkBaseUrl, validateEvalArgs, type EvalArgs } from '../../config/build-run-config.js';
import { apiKeyFromEnv, DEFAULT_BASE_URL, loadDotEnv, redact } from '../../config/env.js';
import { renderSummaryTable } from '../../report/render-summary-table.js';
import { runEval, type RunOutcome } from '../../run/run-eval.js';
import { toolVersion } from '../../version.js';
import { installInterrupts } from '../interrupts.js';

/** Streams the command writes to; tests pass their own. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Grace period for in-flight requests after the first Ctrl-C. */
const GRACE_MS = 15_000;

/**
 * `eval`: validates everything (flags, key, datasets) before any request,
 * runs, prints the summary and returns the exit code.
 */
export async function evalCommand(args: EvalArgs, io: CommandIo, argv: string[]): Promise<ExitCodeValue> {
  loadDotEnv();
  validateEvalArgs(args);
  let apiKey: string;
  let baseUrl: string;
  let closeSimulator: (() => Promise<void>) | null = null;
  if (args.simulate) {
    const { startSimulator } = await import('../../simulator/server.js');
    const simulator = await startSimulator({ knowledge: args.dataset ?? [] });
    apiKey = simulator.apiKey;
    baseUrl = simulator.baseUrl;
    closeSimulator = () => simulator.close();
    io.stderr.write(`Simulated gateway listening at ${baseUrl} (answers are simulated, not real models).\n`);
  } else {
    const key = apiKeyFromEnv();
    if (!key) {
      throw new UserError(
        'MIXROUTER_API_KEY is not set, so nothing was sent. Export it (or put it in a .env file), ' +
          'or try everything offline first: `npm run demo`, or add --simulate to this command.',
      );
    }
    apiKey = key;
    baseUrl = args.baseUrl ?? process.env.MIXROUTER_BASE_URL ?? DEFAULT_BASE_URL;
    checkBaseUrl(args.baseUrl !== undefined ? '--base-url' : 'MIXROUTER_BASE_URL', baseUrl);
  }
  const log = (line: string): void => {
    io.stderr.write(`${redact(line, apiKey)}\n`);
  };
  const config = buildRunConfig({
    args,
    apiKey,
    baseUrl,
    argv: argv.map((entry) => redact(entry, apiKey)),
    toolVersion: toolVersion(),
  });
  const interrupts = installInterrupts({ graceMs: GRACE_MS, log });
  let outcome: RunOutcome;
  try {
    outcome = await runEval(config, {
      stopScheduling: interrupts.stopScheduling,
      cancelInFlight: interrupts.cancelInFlight,
      progressOutput: io.stderr,
      log,
    });
  } finally {
    interrupts.dispose();
    await closeSimulator?.();
  }
  io.stdout.write(`\n${renderSummaryTable(outcome.summaries, { simulated: config.simulated })}\n\n`);
  io.stdout.write(`Results: ${join(outcome.outDir, 'results.jsonl')}\n`);
  io.stdout.write(`         ${join(outcome.outDir, 'results.csv')}\n`);
  io.stdout.write(`         ${join(outcome.outDir, 'run.json')}\n`);
  return exitCodeFor({ outcome, args, argv, log });
}

function exitCodeFor(options: { outcome: RunOutcome; args: EvalArgs; argv: string[]; log: (line: string) => void }): ExitCodeValue {
  const { outcome, args, log } = options;
  if (outcome.interrupted) {
    const resume = resumeCommand(options.argv, outcome.outDir);
    log(`Interrupted. Finished rows are saved; resume with:\n  ${resume}`);
    return ExitCode.interrupted;
  }
  for (const stopped of outcome.stopped) log(`Model ${stopped.model} was stopped early: ${stopped.reason}`);
  if (outcome.stopped.length > 0) return ExitCode.infrastructure;
  const { written, errors } = outcome.manifest.counts;
  if (written > 0 && errors / written > args.maxErrorRate) {
    log(`${errors} of ${written} rows ended in errors, above --max-error-rate ${args.maxErrorRate}.`);
    return ExitCode.infrastructure;
  }
  return ExitCode.ok;
}

/** The same command with `--out <folder>` so a re-run skips every finished key. */
function resumeCommand(argv: string[], outDir: string): string {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const entry = argv[index];
    if (entry === '--out') {
      index += 1;
      continue;
    }
    if (entry.startsWith('--out=')) continue;
    kept.push(entry);
  }
  const quote = (part: string): string => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`);
  return ['mixrouter-eval', ...kept, '--out', outDir].map(quote).join(' ');
}
