import { isRecord, stringOrNull } from '../json-values.js';

/** What one `GenerateContentResponse` (a whole body or one stream chunk) carries. */
export interface GeminiChunk {
  /** Answer text of the first candidate's parts, in order. */
  texts: string[];
  /** Text of its `thought: true` parts, in order. */
  thoughts: string[];
  /** True when any of its parts is a `functionCall`. */
  hasFunctionCall: boolean;
  /** True when a first candidate (index 0) was present, even without content. */
  hasCandidate: boolean;
  finishReason: string | null;
  /** `promptFeedback.blockReason`, set when the prompt itself was blocked. */
  blockReason: string | null;
  usageMetadata: Record<string, unknown> | null;
  modelVersion: string | null;
  responseId: string | null;
}

/**
 * Reads a `GenerateContentResponse` (gemini-native.md §2, §3, §5). Only the candidate with
 * index 0 (a missing index counts as 0) is read. Parts with `thought: true` are reasoning,
 * other parts with a string `text` are the answer; media and function-call parts add no text.
 * A candidate without `content` or with empty `parts` (safety stop) contributes no text.
 */
export function readGeminiChunk(body: Record<string, unknown>): GeminiChunk {
  const candidate = Array.isArray(body.candidates)
    ? body.candidates.find((entry: unknown) => isRecord(entry) && (entry.index ?? 0) === 0)
    : undefined;
  const content = isRecord(candidate) && isRecord(candidate.content) ? candidate.content : {};
  const parts = Array.isArray(content.parts) ? content.parts.filter(isRecord) : [];
  const texts: string[] = [];
  const thoughts: string[] = [];
  for (const part of parts) {
    if (typeof part.text !== 'string') continue;
    if (part.thought === true) thoughts.push(part.text);
    else texts.push(part.text);
  }
  const promptFeedback = isRecord(body.promptFeedback) ? body.promptFeedback : {};
  return {
    texts,
    thoughts,
    hasFunctionCall: parts.some((part) => isRecord(part.functionCall)),
    hasCandidate: isRecord(candidate),
    finishReason: isRecord(candidate) ? nonEmpty(candidate.finishReason) : null,
    blockReason: nonEmpty(promptFeedback.blockReason),
    usageMetadata: isRecord(body.usageMetadata) ? body.usageMetadata : null,
    modelVersion: stringOrNull(body.modelVersion),
    responseId: stringOrNull(body.responseId),
  };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
