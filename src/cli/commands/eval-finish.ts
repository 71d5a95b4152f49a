import { join } from 'node:path';
import { evaluateMinScore, gateRun, type GateOptions, parseMaxDrop } from '../../analysis/gate.js';
import { summarizeVideos } from '../../analysis/video-summary.js';
import type { EvalArgs } from '../../config/eval-args.js';
import { ExitCode, type ExitCodeValue, WriteError } from '../../errors.js';
import type { RunOutputs } from '../../outputs/run-outputs.js';
import type { ReportRequest } from '../../outputs/write-run-reports.js';
import { renderComparison } from '../../report/render-compare.js';
import { renderRunReport } from '../../report/render-summary-table.js';
import { renderVideoSummary } from '../../report/render-video-summary.js';
import { latestRecords } from '../../results/latest-records.js';
import type { RunDatasets } from '../../run/run-datasets.js';
import { type RunOutcome, runEval } from '../../run/run-eval.js';
import type { RunConfig } from '../../settings/run-config.js';
import type { CommandIo } from '../command-io.js';
import { installInterrupts } from '../interrupts.js';

/** Grace period for in-flight requests after the first Ctrl-C. */
const GRACE_MS = 15_000;

/**
 * The second half of `eval`: runs the checked configuration into its outputs,
 * prints the summary (and the gate against `--baseline`), and decides the exit code.
 */

/** What the reports compare with and gate on: `--baseline` and its thresholds. */
export function reportRequestOf(args: GateArgs, outDir: string): ReportRequest {
  if (!args.baseline) return { run: outDir };
  const { baseline, alpha, maxErrorRate, minScore } = args;
  return { run: outDir, baseline, alpha, maxErrorRate, minScore, ...parseMaxDrop(args.maxDrop) };
}

export async function runAndReport(options: {
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

/** The gate's flags, the same on `eval` and `merge`. */
export type GateArgs = Pick<EvalArgs, 'baseline' | 'minScore' | 'maxDrop' | 'alpha' | 'maxErrorRate'>;

/** `--baseline`: compare the finished run with the baseline run and apply the gate. */
export function baselineGate(options: { args: GateArgs; outDir: string }): Promise<GateOutcome> {
  const { args } = options;
  const gateOptions: GateOptions = {
    minScore: args.minScore,
    ...parseMaxDrop(args.maxDrop),
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
