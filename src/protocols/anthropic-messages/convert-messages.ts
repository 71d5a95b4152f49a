import type { ChatMessage, ContentPart } from '../types.js';

/** One Messages-API content block, as sent. */
export type MessagesBlock = Record<string, unknown>;

/** One Messages-API turn: only `user` and `assistant` exist on the wire. */
export interface MessagesTurn {
  role: 'user' | 'assistant';
  content: string | MessagesBlock[];
}

/** A call's prompt in the Messages-API shape: a top-level system string and alternating turns. */
export interface MessagesPrompt {
  /** The joined system prompt, or null when the call has none. */
  system: string | null;
  messages: MessagesTurn[];
}

/** Separator between system prompts from different sources and between text parts of one system message. */
const systemSeparator = '\n\n';

const base64DataUrl = /^data:([^;,]+);base64,(.*)$/s;

/**
 * Converts one dataset content part into a Messages block (anthropic-messages.md §1.2):
 * text → `text`; an `image_url` holding a base64 data URL → `image` with a base64 source,
 * any other URL → `image` with a url source (`detail` has no equivalent and is dropped).
 * Audio and video parts have no Messages equivalent; they go out unchanged so the
 * gateway rejects the request as invalid instead of the model silently missing input.
 */
export function convertContentPart(part: ContentPart): MessagesBlock {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type === 'image_url') {
    const match = base64DataUrl.exec(part.image_url.url);
    const source =
      match === null
        ? { type: 'url', url: part.image_url.url }
        : { type: 'base64', media_type: match[1], data: match[2] };
    return { type: 'image', source };
  }
  return { ...part };
}

function toBlocks(content: string | MessagesBlock[]): MessagesBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function systemText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  // The system field takes text only; images in a system message have nowhere to go.
  return content
    .filter((part): part is Extract<ContentPart, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join(systemSeparator);
}

/**
 * Splits a call's prompt into the Messages shape (anthropic-messages.md §1.2). `system`
 * is `call.system` followed by every `system` and `developer` message in order, joined
 * by a blank line (empty ones skipped), because the API has no system role inside
 * `messages`. Consecutive turns of the same role are merged into one turn whose
 * content is the blocks of both, as the API expects alternating roles. A lone turn
 * keeps string content as a string. The first turn is not forced to be `user`.
 */
export function convertMessages(options: { system?: string; messages: ChatMessage[] }): MessagesPrompt {
  const systemParts = options.system === undefined ? [] : [options.system];
  const messages: MessagesTurn[] = [];
  for (const message of options.messages) {
    if (message.role === 'system' || message.role === 'developer') {
      systemParts.push(systemText(message.content));
      continue;
    }
    const content = typeof message.content === 'string' ? message.content : message.content.map(convertContentPart);
    const previous = messages[messages.length - 1];
    if (previous !== undefined && previous.role === message.role) {
      previous.content = [...toBlocks(previous.content), ...toBlocks(content)];
    } else {
      messages.push({ role: message.role, content });
    }
  }
  const system = systemParts.filter((part) => part !== '').join(systemSeparator);
  return { system: system === '' ? null : system, messages };
}
