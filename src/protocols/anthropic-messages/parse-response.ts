import { classifyErrorPayload } from '../http-errors.js';
import { isRecord, stringOrNull } from '../json-values.js';
import { failed, succeeded, type Completion, type Outcome, type ParseContext } from '../types.js';
import { assembleMessagesCompletion } from './assemble-completion.js';
import { convertMessagesUsage } from './convert-usage.js';

/** The visible and reasoning text of a Messages `content[]` array. */
export interface ContentText {
  /** `.text` of all `text` blocks, joined in order. */
  text: string;
  /** `.thinking` of all `thinking` blocks, joined in order; null when there were none. */
  reasoning: string | null;
  /** How many `redacted_thinking` blocks came back: encrypted reasoning that has no text. */
  redactedThinkingBlocks: number;
}

/**
 * Reads the text out of `content[]` (anthropic-messages.md §5). `tool_use`, server-tool
 * and unknown blocks contribute nothing; `redacted_thinking` blocks are only counted.
 */
export function readContentBlocks(content: unknown[]): ContentText {
  const text: string[] = [];
  const reasoning: string[] = [];
  let thinkingSeen = false;
  let redactedThinkingBlocks = 0;
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') text.push(block.text);
    if (block.type === 'thinking') {
      thinkingSeen = true;
      if (typeof block.thinking === 'string') reasoning.push(block.thinking);
    }
    if (block.type === 'redacted_thinking') redactedThinkingBlocks += 1;
  }
  return { text: text.join(''), reasoning: thinkingSeen ? reasoning.join('') : null, redactedThinkingBlocks };
}

/**
 * Parses a 2xx Messages JSON body (anthropic-messages.md §2). A body that is an error
 * envelope (`type: 'error'` or an `error` object, either shape) is a Failure classified by
 * its type (transient when the type says nothing); a body without a `content` array is a
 * transient (malformed) Failure. Neither `stop_sequence` nor the gateway's extra usage keys are required.
 */
export function parseMessagesResponse(body: unknown, _context: ParseContext): Outcome<Completion> {
  if (isRecord(body) && (body.type === 'error' || (body.error !== undefined && body.error !== null))) {
    return failed(
      classifyErrorPayload({ payload: body, label: 'error object in a 2xx response', fallbackKind: 'transient' }),
    );
  }
  if (!isRecord(body) || !Array.isArray(body.content)) {
    return failed({
      kind: 'transient',
      message: 'malformed messages response: no content array',
      status: null,
      code: null,
      retryAfterMs: null,
    });
  }
  const content = readContentBlocks(body.content);
  const completion = assembleMessagesCompletion({
    text: content.text,
    reasoning: content.reasoning,
    usage: convertMessagesUsage(body.usage),
    stopReason: body.stop_reason,
    model: stringOrNull(body.model),
    id: stringOrNull(body.id),
  });
  return succeeded(completion);
}
