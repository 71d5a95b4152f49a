import type { StreamFrame } from '../delivery.js';
import type { BilledUsage } from '../ledger.js';
import { splitForStream } from '../stream-pieces.js';

/** One Responses answer, ready to be written as a body or an event stream. */
export interface ResponsesReply {
  id: string;
  createdAt: number;
  /** The model name the response reports. */
  model: string;
  finish: 'stop' | 'length';
  /** The reasoning item, when the model thought; `summary` is null when no summary was asked for. */
  reasoning: { id: string; summary: string | null; tokens: number } | null;
  message: { id: string; text: string; tokens: number };
  usage: BilledUsage;
  /** Request fields the response object echoes. */
  echo: {
    instructions: string | null;
    maxOutputTokens: number | null;
    reasoning: { effort: string | null; summary: string | null } | null;
    store: boolean;
  };
}

type Json = Record<string, unknown>;

/** The `usage` object: input includes cached tokens, output includes reasoning tokens. */
export function responsesUsage(usage: BilledUsage): Json {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cached },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning },
    total_tokens: usage.input + usage.output,
  };
}

function reasoningItem(reply: ResponsesReply, final: boolean): Json | null {
  const { reasoning } = reply;
  if (!reasoning) return null;
  const summary = final && reasoning.summary ? [{ type: 'summary_text', text: reasoning.summary }] : [];
  return { id: reasoning.id, type: 'reasoning', summary };
}

/** False when every output token went to reasoning: OpenAI then sends no message item. */
function hasMessage(reply: ResponsesReply): boolean {
  return reply.message.text.length > 0 || reply.finish === 'stop';
}

function messageItem(reply: ResponsesReply, final: boolean): Json {
  const status = !final ? 'in_progress' : reply.finish === 'length' ? 'incomplete' : 'completed';
  const content = final ? [{ type: 'output_text', annotations: [], logprobs: [], text: reply.message.text }] : [];
  return { id: reply.message.id, type: 'message', status, content, role: 'assistant' };
}

function finalOutput(reply: ResponsesReply): Json[] {
  const output: Json[] = [];
  const reasoning = reasoningItem(reply, true);
  if (reasoning) output.push(reasoning);
  if (hasMessage(reply)) output.push(messageItem(reply, true));
  return output;
}

function statusOf(reply: ResponsesReply): 'completed' | 'incomplete' {
  return reply.finish === 'length' ? 'incomplete' : 'completed';
}

/** The `response` object; `in_progress` has no output and `usage: null`, as in `response.created`. */
export function responseObject(reply: ResponsesReply, phase: 'in_progress' | 'final'): Json {
  const final = phase === 'final';
  const { echo } = reply;
  return {
    id: reply.id,
    object: 'response',
    created_at: reply.createdAt,
    status: final ? statusOf(reply) : 'in_progress',
    background: false,
    error: null,
    incomplete_details: final && reply.finish === 'length' ? { reason: 'max_output_tokens' } : null,
    instructions: echo.instructions,
    max_output_tokens: echo.maxOutputTokens,
    model: reply.model,
    output: final ? finalOutput(reply) : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: echo.reasoning?.effort ?? null, summary: echo.reasoning?.summary ?? null },
    service_tier: 'default',
    store: echo.store,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: final ? responsesUsage(reply.usage) : null,
    user: null,
    metadata: {},
  };
}

/** The non-streamed body. There is no top-level `output_text`: the SDKs compute it. */
export function responsesBody(reply: ResponsesReply): string {
  return JSON.stringify(responseObject(reply, 'final'));
}

/** Writes named events with increasing `sequence_number`s. */
class EventWriter {
  private next = 0;

  frame(type: string, fields: Json, tokens = 0): StreamFrame {
    const data = JSON.stringify({ type, sequence_number: this.next++, ...fields });
    return { text: `event: ${type}\ndata: ${data}\n\n`, tokens };
  }

  get count(): number {
    return this.next;
  }
}

