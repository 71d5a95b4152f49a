import { describe, expect, it } from 'vitest';
import { mapMessagesStopReason } from '../../../src/protocols/anthropic-messages/index.js';
import type { FinishReason } from '../../../src/protocols/types.js';

describe('mapMessagesStopReason (anthropic-messages.md §6)', () => {
  const cases: [unknown, FinishReason][] = [
    ['end_turn', { unified: 'stop', raw: 'end_turn' }],
    ['stop_sequence', { unified: 'stop', raw: 'stop_sequence' }],
    ['max_tokens', { unified: 'length', raw: 'max_tokens' }],
    ['model_context_window_exceeded', { unified: 'length', raw: 'model_context_window_exceeded' }],
    ['tool_use', { unified: 'tool_calls', raw: 'tool_use' }],
    ['refusal', { unified: 'content_filter', raw: 'refusal' }],
    ['pause_turn', { unified: 'other', raw: 'pause_turn' }],
    ['something_new', { unified: 'other', raw: 'something_new' }],
    ['constructor', { unified: 'other', raw: 'constructor' }],
    ['', { unified: 'other', raw: null }],
    [null, { unified: 'other', raw: null }],
    [undefined, { unified: 'other', raw: null }],
  ];
  it.each(cases)('%s', (raw, expected) => {
    expect(mapMessagesStopReason(raw)).toEqual(expected);
  });
});
