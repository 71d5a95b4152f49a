import { classifyErrorPayload } from '../http-errors.js';
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
import { assembleCompletion, type ChatPieces } from './assemble-completion.js';
import { contentText, isRecord, reasoningText, stringOrNull } from './json-values.js';

/**
 * Folds a chat-completions SSE stream (openai-chat.md §3). Content and reasoning deltas
 * of the first choice are concatenated in order; usage comes from the last chunk that
 * carried a non-null one (a separate `choices: []` chunk or the finish chunk); the finish
 * reason is the last non-null one. `data: [DONE]` ends the stream cleanly; events after
 * the end or after a failure are ignored. A body that ends without `[DONE]` after it
 * delivered both a finish reason and a usage object is complete (nothing more was to
 * come; retrying would pay for the answer again). Failures keep what arrived in `partial`:
 * an `error` object in a `data:` line (classified by its code, transient by default),
 * a line that is not JSON, or a body that ended before `[DONE]` (usage stays unknown
 * unless a usage chunk had arrived).
 */
export function createChatStreamFolder(context: ParseContext): StreamFolder {
  const content: string[] = [];
  const reasoning: string[] = [];
  let reasoningFieldSeen = false;
  const pieces: Omit<ChatPieces, 'content' | 'reasoning'> = {
    usage: null,
    finishReason: null,
    model: null,
    id: null,
    systemFingerprint: null,
  };
  let done = false;
  let failure: Failure | null = null;

  const snapshot = (): Completion =>
    assembleCompletion({
      pieces: { ...pieces, content: content.join(''), reasoning: reasoningFieldSeen ? reasoning.join('') : null },
      vendor: context.vendor,
    });

  const fail = (result: Failure): Failure => {
    failure = { ...result, partial: snapshot() };
    return failure;
  };

  return {
    push(event: SseEvent): boolean {
      if (done || failure !== null) return false;
      const data = event.data.trim();
      if (data === '[DONE]') {
        done = true;
        return false;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch {
        chunk = undefined;
      }
      if (!isRecord(chunk)) {
        fail(malformedStream(`data line is not a JSON object: ${data.slice(0, 200)}`));
        return false;
      }
      if (chunk.error !== undefined && chunk.error !== null) {
        fail(classifyErrorPayload({ payload: chunk, label: 'error event in stream', fallbackKind: 'transient' }));
        return false;
      }
      pieces.id = stringOrNull(chunk.id) ?? pieces.id;
      pieces.model = stringOrNull(chunk.model) ?? pieces.model;
      pieces.systemFingerprint = stringOrNull(chunk.system_fingerprint) ?? pieces.systemFingerprint;
      if (isRecord(chunk.usage)) pieces.usage = chunk.usage;

      const choice = Array.isArray(chunk.choices)
        ? chunk.choices.find((candidate: unknown) => isRecord(candidate) && (candidate.index ?? 0) === 0)
        : undefined;
      if (!isRecord(choice)) return false;
      if (typeof choice.finish_reason === 'string') pieces.finishReason = choice.finish_reason;
      const delta = isRecord(choice.delta) ? choice.delta : {};
      const text = contentText(delta.content);
      const thought = reasoningText(delta);
      content.push(text);
      if (thought !== null) {
        reasoningFieldSeen = true;
        reasoning.push(thought);
      }
      return text !== '' || (thought !== null && thought !== '');
    },

    finish(): Outcome<Completion> {
      if (failure !== null) return failed(failure);
      // A stream that delivered its finish reason and its usage said everything [DONE] would have.
      const complete = done || (pieces.finishReason !== null && pieces.usage !== null);
      return complete ? succeeded(snapshot()) : failed(fail(malformedStream('stream ended before [DONE]')));
    },
  };
}

function malformedStream(message: string): Failure {
  return { kind: 'transient', message, status: null, code: null, retryAfterMs: null };
}
