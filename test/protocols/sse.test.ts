import { describe, expect, it } from 'vitest';
import { createSseDecoder } from '../../src/protocols/sse.js';
import type { SseEvent } from '../../src/protocols/types.js';

function decodeInPieces(pieces: string[]): SseEvent[] {
  const decoder = createSseDecoder();
  const events = pieces.flatMap((piece) => decoder.feed(piece));
  return [...events, ...decoder.end()];
}

describe('createSseDecoder', () => {
  const body =
    ': keep-alive\n\ndata: {"a":1}\n\n: PING\n\nevent: message_start\nid: 7\ndata: {"b":2}\n\ndata: [DONE]\n\n';
  const expected: SseEvent[] = [
    { data: '{"a":1}' },
    { event: 'message_start', id: '7', data: '{"b":2}' },
    { data: '[DONE]' },
  ];

  it('drops comment lines and keeps event names and ids', () => {
    expect(decodeInPieces([body])).toEqual(expected);
  });

  it('returns events from the feed that completes them', () => {
    const decoder = createSseDecoder();
    expect(decoder.feed('data: {"a"')).toEqual([]);
    expect(decoder.feed(':1}\n')).toEqual([]);
    expect(decoder.feed('\ndata: x\n\ndata: y')).toEqual([{ data: '{"a":1}' }, { data: 'x' }]);
  });

  it('gives the same events whatever the split, one character at a time included', () => {
    expect(decodeInPieces([...body])).toEqual(expected);
    for (let cut = 1; cut < body.length; cut += 1) {
      expect(decodeInPieces([body.slice(0, cut), body.slice(cut)])).toEqual(expected);
    }
  });

  it('handles \\r\\n line endings, also when a pair is split across feeds', () => {
    const crlf = body.replaceAll('\n', '\r\n');
    expect(decodeInPieces([crlf])).toEqual(expected);
    expect(decodeInPieces([...crlf])).toEqual(expected);
  });

  it('joins multi-line data fields with a newline', () => {
    expect(decodeInPieces(['data: first\ndata: second\n\n'])).toEqual([{ data: 'first\nsecond' }]);
  });

  it('drops an event still waiting for its blank line when the body ends', () => {
    const decoder = createSseDecoder();
    expect(decoder.feed('data: whole\n\ndata: {"cut":')).toEqual([{ data: 'whole' }]);
    expect(decoder.end()).toEqual([]);
    const lineComplete = createSseDecoder();
    expect(lineComplete.feed('data: [DONE]\n')).toEqual([]);
    expect(lineComplete.end()).toEqual([]);
  });
});
