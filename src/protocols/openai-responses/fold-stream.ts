import { classifyErrorPayload } from '../http-errors.js';
import { isRecord, stringOrNull } from '../json-values.js';
import {
  failed,
  succeeded,
  type Completion,
  type Failure,
  type FinishReason,
  type Outcome,
  type ParseContext,
  type SseEvent,
  type StreamFolder,
} from '../types.js';
import { assembleResponseCompletion, type ResponsePieces } from './assemble-completion.js';
import { hasErrorValue, readResponse, type ResponseState } from './read-response.js';
import { createPartCollector, type PartFamily } from './stream-parts.js';

const deltaFamilies: Record<string, PartFamily> = {
  'response.output_text.delta': 'output_text',
  'response.reasoning_summary_text.delta': 'summary',
  'response.reasoning_text.delta': 'reasoning_text',
};

const doneFamilies: Record<string, PartFamily> = {
  'response.output_text.done': 'output_text',
  'response.reasoning_summary_text.done': 'summary',
  'response.reasoning_text.done': 'reasoning_text',
};

const terminalTypes = new Set(['response.completed', 'response.incomplete']);

/**
 * Folds a `/v1/responses` SSE stream (openai-responses.md §3). Events are keyed on the
 * JSON `type` (the `event:` line only when `type` is missing, since proxies may drop those
 * lines, §9 item 5); unknown types, `sequence_number` gaps and a stray `data: [DONE]` are
 * ignored. Text and reasoning deltas are collected per item and part (`*.done` texts replace
 * them); the terminal `response.completed` / `response.incomplete` event supplies usage,
 * status, model and id, and its `output` is preferred for text and reasoning when it has some.
 * Events after the end or after a failure are ignored. Failures keep what arrived in
 * `partial`: `response.failed` and `error` events (classified by their code, transient by
 * default, finish reason `error`), a data line that is not JSON, and a body that ended
 * before a terminal event (finish reason `other`, usage unknown unless an event carried one).
 */
export function createResponsesStreamFolder(_context: ParseContext): StreamFolder {
  const parts = createPartCollector();
  let seen: ResponseState | null = null;
  let final: ResponseState | null = null;
  let sawFunctionCall = false;
  let done = false;
  let failure: Failure | null = null;

  const snapshot = (finishReason?: FinishReason): Completion => {
    const pieces: ResponsePieces = {
      text: final?.text ?? parts.texts('output_text').join(''),
      reasoningParts: final !== null && final.reasoningParts.length > 0 ? final.reasoningParts : parts.reasoningTexts(),
      usage: seen?.usage ?? null,
      status: seen?.status ?? null,
      incompleteReason: seen?.incompleteReason ?? null,
      hasFunctionCall: sawFunctionCall || final?.hasFunctionCall === true,
      model: seen?.model ?? null,
      id: seen?.id ?? null,
    };
    return assembleResponseCompletion({ pieces, finishReason });
  };

  const fail = (result: Failure, finishReason: FinishReason): Failure => {
    failure = { ...result, partial: snapshot(finishReason) };
    return failure;
  };

  /** Keeps the newest status, and the newest non-null model, id and usage (in-progress events carry `usage: null`). */
  const remember = (response: unknown): ResponseState | null => {
    if (!isRecord(response)) return null;
    const state = readResponse(response);
    seen = {
      ...state,
      model: state.model ?? seen?.model ?? null,
      id: state.id ?? seen?.id ?? null,
      usage: isRecord(state.usage) ? state.usage : (seen?.usage ?? null),
    };
    return state;
  };

  return {
    push(event: SseEvent): boolean {
      if (done || failure !== null) return false;
      const data = event.data.trim();
      if (data === '[DONE]') return false;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        payload = undefined;
      }
      if (!isRecord(payload)) {
        fail(brokenStream(`data line is not a JSON object: ${data.slice(0, 200)}`), { unified: 'other', raw: null });
        return false;
      }
      const type = stringOrNull(payload.type) ?? event.event ?? null;
      if (type === 'error' || (type === null && hasErrorValue(payload.error))) {
        fail(classifyErrorPayload({ payload, label: 'error event in stream', fallbackKind: 'transient' }), {
          unified: 'error',
          raw: 'error',
        });
        return false;
      }
      if (type === null) return false;
      if (Object.hasOwn(deltaFamilies, type))
        return parts.append({ family: deltaFamilies[type], event: payload }) !== '';
      if (Object.hasOwn(doneFamilies, type)) {
        parts.complete({ family: doneFamilies[type], event: payload });
      } else if (type === 'response.output_item.added' || type === 'response.output_item.done') {
        sawFunctionCall ||= isRecord(payload.item) && payload.item.type === 'function_call';
      } else if (type === 'response.failed') {
        final = remember(payload.response);
        fail(failedResponse(payload.response), { unified: 'error', raw: seen?.status ?? 'failed' });
      } else if (terminalTypes.has(type)) {
        final = remember(payload.response);
        done = true;
      } else {
        remember(payload.response);
      }
      return false;
    },

    finish(): Outcome<Completion> {
      if (failure !== null) return failed(failure);
      if (done) return succeeded(snapshot());
      return failed(
        fail(brokenStream('stream ended before a terminal response event'), { unified: 'other', raw: null }),
      );
    },
  };
}

/** The failure a `response.failed` event stands for: its `response.error`, classified. */
function failedResponse(response: unknown): Failure {
  const error = isRecord(response) ? response.error : undefined;
  if (!hasErrorValue(error)) return brokenStream('response.failed event without an error object');
  return classifyErrorPayload({ payload: { error }, label: 'response.failed event', fallbackKind: 'transient' });
}

function brokenStream(message: string): Failure {
  return { kind: 'transient', message, status: null, code: null, retryAfterMs: null };
}
