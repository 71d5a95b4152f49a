import type { ScoreLine } from './types.js';

/**
 * What scoring one model's rows took, which only the score lines know: scores
 * that failed to compute and what the judge cost. (How well the model scored
 * is the analysis model's figure, from the same lines.)
 */
export interface ModelScoring {
  model: string;
  /** Scores that carry an error (judge request failed or unparsable, custom scorer threw, ...). */
  scorerErrors: number;
  /** Judge cost summed over rows that reported one; null when none did. */
  judgeCostUsd: number | null;
  /** Judge calls whose cost was not reported. */
  judgeCostMissing: number;
}

/** Folds score lines into one tally per model, in first-seen order; memory grows with models, not rows. */
export class ScoreTally {
  private readonly models = new Map<string, ModelScoring>();

  /** Counts one line. */
  add(line: ScoreLine): void {
    let entry = this.models.get(line.model);
    if (!entry) {
      entry = { model: line.model, scorerErrors: 0, judgeCostUsd: null, judgeCostMissing: 0 };
      this.models.set(line.model, entry);
    }
    for (const score of line.scores) {
      if (score.error) entry.scorerErrors += 1;
      if (score.costUsd === undefined) continue;
      if (score.costUsd === null) entry.judgeCostMissing += 1;
      else entry.judgeCostUsd = (entry.judgeCostUsd ?? 0) + score.costUsd;
    }
  }

  /** One tally per model seen. */
  tallies(): ModelScoring[] {
    return [...this.models.values()].map((entry) => ({ ...entry }));
  }
}

/** Whether a row passed: false when any score failed, true when every score passed, else null. */
export function combinePassed(scores: ScoreLine['scores']): boolean | null {
  if (scores.length === 0) return null;
  if (scores.some((score) => score.passed === false)) return false;
  return scores.every((score) => score.passed === true) ? true : null;
}
