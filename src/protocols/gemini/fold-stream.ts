import { isRecord } from '../json-values.js';
import {
  failed,
  succeeded,
  type Completion,
  type Failure,
  type Outcome,
  type ParseContext,
  type SseEvent,
  type StreamFolder,
} from '../types.js';
import { classifyGeminiErrorPayload } from './error-payload.js';
import { assembleGeminiCompletion, type GeminiPieces } from './assemble-completion.js';
import { readGeminiChunk } from './read-chunk.js';

/**
 * Folds a `streamGenerateContent?alt=sse` stream (gemini-native.md §3). Every `data:` is a
 * whole `GenerateContentResponse` carrying only new parts: answer and thought texts of the
 * first candidate are concatenated separately in arrival order. Usage is the last
 * `usageMetadata` seen (cumulative on every chunk), the finish reason the last one seen, and
 * chunks after the finish (usage only) are still read. There is no `[DONE]`: the stream is
 * complete when a chunk carried a `finishReason` (or a prompt `blockReason`) and the body
 * ended. Failures keep what arrived in `partial`: an `error` object in a `data:` line
 * (classified by `classifyGeminiErrorPayload`), a line that is not JSON, or a body that
 * ended without a finish reason, all transient unless the error says otherwise. A truncated
 * stream's usage is the last cumulative count that arrived (a lower bound: the final counts
 * are lost, §3), or unknown when no chunk carried one. Events after a failure are ignored.
 */
export function createGeminiStreamFolder(_context: ParseContext): StreamFolder {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const pieces: Omit<GeminiPieces, 'text' | 'reasoning'> = {
    usageMetadata: null,
    finishReason: null,
    blockReason: null,
    hasFunctionCall: false,
    modelVersion: null,
    responseId: null,
  };
  let failure: Failure | null = null;

  const snapshot = (): Completion =>
    assembleGeminiCompletion({
      ...pieces,
      text: texts.join(''),
      reasoning: thoughts.length > 0 ? thoughts.join('') : null,
    });

  const fail = (result: Failure): Failure => {
    failure = { ...result, partial: snapshot() };
    return failure;
  };

  return {
    push(event: SseEvent): boolean {
      if (failure !== null) return false;
      const data = event.data.trim();
      let body: unknown;
      try {
        body = JSON.parse(data);
      } catch {
        body = undefined;
      }
      if (!isRecord(body)) {
        fail(malformedStream(`data line is not a JSON object: ${data.slice(0, 200)}`));
        return false;
      }
      if (body.error !== undefined && body.error !== null) {
        fail(classifyGeminiErrorPayload({ payload: body, label: 'error event in stream' }));
        return false;
      }
      const chunk = readGeminiChunk(body);
      texts.push(...chunk.texts);
      thoughts.push(...chunk.thoughts);
      pieces.usageMetadata = chunk.usageMetadata ?? pieces.usageMetadata;
      pieces.finishReason = chunk.finishReason ?? pieces.finishReason;
      pieces.blockReason = chunk.blockReason ?? pieces.blockReason;
      pieces.hasFunctionCall ||= chunk.hasFunctionCall;
      pieces.modelVersion = chunk.modelVersion ?? pieces.modelVersion;
      pieces.responseId = chunk.responseId ?? pieces.responseId;
      return [...chunk.texts, ...chunk.thoughts].some((text) => text !== '');
    },

    finish(): Outcome<Completion> {
      if (failure !== null) return failed(failure);
      const ended = pieces.finishReason !== null || pieces.blockReason !== null;
      return ended ? succeeded(snapshot()) : failed(fail(malformedStream('stream ended without a finishReason')));
    },
  };
}

function malformedStream(message: string): Failure {
  return { kind: 'transient', message, status: null, code: null, retryAfterMs: null };
}
