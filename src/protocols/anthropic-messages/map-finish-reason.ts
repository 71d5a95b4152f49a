import type { FinishReason, UnifiedFinishReason } from '../types.js';

/** Raw Messages `stop_reason` values and their unified meaning (anthropic-messages.md §6). */
const unifiedByRaw: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  // Server tools paused a long turn; the caller would have to continue it.
  pause_turn: 'other',
};

/** Maps a Messages `stop_reason` to the unified vocabulary, keeping the raw string; null or unknown → `other`. */
export function mapMessagesStopReason(raw: unknown): FinishReason {
  if (typeof raw !== 'string' || raw === '') return { unified: 'other', raw: null };
  return { unified: Object.hasOwn(unifiedByRaw, raw) ? unifiedByRaw[raw] : 'other', raw };
}
