import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HeldRun } from '../analysis/scored-run.js';
import { ModelData } from '../analysis/model-data.js';
import { type RecordScore, recordScoreFromLine, UNSCORED } from '../analysis/record-score.js';
import type { ResultRecord } from '../results/result-record.js';
import { ResultsCsvWriter } from '../results/write-csv.js';
import { SCORES_FILE } from '../score/read-scores.js';
import { rowScorerSpec, scoreLineNow } from '../score/score-line.js';
import { autoNamedScorer } from '../score/score-run.js';
import type { NamedScorer } from '../score/types.js';
import { WriteError } from '../errors.js';
import { BufferedFile } from '../util/buffered-file.js';

/** What a run tells its live outputs. */
export interface LiveOutputsOptions {
  outDir: string;
  /** The run's scorers (`--scorer` or the config); empty means `auto`. */
  scorers: NamedScorer[];
  /** Pass mark for continuous scores of `auto`. */
  threshold?: number;
  /** Models in run order (the summary's order). */
  modelOrder: readonly string[];
  /** Keep per-item outcomes for pairwise tests and repeat figures (false past `LARGE_RUN_ROWS`). */
  keepItems: boolean;
  /** Rows planned per model, to size the latency lists once. */
  rowsPerModel?: number;
  /** Repeats per item (`--repeat`). */
  repeats: number;
  /** Keep the final records for reports written in-process (small runs only). */
  keepRecords?: boolean;
}

/**
 * The outputs of a fresh run built from each final record just after it is
 * written (in the same turn of the event loop): its results.csv line, its scores.jsonl line and its share of the
 * summary. Nothing is read back, so the run ends with its outputs ready,
 * and memory stays as flat as without it. It gives up (and the run
 * falls back to reading results.jsonl afterwards) when a row names its own
 * scorer in the dataset, since those specs are resolved before scoring.
 */
export class LiveOutputs {
  private readonly csv: ResultsCsvWriter;
  private readonly scoresPath: string;
  /** scores.jsonl under a temporary name, renamed into place by `finish`. */
  private readonly scores: BufferedFile;
  private readonly scorers: NamedScorer[];
  private readonly explicit: boolean;
  private gaveUp = false;
  /** Per-model folds, in `modelOrder` first. */
  readonly models = new Map<string, ModelData>();
  private readonly kept: { records: ResultRecord[]; scores: Map<string, RecordScore> } | null;
  /** Records written but not folded yet: at most one event-loop turn's. */
  private readonly queue: ResultRecord[] = [];
  private readonly drain = (): void => {
    try {
      for (const record of this.queue.splice(0)) this.fold(record);
    } catch (error) {
      // results.csv or scores.jsonl could not be written: the outputs are made from the files after the run
      // (which says what failed, with its own exit code, if the disk still refuses).
      if (!(error instanceof WriteError)) throw error;
      this.giveUp();
    }
  };

  /** Whether these scorers can run as rows finish (no judge or custom module). */
  static canScore(scorers: NamedScorer[]): boolean {
    return scorers.every((scorer) => scorer.synchronous === true);
  }

  constructor(private readonly options: LiveOutputsOptions) {
    this.explicit = options.scorers.length > 0;
    this.kept = options.keepRecords ? { records: [], scores: new Map() } : null;
    this.scorers = this.explicit ? options.scorers : [autoNamedScorer(options.threshold)];
    for (const model of options.modelOrder)
      this.models.set(model, new ModelData(model, this.foldOptions(options.rowsPerModel)));
    this.csv = new ResultsCsvWriter(join(options.outDir, 'results.csv'));
    this.scoresPath = join(options.outDir, SCORES_FILE);
    this.scores = new BufferedFile(`${this.scoresPath}.tmp`);
  }

  /**
   * Queues one final record (never a `pending` video line), already on disk in
   * results.jsonl. The queue is folded once the event loop has handled the
   * network events of this turn, so answers and the next requests go first;
   * it holds at most one turn's records.
   */
  add(record: ResultRecord): void {
    if (this.gaveUp) return;
    this.queue.push(record);
    if (this.queue.length === 1) setImmediate(this.drain);
  }

  private fold(record: ResultRecord): void {
    if (this.gaveUp) return;
    // Rows that name their own scorer need their specs resolved first (the read-back path does that).
    if (!this.explicit && rowScorerSpec(record) !== null) {
      this.giveUp();
      return;
    }
    const line = scoreLineNow(record, this.scorers);
    // A scorer returned a promise after all.
    if (line === null) {
      this.giveUp();
      return;
    }
    this.csv.write(record);
    this.scores.write(`${JSON.stringify(line)}\n`);
    let data = this.models.get(record.model);
    if (!data) {
      data = new ModelData(record.model, this.foldOptions());
      this.models.set(record.model, data);
    }
    const score = record.status === 'ok' ? recordScoreFromLine(line) : UNSCORED;
    data.add(record, score);
    if (this.kept) {
      this.kept.records.push(record);
      this.kept.scores.set(record.key, score);
    }
  }

  /** The final records in the order written and their scores, when kept (`keepRecords`) and live outputs held; else null. */
  get held(): HeldRun | null {
    return this.gaveUp ? null : this.kept;
  }

  /** Closes the files (scores.jsonl renamed into place) and returns the folds, or null if live outputs were given up. */
  finish(): Map<string, ModelData> | null {
    this.drain();
    if (this.gaveUp) return null;
    this.scores.close();
    this.csv.close();
    renameSync(`${this.scoresPath}.tmp`, this.scoresPath);
    return this.models;
  }

  /** Removes what was written (the run failed, or live outputs were given up). */
  discard(): void {
    this.queue.splice(0);
    for (const file of [this.scores, this.csv]) {
      try {
        file.close();
      } catch {
        // Its last batch could not be written: the file is removed anyway.
      }
    }
    rmSync(`${this.scoresPath}.tmp`, { force: true });
    rmSync(this.csv.path, { force: true });
  }

  /** Canonical answers only matter for repeat figures, so a single-repeat run skips them. */
  private foldOptions(expectedRows?: number): { keepItems: boolean; keepAnswers: boolean; expectedRows?: number } {
    return { keepItems: this.options.keepItems, keepAnswers: this.options.repeats > 1, expectedRows };
  }

  private giveUp(): void {
    this.gaveUp = true;
    this.models.clear();
    this.kept?.records.splice(0);
    this.kept?.scores.clear();
    this.discard();
  }
}
