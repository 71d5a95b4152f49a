import type { Usage } from '../protocols/types.js';

/**
 * A model's price in USD per 1M tokens. `cachedInput` (prompt-cache reads) and `cacheWrite`
 * (prompt-cache writes, Anthropic) fall back to `input` when absent; `reasoning` falls back
 * to `output` (every vendor in the table bills thinking tokens as output).
 */
export interface ModelPrice {
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
  reasoning?: number;
}

/** The token counts a cost needs; the rest of `Usage` may be passed along. */
export type CostUsage = Pick<Usage, 'input' | 'output'> & Partial<Pick<Usage, 'cached' | 'cacheWrite' | 'reasoning'>>;

const perToken = 1 / 1_000_000;

/**
 * The cost in USD of one call, or null when the price is unknown or input or output was
 * not reported (a cost from guessed tokens would look exact and be wrong). `input` includes
 * cached and cache-write tokens (the common usage record): cached tokens are billed at
 * `cachedInput`, cache writes at `cacheWrite`, the rest at `input`. Unreported cache
 * counts mean no cache was used. Reasoning tokens are part of `output`; they are billed
 * at `reasoning` only when the price sets it and the count was reported.
 */
export function costOf(options: { usage: CostUsage | null; price: ModelPrice | null }): number | null {
  const { usage, price } = options;
  if (usage === null || price === null || usage.input === null || usage.output === null) return null;
  const cached = Math.min(usage.cached ?? 0, usage.input);
  const cacheWrite = Math.min(usage.cacheWrite ?? 0, usage.input - cached);
  const uncached = usage.input - cached - cacheWrite;
  const reasoning = price.reasoning !== undefined ? Math.min(usage.reasoning ?? 0, usage.output) : 0;
  const answer = usage.output - reasoning;
  const dollars =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    cacheWrite * (price.cacheWrite ?? price.input) +
    answer * price.output +
    reasoning * (price.reasoning ?? price.output);
  return Math.round(dollars * perToken * 1e12) / 1e12;
}
