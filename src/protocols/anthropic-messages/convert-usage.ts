import { unreportedUsage } from '../openai-chat/convert-usage.js';
import { isRecord } from '../json-values.js';
import type { Usage } from '../types.js';

/**
 * Converts a Messages `usage` object into the common record (anthropic-messages.md §4).
 * Anthropic's `input_tokens` excludes the prompt cache, so input adds back
 * `cache_creation_input_tokens` and `cache_read_input_tokens` (a missing cache count
 * adds 0; a missing `input_tokens` leaves input unknown). `cached` is the cache read,
 * `cacheWrite` the cache creation (null when absent). Reasoning is always null: thinking
 * tokens are inside `output_tokens` with no separate count. Total is input + output.
 * The gateway's `claude_cache_creation_5_m/1_h_tokens` only break down the cache
 * creation count and are left in `raw`.
 */
export function convertMessagesUsage(usage: unknown): Usage {
  if (!isRecord(usage)) return { ...unreportedUsage };
  const uncached = count(usage.input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const cached = count(usage.cache_read_input_tokens);
  const input = uncached === null ? null : uncached + (cacheWrite ?? 0) + (cached ?? 0);
  const output = count(usage.output_tokens);
  return {
    input,
    output,
    reasoning: null,
    cached,
    cacheWrite,
    total: input !== null && output !== null ? input + output : null,
    raw: usage,
  };
}

/**
 * Lays a `message_delta.usage` over the usage gathered so far (§3, §8 items 7 and 8).
 * `output_tokens` is cumulative, so it replaces the earlier value; every other field
 * replaces it only when non-zero, because the gateway re-sends input and cache counts
 * there and an upstream that omits them may leave zeros. Nested objects
 * (`cache_creation`) merge by the same rule. Returns a new object.
 */
export function mergeDeltaUsage(options: {
  reported: Record<string, unknown> | null;
  delta: Record<string, unknown>;
}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...options.reported };
  for (const [key, value] of Object.entries(options.delta)) {
    const earlier = merged[key];
    if (key === 'output_tokens' && count(value) !== null) merged[key] = value;
    else if (isRecord(value))
      merged[key] = mergeDeltaUsage({ reported: isRecord(earlier) ? earlier : null, delta: value });
    else if (value !== 0 && value !== null && value !== undefined) merged[key] = value;
    else if (!(key in merged)) merged[key] = value;
  }
  return merged;
}

/**
 * The usage of a streamed message: `usage` is the merged object from `message_start`
 * and `message_delta` (also kept as `raw`). Output (and so total) stays null until a
 * `message_delta` reported `output_tokens`: the count in `message_start` is only the
 * first token, not the message's output.
 */
export function convertStreamUsage(options: { usage: Record<string, unknown> | null; outputReported: boolean }): Usage {
  const converted = convertMessagesUsage(options.usage);
  return options.outputReported ? converted : { ...converted, output: null, total: null };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
