import type { Completion, FinishReason } from '../types.js';
import { convertResponsesUsage } from './convert-usage.js';
import { mapResponsesFinishReason } from './map-finish-reason.js';

/** What a Responses answer (whole or streamed) delivered, before normalisation. */
export interface ResponsePieces {
  /** Visible text, already concatenated in output order. */
  text: string;
  /** Reasoning parts in order; joined with blank lines. */
  reasoningParts: string[];
  usage: unknown;
  status: string | null;
  incompleteReason: string | null;
  hasFunctionCall: boolean;
  model: string | null;
  id: string | null;
}

/**
 * Normalises Responses pieces into a Completion. Reasoning is the non-empty parts joined
 * by a blank line, or null when there were none (no summary requested, or `summary: []`).
 * No `<think>` splitting: this format always has a dedicated reasoning field, so `rawText`
 * stays null. `finishReason` overrides the mapped one (for broken streams).
 */
export function assembleResponseCompletion(options: {
  pieces: ResponsePieces;
  finishReason?: FinishReason;
}): Completion {
  const { pieces } = options;
  const parts = pieces.reasoningParts.filter((part) => part !== '');
  const reasoning = parts.length > 0 ? parts.join('\n\n') : null;
  return {
    text: pieces.text,
    reasoning,
    rawText: null,
    usage: convertResponsesUsage({ usage: pieces.usage, hasReasoningText: reasoning !== null }),
    finishReason:
      options.finishReason ??
      mapResponsesFinishReason({
        status: pieces.status,
        incompleteReason: pieces.incompleteReason,
        hasFunctionCall: pieces.hasFunctionCall,
      }),
    responseModel: pieces.model,
    responseId: pieces.id,
    systemFingerprint: null,
  };
}
