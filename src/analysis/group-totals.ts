import type { ResultRecord } from '../results/result-record.js';
import { NumberList } from '../stats/percentile.js';

/** Rows, errors, tokens, cost and latencies of one model in one group. */
export class GroupTotals {
  rows = 0;
  errors = 0;
  /** Sums over the rows that reported them; null until one did. */
  inputTokens: number | null = null;
  outputTokens: number | null = null;
  costUsd: number | null = null;
  /** Final-attempt latency of ok, non-cached rows. */
  readonly latencies = new NumberList();

  add(record: ResultRecord): void {
    this.rows += 1;
    const cost = record.cost_usd ?? null;
    if (cost !== null && Number.isFinite(cost)) this.costUsd = (this.costUsd ?? 0) + cost;
    if (record.status === 'error') {
      this.errors += 1;
      return;
    }
    if (record.input_tokens !== null) this.inputTokens = (this.inputTokens ?? 0) + record.input_tokens;
    if (record.output_tokens !== null) this.outputTokens = (this.outputTokens ?? 0) + record.output_tokens;
    if (record.cached !== true && record.latency_ms !== null) this.latencies.push(record.latency_ms);
  }
}

/** Group totals by column, then by the column's value. */
export type GroupTotalsByColumn = Map<string, Map<string, GroupTotals>>;

/** Folds a record into the totals of each of its groups (one per group column). */
export function addToGroups(totals: GroupTotalsByColumn, record: ResultRecord): void {
  if (!record.groups) return;
  for (const [column, raw] of Object.entries(record.groups)) {
    const value = raw === '' ? '(none)' : raw;
    let byValue = totals.get(column);
    if (!byValue) {
      byValue = new Map();
      totals.set(column, byValue);
    }
    let entry = byValue.get(value);
    if (!entry) {
      entry = new GroupTotals();
      byValue.set(value, entry);
    }
    entry.add(record);
  }
}
