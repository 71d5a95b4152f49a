import { isRecord } from '../json-values.js';
import { failed, succeeded, type Completion, type Outcome, type ParseContext } from '../types.js';
import { classifyGeminiErrorPayload } from './error-payload.js';
import { assembleGeminiCompletion } from './assemble-completion.js';
import { readGeminiChunk } from './read-chunk.js';

/**
 * Parses a 2xx `generateContent` body (gemini-native.md §2). A top-level `error` object is a
 * Failure classified by `classifyGeminiErrorPayload`. A blocked prompt (no candidates,
 * `promptFeedback.blockReason`) is a Completion with empty text and a `content_filter` finish
 * (§6): it is the model's final answer to that prompt, billed for its prompt tokens, and a
 * retry would only be blocked again. A body with neither is a transient (malformed) Failure. The context is unused: Gemini usage needs no vendor adjustment.
 */
export function parseGeminiResponse(body: unknown, _context: ParseContext): Outcome<Completion> {
  if (isRecord(body) && body.error !== undefined && body.error !== null) {
    return failed(classifyGeminiErrorPayload({ payload: body, label: 'error object in a 2xx response' }));
  }
  const chunk = isRecord(body) ? readGeminiChunk(body) : null;
  if (chunk === null || (!chunk.hasCandidate && chunk.blockReason === null)) {
    return failed({
      kind: 'transient',
      message: 'malformed Gemini response: no candidates and no promptFeedback.blockReason',
      status: null,
      code: null,
      retryAfterMs: null,
    });
  }
  const completion = assembleGeminiCompletion({
    text: chunk.texts.join(''),
    reasoning: chunk.thoughts.length > 0 ? chunk.thoughts.join('') : null,
    usageMetadata: chunk.usageMetadata,
    finishReason: chunk.finishReason,
    blockReason: chunk.blockReason,
    hasFunctionCall: chunk.hasFunctionCall,
    modelVersion: chunk.modelVersion,
    responseId: chunk.responseId,
  });
  return succeeded(completion);
}
