import type { ResultRecord } from '../results/result-record.js';
import { autoScore } from '../score/auto-score.js';
import { NumberList, percentile } from '../stats/percentile.js';

/** Per-model figures printed after a run and kept in `summary.json`. */
export interface ModelSummary {
  model: string;
  rows: number;
  ok: number;
  errors: number;
  errorsByKind: Record<string, number>;
  /** Model latency of the final attempt only (queue and back-off excluded). */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftMeanMs: number | null;
  /** Token totals over the rows that reported them; null when no row did. */
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  /** Rows whose usage did not report input or output tokens. */
  rowsWithoutUsage: number;
  /** Rows with an expected answer that were scored (ok rows only). */
  scored: number;
  correct: number;
  /** correct / scored, null when nothing could be scored. */
  accuracy: number | null;
}

class ModelAccumulator {
  rows = 0;
  ok = 0;
  errors = 0;
  errorsByKind: Record<string, number> = {};
  latencies = new NumberList();
  ttftSum = 0;
  ttftCount = 0;
  inputTokens: number | null = null;
  outputTokens: number | null = null;
  reasoningTokens: number | null = null;
  rowsWithoutUsage = 0;
  scored = 0;
  correct = 0;

  add(record: ResultRecord): void {
    this.rows += 1;
    if (record.status === 'error') {
      this.errors += 1;
      const kind = record.error?.kind ?? 'unknown';
      this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
      return;
    }
    this.ok += 1;
    if (record.latency_ms !== null) this.latencies.push(record.latency_ms);
    if (record.ttft_ms !== null) {
      this.ttftSum += record.ttft_ms;
      this.ttftCount += 1;
    }
    if (record.input_tokens === null || record.output_tokens === null) this.rowsWithoutUsage += 1;
    this.inputTokens = addReported(this.inputTokens, record.input_tokens);
    this.outputTokens = addReported(this.outputTokens, record.output_tokens);
    this.reasoningTokens = addReported(this.reasoningTokens, record.reasoning_tokens);
    if (record.expected !== null && record.answer !== null) {
      this.scored += 1;
      this.correct += autoScore({ answer: record.answer, expected: record.expected }).value;
    }
  }

  finish(model: string): ModelSummary {
    const sorted = this.latencies.sorted();
    return {
      model,
      rows: this.rows,
      ok: this.ok,
      errors: this.errors,
      errorsByKind: this.errorsByKind,
      latencyP50Ms: percentile(sorted, 50),
      latencyP95Ms: percentile(sorted, 95),
      ttftMeanMs: this.ttftCount > 0 ? this.ttftSum / this.ttftCount : null,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      reasoningTokens: this.reasoningTokens,
      rowsWithoutUsage: this.rowsWithoutUsage,
      scored: this.scored,
      correct: this.correct,
      accuracy: this.scored > 0 ? this.correct / this.scored : null,
    };
  }
}

/** Adds a reported count to a total that stays null until something was reported. */
function addReported(total: number | null, value: number | null): number | null {
  if (value === null) return total;
  return (total ?? 0) + value;
}

/** Folds the final record of every key into one summary per model, in first-seen order. */
export async function summarize(records: AsyncIterable<ResultRecord>, modelOrder: string[] = []): Promise<ModelSummary[]> {
  const byModel = new Map<string, ModelAccumulator>();
  for (const model of modelOrder) byModel.set(model, new ModelAccumulator());
  for await (const record of records) {
    let accumulator = byModel.get(record.model);
    if (!accumulator) {
      accumulator = new ModelAccumulator();
      byModel.set(record.model, accumulator);
    }
    accumulator.add(record);
  }
  return [...byModel.entries()].map(([model, accumulator]) => accumulator.finish(model));
}
