import { createParser } from 'eventsource-parser';
import type { SseEvent } from './types.js';

/** Incremental server-sent-events decoder: text goes in as it arrives, whole events come out. */
export interface SseDecoder {
  /**
   * Feeds the next piece of the body. Returns the events completed by this piece
   * (possibly none). Pieces may split lines, JSON and `\r\n` pairs anywhere.
   */
  feed(text: string): SseEvent[];
  /**
   * Declares the body finished. An event still waiting for its terminating blank
   * line is dropped, not emitted: a half-received `data:` line is a cut stream, and
   * emitting it would hand callers a fragment as if it were whole. Always returns
   * the (empty) list of events completed at the end, so callers can treat it like `feed`.
   */
  end(): SseEvent[];
}

/**
 * Creates the project's one SSE framing decoder (on `eventsource-parser`).
 * Handles `\n`, `\r` and `\r\n` line endings, multi-line `data:` fields and
 * events split across pieces; comment lines (`: keep-alive`, `: PING`) are dropped.
 */
export function createSseDecoder(): SseDecoder {
  let completed: SseEvent[] = [];
  const parser = createParser({
    onEvent(message) {
      const event: SseEvent = { data: message.data };
      if (message.event !== undefined) event.event = message.event;
      if (message.id !== undefined) event.id = message.id;
      completed.push(event);
    },
    onComment() {},
  });

  const take = (): SseEvent[] => {
    const events = completed;
    completed = [];
    return events;
  };

  return {
    feed(text) {
      parser.feed(text);
      return take();
    },
    end() {
      parser.reset({ consume: false });
      return take();
    },
  };
}
