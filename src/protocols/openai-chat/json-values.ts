import { isRecord, stringOrNull } from '../json-values.js';

export { isRecord, stringOrNull } from '../json-values.js';

/**
 * The text of a chat `content` value: a string as is; an array of parts joined from
 * its `text` parts (Gemini image models answer this way); anything else (null with tool calls) as ''.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(
      (part): part is { type: 'text'; text: string } =>
        isRecord(part) && part.type === 'text' && typeof part.text === 'string',
    )
    .map((part) => part.text)
    .join('');
}

/**
 * Reasoning text from a message or delta: `reasoning_content`, else OpenRouter-style
 * `reasoning`. Null when neither is a string, which is what allows a `<think>` split later.
 */
export function reasoningText(source: Record<string, unknown>): string | null {
  return stringOrNull(source.reasoning_content) ?? stringOrNull(source.reasoning);
}
