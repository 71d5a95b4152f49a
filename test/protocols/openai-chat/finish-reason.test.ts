import { describe, expect, it } from 'vitest';
import { mapChatFinishReason } from '../../../src/protocols/openai-chat/index.js';
import type { FinishReason } from '../../../src/protocols/types.js';

describe('mapChatFinishReason (openai-chat.md §6)', () => {
  const cases: [unknown, FinishReason][] = [
    ['stop', { unified: 'stop', raw: 'stop' }],
    ['length', { unified: 'length', raw: 'length' }],
    ['tool_calls', { unified: 'tool_calls', raw: 'tool_calls' }],
    ['function_call', { unified: 'tool_calls', raw: 'function_call' }],
    ['content_filter', { unified: 'content_filter', raw: 'content_filter' }],
    ['insufficient_system_resource', { unified: 'error', raw: 'insufficient_system_resource' }],
    ['end_turn', { unified: 'stop', raw: 'end_turn' }],
    ['stop_sequence', { unified: 'stop', raw: 'stop_sequence' }],
    ['max_tokens', { unified: 'length', raw: 'max_tokens' }],
    ['tool_use', { unified: 'tool_calls', raw: 'tool_use' }],
    ['refusal', { unified: 'content_filter', raw: 'refusal' }],
    ['STOP', { unified: 'stop', raw: 'STOP' }],
    ['MAX_TOKENS', { unified: 'length', raw: 'MAX_TOKENS' }],
    ['SAFETY', { unified: 'content_filter', raw: 'SAFETY' }],
    ['RECITATION', { unified: 'content_filter', raw: 'RECITATION' }],
    ['something_new', { unified: 'other', raw: 'something_new' }],
    ['toString', { unified: 'other', raw: 'toString' }],
    [null, { unified: 'other', raw: null }],
    [undefined, { unified: 'other', raw: null }],
  ];
  it.each(cases)('%s', (raw, expected) => {
    expect(mapChatFinishReason(raw)).toEqual(expected);
  });
});
