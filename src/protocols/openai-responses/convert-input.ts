import type { ChatMessage, ContentPart } from '../types.js';

/** A Responses input message item (openai-responses.md §1, `input` list). */
export interface InputMessage {
  role: ChatMessage['role'];
  content: string | unknown[];
}

/** The call's conversation in Responses terms. */
export interface ResponsesInput {
  /** Joined system text, or null when there is none. */
  instructions: string | null;
  /** A plain string for a lone user text message (the documented minimal form), else message items. */
  input: string | InputMessage[];
}

/**
 * Converts one content part: text → `input_text`, image_url → `input_image` with the URL
 * as a string and `detail` (default `auto`). Audio and video URL parts have no URL form on
 * this endpoint in the reference, so they pass through unchanged and the gateway's 400 names them.
 */
export function convertContentPart(part: ContentPart): unknown {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image_url')
    return { type: 'input_image', image_url: part.image_url.url, detail: part.image_url.detail ?? 'auto' };
  return part;
}

/** The message's text when its content is a string or text parts only; null when it holds anything else. */
function plainText(content: ChatMessage['content']): string | null {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const part of content) {
    if (part.type !== 'text') return null;
    texts.push(part.text);
  }
  return texts.join('');
}

function convertMessage(message: ChatMessage): InputMessage {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  if (message.role === 'assistant') {
    // OpenAI rejects `input_text` parts on assistant turns (it wants `output_text`); a plain string is accepted for every role.
    return { role: 'assistant', content: plainText(message.content) ?? message.content.map(convertContentPart) };
  }
  return { role: message.role, content: message.content.map(convertContentPart) };
}

/**
 * Splits a call's messages into `instructions` and `input`. `system` (from `--system`)
 * comes first, then the text of every `system`-role message, joined by blank lines;
 * a system message holding non-text parts stays in `input`, where the role is allowed.
 * `developer` messages stay in `input`. When what remains is one user message whose
 * content is a string or a single text part, `input` is that string.
 */
export function convertInput(options: { messages: ChatMessage[]; system: string | undefined }): ResponsesInput {
  const instructionParts = options.system === undefined ? [] : [options.system];
  const remaining: ChatMessage[] = [];
  for (const message of options.messages) {
    const text = message.role === 'system' ? plainText(message.content) : null;
    if (text === null) remaining.push(message);
    else instructionParts.push(text);
  }
  const instructions = instructionParts.length > 0 ? instructionParts.join('\n\n') : null;
  const only = remaining.length === 1 ? remaining[0] : undefined;
  if (only !== undefined && only.role === 'user') {
    if (typeof only.content === 'string') return { instructions, input: only.content };
    const [first] = only.content;
    if (only.content.length === 1 && first.type === 'text') return { instructions, input: first.text };
  }
  return { instructions, input: remaining.map(convertMessage) };
}
