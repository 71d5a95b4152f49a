import type { ResultRecord } from '../results/result-record.js';

/** Tokens a judge call used; `null` means "not reported". */
export interface JudgeUsage {
  input: number | null;
  output: number | null;
}

/** One score of one result row. */
export interface Score {
  /** Scorer name as chosen, e.g. `numeric`, `choice`, `regex`, `judge`, `custom:my-scorer`. */
  name: string;
  /** In [0, 1]; 0/1 for pass/fail scorers. Null when the scorer could not score (see `error`). */
  value: number | null;
  /** `value >= threshold`; null when there is no value. */
  passed: boolean | null;
  /** What the scorer compared or extracted (e.g. the extracted letter), for reports. */
  detail?: string;
  /** A scorer failure (e.g. the judge's request failed): a typed error, never a score. */
  error?: { kind: string; message: string };
  /**
   * What scoring this row cost (the judge's call), kept apart from the model's
   * own cost so reports can sum the two separately. Absent for free scorers;
   * null when the judge's gateway did not report a cost.
   */
  costUsd?: number | null;
  /** Tokens the judge call used, when a judge scored the row. */
  usage?: JudgeUsage;
}

/** What a scorer sees: the result row (which carries input, expected and answer). */
export interface ScorerInput {
  record: ResultRecord;
}

/** A scorer: a small pure (or, for the judge, async) function over a result row. */
export type Scorer = (input: ScorerInput) => Score | Promise<Score>;

/** A scorer ready to run, named by the spec it came from (e.g. `numeric:0.01`); its scores carry that name. */
export interface NamedScorer {
  name: string;
  score: Scorer;
  /** True for built-in scorers that never return a promise, so a run can score each row the moment it finishes. */
  synchronous?: boolean;
}

/** Version of the scores file line schema. */
export const SCORES_SCHEMA_VERSION = 1;

/**
 * One line of `scores.jsonl`, written next to `results.jsonl` (which is never
 * rewritten): the scores of one result key.
 */
export interface ScoreLine {
  v: number;
  key: string;
  item: string;
  model: string;
  repeat: number;
  scores: Score[];
  /** True when every score passed, false when one failed, null when nothing could be scored (error rows, no expected). */
  passed: boolean | null;
}
