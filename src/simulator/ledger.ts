import type { FaultName } from './faults.js';

/** What went wrong on purpose: an injected fault, or `rateLimiter` for a 429 of the rate limiter. */
export type RecordedFault = FaultName | 'rateLimiter';

/** Token usage the simulator put on the wire for one response. */
export interface BilledUsage {
  input: number;
  output: number;
  reasoning: number;
  cached: number;
  /** Input tokens written to a prompt cache (Anthropic only); a subset of `input`. */
  cacheWrite?: number;
}

/** One request as the simulator saw and answered it. */
export interface LedgerEntry {
  seq: number;
  requestId: string;
  path: string;
  model: string | null;
  stream: boolean;
  /**
   * First 20 hex characters of sha256 over the JSON of the request's messages; null without messages.
   * Responses and Messages hash their instructions or system prompt as a leading system message, then the input.
   */
  promptHash: string | null;
  /** HTTP status sent; 0 when the socket was destroyed before any response. */
  status: number;
  fault: RecordedFault | null;
  /** Usage written to the client; null when none was (errors, cut streams, usage not asked for). */
  usage: BilledUsage | null;
  /** Epoch milliseconds when the request arrived. */
  startedAt: number;
}

/** Totals over every request since the last reset, however many entries were dropped. */
export interface LedgerSummary {
  total: number;
  retained: number;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
  byModel: Record<string, number>;
  usage: BilledUsage;
}

/** Options for a ledger. */
export interface LedgerOptions {
  /** Most entries kept; older ones are dropped (totals still count them). Default 200,000. */
  limit?: number;
  /** Keep request counts per (model, promptHash). Default true. */
  trackCounts?: boolean;
  /** Most distinct (model, promptHash) pairs counted; later new pairs are not counted. Default 200,000. */
  countLimit?: number;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Records every request the simulator answered, bounded in memory. */
export class Ledger {
  private retainedEntries: LedgerEntry[] = [];
  private pairCounts = new Map<string, number>();
  private promptCounts = new Map<string, number>();
  private totals = Ledger.emptySummary();
  private readonly limit: number;
  private readonly trackCounts: boolean;
  private readonly countLimit: number;

  constructor(options: LedgerOptions = {}) {
    this.limit = Math.max(1, options.limit ?? 200_000);
    this.trackCounts = options.trackCounts ?? true;
    this.countLimit = options.countLimit ?? 200_000;
  }

  /** The retained entries, oldest first. */
  get entries(): readonly LedgerEntry[] {
    return this.retainedEntries;
  }

  /** Adds one entry. */
  record(entry: LedgerEntry): void {
    this.retainedEntries.push(entry);
    if (this.retainedEntries.length > this.limit) {
      this.retainedEntries.splice(0, Math.max(1, Math.floor(this.limit / 10)));
    }
    const totals = this.totals;
    totals.total += 1;
    bump(totals.byStatus, String(entry.status));
    bump(totals.byFault, entry.fault ?? 'none');
    if (entry.model !== null) bump(totals.byModel, entry.model);
    if (entry.usage) {
      totals.usage.input += entry.usage.input;
      totals.usage.output += entry.usage.output;
      totals.usage.reasoning += entry.usage.reasoning;
      totals.usage.cached += entry.usage.cached;
      if (entry.usage.cacheWrite !== undefined)
        totals.usage.cacheWrite = (totals.usage.cacheWrite ?? 0) + entry.usage.cacheWrite;
    }
    if (this.trackCounts && entry.promptHash !== null && this.pairCounts.size < this.countLimit) {
      const pair = `${entry.model ?? ''}\u0000${entry.promptHash}`;
      this.pairCounts.set(pair, (this.pairCounts.get(pair) ?? 0) + 1);
      this.promptCounts.set(entry.promptHash, (this.promptCounts.get(entry.promptHash) ?? 0) + 1);
    }
  }

  /**
   * Requests seen since the last reset, optionally for one model and/or one prompt.
   * Counts by prompt need `trackCounts` (the default).
   */
  count(filter: { model?: string; promptHash?: string } = {}): number {
    const { model, promptHash } = filter;
    if (promptHash !== undefined) {
      if (model !== undefined) return this.pairCounts.get(`${model}\u0000${promptHash}`) ?? 0;
      return this.promptCounts.get(promptHash) ?? 0;
    }
    if (model !== undefined) return this.totals.byModel[model] ?? 0;
    return this.totals.total;
  }

  /** Totals by status, fault and model, and the usage sum. */
  summary(): LedgerSummary {
    const totals = this.totals;
    return {
      total: totals.total,
      retained: this.retainedEntries.length,
      byStatus: { ...totals.byStatus },
      byFault: { ...totals.byFault },
      byModel: { ...totals.byModel },
      usage: { ...totals.usage },
    };
  }

  /** Forgets everything. */
  clear(): void {
    this.retainedEntries = [];
    this.pairCounts = new Map();
    this.promptCounts = new Map();
    this.totals = Ledger.emptySummary();
  }

  private static emptySummary(): LedgerSummary {
    return {
      total: 0,
      retained: 0,
      byStatus: {},
      byFault: {},
      byModel: {},
      usage: { input: 0, output: 0, reasoning: 0, cached: 0 },
    };
  }
}
