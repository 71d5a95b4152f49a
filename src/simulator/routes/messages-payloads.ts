import type { StreamFrame } from '../delivery.js';
import { splitForStream } from '../stream-pieces.js';

/** Usage as Anthropic reports it: `inputTokens` excludes the cache reads and writes. */
export interface AnthropicUsage {
  inputTokens: number;
  cacheRead: number;
  cacheWrite: number;
  /** Includes thinking tokens; Anthropic gives no separate count. */
  outputTokens: number;
}

/** One Messages answer, ready to be written as a body or an event stream. */
export interface MessagesReply {
  id: string;
  model: string;
  thinking: { text: string; signature: string; tokens: number } | null;
  text: string;
  textTokens: number;
  stopReason: 'end_turn' | 'max_tokens';
  usage: AnthropicUsage;
}

type Json = Record<string, unknown>;

function cacheCounts(usage: AnthropicUsage): Json {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
  };
}

/** The non-streamed `usage`, with the two `claude_cache_creation_*` keys the gateway adds (anthropic-messages.md §2). */
export function messagesUsage(usage: AnthropicUsage): Json {
  return {
    ...cacheCounts(usage),
    output_tokens: usage.outputTokens,
    claude_cache_creation_5_m_tokens: usage.cacheWrite,
    claude_cache_creation_1_h_tokens: 0,
  };
}

/** False when thinking used up `max_tokens`: no text block is sent then. */
function hasText(reply: MessagesReply): boolean {
  return reply.text.length > 0 || reply.stopReason === 'end_turn';
}

/**
 * The non-streamed body, in the shape mixrouter's page shows: no `stop_sequence`
 * key, gateway cache keys in `usage`; a `thinking` block with its signature comes first.
 */
export function messagesBody(reply: MessagesReply): string {
  const content: Json[] = [];
  if (reply.thinking)
    content.push({ type: 'thinking', thinking: reply.thinking.text, signature: reply.thinking.signature });
  if (hasText(reply)) content.push({ type: 'text', text: reply.text });
  return JSON.stringify({
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content,
    stop_reason: reply.stopReason,
    usage: messagesUsage(reply.usage),
  });
}

function frame(type: string, data: Json, tokens = 0): StreamFrame {
  return { text: `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`, tokens };
}

/** Anthropic writes ping data with a space after the colon. */
const pingFrame: StreamFrame = { text: 'event: ping\ndata: {"type": "ping"}\n\n', tokens: 0 };

interface Block {
  index: number;
  start: Json;
  text: string;
  tokens: number;
  delta: (text: string) => Json;
  /** Deltas sent after the text, such as the signature. */
  closing: Json[];
  ping: boolean;
}

function blockFrames(block: Block): StreamFrame[] {
  const { index } = block;
  const frames = [frame('content_block_start', { index, content_block: block.start })];
  if (block.ping) frames.push(pingFrame);
  for (const piece of splitForStream(block.text, block.tokens)) {
    frames.push(frame('content_block_delta', { index, delta: block.delta(piece.text) }, piece.tokens));
  }
  for (const delta of block.closing) frames.push(frame('content_block_delta', { index, delta }));
  frames.push(frame('content_block_stop', { index }));
  return frames;
}

/**
 * The event ladder of a streamed message (anthropic-messages.md §3): `message_start`
 * goes out with the headers (output 1), then a thinking block (thinking deltas and a
 * signature delta) and a text block, a `ping` after the first block opens,
 * `message_delta` with the stop reason and the cumulative output (plus the input
 * counts, as the gateway patches them in), and `message_stop`. No `[DONE]`.
 */
export function messagesFrames(reply: MessagesReply): { preamble: string; frames: StreamFrame[] } {
  const start = {
    message: {
      id: reply.id,
      type: 'message',
      role: 'assistant',
      model: reply.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...cacheCounts(reply.usage), output_tokens: 1 },
    },
  };
  const frames: StreamFrame[] = [];
  if (reply.thinking) {
    frames.push(
      ...blockFrames({
        index: 0,
        start: { type: 'thinking', thinking: '', signature: '' },
        text: reply.thinking.text,
        tokens: reply.thinking.tokens,
        delta: (text) => ({ type: 'thinking_delta', thinking: text }),
        closing: [{ type: 'signature_delta', signature: reply.thinking.signature }],
        ping: true,
      }),
    );
  }
  if (hasText(reply)) {
    frames.push(
      ...blockFrames({
        index: frames.length > 0 ? 1 : 0,
        start: { type: 'text', text: '' },
        text: reply.text,
        tokens: reply.textTokens,
        delta: (text) => ({ type: 'text_delta', text }),
        closing: [],
        ping: frames.length === 0,
      }),
    );
  }
  frames.push(
    frame('message_delta', {
      delta: { stop_reason: reply.stopReason, stop_sequence: null },
      usage: { ...cacheCounts(reply.usage), output_tokens: reply.usage.outputTokens },
    }),
    frame('message_stop', {}),
  );
  return { preamble: frame('message_start', start).text, frames };
}

/** Anthropic's error object, used mid-stream and in a 200 body after an upstream failure. */
export function messagesErrorJson(message: string): string {
  return JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message } });
}

/** An event whose JSON is cut off. */
export function messagesGarbageFrame(): string {
  return 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\n\n';
}
