import type { FinishReason, UnifiedFinishReason } from '../types.js';

/** `incomplete_details.reason` values and their unified meaning (openai-responses.md §7). */
const unifiedByIncompleteReason: Record<string, UnifiedFinishReason> = {
  max_output_tokens: 'length',
  content_filter: 'content_filter',
};

/**
 * Maps a response's final state to the unified vocabulary (openai-responses.md §7):
 * `completed` → stop, or tool_calls when the output holds `function_call` items;
 * `incomplete` → by `incomplete_details.reason` (max_output_tokens → length,
 * content_filter → content_filter, anything else → other); `failed` → error; everything
 * else (`cancelled`, background-only `queued`/`in_progress`, missing) → other.
 * `raw` is the incomplete reason when there is one, else the status string.
 */
export function mapResponsesFinishReason(options: {
  status: string | null;
  incompleteReason: string | null;
  hasFunctionCall: boolean;
}): FinishReason {
  const { status, incompleteReason } = options;
  if (status === 'incomplete') {
    const raw = incompleteReason ?? status;
    const unified =
      incompleteReason !== null && Object.hasOwn(unifiedByIncompleteReason, incompleteReason)
        ? unifiedByIncompleteReason[incompleteReason]
        : 'other';
    return { unified, raw };
  }
  if (status === 'completed') return { unified: options.hasFunctionCall ? 'tool_calls' : 'stop', raw: status };
  if (status === 'failed') return { unified: 'error', raw: status };
  return { unified: 'other', raw: status === null || status === '' ? null : status };
}
