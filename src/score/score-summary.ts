import type { ScoreLine } from './types.js';

/** Pass counts of one model in a scored run. */
export interface ModelScoreSummary {
  model: string;
  /** Score lines of this model (one per result key). */
  rows: number;
  /** Rows whose request failed: not scored. */
  errorRows: number;
  /** Rows with a pass/fail outcome. */
  scored: number;
  passed: number;
  /** Ok rows without an outcome (no expected answer, or a scorer error). */
  unscored: number;
  /** Scores that carry an error (judge request failed or unparsable, custom scorer threw, ...). */
  scorerErrors: number;
  /** Judge cost summed over rows that reported one; null when none did. */
  judgeCostUsd: number | null;
  /** Judge calls whose cost was not reported. */
  judgeCostMissing: number;
  /** passed / scored, null when nothing was scored. */
  passRate: number | null;
}

/** Folds score lines into one summary per model, in first-seen order; memory grows with models, not rows. */
export class ScoreTally {
  private readonly models = new Map<string, Omit<ModelScoreSummary, 'passRate'>>();

  /** Counts one line; `status` is the result row's (error rows are counted, never scored). */
  add(line: ScoreLine, status: 'ok' | 'error' | 'pending'): void {
    let entry = this.models.get(line.model);
    if (!entry) {
      entry = {
        model: line.model,
        rows: 0,
        errorRows: 0,
        scored: 0,
        passed: 0,
        unscored: 0,
        scorerErrors: 0,
        judgeCostUsd: null,
        judgeCostMissing: 0,
      };
      this.models.set(line.model, entry);
    }
    entry.rows += 1;
    if (status === 'error') {
      entry.errorRows += 1;
      return;
    }
    if (line.passed === null) entry.unscored += 1;
    else {
      entry.scored += 1;
      if (line.passed) entry.passed += 1;
    }
    for (const score of line.scores) {
      if (score.error) entry.scorerErrors += 1;
      if (score.costUsd === undefined) continue;
      if (score.costUsd === null) entry.judgeCostMissing += 1;
      else entry.judgeCostUsd = (entry.judgeCostUsd ?? 0) + score.costUsd;
    }
  }

  /** One summary per model seen, with its pass rate. */
  summaries(): ModelScoreSummary[] {
    return [...this.models.values()].map((entry) => ({
      ...entry,
      passRate: entry.scored > 0 ? entry.passed / entry.scored : null,
    }));
  }
}

/** Whether a row passed: false when any score failed, true when every score passed, else null. */
export function combinePassed(scores: ScoreLine['scores']): boolean | null {
  if (scores.length === 0) return null;
  if (scores.some((score) => score.passed === false)) return false;
  return scores.every((score) => score.passed === true) ? true : null;
}
