import yargs, { type Argv } from 'yargs';
import { ConfigError, ExitCode, UserError } from '../errors.js';
import type { EvalArgs } from '../config/eval-args.js';
import type { CompareArgs } from './commands/compare-command.js';
import { COMPARE_EXAMPLES, COMPARE_OPTIONS } from './compare-options.js';
import type { ReportArgs } from './commands/report-command.js';
import { EVAL_EXAMPLES, EVAL_OPTIONS } from './eval-options.js';
import type { CommandIo } from './command-io.js';

/** Command handlers; `runCli` wires the real ones, tests can pass their own. */
export interface Handlers {
  eval(args: EvalArgs, io: CommandIo, argv: string[]): Promise<number>;
  demo(args: { out?: string }, io: CommandIo): Promise<number>;
  simulate(args: SimulateArgs, io: CommandIo): Promise<number>;
  models(args: { baseUrl?: string; simulate: boolean; json: boolean }, io: CommandIo): Promise<number>;
  compare(args: CompareArgs, io: CommandIo): Promise<number>;
  report(args: ReportArgs, io: CommandIo): Promise<number>;
  score(args: ScoreCommandArgs, io: CommandIo): Promise<number>;
}

/** Flags of `score`. */
export interface ScoreCommandArgs {
  run: string;
  scorer?: string[];
  passThreshold?: number;
  judgeModel?: string;
  rubric?: string;
  concurrency: number;
  config?: string;
  baseUrl?: string;
  simulate: boolean;
}

/** Flags of `simulate`. */
export interface SimulateArgs {
  port: number;
  latencyScale: number;
  faults?: string;
  knowledge?: string[];
}

/** Exit code for a bug in this tool (not the user's input, not the network). */
export const INTERNAL_ERROR_EXIT = 70;

