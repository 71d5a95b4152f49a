import { count, isRecord, nested, preferPositive } from '../json-values.js';
import type { Usage } from '../types.js';

/** An empty usage record: nothing was reported. */
export const unreportedUsage: Usage = {
  input: null,
  output: null,
  reasoning: null,
  cached: null,
  cacheWrite: null,
  total: null,
  raw: null,
};

/**
 * Converts a Responses `usage` object (openai-responses.md §4) into the common record.
 * Each count reads the Responses key first and the chat-style key second (gateway
 * conversion, §9 item 9); a 0 in one of them never hides a positive value in the other,
 * because the gateway prints 0 for keys it does not fill. `total` is the provider's value,
 * else input + output (a 0 total beside a positive sum is such a filler too).
 * `hasReasoningText` turns a `reasoning_tokens: 0` that contradicts returned reasoning
 * text into null. Non-numeric values count as not reported; `cacheWrite` is always null.
 */
export function convertResponsesUsage(options: { usage: unknown; hasReasoningText: boolean }): Usage {
  const { usage, hasReasoningText } = options;
  if (!isRecord(usage)) return { ...unreportedUsage };
  const input = preferPositive([usage.input_tokens, usage.prompt_tokens]);
  const output = preferPositive([usage.output_tokens, usage.completion_tokens]);
  const reasoning = preferPositive([
    nested(usage, 'output_tokens_details', 'reasoning_tokens'),
    nested(usage, 'completion_tokens_details', 'reasoning_tokens'),
  ]);
  const cached = preferPositive([
    nested(usage, 'input_tokens_details', 'cached_tokens'),
    nested(usage, 'prompt_tokens_details', 'cached_tokens'),
  ]);
  const sum = input !== null && output !== null ? input + output : null;
  const reportedTotal = count(usage.total_tokens);
  const total = reportedTotal !== null && (reportedTotal > 0 || sum === null || sum === 0) ? reportedTotal : sum;
  return {
    input,
    output,
    reasoning: reasoning === 0 && hasReasoningText ? null : reasoning,
    cached,
    cacheWrite: null,
    total,
    raw: usage,
  };
}
