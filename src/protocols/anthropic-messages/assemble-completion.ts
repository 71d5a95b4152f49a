import { splitReasoningWrapper } from '../openai-chat/split-reasoning.js';
import type { Completion, Usage } from '../types.js';
import { mapMessagesStopReason } from './map-finish-reason.js';

/** What a Messages response (whole or streamed) delivered, before normalisation. */
export interface MessagesPieces {
  /** The `text` blocks joined in order. */
  text: string;
  /** The `thinking` blocks joined in order; null when no thinking block appeared. */
  reasoning: string | null;
  /** Already converted: whole and streamed usage follow different rules. */
  usage: Usage;
  stopReason: unknown;
  model: string | null;
  id: string | null;
}

/**
 * Normalises Messages response pieces into a Completion. Thinking text is kept verbatim
 * (an empty one yields null). Only when no thinking block appeared is a leading
 * `<think>`/`<thought>` wrapper split off the text (README, reasoning-text extraction
 * step 2), for non-Claude models the gateway serves on this route. No system fingerprint exists.
 */
export function assembleMessagesCompletion(pieces: MessagesPieces): Completion {
  const split = pieces.reasoning === null ? splitReasoningWrapper(pieces.text) : null;
  const found = split !== null ? split.reasoning : pieces.reasoning;
  return {
    text: split?.text ?? pieces.text,
    reasoning: found === '' ? null : found,
    rawText: split?.rawText ?? null,
    usage: pieces.usage,
    finishReason: mapMessagesStopReason(pieces.stopReason),
    responseModel: pieces.model,
    responseId: pieces.id,
    systemFingerprint: null,
  };
}
