import type { GroupBreakdown } from '../../analysis/group-breakdown.js';
import type { PairedComparison } from '../../stats/index.js';

/** A figure in the baseline and in this run; null where a side did not report it. */
export interface ComparisonDelta {
  baseline: number | null;
  candidate: number | null;
  /** candidate − baseline; null when either side is null. */
  delta: number | null;
}

/**
 * This run (the candidate) against a baseline run, computed by the caller.
 * Structurally a subset of the comparison `compare-runs.ts` builds, so that
 * object (optionally with the gate's result added) can be passed as is.
 */
export interface BaselineComparison {
  baseline: { path: string };
  models: Array<{
    baselineModel: string;
    candidateModel: string;
    /** Side A = this run, side B = the baseline, so `result.difference` = candidate − baseline. */
    comparison: { verdict: string; result: PairedComparison | null };
    latencyP50Ms?: ComparisonDelta;
    outputTokens?: ComparisonDelta;
    costUsd?: ComparisonDelta;
    /**
     * Per group column: each group's candidate and baseline scores (`scores[0]`, `scores[1]`)
     * and candidate − baseline (`pairs[0]`), Holm-adjusted over the column's groups.
     */
    breakdowns?: GroupBreakdown[];
  }>;
  /** The quality gate's decision, when one was taken. */
  gate?: { exitCode: number; reasons: string[]; notes: string[] };
}
