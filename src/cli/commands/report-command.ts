import { relative } from 'node:path';
import { ExitCode, UserError, type ExitCodeValue } from '../../errors.js';
import { gateRun, type GateOptions } from '../../report/gate.js';
import { writeReports } from '../../report/write-reports.js';
import type { HeldRun } from '../../report/html/scored-run.js';
import type { CommandIo } from '../command-io.js';

/** Flags of `report`. */
export interface ReportArgs {
  /** The run folder to report on. */
  run: string;
  /** An earlier run to compare with (the report then shows the comparison and the gate). */
  baseline?: string;
  minScore?: number;
  maxDrop?: number;
  alpha?: number;
  maxErrorRate?: number;
}

/**
 * `report`: regenerates report.html, report.md and junit.xml of a run folder and prints where report.html is.
 * `held` holds the run's final records (and maybe score lines) when the caller has them (the run itself, or the report worker).
 */
export async function reportCommand(args: ReportArgs, io: CommandIo, held?: HeldRun): Promise<ExitCodeValue> {
  try {
    const options: GateOptions = {
      minScore: args.minScore,
      maxDrop: args.maxDrop,
      alpha: args.alpha,
      maxErrorRate: args.maxErrorRate,
    };
    const gate = args.baseline ? await gateRun({ baselineDir: args.baseline, candidateDir: args.run, options }) : null;
    const written = await writeReports({
      runDir: args.run,
      comparison: gate ? { ...gate.comparison, gate } : undefined,
      held,
    });
    const shown = relative(process.cwd(), written.html) || written.html;
    io.stdout.write(`${shown.startsWith('..') ? written.html : shown}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
}