/** Builds the yargs program around the given handlers. */
export function createProgram(options: {
  handlers: Handlers;
  io: CommandIo;
  argv: string[];
  version: string;
  onExit(code: number): void;
}): Argv {
  const { handlers, io, argv } = options;
  return skipHelpCache(yargs(argv))
    .scriptName('mixrouter-eval')
    .usage('$0 <command> [options]\n\nRun prompt datasets against many LLMs through the mixrouter gateway.')
    .command(
      'eval',
      'Run a dataset against one or more models',
      (builder) => {
        builder.options(EVAL_OPTIONS);
        for (const [command, description] of EVAL_EXAMPLES) builder.example(command, description);
        return builder;
      },
      async (parsed) => options.onExit(await handlers.eval(parsed as unknown as EvalArgs, io, argv)),
    )
    .command(
      'demo',
      'Offline demo: the sample datasets against three simulated models',
      (builder) =>
        builder.option('out', { type: 'string', describe: 'Run folder (default results/<timestamp>-demo/)' }),
      async (parsed) => options.onExit(await handlers.demo(parsed as { out?: string }, io)),
    )
    .command(
      'simulate',
      'Start the simulated mixrouter gateway on loopback',
      (builder) =>
        builder
          .option('port', { type: 'number', default: 8787, describe: 'Port (0 picks a free one)' })
          .option('latency-scale', {
            type: 'number',
            default: 1,
            describe: 'Multiply every simulated delay (0 = instant)',
          })
          .option('faults', { type: 'string', describe: 'Fault probabilities, e.g. rateLimit=0.05,serverError=0.02' })
          .option('knowledge', {
            type: 'string',
            array: true,
            describe: 'Dataset files whose answers the simulated models know',
          })
          .example(
            '$0 simulate --port 8787',
            'Then: MIXROUTER_API_KEY=sim-local-key mixrouter-eval eval --base-url http://127.0.0.1:8787/v1 ...',
          ),
      async (parsed) => options.onExit(await handlers.simulate(parsed as unknown as SimulateArgs, io)),
    )
    .command(
      'models',
      'List the models the gateway offers (GET /v1/models), grouped by vendor',
      (builder) =>
        builder
          .option('base-url', {
            type: 'string',
            describe: 'Gateway base URL (env MIXROUTER_BASE_URL, default https://api.mixrouter.com/v1)',
          })
          .option('simulate', { type: 'boolean', default: false, describe: 'Ask the built-in simulated gateway' })
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
          .example('$0 models', 'Every model your key can use, by vendor, with the formats each accepts'),
      async (parsed) =>
        options.onExit(
          await handlers.models(parsed as unknown as { baseUrl?: string; simulate: boolean; json: boolean }, io),
        ),
    )
    .command(
      'compare <baseline> <candidate>',
      'Compare two runs (or two models of one run) item by item; --gate for CI',
      (builder) => {
        builder
          .positional('baseline', { type: 'string', describe: 'Baseline run folder or results.jsonl' })
          .positional('candidate', { type: 'string', describe: 'Candidate run folder or results.jsonl' })
          .options(COMPARE_OPTIONS);
        for (const [command, description] of COMPARE_EXAMPLES) builder.example(command, description);
        return builder;
      },
      async (parsed) => options.onExit(await handlers.compare(parsed as unknown as CompareArgs, io)),
    )
    .command(
      'score <run>',
      'Score a run folder again (writes scores.jsonl; calls no model except a judge)',
      (builder) =>
        builder
          .positional('run', { type: 'string', describe: 'Run folder' })
          .option('scorer', { type: 'string', array: true, describe: 'Scorer(s), as for eval --scorer' })
          .option('pass-threshold', { type: 'number', describe: 'Pass mark for continuous scores, in (0, 1]' })
          .option('judge-model', { type: 'string', describe: 'Model for a bare `judge` scorer' })
          .option('rubric', { type: 'string', describe: 'Judge rubric text, or @file' })
          .option('concurrency', {
            type: 'number',
            default: 4,
            describe: 'Rows scored at once (judge requests in flight)',
          })
          .option('config', { type: 'string', describe: 'Config file (its scoring section; judge model settings)' })
          .option('base-url', { type: 'string', describe: 'Gateway for the judge (env MIXROUTER_BASE_URL)' })
          .option('simulate', {
            type: 'boolean',
            default: false,
            describe: 'Judge with the built-in simulated gateway',
          })
          .example('$0 score results/run --scorer numeric', 'Re-score with the numeric scorer')
          .example('$0 score results/run --scorer judge:gpt-4o-mini --rubric @rubric.md', 'Grade with an LLM judge'),
      async (parsed) => options.onExit(await handlers.score(parsed as unknown as ScoreCommandArgs, io)),
    )
    .command(
      'report <run>',
      'Write report.html, report.md and junit.xml for a run folder again',
      (builder) =>
        builder
          .positional('run', { type: 'string', describe: 'Run folder' })
          .option('baseline', { type: 'string', describe: 'Earlier run to compare with in the report' })
          .option('min-score', { type: 'number', describe: 'Gate rule shown in the report (fraction 0-1)' })
          .option('max-drop', { type: 'number', describe: 'Gate rule shown in the report (percentage points)' })
          .option('alpha', { type: 'number', default: 0.05, describe: 'Significance level' })
          .option('max-error-rate', { type: 'number', default: 0.1, describe: 'Tolerated error rate' })
          .example('$0 report results/20261125-183705-test', 'Regenerate the reports, e.g. after `score`'),
      async (parsed) => options.onExit(await handlers.report(parsed as unknown as ReportArgs, io)),
    )
    .demandCommand(1, 'Name a command: eval, score, compare, report, models, demo or simulate (see --help).')
    .strict()
    .version(options.version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new ConfigError(`${message}\nRun with --help to see every flag.`);
    })
    .exitProcess(false);
}

/** The part of yargs' internals `skipHelpCache` touches. */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders a command's whole help text right after its handler starts, only to
 * cache it for later (about 80 ms of CPU for eval's flags, as the run's first requests
 * go out). No handler of ours shows help after it starts, so the caching is skipped;
 * `--help` still renders it when asked. Left alone if yargs' internals change.
 */
function skipHelpCache(program: Argv): Argv {
  const usage = (program as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
  return program;
}

/** Parses argv, runs the command and returns the process exit code. */
export async function runCli(options: {
  argv: string[];
  handlers: Handlers;
  io: CommandIo;
  version: string;
}): Promise<number> {
  let code: number = ExitCode.ok;
  try {
    await createProgram({ ...options, onExit: (value) => (code = value) }).parseAsync();
    return code;
  } catch (error) {
    if (error instanceof UserError) {
      options.io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    options.io.stderr.write(
      `internal error (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return INTERNAL_ERROR_EXIT;
  }
}
