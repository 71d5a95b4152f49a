import type { Usage, Vendor } from '../types.js';
import { count, isRecord, nested, positive, preferPositive } from '../json-values.js';

/**
 * Vendors whose `reasoning_tokens: 0` is a real count (OpenAI reasoning models,
 * DeepSeek, Doubao). Gateway-converted bodies (Claude, Gemini) print 0 as a filler.
 */
const vendorsReportingZeroReasoning: ReadonlySet<Vendor> = new Set<Vendor>(['openai', 'deepseek', 'doubao']);

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
 * Converts a chat-completions `usage` object (openai-chat.md §4) into the common record.
 * `hasReasoningText` says whether reasoning text came back with it, which decides
 * whether a Qwen `reasoning_tokens: 0` can be believed. Non-numeric values
 * (strings, placeholders) count as not reported. `cacheWrite` is always null: the chat
 * format documents no cache-write count.
 */
export function convertChatUsage(options: { usage: unknown; vendor: Vendor; hasReasoningText: boolean }): Usage {
  const { usage, vendor, hasReasoningText } = options;
  if (!isRecord(usage)) return { ...unreportedUsage };
  const input = count(usage.prompt_tokens) ?? positive(usage.input_tokens);
  const output = count(usage.completion_tokens) ?? positive(usage.output_tokens);
  const reasoning = preferPositive([
    nested(usage, 'completion_tokens_details', 'reasoning_tokens'),
    nested(usage, 'output_tokens_details', 'reasoning_tokens'),
  ]);
  const zeroIsReal = vendorsReportingZeroReasoning.has(vendor) || (vendor === 'qwen' && !hasReasoningText);
  const total = count(usage.total_tokens) ?? (input !== null && output !== null ? input + output : null);
  return {
    input,
    output,
    reasoning: reasoning === 0 && !zeroIsReal ? null : reasoning,
    cached: preferPositive([nested(usage, 'prompt_tokens_details', 'cached_tokens'), usage.prompt_cache_hit_tokens]),
    cacheWrite: null,
    total,
    raw: usage,
  };
}
