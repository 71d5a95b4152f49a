import { classifyErrorPayload } from '../http-errors.js';
import { isRecord, stringOrNull } from '../json-values.js';
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
import { assembleMessagesCompletion } from './assemble-completion.js';
import { convertStreamUsage, mergeDeltaUsage } from './convert-usage.js';

/** Text gathered for one content block, by its `index`. */
interface BlockText {
  text: string[];
  thinking: string[];
  thinkingSeen: boolean;
}

/**
 * Folds a Messages SSE stream (anthropic-messages.md §3). `message_start` gives id, model
 * and the input/cache usage; `content_block_start` and `text_delta` / `thinking_delta`
 * deltas build each block's text by `index` (joined in index order); `signature_delta`,
 * `input_json_delta`, `citations_delta`, `content_block_stop`, `ping` and unknown events
 * are ignored; `message_delta` gives the stop reason and usage (merged by
 * `mergeDeltaUsage`); `message_stop` ends the stream cleanly and later events are ignored.
 * Failures keep what arrived in `partial`: an `error` event (or any payload carrying an
 * `error` object), classified by its type and transient by default (`overloaded_error`
 * is transient); a data line that is not a JSON object; a body that ended before
 * `message_stop` (input usage as reported by `message_start`, output unknown unless a
 * `message_delta` reported it).
 */
export function createMessagesStreamFolder(_context: ParseContext): StreamFolder {
  const blocks = new Map<number, BlockText>();
  let usage: Record<string, unknown> | null = null;
  let outputReported = false;
  let stopReason: unknown = null;
  let model: string | null = null;
  let id: string | null = null;
  let done = false;
  let failure: Failure | null = null;

  const block = (index: unknown): BlockText => {
    const key = typeof index === 'number' ? index : 0;
    let found = blocks.get(key);
    if (found === undefined) {
      found = { text: [], thinking: [], thinkingSeen: false };
      blocks.set(key, found);
    }
    return found;
  };

  const snapshot = (): Completion => {
    const ordered = [...blocks.entries()].sort(([left], [right]) => left - right).map(([, entry]) => entry);
    const thinkingSeen = ordered.some((entry) => entry.thinkingSeen);
    return assembleMessagesCompletion({
      text: ordered.map((entry) => entry.text.join('')).join(''),
      reasoning: thinkingSeen ? ordered.map((entry) => entry.thinking.join('')).join('') : null,
      usage: convertStreamUsage({ usage, outputReported }),
      stopReason,
      model,
      id,
    });
  };

  const fail = (result: Failure): Failure => {
    failure = { ...result, partial: snapshot() };
    return failure;
  };

  /** Adds text to a block; true when it was non-empty. */
  const append = (options: { index: unknown; kind: 'text' | 'thinking'; value: unknown }): boolean => {
    const target = block(options.index);
    if (options.kind === 'thinking') target.thinkingSeen = true;
    if (typeof options.value !== 'string') return false;
    target[options.kind].push(options.value);
    return options.value !== '';
  };

  return {
    push(event: SseEvent): boolean {
      if (done || failure !== null) return false;
      const data = event.data.trim();
      if (event.event === 'ping' || data === '') return false;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        payload = undefined;
      }
      if (!isRecord(payload)) {
        fail(malformedStream(`data line is not a JSON object: ${data.slice(0, 200)}`));
        return false;
      }
      const type = stringOrNull(payload.type) ?? event.event;
      if (type === 'error' || event.event === 'error' || (payload.error !== undefined && payload.error !== null)) {
        fail(classifyErrorPayload({ payload, label: 'error event in stream', fallbackKind: 'transient' }));
        return false;
      }
      switch (type) {
        case 'message_start': {
          const message = isRecord(payload.message) ? payload.message : {};
          id = stringOrNull(message.id) ?? id;
          model = stringOrNull(message.model) ?? model;
          if (isRecord(message.usage)) usage = { ...message.usage };
          return false;
        }
        case 'content_block_start': {
          const started = isRecord(payload.content_block) ? payload.content_block : {};
          if (started.type === 'text') return append({ index: payload.index, kind: 'text', value: started.text });
          if (started.type === 'thinking')
            return append({ index: payload.index, kind: 'thinking', value: started.thinking });
          return false;
        }
        case 'content_block_delta': {
          const delta = isRecord(payload.delta) ? payload.delta : {};
          if (delta.type === 'text_delta') return append({ index: payload.index, kind: 'text', value: delta.text });
          if (delta.type === 'thinking_delta')
            return append({ index: payload.index, kind: 'thinking', value: delta.thinking });
          return false;
        }
        case 'message_delta': {
          const delta = isRecord(payload.delta) ? payload.delta : {};
          if (typeof delta.stop_reason === 'string') stopReason = delta.stop_reason;
          if (isRecord(payload.usage)) {
            usage = mergeDeltaUsage({ reported: usage, delta: payload.usage });
            if (typeof payload.usage.output_tokens === 'number') outputReported = true;
          }
          return false;
        }
        case 'message_stop':
          done = true;
          return false;
        default:
          return false;
      }
    },

    finish(): Outcome<Completion> {
      if (failure !== null) return failed(failure);
      return done ? succeeded(snapshot()) : failed(fail(malformedStream('stream ended before message_stop')));
    },
  };
}

function malformedStream(message: string): Failure {
  return { kind: 'transient', message, status: null, code: null, retryAfterMs: null };
}
