import type { FormatName } from '../../src/protocols/types.js';
import type { BilledUsage } from '../../src/simulator/ledger.js';

/** The usage counts a codec must report for one simulator reply, derived from what the simulator billed. */
export interface ExpectedUsage {
  input: number;
  output: number;
  reasoning: number | null;
  cached: number | null;
  cacheWrite: number | null;
}

/**
 * What each wire format reports of a billed usage, per the protocol notes (`shared/protocols/*.md` beside the repository, §4 of each):
 * - input and output: every format reports both; input includes cache reads (and Anthropic's cache writes, which its
 *   codec adds back), output includes reasoning.
 * - reasoning: Responses always sends `output_tokens_details.reasoning_tokens`, a real count even when 0
 *   (openai-responses.md §4). Anthropic has no separate thinking count, so null (anthropic-messages.md §4). Gemini
 *   leaves zero counts out of `usageMetadata`, so `thoughtsTokenCount` is null when no thinking happened
 *   (gemini-native.md §4). Chat sends `completion_tokens_details.reasoning_tokens` when the model thought; the
 *   simulated Qwen and DeepSeek omit the details otherwise, so a zero there is "not reported" (openai-chat.md §4).
 * - cached: the cache read; 0 when the format prints a zero, null for Gemini, which omits a zero
 *   `cachedContentTokenCount`.
 * - cacheWrite: Anthropic only (`cache_creation_input_tokens`); null elsewhere.
 */
export function expectedUsage(options: { format: FormatName; billed: BilledUsage }): ExpectedUsage {
  const { format, billed } = options;
  const positiveOrNull = (value: number): number | null => (value > 0 ? value : null);
  switch (format) {
    case 'openai-responses':
      return {
        input: billed.input,
        output: billed.output,
        reasoning: billed.reasoning,
        cached: billed.cached,
        cacheWrite: null,
      };
    case 'anthropic-messages':
      return {
        input: billed.input,
        output: billed.output,
        reasoning: null,
        cached: billed.cached,
        cacheWrite: billed.cacheWrite ?? 0,
      };
    case 'gemini':
      return {
        input: billed.input,
        output: billed.output,
        reasoning: positiveOrNull(billed.reasoning),
        cached: positiveOrNull(billed.cached),
        cacheWrite: null,
      };
    default:
      return {
        input: billed.input,
        output: billed.output,
        reasoning: positiveOrNull(billed.reasoning),
        cached: billed.cached,
        cacheWrite: null,
      };
  }
}

/** True when the format reports a separate reasoning-token count at all (Anthropic does not). */
export function reportsReasoningCount(format: FormatName): boolean {
  return format !== 'anthropic-messages';
}
