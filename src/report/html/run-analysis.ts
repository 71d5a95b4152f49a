import type { Interval, LatencySummary, PairedComparison } from '../../stats/index.js';
import { comparePaired, summarizeLatency, wilsonInterval } from '../../stats/index.js';
import { recordExtras } from './record-extras.js';
import type { ScoredRecord, ScoredRun } from '../../analysis/scored-run.js';

/** Per-model figures shown by every report. */
export interface ModelReport {
  model: string;
  rows: number;
  ok: number;
  errors: number;
  errorsByKind: Record<string, number>;
  /** Rows with a pass/fail outcome. */
  scored: number;
  passed: number;
  /** Wilson 95% interval of the pass rate; null when nothing was scored. */
  passRate: Interval | null;
  /** Model latency of the final attempt, over ok rows that sent a request (cached answers are left out). */
  latency: LatencySummary;
  /** Time to first token, over streamed ok rows. */
  ttft: LatencySummary;
  /** The values behind `latency` and `ttft`, for histograms. */
  latencyValues: number[];
  ttftValues: number[];
  /** Token totals over the rows that reported them; null when no row did. */
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  cachedTokens: number | null;
  /** Ok rows whose usage lacked input or output tokens. */
  rowsWithoutUsage: number;
  /** Sum of `cost_usd` over the rows that carry it; null when none does. */
  costUsd: number | null;
  costRows: number;
}

/** A paired pass/fail comparison of two models on the items both scored. */
export interface PairwiseReport {
  a: string;
  b: string;
  /** `comparePaired` with a = model a, b = model b; null when no item was scored by both. */
  comparison: PairedComparison | null;
}

/** What the Markdown and HTML reports show about a run. */
export interface RunAnalysis {
  models: ModelReport[];
  pairwise: PairwiseReport[];
}

function addReported(total: number | null, value: number | null): number | null {
  return value === null ? total : (total ?? 0) + value;
}

function reportModel(model: string, rows: ScoredRecord[]): ModelReport {
  const report: ModelReport = {
    model,
    rows: 0,
    ok: 0,
    errors: 0,
    errorsByKind: {},
    scored: 0,
    passed: 0,
    passRate: null,
    latency: summarizeLatency([]),
    ttft: summarizeLatency([]),
    latencyValues: [],
    ttftValues: [],
    inputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    cachedTokens: null,
    rowsWithoutUsage: 0,
    costUsd: null,
    costRows: 0,
  };
  for (const { record, score } of rows) {
    const { passed } = score;
    report.rows += 1;
    if (passed !== null) {
      report.scored += 1;
      if (passed) report.passed += 1;
    }
    const cost = recordExtras(record).costUsd;
    if (cost !== null) {
      report.costUsd = (report.costUsd ?? 0) + cost;
      report.costRows += 1;
    }
    if (record.status === 'error') {
      report.errors += 1;
      const kind = record.error?.kind ?? 'unknown';
      report.errorsByKind[kind] = (report.errorsByKind[kind] ?? 0) + 1;
      continue;
    }
    report.ok += 1;
    // Older records have no `cached` field; only an explicit true marks a cache hit.
    const fromCache = (record as { cached?: unknown }).cached === true;
    if (record.latency_ms !== null && !fromCache) report.latencyValues.push(record.latency_ms);
    if (record.ttft_ms !== null && !fromCache) report.ttftValues.push(record.ttft_ms);
    if (record.input_tokens === null || record.output_tokens === null) report.rowsWithoutUsage += 1;
    report.inputTokens = addReported(report.inputTokens, record.input_tokens);
    report.outputTokens = addReported(report.outputTokens, record.output_tokens);
    report.reasoningTokens = addReported(report.reasoningTokens, record.reasoning_tokens);
    report.cachedTokens = addReported(report.cachedTokens, record.cached_tokens);
  }
  report.passRate = wilsonInterval({ successes: report.passed, trials: report.scored });
  report.latency = summarizeLatency(report.latencyValues);
  report.ttft = summarizeLatency(report.ttftValues);
  return report;
}

/** Key joining the same item and repeat across models. */
export function pairKey(record: { item: string; repeat: number }): string {
  return `${record.item}#${record.repeat}`;
}

function outcomesByItem(rows: ScoredRecord[]): Map<string, boolean> {
  const outcomes = new Map<string, boolean>();
  for (const { record, score } of rows) if (score.passed !== null) outcomes.set(pairKey(record), score.passed);
  return outcomes;
}

/** Pairs two models' pass/fail on the items (and repeats) both scored, in a stable order. */
export function comparePassFail(options: {
  a: Map<string, boolean>;
  b: Map<string, boolean>;
}): PairedComparison | null {
  const first: number[] = [];
  const second: number[] = [];
  for (const [key, passed] of options.a) {
    const other = options.b.get(key);
    if (other === undefined) continue;
    first.push(passed ? 1 : 0);
    second.push(other ? 1 : 0);
  }
  return comparePaired({ a: first, b: second, seed: 1 });
}

/** Per-model figures and every pairwise pass/fail comparison of a run. */
export function analyzeRun(run: Pick<ScoredRun, 'models' | 'rows'>): RunAnalysis {
  const byModel = new Map<string, ScoredRecord[]>(run.models.map((model) => [model, []]));
  for (const row of run.rows) {
    const list = byModel.get(row.record.model);
    if (list) list.push(row);
    else byModel.set(row.record.model, [row]);
  }
  const models = [...byModel.entries()].map(([model, rows]) => reportModel(model, rows));
  const outcomes = [...byModel.values()].map(outcomesByItem);
  const names = [...byModel.keys()];
  const pairwise: PairwiseReport[] = [];
  for (let first = 0; first < names.length; first += 1) {
    for (let second = first + 1; second < names.length; second += 1) {
      pairwise.push({
        a: names[first],
        b: names[second],
        comparison: comparePassFail({ a: outcomes[first], b: outcomes[second] }),
      });
    }
  }
  return { models, pairwise };
}
