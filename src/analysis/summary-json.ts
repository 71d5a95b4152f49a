import type { GroupBreakdown } from './group-breakdown.js';
import type { PairComparison } from './pairwise.js';
import type { RunAnalysis } from './run-analysis.js';
import type { ScoreEstimate } from './score-estimate.js';
import type { ModelSummary } from './summarize.js';

/** Version of `summary.json`; bumped on any change a reader could trip over (fields only added keep it). */
export const SUMMARY_SCHEMA_VERSION = 1;

/** What `summary.json` says about the run besides its analysis. */
export interface SummaryRunInfo {
  toolVersion: string;
  /** The run folder as given. */
  folder: string;
  status: string | null;
  suites: Array<{ name: string; suite: string; version: string; shots: number; rows: number; licence: string }>;
}

type Json = Record<string, unknown>;

/** A dollar sum without the float noise of adding many small costs (to 1e-10 USD). */
function dollars(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e10) / 1e10;
}

function score(estimate: ScoreEstimate | null, extra: Json = {}): Json | null {
  if (estimate === null) return null;
  return {
    items: estimate.items,
    ...extra,
    mean: estimate.mean,
    low: estimate.low,
    high: estimate.high,
    se: estimate.se,
    clustered_se: estimate.clusteredSe,
    clusters: estimate.clusters,
    method: estimate.method,
  };
}

function model(summary: ModelSummary): Json {
  return {
    model: summary.model,
    rows: summary.rows,
    ok: summary.ok,
    errors: summary.errors,
    errors_by_kind: summary.errorsByKind,
    cached_rows: summary.cachedRows,
    reasoning_exhausted: summary.reasoningExhausted,
    score:
      summary.score && score(summary.score, { scored_rows: summary.score.scored, passed_rows: summary.score.passed }),
    latency_ms: summary.latencyMs,
    ttft_ms: summary.ttftMs,
    tokens: summary.tokens,
    rows_without_usage: summary.rowsWithoutUsage,
    cost_usd: dollars(summary.costUsd),
    repeats: summary.repeats && {
      k: summary.repeats.repeats,
      items: summary.repeats.items,
      pass_at_1: summary.repeats.meanPassAt1,
      pass_at_k: summary.repeats.passAtK,
      pass_hat_k: summary.repeats.passHatK,
      consistency: summary.repeats.meanConsistency,
    },
  };
}

function pair(comparison: PairComparison): Json {
  const { result } = comparison;
  return {
    a: comparison.a,
    b: comparison.b,
    n: result?.n ?? 0,
    difference: result?.difference ?? null,
    low: result?.interval.low ?? null,
    high: result?.interval.high ?? null,
    method: comparison.method,
    p_value: comparison.pValue,
    p_adjusted: comparison.adjustedP,
    family: comparison.family,
    significant: result?.significant ?? false,
    correlation: comparison.correlation,
    se: comparison.se,
    clustered_se: comparison.clusteredSe,
    mde: result?.mde ?? null,
  };
}

function breakdown(entry: GroupBreakdown): Json {
  return {
    column: entry.column,
    cluster_by: entry.clusterBy,
    family: entry.family,
    groups: entry.groups.map((group) => ({
      name: group.name,
      items: group.items,
      models: group.scores.map((cell) => ({
        model: cell.model,
        rows: cell.rows,
        errors: cell.errors,
        score: score(cell.score),
        latency_ms: cell.latencyMs,
        tokens: cell.tokens,
        cost_usd: dollars(cell.costUsd),
      })),
      pairs: group.pairs.map((entryPair) => ({
        a: entryPair.a,
        b: entryPair.b,
        n: entryPair.n,
        difference: entryPair.difference,
        low: entryPair.low,
        high: entryPair.high,
        method: entryPair.method,
        p_value: entryPair.pValue,
        p_adjusted: entryPair.adjustedP,
        correlation: entryPair.correlation,
        credible: entryPair.credible,
      })),
    })),
    averages: entry.averages.map((average) => ({ model: average.model, micro: average.micro, macro: average.macro })),
  };
}

/**
 * `summary.json`: the run's analysis as plain JSON for CI jobs and dashboards,
 * built from the same analysis every report renders. Fractions stay fractions
 * (0.83, not 83%); differences are A − B; null means not reported or not
 * computable. Documented field by field in docs/summary-json.md.
 */
export function buildSummaryJson(analysis: RunAnalysis, run: SummaryRunInfo): Json {
  return {
    schema_version: SUMMARY_SCHEMA_VERSION,
    tool: { name: 'mixrouter-eval', version: run.toolVersion },
    run: {
      folder: run.folder,
      status: run.status,
      simulated: analysis.simulated,
      alpha: analysis.alpha,
      suites: run.suites,
      group_by: analysis.settings.groupBy,
      cluster_by: analysis.settings.clusterBy,
    },
    models: analysis.models.map(model),
    pairs: analysis.pairs.map(pair),
    breakdowns: analysis.breakdowns.map(breakdown),
  };
}
