import type { RunManifest } from './manifest.js';
import type { ResultRecord } from './result-record.js';

/** How a run ended, as its sink is told once `run.json` is final. */
export interface RunEnd {
  outDir: string;
  manifest: RunManifest;
  /** Rows with a final record: written now plus already done by an earlier run of the folder. */
  rows: number;
  interrupted: boolean;
}

/**
 * Where a run hands what it produced. The runner appends every record to
 * `results.jsonl` itself (the checkpoint) and tells its sink; what is made of
 * the records (CSV, scores, summary, reports) is the sink's business.
 */
export interface RunSink {
  /** `results.jsonl` is open for appending (a torn tail cut) and nothing was sent yet. */
  start(info: { outDir: string; plannedRows: number; resumed: boolean }): void;
  /** One final record (never a `pending` video line), exactly as written to `results.jsonl`. */
  record(record: ResultRecord): void;
  /** The run is over and `run.json` final; the run returns once this settles. */
  end(info: RunEnd): Promise<void>;
  /** The run failed: whatever the sink wrote is partial. */
  abort(): void;
}
