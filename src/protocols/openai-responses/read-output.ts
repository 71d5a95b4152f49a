import { isRecord } from '../json-values.js';

/** What a Responses `output` array holds, reduced to what a completion needs. */
export interface OutputContent {
  /** Every `output_text` part of assistant `message` items, in output order. */
  textParts: string[];
  /** Non-empty reasoning parts in output order: `summary[].text`, or `reasoning_text` content when a summary is empty. */
  reasoningParts: string[];
  /** True when a message item carried at least one `output_text` part. */
  sawText: boolean;
  /** True when the output holds a `function_call` item. */
  hasFunctionCall: boolean;
}

/** Texts of the parts of `parts` whose `type` is `type` (or missing, when `typeOptional`). */
function partTexts(options: { parts: unknown; type: string; typeOptional?: boolean }): string[] {
  const { parts, type } = options;
  if (!Array.isArray(parts)) return [];
  return parts
    .filter(
      (part): part is { text: string } =>
        isRecord(part) &&
        (part.type === type || (options.typeOptional === true && part.type === undefined)) &&
        typeof part.text === 'string',
    )
    .map((part) => part.text);
}

/**
 * Reads an `output` array (openai-responses.md §5–§6). Items of any other type
 * (`web_search_call`, …) are skipped; `encrypted_content` is never read. A message
 * without a role counts as the assistant's, since output messages are always the model's.
 */
export function readOutput(output: unknown): OutputContent {
  const content: OutputContent = { textParts: [], reasoningParts: [], sawText: false, hasFunctionCall: false };
  if (!Array.isArray(output)) return content;
  for (const item of output) {
    if (!isRecord(item)) continue;
    if (item.type === 'message' && (item.role === undefined || item.role === 'assistant')) {
      const texts = partTexts({ parts: item.content, type: 'output_text' });
      content.sawText ||= texts.length > 0;
      content.textParts.push(...texts);
    } else if (item.type === 'reasoning') {
      const summary = partTexts({ parts: item.summary, type: 'summary_text', typeOptional: true }).filter(
        (text) => text !== '',
      );
      // Some non-OpenAI upstreams leave `summary` empty and put the text in `content`.
      const fallback =
        summary.length > 0
          ? []
          : partTexts({ parts: item.content, type: 'reasoning_text' }).filter((text) => text !== '');
      content.reasoningParts.push(...summary, ...fallback);
    } else if (item.type === 'function_call') {
      content.hasFunctionCall = true;
    }
  }
  return content;
}
