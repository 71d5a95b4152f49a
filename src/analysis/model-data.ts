import { reasoningAteAnswer } from '../results/reasoning-exhausted.js';
import type { ResultRecord } from '../results/result-record.js';
import { NumberList } from '../stats/percentile.js';
import { canonicalAnswer } from './canonical-answer.js';
import { addToGroups, type GroupTotalsByColumn } from './group-totals.js';
import type { RowScore } from './record-score.js';

/** What one repeat of one item produced, kept small: score, pass and canonical answer. */
export interface RepeatOutcome {
  ok: boolean;
  /** Score in [0, 1]; null when unscored. */
  value: number | null;
  passed: boolean | null;
  /** {@link canonicalAnswer} of the row; null for error rows. */
  answer: string | null;
}

/** One item of one model: its row id and an outcome per repeat index (holes for missing repeats). */
export interface ItemOutcome {
  id: string;
  repeats: Array<RepeatOutcome | undefined>;
  /** The item's values of the run's group columns (from its first row); absent when the run has none. */
  groups?: Record<string, string>;
}

/** Token totals over the rows that reported them; each null when no row did. */
export interface TokenTotals {
  input: number | null;
  output: number | null;
  reasoning: number | null;
  cached: number | null;
}

/**
 * Everything the reports need about one model of one run, folded from its
 * final result rows: counts, final-attempt latencies, token and cost totals,
 * and a compact outcome per item and repeat (for intervals, repeats and
 * paired comparisons).
 */
export class ModelData {
  rows = 0;
  ok = 0;
  errors = 0;
  errorsByKind: Record<string, number> = {};
  /** Rows answered from a response cache (left out of latency figures). */
  cachedRows = 0;
  /** Ok rows whose reasoning ate the answer (token cap reached, empty answer): never scored. */
  reasoningExhausted = 0;
  /** Cached rows by where their answers were first received (`endpoint`, with ` (simulated)` when the server said so). */
  readonly cacheOrigins = new Map<string, number>();
  /** Model latency of the final attempt of ok, non-cached rows. */
  readonly latencies: NumberList;
  /** Time to first token of the same rows, when streamed. */
  readonly ttfts = new NumberList();
  readonly tokens: TokenTotals = { input: null, output: null, reasoning: null, cached: null };
  /** Ok rows whose usage did not report input or output tokens. */
  rowsWithoutUsage = 0;
  costUsd: number | null = null;
  /** Rows that carried a cost. */
  costRows = 0;
  /** Number of repeats: highest repeat index seen plus one. */
  repeatCount = 0;
  readonly items = new Map<string, ItemOutcome>();
  /** Rows, errors, tokens, cost and latencies per group of each group column (kept with the items). */
  readonly groups: GroupTotalsByColumn = new Map();
  /** Running score totals, kept even when items are not (very large runs). */
  scoredCount = 0;
  scoredSum = 0;
  scoredSquares = 0;
  scoredPassed = 0;
  allBinary = true;

  /** Keeps per-item outcomes (false: running totals only, so no pairs or repeats, for runs too large to hold). */
  readonly keepItems: boolean;
  /** Keeps each row's canonical answer (only repeat figures and flips read it). */
  readonly keepAnswers: boolean;

  constructor(
    readonly model: string,
    options: {
      keepItems?: boolean;
      /** False when no repeat figures will be asked for (a run with one repeat): normalising every answer is skipped. */
      keepAnswers?: boolean;
      /** Rows expected for this model, when known: the latency list is sized once. */
      expectedRows?: number;
    } = {},
  ) {
    this.keepItems = options.keepItems ?? true;
    this.keepAnswers = options.keepAnswers ?? true;
    this.latencies = new NumberList(options.expectedRows);
  }

  /** Folds one final result row with its score. */
  add(record: ResultRecord, score: RowScore): void {
    this.rows += 1;
    this.repeatCount = Math.max(this.repeatCount, record.repeat + 1);
    // Older lines may lack the field: missing is absent.
    const cost = record.cost_usd ?? null;
    if (cost !== null && Number.isFinite(cost)) {
      this.costUsd = (this.costUsd ?? 0) + cost;
      this.costRows += 1;
    }
    if (this.keepItems) {
      this.remember(record, score);
      addToGroups(this.groups, record);
    }
    if (score.value !== null) {
      this.scoredCount += 1;
      this.scoredSum += score.value;
      this.scoredSquares += score.value * score.value;
      if (score.passed === true) this.scoredPassed += 1;
      if (score.value !== 0 && score.value !== 1) this.allBinary = false;
    }
    if (record.status === 'error') {
      this.errors += 1;
      const kind = record.error?.kind ?? 'unknown';
      this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
      return;
    }
    this.ok += 1;
    if (reasoningAteAnswer(record)) this.reasoningExhausted += 1;
    // Older lines have no `cached` field; only an explicit true marks a cache hit.
    if (record.cached === true) {
      this.cachedRows += 1;
      const origin = record.cache_origin
        ? `${record.cache_origin.endpoint}${record.cache_origin.simulated ? ' (simulated)' : ''}`
        : 'an earlier run';
      this.cacheOrigins.set(origin, (this.cacheOrigins.get(origin) ?? 0) + 1);
    } else {
      if (record.latency_ms !== null) this.latencies.push(record.latency_ms);
      if (record.ttft_ms !== null) this.ttfts.push(record.ttft_ms);
    }
    if (record.input_tokens === null || record.output_tokens === null) this.rowsWithoutUsage += 1;
    this.tokens.input = addReported(this.tokens.input, record.input_tokens);
    this.tokens.output = addReported(this.tokens.output, record.output_tokens);
    this.tokens.reasoning = addReported(this.tokens.reasoning, record.reasoning_tokens);
    this.tokens.cached = addReported(this.tokens.cached, record.cached_tokens);
  }

  private remember(record: ResultRecord, score: RowScore): void {
    let item = this.items.get(record.item);
    if (!item) {
      item = record.groups ? { id: record.id, repeats: [], groups: record.groups } : { id: record.id, repeats: [] };
      this.items.set(record.item, item);
    }
    item.repeats[record.repeat] = {
      ok: record.status === 'ok',
      value: score.value,
      passed: score.passed,
      answer: this.keepAnswers ? canonicalAnswer(record) : null,
    };
  }
}

/** Adds a reported count to a total that stays null until something was reported. */
function addReported(total: number | null, value: number | null): number | null {
  if (value === null) return total;
  return (total ?? 0) + value;
}
