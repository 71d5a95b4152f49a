/**
 * Where and whether a run's outputs are made, by its size: the one place these
 * thresholds live.
 *
 * - Up to `IN_PROCESS_REPORT_ROWS`, a fresh run keeps its final records (about
 *   3 KB a row) and writes report.html, report.md and junit.xml in this process.
 * - Up to `REPORT_ROW_LIMIT`, a report worker (a process of its own, started when
 *   results.jsonl opens) follows the file and writes them, so the runner's memory
 *   stays flat.
 * - Above it, the reports are skipped; `mixrouter-eval report <run>` writes them on request.
 * - Above `LARGE_RUN_ROWS`, the summary keeps per-model running totals only
 *   (no pairwise tests or repeat figures); scores.jsonl still has every score.
 */
export const OUTPUT_POLICY: OutputPolicy = {
  IN_PROCESS_REPORT_ROWS: 10_000,
  REPORT_ROW_LIMIT: 100_000,
  LARGE_RUN_ROWS: 200_000,
};

/** The thresholds, as a type (tests may use other values). */
export interface OutputPolicy {
  readonly IN_PROCESS_REPORT_ROWS: number;
  readonly REPORT_ROW_LIMIT: number;
  readonly LARGE_RUN_ROWS: number;
}

/** How a run of `rows` planned rows makes its outputs. */
export interface OutputPlan {
  /** The fresh run keeps its records and score lines for reports written in-process. */
  keepRecords: boolean;
  /** A report worker follows results.jsonl (when the records are not kept). */
  reportWorker: boolean;
  /** report.html, report.md and junit.xml are written at all. */
  reports: boolean;
  /** Per-item outcomes are kept for pairwise tests and repeat figures. */
  keepItems: boolean;
}

/** The output plan of a run, from its planned rows (and whether it is fresh: only a fresh run can keep its records). */
export function planOutputs(options: { rows: number; fresh: boolean; policy?: OutputPolicy }): OutputPlan {
  const { rows, fresh, policy = OUTPUT_POLICY } = options;
  const reports = rows <= policy.REPORT_ROW_LIMIT;
  const keepRecords = fresh && rows <= policy.IN_PROCESS_REPORT_ROWS;
  return { keepRecords, reportWorker: reports && !keepRecords, reports, keepItems: rows <= policy.LARGE_RUN_ROWS };
}
