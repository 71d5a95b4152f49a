import yargs, { type Argv } from 'yargs';
import { ConfigError, ExitCode, INTERNAL_ERROR_EXIT, UserError } from '../errors.js';
import type { EvalArgs } from '../config/eval-args.js';
import type { CompareArgs } from './commands/compare-command.js';
import type { MergeArgs } from './commands/merge-command.js';
import { type CommandName, COMMAND_SPECS } from './command-specs.js';
import { inertWriter } from '../util/terminal-text.js';
import { checkFlagValues } from './flag-values.js';
import type { ReportArgs } from './commands/report-command.js';
import type { SuitesArgs } from './commands/suites-command.js';
import type { CommandIo } from './command-io.js';

/** Command handlers; `runCli` wires the real ones, tests can pass their own. */
export interface Handlers {
  eval(args: EvalArgs, io: CommandIo, argv: string[]): Promise<number>;
  merge(args: MergeArgs, io: CommandIo, argv: string[]): Promise<number>;
  demo(args: { out?: string }, io: CommandIo): Promise<number>;
  simulate(args: SimulateArgs, io: CommandIo): Promise<number>;
  models(args: { baseUrl?: string; simulate: boolean; json: boolean }, io: CommandIo): Promise<number>;
  suites(args: SuitesArgs, io: CommandIo): Promise<number>;
  compare(args: CompareArgs, io: CommandIo): Promise<number>;
  report(args: ReportArgs, io: CommandIo): Promise<number>;
  score(args: ScoreCommandArgs, io: CommandIo): Promise<number>;
}

/** Flags of `score`. */
export interface ScoreCommandArgs {
  run: string;
  scorer?: string[];
  allowDatasetScorers: boolean;
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
  /** `model=p` or `model:group=p` accuracies (comma-separated, repeatable). */
  accuracy?: string[];
  /** The simulated gateway's own limits, `MODEL=6000rpm,50burst` (repeatable). */
  rateLimit?: string[];
  /** `model` or `key`. */
  rateLimitPer?: string;
}

/** Builds the yargs program around the given handlers. */
export function createProgram(options: {
  handlers: Handlers;
  io: CommandIo;
  argv: string[];
  version: string;
  onExit(code: number): void;
}): Argv {
  const { handlers, io, argv } = options;
  // yargs hands each handler its parsed flags as a loose record; each command's own type describes them.
  const runHandler = (name: CommandName, parsed: unknown): Promise<number> => {
    switch (name) {
      case 'eval':
        return handlers.eval(parsed as EvalArgs, io, argv);
      case 'merge':
        return handlers.merge(parsed as MergeArgs, io, argv);
      case 'demo':
        return handlers.demo(parsed as { out?: string }, io);
      case 'simulate':
        return handlers.simulate(parsed as SimulateArgs, io);
      case 'models':
        return handlers.models(parsed as { baseUrl?: string; simulate: boolean; json: boolean }, io);
      case 'suites':
        return handlers.suites(parsed as SuitesArgs, io);
      case 'compare':
        return handlers.compare(parsed as CompareArgs, io);
      case 'score':
        return handlers.score(parsed as ScoreCommandArgs, io);
      case 'report':
        return handlers.report(parsed as ReportArgs, io);
    }
  };
  let program = skipHelpCache(yargs(argv))
    .scriptName('mixrouter-eval')
    .usage('$0 <command> [options]\n\nRun prompt datasets against many LLMs through the mixrouter gateway.');
  for (const spec of COMMAND_SPECS) {
    program = program.command(
      spec.usage,
      spec.summary,
      (builder) => {
        for (const [name, positional] of Object.entries(spec.positionals ?? {})) builder.positional(name, positional);
        builder.options(spec.options);
        for (const [command, description] of spec.examples) builder.example(command, description);
        return builder;
      },
      async (parsed) => {
        checkFlagValues({ spec, parsed, argv });
        options.onExit(await runHandler(spec.name, parsed));
      },
    );
  }
  return program
    .demandCommand(
      1,
      'Name a command: eval, merge, suites, score, compare, report, models, demo or simulate (see --help).',
    )
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
  // Gateway and dataset text reaches every message and table: no control character gets through to the terminal.
  const io: CommandIo = {
    stdout: inertWriter(options.io.stdout),
    stderr: inertWriter(options.io.stderr),
    progress: options.io.progress ?? options.io.stderr,
  };
  try {
    await createProgram({ ...options, io, onExit: (value) => (code = value) }).parseAsync();
    return code;
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(
      `internal error (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return INTERNAL_ERROR_EXIT;
  }
}
