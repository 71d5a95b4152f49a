import type { Usage } from '../protocols/types.js';
import { costOf, type ModelPrice } from '../settings/price.js';

/** What a row's attempts were billed, summed over every attempt that reported usage. */
export interface BilledTotals {
  /** Input tokens over those attempts; null when none reported any. */
  input: number | null;
  output: number | null;
  /** Cost of those attempts; null when the price is unknown or no attempt's cost could be computed. */
  costUsd: number | null;
}

/**
 * Totals over the usage of every billed attempt of a row: a retried row pays for
 * each attempt that reported usage (a stream that broke after its usage, a 200
 * carrying an error with usage), not just the last one.
 */
export function billedTotals(billed: readonly Usage[], price: ModelPrice | null): BilledTotals {
  let input: number | null = null;
  let output: number | null = null;
  let costUsd: number | null = null;
  for (const usage of billed) {
    if (usage.input !== null) input = (input ?? 0) + usage.input;
    if (usage.output !== null) output = (output ?? 0) + usage.output;
    const cost = costOf({ usage, price });
    if (cost !== null) costUsd = (costUsd ?? 0) + cost;
  }
  return { input, output, costUsd: costUsd === null ? null : Math.round(costUsd * 1e12) / 1e12 };
}
