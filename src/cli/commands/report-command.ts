import { relative } from 'node:path';
import { ExitCode, type ExitCodeValue, UserError } from '../../errors.js';
import { parseMaxDrop } from '../../analysis/gate.js';
import { type ReportRequest, writeRunReports } from '../../outputs/write-run-reports.js';
import type { CommandIo } from '../command-io.js';

/** Flags of `report` (`--max-drop` as given: `N`, `GROUP=N` or `*=N`). */
export type ReportArgs = Omit<ReportRequest, 'maxDrop' | 'maxGroupDrop'> & { maxDrop?: string[] };

/** `report`: regenerates report.html, report.md and junit.xml of a run folder and prints where report.html is. */
export async function reportCommand(args: ReportArgs, io: CommandIo): Promise<ExitCodeValue> {
  try {
    const { maxDrop, ...rest } = args;
    const html = await writeRunReports({ ...rest, ...parseMaxDrop(maxDrop) });
    const shown = relative(process.cwd(), html) || html;
    io.stdout.write(`${shown.startsWith('..') ? html : shown}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
}
