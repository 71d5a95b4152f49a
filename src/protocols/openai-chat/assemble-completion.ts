import type { Completion, Vendor } from '../types.js';
import { convertChatUsage } from './convert-usage.js';
import { mapChatFinishReason } from './map-finish-reason.js';
import { splitReasoningWrapper } from './split-reasoning.js';

/** What a chat response (whole or streamed) delivered, before normalisation. */
export interface ChatPieces {
  content: string;
  /** Text from a dedicated reasoning field; null when no such field appeared at all. */
  reasoning: string | null;
  usage: unknown;
  finishReason: unknown;
  model: string | null;
  id: string | null;
  systemFingerprint: string | null;
}

/**
 * Normalises chat response pieces into a Completion. Reasoning comes from the dedicated
 * field when one appeared (an empty one yields null); only otherwise is a leading
 * `<think>`/`<thought>` wrapper split off the content, keeping the original in `rawText`.
 * Dedicated reasoning text is kept verbatim, including the `"\n"` deltas the gateway
 * emits for Claude signatures: trimming would alter what the model returned.
 */
export function assembleCompletion(options: { pieces: ChatPieces; vendor: Vendor }): Completion {
  const { pieces, vendor } = options;
  const split = pieces.reasoning === null ? splitReasoningWrapper(pieces.content) : null;
  const found = split !== null ? split.reasoning : pieces.reasoning;
  const reasoning = found === '' ? null : found;
  return {
    text: split?.text ?? pieces.content,
    reasoning,
    rawText: split?.rawText ?? null,
    usage: convertChatUsage({ usage: pieces.usage, vendor, hasReasoningText: reasoning !== null }),
    finishReason: mapChatFinishReason(pieces.finishReason),
    responseModel: pieces.model,
    responseId: pieces.id,
    systemFingerprint: pieces.systemFingerprint,
  };
}
