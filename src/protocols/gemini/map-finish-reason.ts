import type { FinishReason, UnifiedFinishReason } from '../types.js';

/** Gemini `finishReason` values and their unified meaning (gemini-native.md §6). */
const unifiedByRaw: Record<string, UnifiedFinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  LANGUAGE: 'other',
  OTHER: 'other',
  FINISH_REASON_UNSPECIFIED: 'other',
};

/**
 * Maps a Gemini finish to the unified vocabulary, keeping the raw string. `STOP` with a
 * `functionCall` part is `tool_calls`, because Gemini has no separate tool-call reason.
 * A prompt `blockReason` (no candidates) is `content_filter` with the block reason as raw.
 * Null or unknown values are `other`.
 */
export function mapGeminiFinishReason(options: {
  finishReason: unknown;
  blockReason?: unknown;
  hasFunctionCall?: boolean;
}): FinishReason {
  const { finishReason, blockReason, hasFunctionCall = false } = options;
  if (typeof finishReason === 'string' && finishReason !== '') {
    if (finishReason === 'STOP' && hasFunctionCall) return { unified: 'tool_calls', raw: finishReason };
    return {
      unified: Object.hasOwn(unifiedByRaw, finishReason) ? unifiedByRaw[finishReason] : 'other',
      raw: finishReason,
    };
  }
  if (typeof blockReason === 'string' && blockReason !== '') return { unified: 'content_filter', raw: blockReason };
  return { unified: 'other', raw: null };
}
