import type { Completion } from '../types.js';
import { splitReasoningWrapper } from '../openai-chat/split-reasoning.js';
import { convertGeminiUsage } from './convert-usage.js';
import { mapGeminiFinishReason } from './map-finish-reason.js';

/** What a Gemini response (whole or streamed) delivered, before normalisation. */
export interface GeminiPieces {
  text: string;
  /** Joined thought-part text; null when no thought part appeared at all. */
  reasoning: string | null;
  usageMetadata: unknown;
  finishReason: string | null;
  blockReason: string | null;
  hasFunctionCall: boolean;
  modelVersion: string | null;
  responseId: string | null;
}

/**
 * Normalises Gemini pieces into a Completion. Reasoning comes from thought parts (an empty
 * join yields null); only when none appeared is a leading `<think>`/`<thought>` wrapper split
 * off the text (README "reasoning-text extraction" step 2), keeping the original in `rawText`.
 * Gemini has no system fingerprint.
 */
export function assembleGeminiCompletion(pieces: GeminiPieces): Completion {
  const split = pieces.reasoning === null ? splitReasoningWrapper(pieces.text) : null;
  const found = split !== null ? split.reasoning : pieces.reasoning;
  return {
    text: split?.text ?? pieces.text,
    reasoning: found === '' ? null : found,
    rawText: split?.rawText ?? null,
    usage: convertGeminiUsage(pieces.usageMetadata),
    finishReason: mapGeminiFinishReason({
      finishReason: pieces.finishReason,
      blockReason: pieces.blockReason,
      hasFunctionCall: pieces.hasFunctionCall,
    }),
    responseModel: pieces.modelVersion,
    responseId: pieces.responseId,
    systemFingerprint: null,
  };
}
