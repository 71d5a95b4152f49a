import type { FinishReason, UnifiedFinishReason } from '../types.js';

/**
 * Raw chat `finish_reason` values and their unified meaning (openai-chat.md §6).
 * Besides OpenAI's own values the gateway may pass through upstream spellings when
 * its conversion misses one, so Claude and Gemini names are listed as well.
 */
const unifiedByRaw: Record<string, UnifiedFinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
  // DeepSeek ends a generation this way when its servers run out of capacity.
  insufficient_system_resource: 'error',
  error: 'error',
  // Claude stop reasons, normally converted by the gateway.
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  // Gemini finish reasons, normally converted by the gateway.
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
};

/** Maps a chat `finish_reason` to the unified vocabulary, keeping the raw string; null or unknown → `other`. */
export function mapChatFinishReason(raw: unknown): FinishReason {
  if (typeof raw !== 'string' || raw === '') return { unified: 'other', raw: null };
  return { unified: Object.hasOwn(unifiedByRaw, raw) ? unifiedByRaw[raw] : 'other', raw };
}