function reasoningFrames(reply: ResponsesReply, events: EventWriter, outputIndex: number): StreamFrame[] {
  const reasoning = reply.reasoning;
  if (!reasoning) return [];
  const item = { item_id: reasoning.id, output_index: outputIndex };
  const frames = [
    events.frame('response.output_item.added', { output_index: outputIndex, item: reasoningItem(reply, false) }),
  ];
  // Hidden reasoning still takes its time: its tokens pace the item's end.
  let hiddenTokens = reasoning.tokens;
  if (reasoning.summary) {
    const part = { type: 'summary_text', text: reasoning.summary };
    frames.push(
      events.frame('response.reasoning_summary_part.added', {
        ...item,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      }),
    );
    for (const piece of splitForStream(reasoning.summary, reasoning.tokens)) {
      frames.push(
        events.frame(
          'response.reasoning_summary_text.delta',
          { ...item, summary_index: 0, delta: piece.text },
          piece.tokens,
        ),
      );
    }
    frames.push(
      events.frame('response.reasoning_summary_text.done', { ...item, summary_index: 0, text: reasoning.summary }),
    );
    frames.push(events.frame('response.reasoning_summary_part.done', { ...item, summary_index: 0, part }));
    hiddenTokens = 0;
  }
  frames.push(
    events.frame(
      'response.output_item.done',
      { output_index: outputIndex, item: reasoningItem(reply, true) },
      hiddenTokens,
    ),
  );
  return frames;
}

function messageFrames(reply: ResponsesReply, events: EventWriter, outputIndex: number): StreamFrame[] {
  const { message } = reply;
  const item = { item_id: message.id, output_index: outputIndex, content_index: 0 };
  const emptyPart = { type: 'output_text', annotations: [], logprobs: [], text: '' };
  const frames = [
    events.frame('response.output_item.added', { output_index: outputIndex, item: messageItem(reply, false) }),
    events.frame('response.content_part.added', { ...item, part: emptyPart }),
  ];
  for (const piece of splitForStream(message.text, message.tokens)) {
    frames.push(events.frame('response.output_text.delta', { ...item, delta: piece.text, logprobs: [] }, piece.tokens));
  }
  frames.push(events.frame('response.output_text.done', { ...item, text: message.text, logprobs: [] }));
  frames.push(events.frame('response.content_part.done', { ...item, part: { ...emptyPart, text: message.text } }));
  frames.push(events.frame('response.output_item.done', { output_index: outputIndex, item: messageItem(reply, true) }));
  return frames;
}

/**
 * The event ladder of a streamed response (openai-responses.md §3):
 * `response.created` and `response.in_progress` go out with the headers, then
 * the output items, then `response.completed` or `response.incomplete` with the
 * usage. No `[DONE]`, as OpenAI sends none. `errorFrame` is a mid-stream `error` event.
 */
export function responsesFrames(
  reply: ResponsesReply,
  options: { errorMessage: string },
): { preamble: string; frames: StreamFrame[]; errorFrame: string } {
  const events = new EventWriter();
  const opening = { response: responseObject(reply, 'in_progress') };
  const preamble = events.frame('response.created', opening).text + events.frame('response.in_progress', opening).text;
  const frames = reasoningFrames(reply, events, 0);
  if (hasMessage(reply)) frames.push(...messageFrames(reply, events, reply.reasoning ? 1 : 0));
  const terminal = reply.finish === 'length' ? 'response.incomplete' : 'response.completed';
  frames.push(events.frame(terminal, { response: responseObject(reply, 'final') }));
  // The error event takes a number after every planned event, so numbers only ever increase.
  const errorFrame = events.frame('error', { code: 'server_error', message: options.errorMessage, param: null }).text;
  return { preamble, frames, errorFrame };
}

/** An event whose JSON is cut off. */
export function responsesGarbageFrame(reply: ResponsesReply): string {
  return `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"${reply.message.id}","delta":"\n\n`;
}

/** The 200 body of a response that failed upstream after the status line was sent. */
export function responsesFailedBody(reply: ResponsesReply, message: string): string {
  return JSON.stringify({
    ...responseObject(reply, 'in_progress'),
    status: 'failed',
    error: { code: 'server_error', message },
  });
}
