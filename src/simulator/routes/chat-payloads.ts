import type { StreamFrame } from '../delivery.js';
import type { BilledUsage } from '../ledger.js';
import { splitForStream } from '../stream-pieces.js';
import type { ChatStyle } from './chat-styles.js';

export { splitForStream } from '../stream-pieces.js';

/** One chat answer, ready to be written in a vendor's style. */
export interface ChatReply {
  style: ChatStyle;
  id: string;
  created: number;
  /** The model name the response reports. */
  model: string;
  /** The requested model id (fingerprints are derived from it). */
  requestedModel: string;
  content: string;
  contentTokens: number;
  /** Reasoning text to show, or null when hidden or not produced. */
  reasoning: string | null;
  reasoningTokens: number;
  /** Whether the model thought (reasoning counts are reported). */
  thinks: boolean;
  finish: 'stop' | 'length';
  usage: BilledUsage;
}

function ordered(fields: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of order) if (key in fields) result[key] = fields[key];
  return result;
}

/** The non-streamed `chat.completion` body. */
export function chatBody(reply: ChatReply): string {
  const { style } = reply;
  const message: Record<string, unknown> = { role: 'assistant', content: reply.content };
  if (reply.reasoning !== null) message.reasoning_content = reply.reasoning;
  if (style.vendor === 'openai') Object.assign(message, { refusal: null, annotations: [] });
  const choice: Record<string, unknown> = { index: 0, message };
  if (style.logprobs) choice.logprobs = null;
  choice.finish_reason = reply.finish;
  const fields: Record<string, unknown> = {
    id: reply.id,
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: [choice],
    usage: style.usage(reply.usage, reply.thinks),
    ...style.extras(reply.requestedModel),
  };
  return JSON.stringify(ordered(fields, style.bodyOrder));
}

/**
 * The stream of a chat answer: role chunk, reasoning and content deltas, the
 * finish chunk, the usage (on the finish chunk or in its own `choices: []`
 * chunk, by style) and `data: [DONE]`.
 */
export function chatFrames(
  reply: ChatReply,
  options: { sendUsage: boolean },
): { preamble: string; frames: StreamFrame[] } {
  const { style } = reply;
  const vendor = style.vendor;
  const extras = style.extras(reply.requestedModel);
  const usageOnFinish = vendor === 'deepseek';
  const nullUsage = vendor === 'openai' && options.sendUsage;
  const reasoningShown = reply.reasoning !== null;
  const chunk = (choices: unknown[], usage?: Record<string, unknown> | null): string => {
    const body: Record<string, unknown> = {
      id: reply.id,
      object: 'chat.completion.chunk',
      created: reply.created,
      model: reply.model,
      ...extras,
      choices,
    };
    if (usage !== undefined) body.usage = usage;
    else if (nullUsage) body.usage = null;
    return `data: ${JSON.stringify(body)}\n\n`;
  };
  const choice = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> =>
    style.logprobs
      ? { index: 0, delta, logprobs: null, finish_reason: finish }
      : { index: 0, delta, finish_reason: finish };
  // DeepSeek-style reasoning streams open with content null and an empty reasoning_content.
  const firstDelta: Record<string, unknown> =
    vendor === 'deepseek' && reasoningShown
      ? { role: 'assistant', content: null, reasoning_content: '' }
      : { role: 'assistant', content: '' };
  if (vendor === 'openai') firstDelta.refusal = null;
  const frames: StreamFrame[] = [{ text: chunk([choice(firstDelta)]), tokens: 0 }];
  for (const piece of splitForStream(reply.reasoning ?? '', reply.reasoningTokens)) {
    const delta =
      vendor === 'deepseek' ? { content: null, reasoning_content: piece.text } : { reasoning_content: piece.text };
    frames.push({ text: chunk([choice(delta)]), tokens: piece.tokens });
  }
  // The gateway turns each Claude signature into a lone newline of reasoning.
  if (vendor === 'claude' && reasoningShown)
    frames.push({ text: chunk([choice({ reasoning_content: '\n' })]), tokens: 0 });
  for (const piece of splitForStream(reply.content, reply.contentTokens)) {
    const delta =
      vendor === 'deepseek' && reasoningShown
        ? { content: piece.text, reasoning_content: null }
        : { content: piece.text };
    frames.push({ text: chunk([choice(delta)]), tokens: piece.tokens });
  }
  const usage = style.usage(reply.usage, reply.thinks);
  if (usageOnFinish) {
    const finishDelta = reasoningShown ? { content: '', reasoning_content: null } : { content: '' };
    frames.push({ text: chunk([choice(finishDelta, reply.finish)], options.sendUsage ? usage : undefined), tokens: 0 });
  } else {
    frames.push({ text: chunk([choice({}, reply.finish)]), tokens: 0 });
    if (options.sendUsage) frames.push({ text: chunk([], usage), tokens: 0 });
  }
  frames.push({ text: 'data: [DONE]\n\n', tokens: 0 });
  // DeepSeek keeps idle connections alive with SSE comments while it works.
  return { preamble: vendor === 'deepseek' ? ': keep-alive\n\n' : '', frames };
}

/** The error object a gateway sends when the upstream fails after a 200 status line. */
export function chatErrorJson(message: string): string {
  return JSON.stringify({ error: { message, type: 'upstream_error', param: '', code: 'stream_interrupted' } });
}

/** A `data:` line whose JSON is cut off. */
export function chatGarbageFrame(reply: ChatReply): string {
  return `data: {"id":"${reply.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n`;
}
