import { type GateOptions, gateRun } from '../analysis/gate.js';
import type { HeldRun } from '../analysis/scored-run.js';
import { writeReports } from '../report/write-reports.js';

/** What to write the reports of: a run folder, and an earlier run to compare with and gate on. */
export interface ReportRequest {
  /** The run folder to report on. */
  run: string;
  /** An earlier run to compare with (the report then shows the comparison and the gate). */
  baseline?: string;
  minScore?: number;
  maxDrop?: number;
  maxGroupDrop?: Record<string, number>;
  alpha?: number;
  maxErrorRate?: number;
}

/**
 * Writes report.html, report.md and junit.xml of a run folder, with the
 * baseline comparison and its gate when one is named, and returns the path of
 * report.html. `held` holds the run's final records (and maybe score lines)
 * when the caller has them in memory, so results.jsonl is not read again.
 */
export async function writeRunReports(request: ReportRequest, held?: HeldRun): Promise<string> {
  const options: GateOptions = {
    minScore: request.minScore,
    maxDrop: request.maxDrop,
    maxGroupDrop: request.maxGroupDrop,
    alpha: request.alpha,
    maxErrorRate: request.maxErrorRate,
  };
  const gate = request.baseline
    ? await gateRun({ baselineDir: request.baseline, candidateDir: request.run, options })
    : null;
  const written = await writeReports({
    runDir: request.run,
    comparison: gate ? { ...gate.comparison, gate } : undefined,
    held,
  });
  return written.html;
}
