/** A content string whose leading reasoning wrapper was split off. */
export interface SplitContent {
  text: string;
  reasoning: string;
  rawText: string;
}

/** Only these exact wrappers count; model-written tags such as `<budget:thinking>` stay in the text. */
const leadingWrapper = /^\s*<(think|thought)>([\s\S]*?)<\/\1>/;

/**
 * Splits a leading `<think>…</think>` or `<thought>…</thought>` wrapper off a content
 * string (README "reasoning-text extraction", step 2). Callers use it only when no
 * dedicated reasoning field was present. Returns null when the content does not start
 * with a complete wrapper: an unclosed `<think>` (cut off mid-thought) is left as text.
 * Whitespace around the reasoning and before the answer is trimmed.
 */
export function splitReasoningWrapper(content: string): SplitContent | null {
  const match = leadingWrapper.exec(content);
  if (match === null) return null;
  return {
    text: content.slice(match[0].length).replace(/^\s+/, ''),
    reasoning: match[2].trim(),
    rawText: content,
  };
}
