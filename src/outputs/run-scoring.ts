import type { ScorerSpecOptions } from '../score/scorer-spec.js';
import type { NamedScorer } from '../score/types.js';

/** How a run's rows are scored: `--scorer` / the config (empty: each row's `scorer` column, else auto). */
export interface RunScoring {
  scorers: NamedScorer[];
  rowScorers: ScorerSpecOptions;
  /** Rows scored at once after the run (matters for a judge). */
  concurrency: number;
}
